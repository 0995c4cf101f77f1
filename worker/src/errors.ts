import { type ErrorCode, type MessageParams, messageFor } from "../../shared/messages";

/** HTTP status of each error code. */
const STATUS: Record<ErrorCode, number> = {
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INVALID_ID_OR_PHONE: 404,
  NOT_IDENTIFIED: 409,
  PENDING_APPROVAL: 409,
  ALREADY_ACTIVATED: 409,
  FLOW_EXPIRED: 410,
  FLOW_STEP: 409,
  OTP_INVALID: 422,
  OTP_EXPIRED: 410,
  OTP_LOCKED: 423,
  OTP_NOT_SENT: 409,
  OTP_COOLDOWN: 429,
  OTP_DAILY_LIMIT: 429,
  PASSWORD_NOT_NEEDED: 409,
  QUESTION_UNKNOWN: 422,
  LOGIN_FAILED: 401,
  ACCOUNT_LOCKED: 423,
  UNAUTHENTICATED: 401,
  IMPORT_INVALID: 422,
  QR_MISMATCH: 422,
  CARD_INVALID: 422,
  REGISTRY_MISMATCH: 422,
  UNDER_14: 422,
  ACCOUNT_EXISTS: 409,
  ACCOUNT_EXISTS_ACTIVATE: 409,
  LEVEL1_NOT_ALLOWED: 409,
  PHOTO_TYPE: 415,
  PHOTO_TOO_LARGE: 413,
  PHOTO_NOT_FOUND: 422,
  RATE_LIMITED: 429,
  CSRF: 403,
  SMS_UNAVAILABLE: 503,
  SMS_BUDGET: 429,
  PASSWORD_COMMON: 422,
  PASSWORD_PERSONAL: 422,
  FORBIDDEN: 403,
  OFFICER_LOGIN_FAILED: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  PASSWORD_UNCHANGED: 422,
  CONSENT_REQUIRED: 422,
  LEVEL2_EXISTS: 409,
  APPLICATION_NOT_FOUND: 404,
  ALREADY_DECIDED: 409,
  TRACK_NOT_FOUND: 404,
  UNIT_NOT_FOUND: 404,
  SLOT_NOT_OFFERED: 422,
  SLOT_FULL: 409,
  APPOINTMENT_EXISTS: 409,
  APPOINTMENT_NOT_FOUND: 404,
  PASSCODE_WRONG: 422,
  PASSCODE_LOCKED: 423,
  IDENTITY_NOT_ACTIVE: 403,
  IDENTITY_GRANT_EXPIRED: 403,
  IDENTITY_TOO_LARGE: 422,
  RECOVERY_UNAVAILABLE: 409,
  ANSWER_WRONG: 422,
  RECOVERY_LOCKED: 423,
  DEVICE_NOT_BOUND: 409,
  LEVEL2_REQUIRED: 403,
  DEPENDANT_NOT_FOUND: 404,
  DEPENDANT_NOT_MINOR: 422,
  DEPENDANT_EXISTS: 409,
  DEPENDANT_LIMIT: 409,
  DEPENDANT_PENDING_LIMIT: 409,
  DEPENDANT_LINK_NOT_FOUND: 404,
  SELF_APPROVAL: 403,
  EVENT_NOT_FOUND: 404,
  EVENT_DATES: 422,
  EVENT_OUT_OF_DATES: 422,
  SEAL_INVALID: 422,
  BOOTSTRAP_TOKEN_INVALID: 403,
  BOOTSTRAP_DONE: 409,
  PROVINCE_MISMATCH: 422,
  OFFICER_NOT_FOUND: 404,
  OFFICER_SELF: 409,
  OFFICER_DISABLED: 403,
  REGISTRY_NOT_LOCAL: 409,
  SMS_NOT_FOUND: 404,
  SMS_ALREADY_RESENT: 409,
  REGISTRY_UNAVAILABLE: 503,
  DEVELOPMENT_KEY_IN_PRODUCTION: 503,
  NOT_READY: 503,
  INTERNAL: 500,
};

/** The HTTP status of an error code. */
export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** Extra fields an error body may carry. */
export interface ErrorExtras extends MessageParams {
  hint?: string;
  /** `NOT_IDENTIFIED`: what the citizen can do next, "Đăng ký" (no account) or "Đăng ký tài khoản mức 1" (app only). */
  next?: "register" | "level1";
  fields?: Record<string, string>;
  details?: unknown;
}

/** The one error type the worker throws on purpose; {@link errorResponse} maps it to HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly extras: ErrorExtras = {},
  ) {
    super(code);
    this.name = "AppError";
  }

  /** The HTTP status of this error. */
  get status(): number {
    return STATUS[this.code];
  }
}

/** An expected failure, returned as a value by domain functions. */
export type Failure = { ok: false; code: ErrorCode } & ErrorExtras;
/** A domain result: the value, or an expected failure. */
export type Result<T> = ({ ok: true } & T) | Failure;

/** Shortcut for a failure value. */
export function fail(code: ErrorCode, extras: ErrorExtras = {}): Failure {
  return { ok: false, code, ...extras };
}

/** Unwraps a domain result, throwing its failure as an {@link AppError} for the one error mapper. */
export function unwrap<T extends object>(r: Result<T>): T {
  if (!r.ok) {
    const { ok: _ok, code, ...extras } = r;
    throw new AppError(code, extras);
  }
  const { ok: _ok, ...value } = r;
  return value as unknown as T;
}

/** The JSON response of an error: stable `code`, Vietnamese `message`, and the extras. */
export function errorResponse(code: ErrorCode, extras: ErrorExtras = {}): Response {
  const { retryAfter, attemptsLeft, hint, next, fields, details } = extras;
  const body = {
    code,
    message: messageFor(code, extras),
    ...(hint !== undefined && { hint }),
    ...(next !== undefined && { next }),
    ...(retryAfter !== undefined && { retryAfter: Math.ceil(retryAfter) }),
    ...(attemptsLeft !== undefined && { attemptsLeft }),
    ...(fields !== undefined && { fields }),
    ...(details !== undefined && { details }),
  };
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (retryAfter !== undefined) headers["retry-after"] = String(Math.ceil(retryAfter));
  return new Response(JSON.stringify(body), { status: STATUS[code], headers });
}

/** Maps anything thrown to a response; unknown errors are logged and never shown to the client. */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof AppError) return errorResponse(err.code, err.extras);
  console.error("unhandled error", err);
  return errorResponse("INTERNAL");
}
