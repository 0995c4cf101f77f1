/**
 * `/kich-hoat`: the activation flow (seed 000 steps 2–4, seed 001 steps 6–7). The server holds the flow; this
 * screen shows the step the server says, keeps the flow id in sessionStorage to resume after a reload, and
 * handles the errors that concern the whole flow (expired, out of order).
 */
import type { ActivationStep } from "../../../shared/lifecycle";
import { t } from "../i18n";
import { Heading, Progress } from "../ui";
import { DeviceStep } from "./DeviceStep";
import { DoneStep } from "./DoneStep";
import { OtpStep } from "../flow/OtpStep";
import { PasscodeStep } from "./PasscodeStep";
import { PasswordStep } from "../flow/PasswordStep";
import { SecurityStep } from "./SecurityStep";
import { StartForm } from "./StartForm";
import { useServerFlow } from "../flow/useServerFlow";
import { ACTIVATION_API } from "./api";

/** "Bước n/total": the request form is step 1; the password step only counts when the account needs one. */
function progressOf(step: ActivationStep | "start", needsPassword: boolean): { n: number; total: number } {
  const steps: Array<ActivationStep | "start"> = ["start", "device", "otp"];
  if (needsPassword) steps.push("password");
  steps.push("passcode", "security");
  const i = steps.indexOf(step);
  return { n: i < 0 ? steps.length : i + 1, total: steps.length };
}

export function Activation() {
  const { flow, resuming, flowError, cancelling, advance, flowFailed, cancel, errorBox } = useServerFlow(ACTIVATION_API);

  if (resuming) {
    return (
      <p class="loading" role="status">
        {t.common.loading}
      </p>
    );
  }

  if (!flow) {
    if (flowError) {
      // The flow is gone: say so, and offer to start again.
      return (
        <>
          <Heading>{t.start.title}</Heading>
          {errorBox}
        </>
      );
    }
    const p = progressOf("start", true);
    return <StartForm progress={<Progress step={p.n} total={p.total} />} onStarted={advance} />;
  }

  const { step, needsPassword } = flow;
  const p = progressOf(step, needsPassword);
  const progress = (
    <>
      <Progress step={p.n} total={p.total} />
      {errorBox}
    </>
  );
  const props = { flow, advance, flowFailed, progress };
  let screen;
  switch (step) {
    case "device":
      screen = <DeviceStep key="device" {...props} onCancel={cancel} />;
      break;
    case "otp":
      screen = <OtpStep key="otp" {...props} api={ACTIVATION_API} onCancel={cancel} cancelling={cancelling} />;
      break;
    case "password":
      screen = <PasswordStep key="password" {...props} api={ACTIVATION_API} />;
      break;
    case "passcode":
      screen = <PasscodeStep key="passcode" {...props} />;
      break;
    case "security":
      screen = <SecurityStep key="security" {...props} />;
      break;
    default:
      screen = <DoneStep key="done" />;
  }
  return screen;
}
