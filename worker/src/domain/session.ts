/**
 * Login with the ID number and password (seed 000, step 5), sessions, and the logged-in home.
 */
import { LIMITS } from "../../../shared/limits";
import { maskPhone, parseVnMobile } from "../../../shared/phone";
import type { MeResponseT } from "../../../shared/schemas";
import { iso } from "../clock";
import type { Ctx } from "../context";
import { checkSecret, randomToken, sha256Hex } from "../crypto";
import {
  type HomeRow,
  accountHomeStatement,
  clearLoginFailuresStatement,
  findAccount,
  lockAccountStatement,
  rehashStatement,
  reserveLoginAttempt,
} from "../db/accounts";
import { audit, auditStatement, loginSucceededAuditStatement } from "../db/audit";
import { findSession, openSessionIfUnlockedStatement, revokeSession, touchSession } from "../db/sessions";
import type { Citizen } from "../adapters/registry";
import { type Result, fail } from "../errors";
import { refuseLocked, refuseUnknown } from "./lockout";
import { takeSlot } from "./throttle";

/** The session cookie's name. */
export const SESSION_COOKIE = "vneid_session";

/**
 * Checks the ID number and password. Any account with a password may log in, whatever its state; the bound device
 * is not required on the web. Five wrong passwords lock the account for 15 minutes, during which even the right
 * password is refused; an ID with no account (or no password) is counted and locked alike (domain/lockout.ts).
 */
export async function login(
  ctx: Ctx,
  citizenId: string,
  password: string,
): Promise<Result<{ token: string; me: MeResponseT }>> {
  const now = ctx.clock.now();
  const slot = await takeSlot(ctx, "login-ip", ctx.clientIp);
  if (!slot.ok) return slot;
  // Count the attempt before checking it (parallel guesses cannot outrun the lockout); the same statement reads
  // the account, so the right password costs one round trip before the hash and one batch after it.
  const account = await reserveLoginAttempt(ctx.db, citizenId, now);
  if (!account) {
    const known = await findAccount(ctx.db, citizenId);
    if (known && known.passwordHash !== null) return refuseLocked(ctx, password, known.lockedUntil);
    // No account, or none with a password: counted and locked per submitted ID all the same.
    return refuseUnknown(ctx, `citizen:${citizenId}`, password, "LOGIN_FAILED");
  }
  const attempt = account.failedLogins;
  if (attempt > LIMITS.loginMaxFailures) return refuseLocked(ctx, password, account.lockedUntil);
  const checked = await checkSecret(password, account.passwordHash as string, ctx);
  if (!checked.ok) {
    if (attempt >= LIMITS.loginMaxFailures) {
      const until = now + LIMITS.loginLockSeconds;
      await ctx.db.batch([
        lockAccountStatement(ctx.db, account.id, until),
        auditStatement(ctx.db, now, "login.locked", account.id, { until }),
      ]);
      return fail("ACCOUNT_LOCKED", { retryAfter: LIMITS.loginLockSeconds });
    }
    await audit(ctx.db, now, "login.failed", account.id, { attempt });
    return fail("LOGIN_FAILED");
  }
  const token = randomToken(32);
  const tokenHash = await sha256Hex(token);
  // One batch: clear the count, open the session and audit it, all only if no concurrent failure locked the account,
  // and read what the home screen shows.
  const {
    results: [cleared, , , me],
    citizen,
  } = await batchWithCitizen(ctx, account.id, [
    clearLoginFailuresStatement(ctx.db, account.id, now),
    openSessionIfUnlockedStatement(ctx.db, tokenHash, account.id, now, now + LIMITS.sessionAbsoluteSeconds),
    loginSucceededAuditStatement(ctx.db, account.id, now),
    accountHomeStatement(ctx.db, account.id),
    // A hash of an earlier pepper is replaced now that the password is known (pepper rotation).
    ...(checked.rehash
      ? [rehashStatement(ctx.db, account.id, "password_hash", account.passwordHash as string, checked.rehash)]
      : []),
  ]);
  if (cleared?.meta.changes !== 1) {
    const locked = await findAccount(ctx.db, account.id);
    return fail("ACCOUNT_LOCKED", { retryAfter: Math.max(1, (locked?.lockedUntil ?? now) - now) });
  }
  const row = (me?.results as HomeRow[] | undefined)?.[0];
  if (!row) return fail("LOGIN_FAILED");
  return { ok: true, token, me: toMe(row, citizen) };
}

function toMe(row: HomeRow, citizen: Citizen | null): MeResponseT {
  return {
    citizenId: row.id,
    fullName: citizen?.fullName ?? "",
    level: row.level,
    status: row.status,
    maskedPhone: maskPhone(parseVnMobile(row.phone)?.national ?? row.phone),
    device:
      row.device_id !== null && row.bound_at !== null
        ? { deviceId: row.device_id, boundAt: iso(row.bound_at), browser: row.browser, os: row.os }
        : null,
    ...(row.app_level !== null &&
      row.submitted_at !== null && {
        application: {
          level: row.app_level,
          submittedAt: iso(row.submitted_at),
          ...(row.reference !== null && { reference: row.reference }),
          ...(row.tracking_code !== null && { trackingCode: row.tracking_code }),
        },
      }),
    unreadNotifications: row.unread,
  };
}

/**
 * Runs `statements` as one D1 batch together with the registry record of `citizenId` (the name on the home screen):
 * in the same batch where the registry is a table of this database, else through the adapter.
 */
async function batchWithCitizen(
  ctx: Ctx,
  citizenId: string,
  statements: D1PreparedStatement[],
): Promise<{ results: D1Result[]; citizen: Citizen | null }> {
  const lookup = ctx.registry.lookupInBatch?.(citizenId);
  const results = await ctx.db.batch([...statements, ...(lookup ? [lookup.statement] : [])]);
  const citizen = lookup
    ? lookup.read(results[statements.length])
    : await ctx.registry.findCitizen(citizenId, { bestEffort: true });
  return { results, citizen };
}

/** What the logged-in home shows: name, level, state and bound device. */
export async function describeAccount(ctx: Ctx, accountId: string): Promise<MeResponseT | null> {
  const {
    results: [me],
    citizen,
  } = await batchWithCitizen(ctx, accountId, [accountHomeStatement(ctx.db, accountId)]);
  const row = (me?.results as HomeRow[] | undefined)?.[0];
  return row ? toMe(row, citizen) : null;
}

/** The account id behind a session token, if the session is live; records the activity. */
export async function authenticate(ctx: Ctx, token: string | null): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const hash = await sha256Hex(token);
  const session = await findSession(ctx.db, hash);
  const now = ctx.clock.now();
  if (!session || session.revoked_at !== null) return null;
  if (now >= session.expires_at || now >= session.last_seen_at + LIMITS.sessionIdleSeconds) return null;
  await touchSession(ctx.db, hash, now);
  return session.account_id;
}

/** "Đăng xuất": revokes the session. */
export async function logout(ctx: Ctx, token: string | null): Promise<void> {
  if (!token || token.length > 200) return;
  await revokeSession(ctx.db, await sha256Hex(token), ctx.clock.now());
}
