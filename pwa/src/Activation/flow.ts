/** State shared by the activation steps. */
import type { VNode } from "preact";
import { useState } from "preact/hooks";
import { ActivationState, type ActivationStateT } from "../../../shared/schemas";
import { type ApiError, type ApiResult, post } from "../api";

/** The server's activation flow. */
export type Flow = ActivationStateT;

/** What every step gets from the activation screen. */
export interface StepProps {
  flow: Flow;
  /** A new state from the server. */
  advance(flow: Flow): void;
  /** Lets the activation screen handle flow-level errors (expired flow, wrong step); true when it did. */
  flowFailed(error: ApiError): boolean;
  /** The "Bước n/total" bar, shown under the step's heading. */
  progress: VNode;
}

const KEY = "vneid.flowId";

export function loadFlowId(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveFlowId(id: string): void {
  try {
    sessionStorage.setItem(KEY, id);
  } catch {
    // storage blocked: resuming after a reload will not work, the flow itself does
  }
}

export function clearFlowId(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // see saveFlowId
  }
}

/** POSTs to `/api/activation/<action>` and checks the answer is an ActivationState. */
export function flowCall(action: string, body: unknown): Promise<ApiResult<ActivationStateT>> {
  return post(`/api/activation/${action}`, body, ActivationState);
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
