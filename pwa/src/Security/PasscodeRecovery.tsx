/** `/tai-khoan/quen-ma-passcode` (logged in): "Quên mã passcode". "Bắt đầu" → the OTP (the shared step) → a new passcode. */
import { useState } from "preact/hooks";
import * as z from "zod/mini";
import { PasscodeRecoveryState, type PasscodeRecoveryStateT } from "../../../shared/account-schemas";
import { isPasscode } from "../../../shared/credentials";
import { FIELD_MESSAGES } from "../../../shared/schemas";
import { useRequest } from "../api";
import { type FlowApi, type StepProps, apiCall } from "../flow/flow";
import { OtpStep } from "../flow/OtpStep";
import { StepProgress } from "../flow/Progress";
import { useServerFlow } from "../flow/useServerFlow";
import { Field, FormEnd, INPUT, useSchemaForm } from "../form";
import { Link, navigate } from "../router";
import { ROUTES } from "../routes";
import { Alert, Button, Heading, Success, useTitle, Loading } from "../ui";
import { tSecurity } from "../i18n/security";
import { sessionLost } from "../useLoggedInData";

const PASSCODE_API: FlowApi<PasscodeRecoveryStateT> = {
  base: "/api/me/passcode-recovery",
  schema: PasscodeRecoveryState,
  storageKey: "vneid.passcodeRecoveryFlowId",
};

const NewPasscode = z
  .object({ passcode: z.string().check(z.refine(isPasscode, FIELD_MESSAGES.passcode)), confirmPasscode: z.string() })
  .check(
    z.refine((b) => b.passcode === b.confirmPasscode, {
      error: FIELD_MESSAGES.confirmPasscode,
      path: ["confirmPasscode"],
    }),
  );

const progress = (step: "otp" | "passcode") => (
  <StepProgress steps={["otp", "passcode"]} at={step} label={tSecurity().passcode.progress} />
);

function NewPasscodeStep({ flow, advance, flowFailed, progress }: StepProps<PasscodeRecoveryStateT>) {
  const p = tSecurity().passcode;
  const form = useSchemaForm("npc", { passcode: "", confirmPasscode: "" }, NewPasscode, { messages: FIELD_MESSAGES });
  const submit = form.submit(
    "passcode",
    (body) => apiCall(PASSCODE_API, "passcode", { flowId: flow.flowId, ...body }),
    advance,
    {
      failed: flowFailed,
    },
  );
  return (
    <>
      <Heading>{p.newTitle}</Heading>
      {progress}
      <p>{p.newIntro}</p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("passcode")} {...INPUT.passcode} label={p.passcode} />
        <Field {...form.bind("confirmPasscode")} {...INPUT.passcode} label={p.confirm} />
        <FormEnd error={form.req.error} busy={form.req.busy === "passcode"} submit={p.submit} />
      </form>
    </>
  );
}

/** `/tai-khoan/quen-ma-passcode` (logged in). */
export function PasscodeRecovery() {
  const p = tSecurity().passcode;
  useTitle(p.title);
  const server = useServerFlow(PASSCODE_API);
  const { flow, resuming, flowError, advance, errorBox } = server;
  const req = useRequest();
  const [leaving, setLeaving] = useState(false);

  async function start() {
    if (req.busy) return;
    const res = await req.run("start", () => apiCall(PASSCODE_API, "start", {}));
    if (res.ok) advance(res.data);
    else if (!sessionLost(res.error)) req.setError(res.error);
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
  switch (flow.step) {
    case "otp":
      return (
        <OtpStep
          key="otp"
          {...server.stepProps(progress("otp"))}
          api={PASSCODE_API}
          onCancel={leave}
          cancelling={leaving}
        />
      );
    case "passcode":
      return <NewPasscodeStep key="passcode" {...server.stepProps(progress("passcode"))} />;
    default:
      return (
        <Success title={p.doneTitle} text={p.doneText} live>
          <Link href={ROUTES.account.path} class="btn">
            {p.back}
          </Link>
        </Success>
      );
  }
}
