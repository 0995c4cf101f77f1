/** The activation flow on the server (`/api/activation/*`) and its state. */
import { ActivationState, type ActivationStateT } from "../../../shared/schemas";
import type { ApiResult } from "../api";
import { type FlowApi, type StepProps, apiCall } from "../flow/flow";

/** The server's activation flow. */
export type Flow = ActivationStateT;

/** What every activation step gets from the screen. */
export type ActivationStepProps = StepProps<Flow>;

export const ACTIVATION_API: FlowApi<Flow> = {
  base: "/api/activation",
  schema: ActivationState,
  storageKey: "vneid.flowId",
};

/** POSTs to `/api/activation/<action>` and checks the answer is an ActivationState. */
export function flowCall(action: string, body: unknown): Promise<ApiResult<Flow>> {
  return apiCall(ACTIVATION_API, action, body);
}
