/**
 * `/kich-hoat`: the activation flow (seed 000 steps 2–4, seed 001 steps 6–7). The server holds the flow; this
 * screen shows the step the server says, keeps the flow id in sessionStorage to resume after a reload, and
 * handles the errors that concern the whole flow (expired, out of order).
 */
import { useEffect, useState } from "preact/hooks";
import type { ActivationStep } from "../../../shared/lifecycle";
import { type ApiError, NETWORK_ERROR, anyAnswer, post } from "../api";
import { t } from "../i18n";
import { navigate, ROUTES } from "../router";
import { Alert, Button, Heading, Progress } from "../ui";
import { DeviceStep } from "./DeviceStep";
import { DoneStep } from "./DoneStep";
import { type Flow, clearFlowId, flowCall, loadFlowId, saveFlowId } from "./flow";
import { OtpStep } from "./OtpStep";
import { PasscodeStep } from "./PasscodeStep";
import { PasswordStep } from "./PasswordStep";
import { SecurityStep } from "./SecurityStep";
import { StartForm } from "./StartForm";

/** "Bước n/total": the request form is step 1; the password step only counts when the account needs one. */
function progressOf(step: ActivationStep | "start", needsPassword: boolean): { n: number; total: number } {
  const steps: Array<ActivationStep | "start"> = ["start", "device", "otp"];
  if (needsPassword) steps.push("password");
  steps.push("passcode", "security");
  const i = steps.indexOf(step);
  return { n: i < 0 ? steps.length : i + 1, total: steps.length };
}

/** Flow-level errors: the flow is gone or the client is out of step with it. */
const FLOW_ERRORS = ["FLOW_EXPIRED", "FLOW_STEP"];

export function Activation() {
  const [flow, setFlow] = useState<Flow | null>(null);
  const [resuming, setResuming] = useState(() => loadFlowId() !== null);
  /** A flow-level error, shown above the step (or alone, with "Thực hiện lại từ đầu"). */
  const [flowError, setFlowError] = useState<ApiError | null>(null);
  const [cancelling, setCancelling] = useState(false);

  async function resume() {
    const flowId = loadFlowId();
    if (!flowId) return setResuming(false);
    setResuming(true);
    const res = await flowCall("status", { flowId });
    setResuming(false);
    if (res.ok) {
      setFlowError(null);
      setFlow(res.data);
      return;
    }
    if (res.error.code !== NETWORK_ERROR) clearFlowId();
    // An unknown or finished flow just starts over; anything else is worth saying.
    if (res.error.status !== 404 && res.error.status !== 422) setFlowError(res.error);
  }

  useEffect(() => {
    void resume();
  }, []);

  function advance(next: Flow) {
    setFlowError(null);
    if (next.step === "done") clearFlowId();
    else saveFlowId(next.flowId);
    setFlow(next);
  }

  function flowFailed(error: ApiError): boolean {
    if (!FLOW_ERRORS.includes(error.code)) return false;
    setFlowError(error);
    if (error.code === "FLOW_EXPIRED") {
      clearFlowId();
      setFlow(null);
      return true;
    }
    // Out of step (another tab moved on, or the page is stale): show where the server is.
    const flowId = loadFlowId();
    if (flowId) {
      void flowCall("status", { flowId }).then((res) => {
        if (res.ok) setFlow(res.data);
      });
    }
    return true;
  }

  function restart() {
    const flowId = loadFlowId() ?? flow?.flowId;
    if (flowId) void post("/api/activation/cancel", { flowId }, anyAnswer);
    clearFlowId();
    setFlow(null);
    setFlowError(null);
  }

  async function cancel() {
    if (cancelling) return;
    const flowId = flow?.flowId ?? loadFlowId();
    setCancelling(true);
    // Leave even if the network fails: the server forgets the flow after 15 minutes anyway.
    if (flowId) await post("/api/activation/cancel", { flowId }, anyAnswer);
    setCancelling(false);
    clearFlowId();
    navigate(ROUTES.home);
  }

  if (resuming) {
    return (
      <p class="loading" role="status">
        {t.common.loading}
      </p>
    );
  }

  const errorBox = flowError ? (
    <div class="flow-error">
      <Alert error={flowError} />
      <div class="actions">
        {flowError.code === NETWORK_ERROR ? (
          <Button onClick={() => void resume()}>{t.common.retry}</Button>
        ) : null}
        <Button variant={flow ? "secondary" : "primary"} onClick={restart}>
          {t.flow.restart}
        </Button>
      </div>
    </div>
  ) : null;

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
      screen = <OtpStep key="otp" {...props} onCancel={cancel} cancelling={cancelling} />;
      break;
    case "password":
      screen = <PasswordStep key="password" {...props} />;
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
