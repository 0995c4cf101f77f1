/** Seed 000, step 4 / seed 001, step 7: two different security questions from the list, with their answers. */
import { useEffect, useState } from "preact/hooks";
import { ANSWER_MAX } from "../../../shared/credentials";
import {
  FIELD_MESSAGES,
  SecurityBody,
  SecurityQuestionsResponse,
  type SecurityQuestionT,
} from "../../../shared/schemas";
import { type ApiError, get } from "../api";
import { Field, FormEnd, SelectField, useSchemaForm } from "../form";
import { tFlows } from "../i18n/flows";
import { Heading, Loading, Retry } from "../ui";
import { type ActivationStepProps, flowCall } from "./api";

type Key = "q1" | "a1" | "q2" | "a2";
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

export function SecurityStep({ flow, advance, flowFailed, progress }: ActivationStepProps) {
  const s = tFlows().security;
  const list = useSecurityQuestions();
  const form = useSchemaForm("sq", { q1: "", a1: "", q2: "", a2: "" }, SecurityBody, {
    body: (v) => body(flow.flowId, v),
    messages: FALLBACK,
    rename: PATHS,
  });
  const submit = form.submit("security", (b) => flowCall("security", b), advance, { failed: flowFailed });

  const questions = list.questions;
  const select = (k: "q1" | "q2", n: number) => {
    const b = form.bind(k);
    return (
      <SelectField
        id={b.id}
        label={s.question(n)}
        value={b.value}
        error={b.error}
        onChange={(value) => {
          form.set(k, value);
          b.onBlur(); // a choice is a complete answer: check it at once
        }}
        onBlur={b.onBlur}
      >
        <option value="">{s.placeholder}</option>
        {(questions ?? []).map((q) => (
          <option key={q.id} value={String(q.id)}>
            {q.text}
          </option>
        ))}
      </SelectField>
    );
  };
  // A long question is cut inside a narrow <select>: the answer repeats it in full, where it is answered.
  const chosen = (k: "q1" | "q2") => questions?.find((q) => String(q.id) === form.bind(k).value)?.text;
  const answer = (k: "a1" | "a2", n: number) => (
    <Field
      {...form.bind(k)}
      label={s.answer(n)}
      hint={chosen(k === "a1" ? "q1" : "q2")}
      autoComplete="off"
      maxLength={ANSWER_MAX * 2}
    />
  );

  return (
    <>
      <Heading>{s.title}</Heading>
      {progress}
      <p>{s.intro}</p>
      {!questions ? (
        list.error ? (
          <Retry error={{ message: s.loadFailed, hint: list.error.message }} onRetry={list.retry} />
        ) : (
          <Loading />
        )
      ) : (
        <form onSubmit={submit} noValidate>
          <div class="group">
            {select("q1", 1)}
            {answer("a1", 1)}
          </div>
          <div class="group">
            {select("q2", 2)}
            {answer("a2", 2)}
          </div>
          <FormEnd error={form.req.error} busy={form.req.busy === "security"} submit={s.submit} />
        </form>
      )}
    </>
  );
}
