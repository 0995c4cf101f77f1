/** `/tai-khoan/quen-ma-passcode` (logged in): "Quên mã passcode". "Bắt đầu" → the OTP (the shared step) → a new passcode. */
import type { VNode } from "preact";
import { useState } from "preact/hooks";
import * as z from "zod/mini";
import { PasscodeRecoveryState, type PasscodeRecoveryStateT } from "../../../shared/account-schemas";
import { isPasscode } from "../../../shared/credentials";
import { FIELD_MESSAGES } from "../../../shared/schemas";
import { type ApiError, useRequest } from "../api";
import { type FlowApi, apiCall } from "../flow/flow";
import { OtpStep } from "../flow/OtpStep";
import { useServerFlow } from "../flow/useServerFlow";
import { Field, errorsFor, issuesByField, serverFields, useForm } from "../form";
import { Link, navigate } from "../router";
import { ROUTES } from "../routes";
import { Alert, Button, Heading, Progress, useTitle } from "../ui";
import { Done, Loading, s } from "./common";

const PASSCODE_API: FlowApi<PasscodeRecoveryStateT> = {
  base: "/api/me/passcode-recovery",
  schema: PasscodeRecoveryState,
  storageKey: "vneid.passcodeRecoveryFlowId",
};

const PC_KEYS = ["passcode", "confirmPasscode"] as const;
const NewPasscode = z
  .object({ passcode: z.string().check(z.refine(isPasscode, FIELD_MESSAGES.passcode)), confirmPasscode: z.string() })
  .check(z.refine((b) => b.passcode === b.confirmPasscode, { error: FIELD_MESSAGES.confirmPasscode, path: ["confirmPasscode"] }));

function pcProgress(step: "otp" | "passcode"): VNode {
  return <Progress step={step === "otp" ? 1 : 2} total={2} label={s().passcode.progress} />;
}

function NewPasscodeStep({
  flow,
  advance,
  flowFailed,
  progress,
}: {
  flow: PasscodeRecoveryStateT;
  advance(f: PasscodeRecoveryStateT): void;
  flowFailed(e: ApiError): boolean;
  progress: VNode;
}) {
  const p = s().passcode;
  const req = useRequest();
  const form = useForm<(typeof PC_KEYS)[number]>(
    "npc",
    { passcode: "", confirmPasscode: "" },
    (v) => errorsFor(issuesByField(NewPasscode.safeParse(v), FIELD_MESSAGES), PC_KEYS),
    "blur",
  );
  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const res = await req.run("passcode", () => apiCall(PASSCODE_API, "passcode", { flowId: flow.flowId, ...form.values }));
    if (res.ok) return advance(res.data);
    if (flowFailed(res.error)) return;
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), PC_KEYS));
  }
  const digits = { type: "password", inputMode: "numeric", pattern: "[0-9]*", maxLength: 6, autoComplete: "off" } as const;
  return (
    <>
      <Heading>{p.newTitle}</Heading>
      {progress}
      <p>{p.newIntro}</p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("passcode")} {...digits} label={p.passcode} />
        <Field {...form.bind("confirmPasscode")} {...digits} label={p.confirm} />
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "passcode"}>
            {p.submit}
          </Button>
        </div>
      </form>
    </>
  );
}

/** `/tai-khoan/quen-ma-passcode` (logged in). */
export function PasscodeRecovery() {
  const p = s().passcode;
  useTitle(p.title);
  const server = useServerFlow(PASSCODE_API);
  const { flow, resuming, flowError, advance, flowFailed, errorBox } = server;
  const req = useRequest();
  const [leaving, setLeaving] = useState(false);

  async function start() {
    if (req.busy) return;
    const res = await req.run("start", () => apiCall(PASSCODE_API, "start", {}));
    if (res.ok) return advance(res.data);
    if (res.error.status === 401) return navigate(ROUTES.login.path, true);
    req.setError(res.error);
  }
  function leave() {
    setLeaving(true);
    server.restart();
    navigate(ROUTES.account.path);
  }

  if (resuming) return <Loading />;
  if (!flow) {
    return (
      <>
        <Heading>{p.title}</Heading>
        {flowError ? errorBox : null}
        <p>{p.intro}</p>
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Link href={ROUTES.account.path} class="btn btn-secondary">
            {p.back}
          </Link>
          <Button onClick={start} busy={req.busy === "start"}>
            {p.start}
          </Button>
        </div>
      </>
    );
  }
  const withError = (step: "otp" | "passcode") => (
    <>
      {pcProgress(step)}
      {errorBox}
    </>
  );
  const props = { flow, advance, flowFailed };
  switch (flow.step) {
    case "otp":
      return <OtpStep key="otp" {...props} api={PASSCODE_API} progress={withError("otp")} onCancel={leave} cancelling={leaving} />;
    case "passcode":
      return <NewPasscodeStep key="passcode" {...props} progress={withError("passcode")} />;
    default:
      return (
        <Done title={p.doneTitle} text={p.doneText}>
          <Link href={ROUTES.account.path} class="btn">
            {p.back}
          </Link>
        </Done>
      );
  }
}
