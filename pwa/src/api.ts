/**
 * The one way the PWA talks to the worker: JSON in and out, same-origin cookies, every answer checked with the
 * shared zod/mini schemas. Never throws: the result is `{ ok: true, data }` or `{ ok: false, error }`, where
 * `error` is the worker's `ErrorResponse` (plus the HTTP status), or a Vietnamese network error.
 */
import { useState } from "preact/hooks";
import { isErrorCode, messageFor } from "../../shared/messages";
import type { ErrorResponseT } from "../../shared/schemas";
import { t } from "./i18n";

/** A failed request. `status` is 0 when the server was not reached. */
export interface ApiError extends ErrorResponseT {
  status: number;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/**
 * Server time minus local time, in ms, from the `Date` header of the latest answer (the worker sets it from its
 * own clock, which tests move forward). Timestamps in answers (OTP expiry, resend cooldown) are compared with the
 * server's time, never with the device's clock, which may be wrong.
 */
let clockOffset = 0;
let clockKnown = false;

/**
 * Records the server time an answer carried. The header is truncated to the second and read after the network
 * delay, so each reading is a lower bound of the true offset: keep the highest (which also follows the clock
 * when it is moved forward), and accept a lower one only when it is clearly a real change (the device's clock
 * was set forward).
 */
function syncClock(dateHeader: string | null, localNow: number): void {
  const server = parseHttpDate(dateHeader);
  if (server === null) return;
  const offset = server - localNow;
  if (!clockKnown || offset > clockOffset || clockOffset - offset > 2000) clockOffset = offset;
  clockKnown = true;
}

/** What the wrapper needs from a schema: zod/mini's `safeParse`. */
export interface Parser<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/** Accepts any answer (for `{ ok: true }` replies whose content does not matter). */
export const anyAnswer: Parser<unknown> = { safeParse: (data) => ({ success: true, data }) };

/** Code of the error returned when the network fails. */
export const NETWORK_ERROR = "NETWORK";
const TIMEOUT_MS = 30_000;

function networkError(): ApiError {
  return { status: 0, code: NETWORK_ERROR, message: t().common.network };
}

/** Milliseconds since epoch from an HTTP date, or `null`. */
function parseHttpDate(value: string | null): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** A request body that is not JSON: bytes with their media type. */
interface RawBody {
  data: Blob;
  type: string;
}

async function request<T>(
  method: "GET" | "POST",
  path: string,
  schema: Parser<T>,
  body?: unknown,
  raw?: RawBody,
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const init: RequestInit = { method, credentials: "same-origin", headers, cache: "no-store" };
  if (raw) {
    headers["Content-Type"] = raw.type;
    init.body = raw.data;
  } else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof AbortController !== "undefined") {
    const controller = new AbortController();
    init.signal = controller.signal;
    timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  }
  let res: Response;
  let json: unknown;
  try {
    res = await fetch(path, init);
    try {
      json = await res.json();
    } catch {
      json = undefined; // not JSON (for example an HTML error page)
    }
  } catch {
    return { ok: false, error: networkError() };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  syncClock(res.headers.get("Date"), Date.now());

  if (res.ok) {
    const parsed = schema.safeParse(json);
    if (parsed.success) return { ok: true, data: parsed.data };
    return { ok: false, error: { status: res.status, code: "BAD_RESPONSE", message: t().common.unexpected } };
  }
  // The schemas (zod) are not part of the home screen's bundle: fetched on the first error, at once when a screen
  // that validates forms has already loaded them.
  const { ErrorResponse } = await import("../../shared/schemas");
  const parsed = ErrorResponse.safeParse(json);
  if (parsed.success) return { ok: false, error: { ...parsed.data, status: res.status } };
  // No usable error body: say something sensible from the status alone.
  const code = res.status === 401 ? "UNAUTHENTICATED" : res.status === 404 ? "NOT_FOUND" : "INTERNAL";
  const retryAfter = Number(res.headers.get("Retry-After"));
  const error: ApiError = { status: res.status, code, message: isErrorCode(code) ? messageFor(code) : code };
  if (retryAfter > 0) error.retryAfter = retryAfter;
  return { ok: false, error };
}

/** `GET path`, answer checked with `schema`. */
export function get<T>(path: string, schema: Parser<T>): Promise<ApiResult<T>> {
  return request("GET", path, schema);
}

/** `POST path` with a JSON body, answer checked with `schema`. */
export function post<T>(path: string, body: unknown, schema: Parser<T>): Promise<ApiResult<T>> {
  return request("POST", path, schema, body);
}

/** `POST path` with raw bytes (`data`, sent as `type`), answer checked with `schema`. */
export function postBytes<T>(path: string, data: Blob, type: string, schema: Parser<T>): Promise<ApiResult<T>> {
  return request("POST", path, schema, undefined, { data, type });
}

/** Milliseconds from local time `now` until `iso`, a server timestamp, measured on the server's clock. */
export function msUntil(iso: string, now: number = Date.now()): number {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return 0;
  return at - (now + clockOffset);
}

/** Now on the server's clock (ms), as far as the last answer told. */
export function serverNow(): number {
  return Date.now() + clockOffset;
}

/** The server's clock in unix seconds (for `vnToday` of shared/dates.ts: today in Vietnam on the server's clock). */
export const serverClock = { now: () => serverNow() / 1000 };

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
