/**
 * "Quản lý thiết bị" and "Hoạt động của tôi": the bound device and the live sessions of the logged-in account,
 * "Đăng xuất các phiên khác", "Hủy liên kết thiết bị" (passcode), and the account's own activity list.
 * Sessions are shown by their random public id, never by their token hash.
 */
import { ACTIVITY_EVENTS, ACTIVITY_LABELS, type ActivityEvent, type ActivityResponseT, type DevicesResponseT } from "../../../shared/account-schemas";
import { LIMITS } from "../../../shared/limits";
import { iso } from "../clock";
import type { Ctx } from "../context";
import { findAccount, findAccountDevice } from "../db/accounts";
import { type Result, fail } from "../errors";
import { checkPasscode } from "./passcode";

/** The SMS after "Hủy liên kết thiết bị" (ASCII, like every text). */
export const DEVICE_UNLINKED_TEXT =
  "Tai khoan dinh danh dien tu cua ban vua huy lien ket thiet bi va dang xuat moi phien. Neu khong phai ban thuc hien, hay lien he Cong an xa, phuong noi cu tru.";

/** How many lines "Hoạt động của tôi" shows. */
export const ACTIVITY_LIMIT = 50;

/** A session that still lets its holder in: not revoked, not past its absolute or idle end. */
const LIVE = "revoked_at IS NULL AND expires_at > ?2 AND last_seen_at + ?3 > ?2";

/** The bound device and the live sessions, newest first; the one of `currentTokenHash` is marked. */
export async function listDevices(ctx: Ctx, accountId: string, currentTokenHash: string): Promise<DevicesResponseT> {
  const now = ctx.clock.now();
  const [device, sessions] = await Promise.all([
    findAccountDevice(ctx.db, accountId),
    ctx.db
      .prepare(
        `SELECT public_id, created_at, last_seen_at, expires_at, token_hash = ?4 AS current FROM sessions
         WHERE account_id = ?1 AND ${LIVE} ORDER BY created_at DESC, public_id LIMIT 100`,
      )
      .bind(accountId, now, LIMITS.sessionIdleSeconds, currentTokenHash)
      .all<{ public_id: string; created_at: number; last_seen_at: number; expires_at: number; current: number }>(),
  ]);
  return {
    device: device ? { deviceId: device.deviceId, boundAt: iso(device.boundAt) } : null,
    sessions: sessions.results.map((s) => ({
      id: s.public_id,
      createdAt: iso(s.created_at),
      lastSeenAt: iso(s.last_seen_at),
      expiresAt: iso(Math.min(s.expires_at, s.last_seen_at + LIMITS.sessionIdleSeconds)),
      current: s.current === 1,
    })),
  };
}

/** Statements revoking the account's sessions (all but `keepTokenHash`, when given), each audited with `reason`. */
export function revokeSessionsStatements(
  db: D1Database,
  now: number,
  accountId: string,
  reason: string,
  keepTokenHash: string | null,
): D1PreparedStatement[] {
  const which = "account_id = ?1 AND revoked_at IS NULL AND (?4 IS NULL OR token_hash <> ?4)";
  return [
    db
      .prepare(
        `INSERT INTO audit_log (at, event, account_id, detail)
         SELECT ?2, 'session.revoked', account_id, json_object('reason', ?3, 'session', public_id) FROM sessions WHERE ${which}`,
      )
      .bind(accountId, now, reason, keepTokenHash),
    db.prepare(`UPDATE sessions SET revoked_at = ?2 WHERE ${which}`).bind(accountId, now, reason, keepTokenHash),
  ];
}

/** "Đăng xuất các phiên khác": revokes every session of the account but the current one; returns how many. */
export async function logoutOtherSessions(ctx: Ctx, accountId: string, currentTokenHash: string): Promise<{ revoked: number }> {
  const results = await ctx.db.batch(revokeSessionsStatements(ctx.db, ctx.clock.now(), accountId, "logout-others", currentTokenHash));
  return { revoked: results[1]?.meta.changes ?? 0 };
}

/**
 * "Hủy liên kết thiết bị": the passcode confirms it (five wrong lock the passcode); then one batch removes the
 * binding, revokes every session of the account (this one too: the citizen logs in again) and records the audit
 * lines and the notification; then the SMS.
 */
export async function unlinkDevice(ctx: Ctx, accountId: string, passcode: string): Promise<Result<{ deviceId: string }>> {
  const device = await findAccountDevice(ctx.db, accountId);
  if (!device) return fail("DEVICE_NOT_BOUND");
  await checkPasscode(ctx, accountId, passcode);
  const now = ctx.clock.now();
  const db = ctx.db;
  const bound = "FROM devices WHERE account_id = ?1 AND device_id = ?2";
  const results = await db.batch([
    db
      .prepare(`INSERT INTO audit_log (at, event, account_id, detail) SELECT ?3, 'device.unbound', account_id, json_object('deviceId', device_id, 'reason', 'unlink') ${bound}`)
      .bind(accountId, device.deviceId, now),
    db
      .prepare(
        `INSERT INTO notifications (account_id, kind, at, detail)
         SELECT account_id, 'device', ?3, json_object('event', 'unbound', 'deviceId', device_id) ${bound}`,
      )
      .bind(accountId, device.deviceId, now),
    db.prepare(`DELETE ${bound}`).bind(accountId, device.deviceId),
    ...revokeSessionsStatements(db, now, accountId, "device-unlinked", null),
  ]);
  if (results[2]?.meta.changes !== 1) return fail("DEVICE_NOT_BOUND");
  const account = await findAccount(ctx.db, accountId);
  if (account) await ctx.sms.send(account.phone, DEVICE_UNLINKED_TEXT);
  return { ok: true, deviceId: device.deviceId };
}

/** "Hoạt động của tôi": the account's newest citizen-facing events, newest first, at most {@link ACTIVITY_LIMIT}. */
export async function listActivity(ctx: Ctx, accountId: string): Promise<ActivityResponseT> {
  const marks = ACTIVITY_EVENTS.map((_, i) => `?${i + 3}`).join(", ");
  const { results } = await ctx.db
    .prepare(`SELECT id, at, event FROM audit_log WHERE account_id = ?1 AND event IN (${marks}) ORDER BY id DESC LIMIT ?2`)
    .bind(accountId, ACTIVITY_LIMIT, ...ACTIVITY_EVENTS)
    .all<{ id: number; at: number; event: ActivityEvent }>();
  return { items: results.map((r) => ({ id: r.id, event: r.event, at: iso(r.at), label: ACTIVITY_LABELS[r.event] ?? r.event })) };
}
