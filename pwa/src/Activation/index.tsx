/**
 * `/kich-hoat`: the activation flow (seed 000 steps 2–4, seed 001 steps 6–7). The server holds the flow; this
 * screen shows the step the server says, keeps the flow id in sessionStorage to resume after a reload, and
 * handles the errors that concern the whole flow (expired, out of order).
 */
import type { ActivationStep } from "../../../shared/lifecycle";
import { t } from "../i18n";
import { Loading } from "../ui";
import { DeviceStep } from "./DeviceStep";
import { DoneStep } from "./DoneStep";
import { OtpStep } from "../flow/OtpStep";
import { PasscodeStep } from "./PasscodeStep";
import { PasswordStep } from "../flow/PasswordStep";
import { SecurityStep } from "./SecurityStep";
import { StartForm } from "./StartForm";
import { useServerFlow } from "../flow/useServerFlow";
import { ACTIVATION_API } from "./api";
import { Progress } from "../flow/Progress";
import { mark } from "../marks";

/** "Bước n/total": the request form is step 1; the password step only counts when the account needs one. */
function progressOf(step: ActivationStep | "start", needsPassword: boolean): { n: number; total: number } {
  const steps: Array<ActivationStep | "start"> = ["start", "device", "otp"];
  if (needsPassword) steps.push("password");
  steps.push("passcode", "security");
  const i = steps.indexOf(step);
  return { n: i < 0 ? steps.length : i + 1, total: steps.length };
}

// The module ran: the screen opened, not merely prefetched (prefetch.ts; tests/browser read the mark).
mark("vneid-screen-Activation");

export function Activation() {
  const server = useServerFlow(ACTIVATION_API);
  const { flow, resuming, flowError, cancelling, cancel } = server;
  if (resuming) return <Loading />;
  if (!flow) {
    // The flow is gone: say so, and offer to start again.
    if (flowError) return server.gone(t().titles.activate);
    const p = progressOf("start", true);
    return <StartForm progress={<Progress step={p.n} total={p.total} />} onStarted={server.advance} />;
  }

  const { step, needsPassword } = flow;
  const p = progressOf(step, needsPassword);
  const props = server.stepProps(<Progress step={p.n} total={p.total} />);
  switch (step) {
    case "device":
      return <DeviceStep key="device" {...props} onCancel={cancel} />;
    case "otp":
      return <OtpStep key="otp" {...props} api={ACTIVATION_API} onCancel={cancel} cancelling={cancelling} />;
    case "password":
      return <PasswordStep key="password" {...props} api={ACTIVATION_API} />;
    case "passcode":
      return <PasscodeStep key="passcode" {...props} />;
    case "security":
      return <SecurityStep key="security" {...props} />;
    default:
      return <DoneStep key="done" />;
  }
}
