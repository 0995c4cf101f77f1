import type { IRequest } from "itty-router";
import { type Ctx, createCtx } from "../context";
import type { Env } from "../env";
import { AppError, type Result } from "../errors";

/** The request as itty-router hands it to routes. */
export type Req = IRequest;
/** Route handler arguments after the request. */
export type Args = [env: Env, exec: ExecutionContext];

/** Builds the per-request context (clock, SMS adapter, registry adapter). */
export function ctxOf(env: Env): Promise<Ctx> {
  return createCtx(env);
}

/** Unwraps a domain result, throwing its failure as an {@link AppError} for the one error mapper. */
export function unwrap<T extends object>(r: Result<T>): T {
  if (!r.ok) {
    const { ok: _ok, code, ...extras } = r;
    throw new AppError(code, extras);
  }
  return r;
}
