/**
 * The 6-digit passcode that guards the account's sensitive actions once logged in (showing the identity QR,
 * unlinking the device). Five wrong passcodes in a row lock it until the citizen resets it through "Quên mã
 * passcode" (OTP); a right passcode clears the count.
 *
 * An attempt is counted before the passcode is hashed, in the same statement that checks the lock, so that
 * concurrent guesses can never verify more than five wrong passcodes.
 */
import type { Ctx } from "../context";
import { hashSecret, verifySecret } from "../crypto";
import { auditStatement } from "../db/audit";
import { AppError } from "../errors";

/** Wrong passcodes in a row that lock the passcode. */
export const PASSCODE_MAX_FAILURES = 5;

interface Reserved {
  passcode_hash: string;
  passcode_failures: number;
}

/**
 * Checks the passcode of an account; returns normally when it is right. Throws `PASSCODE_WRONG` (with
 * `attemptsLeft`), `PASSCODE_LOCKED` once five wrong passcodes have been entered, or `FORBIDDEN` when the account
 * has no passcode (not activated).
 */
export async function checkPasscode(ctx: Ctx, accountId: string, passcode: string): Promise<void> {
  const now = ctx.clock.now();
  const reserved = await ctx.db
    .prepare(
      `UPDATE accounts SET passcode_failures = passcode_failures + 1
       WHERE id = ?1 AND passcode_hash IS NOT NULL AND passcode_failures < ?2
       RETURNING passcode_hash, passcode_failures`,
    )
    .bind(accountId, PASSCODE_MAX_FAILURES)
    .first<Reserved>();
  if (!reserved) {
    const account = await ctx.db
      .prepare("SELECT passcode_hash FROM accounts WHERE id = ?1")
      .bind(accountId)
      .first<{ passcode_hash: string | null }>();
    if (!account || account.passcode_hash === null) throw new AppError("FORBIDDEN");
    throw new AppError("PASSCODE_LOCKED");
  }
  if (await verifySecret(passcode, ctx.pepper, reserved.passcode_hash)) {
    // Every attempt that reached this point held one of the five reservations, so a right passcode clears all.
    await ctx.db.prepare("UPDATE accounts SET passcode_failures = 0 WHERE id = ?1").bind(accountId).run();
    return;
  }
  const locked = reserved.passcode_failures >= PASSCODE_MAX_FAILURES;
  await auditStatement(ctx.db, now, locked ? "passcode.locked" : "passcode.failed", accountId, {
    failures: reserved.passcode_failures,
  }).run();
  if (locked) throw new AppError("PASSCODE_LOCKED");
  throw new AppError("PASSCODE_WRONG", { attemptsLeft: PASSCODE_MAX_FAILURES - reserved.passcode_failures });
}

/**
 * A statement setting a new passcode and lifting the lock ("Quên mã passcode", after the OTP); batch it with the
 * audit line and the notification.
 */
export async function resetPasscodeStatement(ctx: Ctx, accountId: string, passcode: string): Promise<D1PreparedStatement> {
  const hash = await hashSecret(passcode, ctx.pepper, ctx.iterations);
  return ctx.db
    .prepare("UPDATE accounts SET passcode_hash = ?2, passcode_failures = 0, updated_at = ?3 WHERE id = ?1")
    .bind(accountId, hash, ctx.clock.now());
}
