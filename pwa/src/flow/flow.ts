/**
 * What the steps of a server-held flow share: activation (`/api/activation/*`), registration (`/api/registration/*`),
 * password recovery (`/api/recovery/*`) and passcode recovery (`/api/me/passcode-recovery/*`) have the same shape (a
 * flow id, an OTP step, often a password step), so their steps are shared; a step is told which flow it serves by a
 * {@link FlowApi}.
 */
import type { VNode } from "preact";
import { type ApiError, type ApiResult, type Parser, post } from "../api";

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

/** What every step gets from its flow screen. */
export interface StepProps<F extends FlowLike> {
  flow: F;
  /** A new state from the server. */
  advance(flow: F): void;
  /** Lets the flow screen handle flow-level errors (expired flow, wrong step); true when it did. */
  flowFailed(error: ApiError): boolean;
  /** The "Bước n/total" bar, shown under the step's heading. */
  progress: VNode;
}

/** The flow id kept under `key` (sessionStorage), if any. */
export function loadFlowId(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Keeps the flow id under `key`, so that a reload resumes the flow. */
export function saveFlowId(id: string, key: string): void {
  try {
    sessionStorage.setItem(key, id);
  } catch {
    // storage blocked: resuming after a reload will not work, the flow itself does
  }
}

/** Forgets the flow id kept under `key`. */
export function clearFlowId(key: string): void {
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
