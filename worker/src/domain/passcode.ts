/**
 * The 6-digit passcode that guards the account's sensitive actions once logged in (showing the identity QR,
 * unlinking the device). Five wrong passcodes in a row lock it until the citizen resets it through "Quên mã
 * passcode" (OTP); a right passcode clears the count.
 *
 * An attempt is counted before the passcode is hashed, in the same statement that checks the lock, so that
 * concurrent guesses can never verify more than five wrong passcodes.
 */
import type { Ctx } from "../context";
import { checkSecret, hashSecret } from "../crypto";
import {
  clearPasscodeFailures,
  hasPasscode,
  rehashStatement,
  reservePasscodeAttempt,
  setPasscodeStatement,
} from "../db/accounts";
import { audit } from "../db/audit";
import { AppError } from "../errors";

/** Wrong passcodes in a row that lock the passcode. */
export const PASSCODE_MAX_FAILURES = 5;

/**
 * Checks the passcode of an account; returns normally when it is right. Throws `PASSCODE_WRONG` (with
 * `attemptsLeft`), `PASSCODE_LOCKED` once five wrong passcodes have been entered, or `FORBIDDEN` when the account
 * has no passcode (not activated).
 */
export async function checkPasscode(ctx: Ctx, accountId: string, passcode: string): Promise<void> {
  const now = ctx.clock.now();
  const reserved = await reservePasscodeAttempt(ctx.db, accountId, PASSCODE_MAX_FAILURES);
  if (!reserved) {
    if (!(await hasPasscode(ctx.db, accountId))) throw new AppError("FORBIDDEN");
    throw new AppError("PASSCODE_LOCKED");
  }
  const checked = await checkSecret(passcode, reserved.passcodeHash, ctx);
  if (checked.ok) {
    // Every attempt that reached this point held one of the five reservations, so a right passcode clears all.
    await clearPasscodeFailures(ctx.db, accountId);
    // A hash of an earlier pepper is replaced now that the passcode is known (pepper rotation).
    if (checked.rehash)
      await rehashStatement(ctx.db, accountId, "passcode_hash", reserved.passcodeHash, checked.rehash).run();
    return;
  }
  const locked = reserved.failures >= PASSCODE_MAX_FAILURES;
  await audit(ctx.db, now, locked ? "passcode.locked" : "passcode.failed", accountId, { failures: reserved.failures });
  if (locked) throw new AppError("PASSCODE_LOCKED");
  throw new AppError("PASSCODE_WRONG", { attemptsLeft: PASSCODE_MAX_FAILURES - reserved.failures });
}

/**
 * A statement setting a new passcode and lifting the lock ("Quên mã passcode", after the OTP); batch it with the
 * audit line and the notification.
 */
export async function resetPasscodeStatement(
  ctx: Ctx,
  accountId: string,
  passcode: string,
): Promise<D1PreparedStatement> {
  const hash = await hashSecret(passcode, ctx.pepper, ctx.iterations);
  return setPasscodeStatement(ctx.db, accountId, hash, ctx.clock.now());
}
