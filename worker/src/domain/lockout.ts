/**
 * The login lock of a submitted ID number or user name that has no account to lock (issue 17, "Lockout oracle"):
 * it is counted and locked exactly as an account is, and every refusal spends one password hash, so that an unknown
 * and a known ID answer alike by status, body and time.
 */
import { LIMITS } from "../../../shared/limits";
import type { Ctx } from "../context";
import { hashSecret, verifySecret } from "../crypto";
import { lockUnknown, reserveUnknownAttempt } from "../db/login-failures";
import { type Failure, fail } from "../errors";

let dummyHash: Promise<string> | undefined;

/** Spends the same PBKDF2 work as a real check, so that a refusal without one answers in about the same time. */
export async function burnHash(ctx: Ctx, password: string): Promise<void> {
  dummyHash ??= hashSecret("not-a-password", ctx.pepper, ctx.iterations);
  await verifySecret(password, ctx.pepper, await dummyHash);
}

/** The lock answer: 423 `ACCOUNT_LOCKED` with the time left, after the same hash work as any other answer. */
export async function refuseLocked(ctx: Ctx, password: string, lockedUntil: number): Promise<Failure> {
  await burnHash(ctx, password);
  return fail("ACCOUNT_LOCKED", { retryAfter: Math.max(1, lockedUntil - ctx.clock.now()) });
}

/**
 * Refuses a login whose `subject` (`citizen:<id>`, `officer:<user name>`) has no account that could be checked:
 * counts the attempt, and the fifth in a row locks the subject for 15 minutes, as it would an account.
 */
export async function refuseUnknown(
  ctx: Ctx,
  subject: string,
  password: string,
  code: "LOGIN_FAILED" | "OFFICER_LOGIN_FAILED",
): Promise<Failure> {
  const now = ctx.clock.now();
  const [counted] = await Promise.all([reserveUnknownAttempt(ctx.db, subject, now), burnHash(ctx, password)]);
  if (counted.lockedUntil > now) return fail("ACCOUNT_LOCKED", { retryAfter: Math.max(1, counted.lockedUntil - now) });
  if (counted.failures >= LIMITS.loginMaxFailures) {
    await lockUnknown(ctx.db, subject, now + LIMITS.loginLockSeconds);
    return fail("ACCOUNT_LOCKED", { retryAfter: LIMITS.loginLockSeconds });
  }
  return fail(code);
}
