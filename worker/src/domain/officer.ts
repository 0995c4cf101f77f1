/**
 * Officers: creation with a one-time password (by a province_admin in "Quản lý cán bộ", or the development route
 * behind `npm run officer:add`), "Đăng nhập cán bộ", the first-login password change, sessions (apart from citizens'
 * and shorter: 15 minutes idle, 8 hours at most; none for a locked officer) and what an officer may act for:
 * `officer` their own unit, `province_admin` every unit.
 */
import { foldAscii } from "../../../shared/ascii";
import { LIMITS } from "../../../shared/limits";
import { messageFor } from "../../../shared/messages";
import type { OfficerMeT, OfficerRoleT } from "../../../shared/officer-schemas";
import type { Ctx } from "../context";
import { checkSecret, hashSecret, randomToken, sha256Hex, verifySecret } from "../crypto";
import { officerAuditStatement } from "../db/audit";
import {
  type Officer,
  clearOfficerFailures,
  findOfficer,
  findOfficerSession,
  insertOfficer,
  insertOfficerSession,
  lockOfficerStatement,
  rehashOfficerStatement,
  reserveOfficerAttempt,
  resetOfficerStatements,
  revokeOfficerSession,
  setOfficerPasswordStatements,
  touchOfficerSession,
} from "../db/officers";
import { findUnit } from "../db/units";
import { type Result, fail } from "../errors";
import { newOneTimePassword } from "./codes";
import { isCommonPassword } from "./password-policy";
import { refuseLocked, refuseUnknown } from "./lockout";
import { takeSlot } from "./throttle";

export type { Officer } from "../db/officers";

/** The officer session cookie's name (citizens have `vneid_session`). */
export const OFFICER_COOKIE = "vneid_officer";

/** What the officer console shows of the logged-in officer. */
export function describeOfficer(o: Officer): OfficerMeT {
  return { username: o.username, name: o.name, role: o.role, unit: { code: o.unitCode, name: o.unitName } };
}

/** True when the officer may act for files, lists and appointments of `unitCode` (`null`: a file with no unit). */
export function actsFor(o: Officer, unitCode: string | null): boolean {
  return o.role === "province_admin" || (unitCode !== null && unitCode === o.unitCode);
}

/** A user name from the officer's name, Vietnamese style: given name then initials ("Nguyễn Văn An" → "annv"). */
export function usernameBase(name: string): string {
  const words = foldAscii(name)
    .toLowerCase()
    .replace(/[^a-z ]/g, "")
    .split(" ")
    .filter(Boolean);
  const given = words.pop() ?? "";
  const base = `${given}${words.map((w) => w[0]).join("")}`.slice(0, 40);
  return base.length >= 3 ? base : `cb${base}`.padEnd(3, "0");
}

/**
 * Creates an officer of `unit` with a one-time password, which must be changed at first login; audited as the
 * action of `by` (a province_admin), or of the new officer when created outside the console. A given user name that
 * exists gets these fields and a new one-time password (the demo officers of `npm start`).
 */
export async function createOfficer(
  ctx: Ctx,
  input: { unit: string; role: OfficerRoleT; name: string; username?: string | undefined },
  by: string | null = null,
): Promise<Result<{ username: string; password: string }>> {
  const unit = await findUnit(ctx.db, input.unit);
  if (!unit) return fail("UNIT_NOT_FOUND");
  const now = ctx.clock.now();
  const password = newOneTimePassword();
  const passwordHash = await hashSecret(password, ctx.pepper, ctx.iterations);
  const fields = { name: input.name, role: input.role, unitCode: unit.code, passwordHash };
  let username = input.username;
  if (username !== undefined) {
    await ctx.db.batch(resetOfficerStatements(ctx.db, { ...fields, username }, now));
  } else {
    const base = usernameBase(input.name);
    for (let n = 1; username === undefined; n++) {
      const candidate = n === 1 ? base : `${base}${n}`;
      if (await insertOfficer(ctx.db, { ...fields, username: candidate }, now)) username = candidate;
    }
  }
  const detail = { unit: unit.code, role: input.role, ...(by !== null && { username }) };
  await ctx.db.batch([officerAuditStatement(ctx.db, now, "officer.created", by ?? username, null, detail)]);
  return { ok: true, username, password };
}

/**
 * "Đăng nhập cán bộ": user name and password. Per-IP throttled like citizens' logins; five wrong passwords lock
 * the officer for 15 minutes, and an unknown user name alike (domain/lockout.ts); an officer locked in "Quản lý cán bộ"
 * is refused (told so only with the right password). Every outcome is audited.
 */
export async function loginOfficer(
  ctx: Ctx,
  username: string,
  password: string,
): Promise<Result<{ token: string; officer: OfficerMeT; mustChangePassword: boolean }>> {
  const now = ctx.clock.now();
  const slot = await takeSlot(ctx, "login-ip", ctx.clientIp);
  if (!slot.ok) return slot;
  const officer = await findOfficer(ctx.db, username);
  if (!officer) {
    const refused = await refuseUnknown(ctx, `officer:${username}`, password, "OFFICER_LOGIN_FAILED");
    await ctx.db.batch([officerAuditStatement(ctx.db, now, "officer.login.failed", null, null, { reason: "unknown" })]);
    return refused;
  }
  // Count the attempt before checking it, so that parallel guesses cannot outrun the lockout.
  const attempt = await reserveOfficerAttempt(ctx.db, officer.username, now);
  if (attempt === null || attempt > LIMITS.loginMaxFailures) {
    const locked = await findOfficer(ctx.db, officer.username);
    return refuseLocked(ctx, password, locked?.lockedUntil ?? now);
  }
  const checked = await checkSecret(password, officer.passwordHash, ctx);
  if (!checked.ok) {
    if (attempt >= LIMITS.loginMaxFailures) {
      const until = now + LIMITS.loginLockSeconds;
      await ctx.db.batch([
        lockOfficerStatement(ctx.db, officer.username, until),
        officerAuditStatement(ctx.db, now, "officer.login.locked", officer.username, null, { until }),
      ]);
      return fail("ACCOUNT_LOCKED", { retryAfter: LIMITS.loginLockSeconds });
    }
    await ctx.db.batch([
      officerAuditStatement(ctx.db, now, "officer.login.failed", officer.username, null, { attempt }),
    ]);
    return fail("OFFICER_LOGIN_FAILED");
  }
  if (!(await clearOfficerFailures(ctx.db, officer.username, now))) {
    const locked = await findOfficer(ctx.db, officer.username);
    return fail("ACCOUNT_LOCKED", { retryAfter: Math.max(1, (locked?.lockedUntil ?? now) - now) });
  }
  if (officer.disabledAt !== null) {
    await ctx.db.batch([
      officerAuditStatement(ctx.db, now, "officer.login.refused", officer.username, null, { reason: "locked" }),
    ]);
    return fail("OFFICER_DISABLED");
  }
  const token = randomToken(32);
  await insertOfficerSession(
    ctx.db,
    await sha256Hex(token),
    officer.username,
    now,
    now + LIMITS.officerSessionAbsoluteSeconds,
  );
  await ctx.db.batch([
    officerAuditStatement(ctx.db, now, "officer.login.succeeded", officer.username, null, { unit: officer.unitCode }),
    // A hash of an earlier pepper is replaced now that the password is known (pepper rotation).
    ...(checked.rehash ? [rehashOfficerStatement(ctx.db, officer.username, officer.passwordHash, checked.rehash)] : []),
  ]);
  return { ok: true, token, officer: describeOfficer(officer), mustChangePassword: officer.mustChange };
}

/** The officer behind a session token, with the token's hash, if the session is live; records the activity. */
export async function authenticateOfficer(
  ctx: Ctx,
  token: string | null,
): Promise<{ officer: Officer; tokenHash: string } | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = await sha256Hex(token);
  const session = await findOfficerSession(ctx.db, tokenHash);
  const now = ctx.clock.now();
  if (!session || session.revoked_at !== null) return null;
  if (now >= session.expires_at || now >= session.last_seen_at + LIMITS.officerSessionIdleSeconds) return null;
  const officer = await findOfficer(ctx.db, session.username);
  // A lock ends the sessions; this also refuses one that a login racing the lock may have opened.
  if (!officer || officer.disabledAt !== null) return null;
  await touchOfficerSession(ctx.db, tokenHash, now);
  return { officer, tokenHash };
}

/**
 * First-login password change ("Mật khẩu mới", "Nhập lại mật khẩu mới"): the shared password rules (checked by the
 * schema), not a common password, not the current one. Ends the officer's other sessions.
 */
export async function changeOfficerPassword(
  ctx: Ctx,
  session: { officer: Officer; tokenHash: string },
  newPassword: string,
): Promise<Result<{ officer: OfficerMeT; mustChangePassword: false }>> {
  const { officer } = session;
  if (isCommonPassword(newPassword)) {
    return fail("PASSWORD_COMMON", { fields: { newPassword: messageFor("PASSWORD_COMMON") } });
  }
  if (await verifySecret(newPassword, ctx.pepper, officer.passwordHash, ctx.previousPeppers)) {
    return fail("PASSWORD_UNCHANGED", { fields: { newPassword: messageFor("PASSWORD_UNCHANGED") } });
  }
  const now = ctx.clock.now();
  const passwordHash = await hashSecret(newPassword, ctx.pepper, ctx.iterations);
  await ctx.db.batch([
    ...setOfficerPasswordStatements(ctx.db, officer.username, passwordHash, session.tokenHash, now),
    officerAuditStatement(ctx.db, now, "officer.password.changed", officer.username, null, {
      firstLogin: officer.mustChange,
    }),
  ]);
  return { ok: true, officer: describeOfficer(officer), mustChangePassword: false };
}

/** "Đăng xuất": revokes the officer session (audited when it was live). */
export async function logoutOfficer(ctx: Ctx, token: string | null): Promise<void> {
  if (!token || token.length > 200) return;
  const now = ctx.clock.now();
  const username = await revokeOfficerSession(ctx.db, await sha256Hex(token), now);
  if (username) await ctx.db.batch([officerAuditStatement(ctx.db, now, "officer.logout", username, null)]);
}
