/**
 * State shared by the steps of a server-held flow: the activation (`/api/activation/*`) and the registration
 * (`/api/registration/*`) have the same shape (a flow id, an OTP step, a password step), so their steps are shared;
 * a step is told which flow it serves by a {@link FlowApi}.
 */
import type { VNode } from "preact";
import { useState } from "preact/hooks";
import { ActivationState, type ActivationStateT, RegistrationState, type RegistrationStateT } from "../../../shared/schemas";
import { type ApiError, type ApiResult, type Parser, post } from "../api";

/** The server's activation flow. */
export type Flow = ActivationStateT;

/** What the shared steps read from any flow. */
export interface FlowLike {
  flowId: string;
  maskedPhone: string;
  otp?: { expiresAt: string; resendAt: string } | undefined;
}

/** Where a flow lives on the server, how its answers look, and where its id is kept for a reload. */
export interface FlowApi<F extends FlowLike> {
  /** `POST <base>/<action>`, e.g. `/api/activation`. */
  base: string;
  schema: Parser<F>;
  /** sessionStorage key of the flow id. */
  storageKey: string;
}

export const ACTIVATION_API: FlowApi<ActivationStateT> = {
  base: "/api/activation",
  schema: ActivationState,
  storageKey: "vneid.flowId",
};

export const REGISTRATION_API: FlowApi<RegistrationStateT> = {
  base: "/api/registration",
  schema: RegistrationState,
  storageKey: "vneid.registrationFlowId",
};

/** What every step gets from its flow screen. */
export interface StepProps<F extends FlowLike = Flow> {
  flow: F;
  /** A new state from the server. */
  advance(flow: F): void;
  /** Lets the activation screen handle flow-level errors (expired flow, wrong step); true when it did. */
  flowFailed(error: ApiError): boolean;
  /** The "Bước n/total" bar, shown under the step's heading. */
  progress: VNode;
}

export function loadFlowId(key = ACTIVATION_API.storageKey): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function saveFlowId(id: string, key = ACTIVATION_API.storageKey): void {
  try {
    sessionStorage.setItem(key, id);
  } catch {
    // storage blocked: resuming after a reload will not work, the flow itself does
  }
}

export function clearFlowId(key = ACTIVATION_API.storageKey): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // see saveFlowId
  }
}

/** POSTs to `<api.base>/<action>` and checks the answer is that flow's state. */
export function apiCall<F extends FlowLike>(api: FlowApi<F>, action: string, body: unknown): Promise<ApiResult<F>> {
  return post(`${api.base}/${action}`, body, api.schema);
}

/** POSTs to `/api/activation/<action>` and checks the answer is an ActivationState. */
export function flowCall(action: string, body: unknown): Promise<ApiResult<ActivationStateT>> {
  return apiCall(ACTIVATION_API, action, body);
}

/** Busy flag (naming the action in flight) and the last error of a screen. */
export function useRequest() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  return {
    busy,
    error,
    setError,
    async run<T>(name: string, call: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
      setBusy(name);
      setError(null);
      try {
        return await call();
      } finally {
        setBusy(null);
      }
    },
  };
}
