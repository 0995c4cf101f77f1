import type { IRequest } from "itty-router";
import { type Ctx, createCtx } from "../context";
import type { Env } from "../env";
import { OFFICER_COOKIE, type Officer, authenticateOfficer } from "../domain/officer";
import { authenticate, SESSION_COOKIE } from "../domain/session";
import { AppError, type Result } from "../errors";

/** The request as itty-router hands it to routes. */
export type Req = IRequest;
/** Route handler arguments after the request. */
export type Args = [env: Env, exec: ExecutionContext];

/** Builds the per-request context (clock, SMS adapter, registry adapter, client IP). */
export function ctxOf(env: Env, request?: Request): Promise<Ctx> {
  return createCtx(env, {}, request);
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

/** The value of a request cookie, or `null`. */
export function readCookie(req: Request, name: string): string | null {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}

/** The logged-in account's id, or a 401 `UNAUTHENTICATED`. */
export async function requireAccount(req: Request, ctx: Ctx): Promise<string> {
  const accountId = await authenticate(ctx, readCookie(req, SESSION_COOKIE));
  if (!accountId) throw new AppError("UNAUTHENTICATED");
  return accountId;
}

/** What an officer route needs: any officer (the default) or a province_admin; the password change is exempt. */
export interface OfficerNeeds {
  role?: "province_admin";
  /** Allowed before the one-time password is changed (the password change itself). */
  beforePasswordChange?: true;
}

/**
 * The logged-in officer, or the refusal every officer route gives: 401 `UNAUTHENTICATED` without an officer
 * session, 403 `FORBIDDEN` for a citizen session or a role that is not enough, 403 `PASSWORD_CHANGE_REQUIRED`
 * until the one-time password is changed.
 */
export async function requireOfficer(
  req: Request,
  ctx: Ctx,
  needs: OfficerNeeds = {},
): Promise<{ officer: Officer; tokenHash: string }> {
  const session = await authenticateOfficer(ctx, readCookie(req, OFFICER_COOKIE));
  if (!session) {
    const citizen = await authenticate(ctx, readCookie(req, SESSION_COOKIE));
    throw new AppError(citizen ? "FORBIDDEN" : "UNAUTHENTICATED");
  }
  if (session.officer.mustChange && !needs.beforePasswordChange) throw new AppError("PASSWORD_CHANGE_REQUIRED");
  if (needs.role && session.officer.role !== needs.role) throw new AppError("FORBIDDEN");
  return session;
}
