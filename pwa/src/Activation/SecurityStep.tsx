/** Seed 000, step 4 / seed 001, step 7: two different security questions from the list, with their answers. */
import { useEffect, useState } from "preact/hooks";
import { ANSWER_MAX } from "../../../shared/credentials";
import { FIELD_MESSAGES, SecurityBody, SecurityQuestionsResponse, type SecurityQuestionT } from "../../../shared/schemas";
import { type ApiError, get, useRequest } from "../api";
import { t } from "../i18n";
import { Alert, Button, Heading } from "../ui";
import { flowCall, type ActivationStepProps } from "./api";
import { Field, FieldError, issuesByField, errorsFor, serverFields, useForm } from "../form";

const KEYS = ["q1", "a1", "q2", "a2"] as const;
type Key = (typeof KEYS)[number];
/** Schema paths → form fields. */
const PATHS: Record<string, Key> = {
  "answers.0.questionId": "q1",
  "answers.0.answer": "a1",
  "answers.1.questionId": "q2",
  "answers.1.answer": "a2",
  answers: "q2",
};
const FALLBACK: Record<string, string> = {
  "answers.0.questionId": FIELD_MESSAGES.question,
  "answers.1.questionId": FIELD_MESSAGES.question,
  "answers.0.answer": FIELD_MESSAGES.answer,
  "answers.1.answer": FIELD_MESSAGES.answer,
};

function body(flowId: string, v: Record<Key, string>) {
  return {
    flowId,
    answers: [
      { questionId: Number(v.q1) || 0, answer: v.a1 },
      { questionId: Number(v.q2) || 0, answer: v.a2 },
    ],
  };
}

let cached: SecurityQuestionT[] | null = null;

/** The question list, fetched once per page load. */
export function useSecurityQuestions() {
  const [questions, setQuestions] = useState<SecurityQuestionT[] | null>(cached);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (cached) return;
    let live = true;
    setError(null);
    get("/api/security-questions", SecurityQuestionsResponse).then((res) => {
      if (!live) return;
      if (res.ok) setQuestions((cached = res.data.questions));
      else setError(res.error);
    });
    return () => {
      live = false;
    };
  }, [attempt]);
  return { questions, error, retry: () => setAttempt((n) => n + 1) };
}

function QuestionSelect({
  id,
  label,
  value,
  error,
  questions,
  onInput,
  onBlur,
}: {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  questions: SecurityQuestionT[];
  onInput(e: Event): void;
  onBlur(): void;
}) {
  const errorId = `${id}-error`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={onInput}
        onBlur={onBlur}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? errorId : undefined}
      >
        <option value="">{t.security.placeholder}</option>
        {questions.map((q) => (
          <option key={q.id} value={String(q.id)}>
            {q.text}
          </option>
        ))}
      </select>
      {error ? <FieldError id={errorId} text={error} /> : null}
    </div>
  );
}

export function SecurityStep({ flow, advance, flowFailed, progress }: ActivationStepProps) {
  const { flowId } = flow;
  const req = useRequest();
  const list = useSecurityQuestions();
  const form = useForm<Key>(
    "sq",
    { q1: "", a1: "", q2: "", a2: "" },
    (v) => errorsFor(issuesByField(SecurityBody.safeParse(body(flowId, v)), FALLBACK), KEYS, PATHS),
    "blur",
  );

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = SecurityBody.safeParse(body(flowId, form.values));
    if (!parsed.success) return;
    const res = await req.run("security", () => flowCall("security", parsed.data));
    if (res.ok) return advance(res.data);
    if (flowFailed(res.error)) return;
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), KEYS, PATHS));
  }

  const questions = list.questions;
  const select = (k: "q1" | "q2", n: number) => {
    const b = form.bind(k);
    return (
      <QuestionSelect
        id={b.id}
        label={t.security.question(n)}
        value={b.value}
        error={b.error}
        questions={questions ?? []}
        onInput={(e) => {
          form.set(k, (e.currentTarget as HTMLSelectElement).value);
          b.onBlur(); // a choice is a complete answer: check it at once
        }}
        onBlur={b.onBlur}
      />
    );
  };

  return (
    <>
      <Heading>{t.security.title}</Heading>
      {progress}
      <p>{t.security.intro}</p>
      {!questions ? (
        list.error ? (
          <>
            <Alert error={{ message: t.security.loadFailed, hint: list.error.message }} />
            <div class="actions">
              <Button onClick={list.retry}>{t.common.retry}</Button>
            </div>
          </>
        ) : (
          <p class="loading" role="status">
            {t.common.loading}
          </p>
        )
      ) : (
        <form onSubmit={submit} noValidate>
          <div class="group">
            {select("q1", 1)}
            <Field {...form.bind("a1")} label={t.security.answer(1)} autoComplete="off" maxLength={ANSWER_MAX * 2} />
          </div>
          <div class="group">
            {select("q2", 2)}
            <Field {...form.bind("a2")} label={t.security.answer(2)} autoComplete="off" maxLength={ANSWER_MAX * 2} />
          </div>
          {req.error ? <Alert error={req.error} /> : null}
          <div class="actions">
            <Button type="submit" busy={req.busy === "security"}>
              {t.security.submit}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
