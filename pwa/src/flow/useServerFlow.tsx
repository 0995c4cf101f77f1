/**
 * A flow the server holds (activation, registration): the current state, resuming it after a reload (its id is
 * kept in sessionStorage), and the errors that concern the whole flow (expired, out of order), shown with
 * "Thực hiện lại từ đầu".
 */
import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { type ApiError, NETWORK_ERROR, anyAnswer, post } from "../api";
import { t } from "../i18n";
import { navigate } from "../router";
import { Alert, Button, Heading } from "../ui";
import { type FlowApi, type FlowLike, apiCall, clearFlowId, loadFlowId, saveFlowId } from "./flow";
import { ROUTES } from "../routes";
import { tFlows } from "../i18n/flows";

/** Flow-level errors: the flow is gone or the client is out of step with it. */
const FLOW_ERRORS = ["FLOW_EXPIRED", "FLOW_STEP"];

export function useServerFlow<F extends FlowLike & { step: string }>(api: FlowApi<F>) {
  const key = api.storageKey;
  const [flow, setFlow] = useState<F | null>(null);
  const [resuming, setResuming] = useState(() => loadFlowId(key) !== null);
  /** A flow-level error, shown above the step (or alone, with "Thực hiện lại từ đầu"). */
  const [flowError, setFlowError] = useState<ApiError | null>(null);
  const [cancelling, setCancelling] = useState(false);

  async function resume() {
    const flowId = loadFlowId(key);
    if (!flowId) return setResuming(false);
    setResuming(true);
    const res = await apiCall(api, "status", { flowId });
    setResuming(false);
    if (res.ok) {
      setFlowError(null);
      setFlow(res.data);
      return;
    }
    if (res.error.code !== NETWORK_ERROR) clearFlowId(key);
    // An unknown or finished flow just starts over; anything else is worth saying.
    if (res.error.status !== 404 && res.error.status !== 422) setFlowError(res.error);
  }

  useEffect(() => {
    void resume();
  }, []);

  function advance(next: F) {
    setFlowError(null);
    if (next.step === "done") clearFlowId(key);
    else saveFlowId(next.flowId, key);
    setFlow(next);
  }

  function flowFailed(error: ApiError): boolean {
    if (!FLOW_ERRORS.includes(error.code)) return false;
    setFlowError(error);
    if (error.code === "FLOW_EXPIRED") {
      clearFlowId(key);
      setFlow(null);
      return true;
    }
    // Out of step (another tab moved on, or the page is stale): show where the server is.
    const flowId = loadFlowId(key);
    if (flowId) {
      void apiCall(api, "status", { flowId }).then((res) => {
        if (res.ok) setFlow(res.data);
      });
    }
    return true;
  }

  function restart() {
    const flowId = loadFlowId(key) ?? flow?.flowId;
    if (flowId) void post(`${api.base}/cancel`, { flowId }, anyAnswer);
    clearFlowId(key);
    setFlow(null);
    setFlowError(null);
  }

  async function cancel() {
    if (cancelling) return;
    const flowId = flow?.flowId ?? loadFlowId(key);
    setCancelling(true);
    // Leave even if the network fails: the server forgets the flow after 15 minutes anyway.
    if (flowId) await post(`${api.base}/cancel`, { flowId }, anyAnswer);
    setCancelling(false);
    clearFlowId(key);
    navigate(ROUTES.home.path);
  }

  const errorBox = flowError ? (
    <div class="flow-error">
      <Alert error={flowError} />
      <div class="actions">
        {flowError.code === NETWORK_ERROR ? <Button onClick={() => void resume()}>{t().common.retry}</Button> : null}
        <Button variant={flow ? "secondary" : "primary"} onClick={restart}>
          {tFlows().flow.restart}
        </Button>
      </div>
    </div>
  ) : null;

  return {
    flow,
    resuming,
    flowError,
    cancelling,
    advance,
    flowFailed,
    restart,
    cancel,
    errorBox,
    /** The screen when the flow is gone: its `title`, what happened, and "Thực hiện lại từ đầu". */
    gone: (title: string) => (
      <>
        <Heading>{title}</Heading>
        {errorBox}
      </>
    ),
    /** What a step of the current flow gets: the flow, `advance`, `flowFailed`, and `bar` with the flow's error under it. */
    stepProps: (bar: VNode) => ({
      flow: flow as F,
      advance,
      flowFailed,
      progress: (
        <>
          {bar}
          {errorBox}
        </>
      ),
    }),
  };
}
