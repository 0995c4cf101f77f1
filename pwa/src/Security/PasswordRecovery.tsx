/**
 * `/quen-mat-khau`: "Quên mật khẩu". The personal ID number and phone → the OTP (the shared step) → the account's
 * security question → a new password (the shared step) → "Đăng nhập".
 */
import { useState } from "preact/hooks";
import {
  RecoveryAnswerBody,
  RecoveryStartBody,
  RecoveryState,
  type RecoveryStateT,
} from "../../../shared/account-schemas";
import { FIELD_MESSAGES } from "../../../shared/schemas";
import type { ApiError } from "../api";
import { type FlowApi, type StepProps, apiCall } from "../flow/flow";
import { OtpStep } from "../flow/OtpStep";
import { PasswordStep } from "../flow/PasswordStep";
import { StepProgress } from "../flow/Progress";
import { useServerFlow } from "../flow/useServerFlow";
import { Field, FormEnd, INPUT, useSchemaForm } from "../form";
import { Link } from "../router";
import { ROUTES } from "../routes";
import { setMe } from "../session";
import { Alert, Heading, NoteLink, Success, useTitle, Loading } from "../ui";
import { tSecurity } from "../i18n/security";

const RECOVERY_API: FlowApi<RecoveryStateT> = {
  base: "/api/recovery",
  schema: RecoveryState,
  storageKey: "vneid.recoveryFlowId",
};

const STEPS = ["form", "otp", "question", "password"] as const;
const progress = (step: (typeof STEPS)[number]) => (
  <StepProgress steps={STEPS} at={step} label={tSecurity().recovery.progress} />
);

/** Step 1: "Số định danh cá nhân", "Số điện thoại" → "Gửi yêu cầu" (texts the OTP). */
function RecoveryStart({ onStarted }: { onStarted(flow: RecoveryStateT): void }) {
  const r = tSecurity().recovery;
  const form = useSchemaForm("rec", { citizenId: "", phone: "" }, RecoveryStartBody, { messages: FIELD_MESSAGES });
  const submit = form.submit("start", (body) => apiCall(RECOVERY_API, "start", body), onStarted);
  return (
    <>
      <Heading>{r.title}</Heading>
      {progress("form")}
      <p>{r.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field
          {...form.bind("citizenId")}
          {...INPUT.citizenId}
          label={r.citizenId}
          hint={r.citizenIdHint}
          autoComplete="username"
        />
        <Field {...form.bind("phone")} {...INPUT.phone} label={r.phone} hint={r.phoneHint} />
        <FormEnd error={form.req.error} busy={form.req.busy === "start"} submit={r.submit} />
      </form>
      <NoteLink href={ROUTES.login.path}>{r.backToLogin}</NoteLink>
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
}: StepProps<RecoveryStateT> & { onLocked(e: ApiError): void }) {
  const r = tSecurity().recovery;
  const form = useSchemaForm("ans", { answer: "" }, RecoveryAnswerBody, {
    body: (v) => ({ flowId: flow.flowId, answer: v.answer }),
    messages: FIELD_MESSAGES,
  });
  const submit = form.submit("answer", (body) => apiCall(RECOVERY_API, "answer", body), advance, {
    failed: (error) => (error.code === "RECOVERY_LOCKED" ? (onLocked(error), true) : flowFailed(error)),
    after: (error) => {
      if (error.code === "ANSWER_WRONG")
        (document.getElementById(form.idOf("answer")) as HTMLInputElement | null)?.select();
    },
  });
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
        <FormEnd error={form.req.error} busy={form.req.busy === "answer"} submit={r.next} />
      </form>
    </>
  );
}

/** `/quen-mat-khau`. */
export function PasswordRecovery() {
  const r = tSecurity().recovery;
  useTitle(r.title);
  const server = useServerFlow(RECOVERY_API);
  const { flow, resuming, flowError, cancelling, cancel } = server;
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
  if (!flow) return flowError ? server.gone(r.title) : <RecoveryStart onStarted={server.advance} />;
  switch (flow.step) {
    case "otp":
      return (
        <OtpStep
          key="otp"
          {...server.stepProps(progress("otp"))}
          api={RECOVERY_API}
          onCancel={cancel}
          cancelling={cancelling}
        />
      );
    case "question":
      return (
        <QuestionStep
          key="question"
          {...server.stepProps(progress("question"))}
          onLocked={(e) => {
            server.restart();
            setLocked(e);
          }}
        />
      );
    case "password":
      return <PasswordStep key="password" {...server.stepProps(progress("password"))} api={RECOVERY_API} />;
    default:
      return (
        <Success title={r.doneTitle} text={r.doneText} live>
          <Link href={ROUTES.login.path} class="btn" onClick={() => setMe(null)}>
            {r.login}
          </Link>
        </Success>
      );
  }
}
