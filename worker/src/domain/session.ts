/**
 * Login with the ID number and password (seed 000, step 5), sessions, and the logged-in home.
 */
import { LIMITS } from "../../../shared/limits";
import { maskPhone, parseVnMobile } from "../../../shared/phone";
import type { MeResponseT } from "../../../shared/schemas";
import { iso } from "../clock";
import type { Ctx } from "../context";
import { hashSecret, randomToken, sha256Hex, verifySecret } from "../crypto";
import {
  clearLoginFailures,
  findAccount,
  findAccountDevice,
  lockAccountStatement,
  reserveLoginAttempt,
} from "../db/accounts";
import { audit, auditStatement } from "../db/audit";
import { findSession, insertSession, revokeSession, touchSession } from "../db/sessions";
import { type Result, fail } from "../errors";
import { takeSlot } from "./throttle";

/** The session cookie's name. */
export const SESSION_COOKIE = "vneid_session";

let dummyHash: Promise<string> | undefined;

/** Spends the same PBKDF2 work as a real check, so an unknown ID answers in about the same time. */
async function burnHash(ctx: Ctx, password: string): Promise<void> {
  dummyHash ??= hashSecret("not-a-password", ctx.pepper, ctx.iterations);
  await verifySecret(password, ctx.pepper, await dummyHash);
}

/**
 * Checks the ID number and password. Any account with a password may log in, whatever its state; the bound device
 * is not required on the web. Five wrong passwords lock the account for 15 minutes, during which even the right
 * password is refused.
 */
export async function login(
  ctx: Ctx,
  citizenId: string,
  password: string,
): Promise<Result<{ token: string; me: MeResponseT }>> {
  const now = ctx.clock.now();
  const slot = await takeSlot(ctx, "login-ip", ctx.clientIp);
  if (!slot.ok) return slot;
  const account = await findAccount(ctx.db, citizenId);
  if (!account || account.passwordHash === null) {
    await burnHash(ctx, password);
    return fail("LOGIN_FAILED");
  }
  // Count the attempt before checking it, so that parallel guesses cannot outrun the lockout.
  const attempt = await reserveLoginAttempt(ctx.db, account.id, now);
  if (attempt === null || attempt > LIMITS.loginMaxFailures) {
    const locked = await findAccount(ctx.db, account.id);
    return fail("ACCOUNT_LOCKED", { retryAfter: Math.max(1, (locked?.lockedUntil ?? now) - now) });
  }
  const right = await verifySecret(password, ctx.pepper, account.passwordHash);
  if (!right) {
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
  if (!(await clearLoginFailures(ctx.db, account.id, now))) {
    const locked = await findAccount(ctx.db, account.id);
    return fail("ACCOUNT_LOCKED", { retryAfter: Math.max(1, (locked?.lockedUntil ?? now) - now) });
  }
  const token = randomToken(32);
  await insertSession(ctx.db, await sha256Hex(token), account.id, now, now + LIMITS.sessionAbsoluteSeconds);
  await audit(ctx.db, now, "login.succeeded", account.id);
  const me = await describeAccount(ctx, account.id);
  if (!me) return fail("LOGIN_FAILED");
  return { ok: true, token, me };
}

/** What the logged-in home shows: name, level, state and bound device. */
export async function describeAccount(ctx: Ctx, accountId: string): Promise<MeResponseT | null> {
  const [account, citizen, device, application] = await Promise.all([
    findAccount(ctx.db, accountId),
    ctx.registry.findCitizen(accountId),
    findAccountDevice(ctx.db, accountId),
    ctx.db
      .prepare(
        `SELECT level, submitted_at, reference, tracking_code FROM applications
         WHERE account_id = ?1 AND status = 'pending' ORDER BY id DESC LIMIT 1`,
      )
      .bind(accountId)
      .first<{ level: 1 | 2; submitted_at: number; reference: string | null; tracking_code: string | null }>(),
  ]);
  if (!account) return null;
  return {
    citizenId: account.id,
    fullName: citizen?.fullName ?? "",
    level: account.level,
    status: account.status,
    maskedPhone: maskPhone(parseVnMobile(account.phone)?.national ?? account.phone),
    device: device ? { deviceId: device.deviceId, boundAt: iso(device.boundAt) } : null,
    ...(application && {
      application: {
        level: application.level,
        submittedAt: iso(application.submitted_at),
        ...(application.reference !== null && { reference: application.reference }),
        ...(application.tracking_code !== null && { trackingCode: application.tracking_code }),
      },
    }),
  };
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
