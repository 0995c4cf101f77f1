/**
 * `/quen-mat-khau`: "Quên mật khẩu". The personal ID number and phone → the OTP (the shared step) → the account's
 * security question → a new password (the shared step) → "Đăng nhập".
 */
import type { VNode } from "preact";
import { useState } from "preact/hooks";
import * as z from "zod/mini";
import { RecoveryAnswerBody, RecoveryState, type RecoveryStateT } from "../../../shared/account-schemas";
import { CitizenId, FIELD_MESSAGES, Phone } from "../../../shared/schemas";
import { type ApiError, useRequest } from "../api";
import { type FlowApi, apiCall } from "../flow/flow";
import { OtpStep } from "../flow/OtpStep";
import { PasswordStep } from "../flow/PasswordStep";
import { useServerFlow } from "../flow/useServerFlow";
import { Field, errorsFor, issuesByField, serverFields, useForm } from "../form";
import { Link } from "../router";
import { ROUTES } from "../routes";
import { setMe } from "../session";
import { Alert, Button, Heading, Progress, useTitle } from "../ui";
import { Done, Loading, s } from "./common";

const RECOVERY_API: FlowApi<RecoveryStateT> = { base: "/api/recovery", schema: RecoveryState, storageKey: "vneid.recoveryFlowId" };

const IDENT_KEYS = ["citizenId", "phone"] as const;
const IdentBody = z.strictObject({ citizenId: CitizenId, phone: Phone });
const PW_STEPS = ["form", "otp", "question", "password"] as const;

function pwProgress(step: (typeof PW_STEPS)[number]): VNode {
  return <Progress step={PW_STEPS.indexOf(step) + 1} total={PW_STEPS.length} label={s().recovery.progress} />;
}

/** Step 1: "Số định danh cá nhân", "Số điện thoại" → "Gửi yêu cầu" (texts the OTP). */
function RecoveryStart({ onStarted }: { onStarted(flow: RecoveryStateT): void }) {
  const r = s().recovery;
  const req = useRequest();
  const form = useForm<(typeof IDENT_KEYS)[number]>(
    "rec",
    { citizenId: "", phone: "" },
    (v) => errorsFor(issuesByField(IdentBody.safeParse(v), FIELD_MESSAGES), IDENT_KEYS),
    "blur",
  );
  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = IdentBody.safeParse(form.values);
    if (!parsed.success) return;
    const res = await req.run("start", () => apiCall(RECOVERY_API, "start", parsed.data));
    if (res.ok) return onStarted(res.data);
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), IDENT_KEYS));
  }
  return (
    <>
      <Heading>{r.title}</Heading>
      {pwProgress("form")}
      <p>{r.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field
          {...form.bind("citizenId")}
          label={r.citizenId}
          hint={r.citizenIdHint}
          inputMode="numeric"
          autoComplete="username"
          maxLength={20}
          spellcheck={false}
        />
        <Field {...form.bind("phone")} label={r.phone} hint={r.phoneHint} type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "start"}>
            {r.submit}
          </Button>
        </div>
      </form>
      <p class="note">
        <Link href={ROUTES.login.path}>{r.backToLogin}</Link>
      </p>
    </>
  );
}

/** The flow's security question; a lock (5 wrong answers) ends the flow. */
function QuestionStep({
  flow,
  advance,
  flowFailed,
  progress,
  onLocked,
}: {
  flow: RecoveryStateT;
  advance(f: RecoveryStateT): void;
  flowFailed(e: ApiError): boolean;
  progress: VNode;
  onLocked(e: ApiError): void;
}) {
  const r = s().recovery;
  const req = useRequest();
  const { flowId } = flow;
  const form = useForm<"answer">(
    "ans",
    { answer: "" },
    (v) => errorsFor(issuesByField(RecoveryAnswerBody.safeParse({ flowId, answer: v.answer }), FIELD_MESSAGES), ["answer"]),
    "blur",
  );
  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = RecoveryAnswerBody.safeParse({ flowId, answer: form.values.answer });
    if (!parsed.success) return;
    const res = await req.run("answer", () => apiCall(RECOVERY_API, "answer", parsed.data));
    if (res.ok) return advance(res.data);
    if (res.error.code === "RECOVERY_LOCKED") return onLocked(res.error);
    if (flowFailed(res.error)) return;
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), ["answer"]));
    if (res.error.code === "ANSWER_WRONG") (document.getElementById(form.idOf("answer")) as HTMLInputElement | null)?.select();
  }
  return (
    <>
      <Heading>{r.questionTitle}</Heading>
      {progress}
      <p>{r.questionIntro}</p>
      <p class="question-text">
        <strong>{flow.question?.text}</strong>
      </p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("answer")} label={r.answer} hint={r.answerHint} autoComplete="off" maxLength={400} />
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "answer"}>
            {r.next}
          </Button>
        </div>
      </form>
    </>
  );
}

/** `/quen-mat-khau`. */
export function PasswordRecovery() {
  const r = s().recovery;
  useTitle(r.title);
  const server = useServerFlow(RECOVERY_API);
  const { flow, resuming, flowError, cancelling, advance, flowFailed, cancel, errorBox } = server;
  const [locked, setLocked] = useState<ApiError | null>(null);

  if (resuming) return <Loading />;
  if (locked) {
    return (
      <>
        <Heading>{r.title}</Heading>
        <Alert error={locked} />
        <div class="actions">
          <Link href={ROUTES.login.path} class="btn">
            {r.backToLogin}
          </Link>
        </div>
      </>
    );
  }
  if (!flow) {
    return flowError ? (
      <>
        <Heading>{r.title}</Heading>
        {errorBox}
      </>
    ) : (
      <RecoveryStart onStarted={advance} />
    );
  }
  const withError = (step: (typeof PW_STEPS)[number]) => (
    <>
      {pwProgress(step)}
      {errorBox}
    </>
  );
  const props = { flow, advance, flowFailed };
  switch (flow.step) {
    case "otp":
      return <OtpStep key="otp" {...props} api={RECOVERY_API} progress={withError("otp")} onCancel={cancel} cancelling={cancelling} />;
    case "question":
      return (
        <QuestionStep
          key="question"
          {...props}
          progress={withError("question")}
          onLocked={(e) => {
            server.restart();
            setLocked(e);
          }}
        />
      );
    case "password":
      return <PasswordStep key="password" {...props} api={RECOVERY_API} progress={withError("password")} />;
    default:
      return (
        <Done title={r.doneTitle} text={r.doneText}>
          <Link
            href={ROUTES.login.path}
            class="btn"
            onClick={() => {
              setMe(null);
            }}
          >
            {r.login}
          </Link>
        </Done>
      );
  }
}
