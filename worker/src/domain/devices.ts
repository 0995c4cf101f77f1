/**
 * "Quản lý thiết bị" and "Hoạt động của tôi": the bound device and the live sessions of the logged-in account,
 * "Đăng xuất các phiên khác", "Hủy liên kết thiết bị" (passcode), and the account's own activity list.
 * Sessions are shown by their random public id, never by their token hash.
 */
import {
  ACTIVITY_EVENTS,
  ACTIVITY_LABELS,
  type ActivityResponseT,
  type DevicesResponseT,
} from "../../../shared/account-schemas";
import { LIMITS } from "../../../shared/limits";
import { iso } from "../clock";
import type { Ctx } from "../context";
import { findAccount } from "../db/accounts";
import { deviceUnlinkedAuditStatement, listAccountEvents, revokedSessionsAuditStatement } from "../db/audit";
import type { Claim } from "../db/claim";
import { findAccountDevice, unbindDeviceStatement } from "../db/devices";
import { deviceUnlinkedNotifyStatement } from "../db/notifications";
import { listLiveSessions, revokeSessionsStatement } from "../db/sessions";
import { type Result, fail } from "../errors";
import { checkPasscode } from "./passcode";
import { sendAfterCommit } from "./texts";
import type { AuditReason } from "../../../shared/audit-events";

/** The SMS after "Hủy liên kết thiết bị" (ASCII, like every text). */
export const DEVICE_UNLINKED_TEXT =
  "Tai khoan dinh danh dien tu cua ban vua huy lien ket thiet bi va dang xuat moi phien. Neu khong phai ban thuc hien, hay lien he Cong an xa, phuong noi cu tru.";

/** How many lines "Hoạt động của tôi" shows. */
export const ACTIVITY_LIMIT = 50;

/** The bound device and the live sessions, newest first; the one of `currentTokenHash` is marked. */
export async function listDevices(ctx: Ctx, accountId: string, currentTokenHash: string): Promise<DevicesResponseT> {
  const now = ctx.clock.now();
  const [device, sessions] = await Promise.all([
    findAccountDevice(ctx.db, accountId),
    listLiveSessions(ctx.db, accountId, now, LIMITS.sessionIdleSeconds, currentTokenHash),
  ]);
  return {
    device: device
      ? { deviceId: device.deviceId, boundAt: iso(device.boundAt), browser: device.browser, os: device.os }
      : null,
    sessions: sessions.map((s) => ({
      id: s.public_id,
      createdAt: iso(s.created_at),
      lastSeenAt: iso(s.last_seen_at),
      expiresAt: iso(Math.min(s.expires_at, s.last_seen_at + LIMITS.sessionIdleSeconds)),
      current: s.current === 1,
    })),
  };
}

/**
 * Statements revoking the account's sessions (all but `keepTokenHash`, when given), each audited with `reason`; with
 * a `claim`, only if its batch claimed its row (db/claim.ts).
 */
export function revokeSessionsStatements(
  db: D1Database,
  now: number,
  accountId: string,
  reason: AuditReason,
  keepTokenHash: string | null,
  claim: Claim | null = null,
): D1PreparedStatement[] {
  return [
    revokedSessionsAuditStatement(db, accountId, now, reason, keepTokenHash, claim),
    revokeSessionsStatement(db, accountId, now, reason, keepTokenHash, claim),
  ];
}

/** "Đăng xuất các phiên khác": revokes every session of the account but the current one; returns how many. */
export async function logoutOtherSessions(
  ctx: Ctx,
  accountId: string,
  currentTokenHash: string,
): Promise<{ revoked: number }> {
  const results = await ctx.db.batch(
    revokeSessionsStatements(ctx.db, ctx.clock.now(), accountId, "logout-others", currentTokenHash),
  );
  return { revoked: results[1]?.meta.changes ?? 0 };
}

/**
 * "Hủy liên kết thiết bị": the passcode confirms it (five wrong lock the passcode); then one batch removes the
 * binding, revokes every session of the account (this one too: the citizen logs in again) and records the audit
 * lines and the notification; then the SMS.
 */
export async function unlinkDevice(
  ctx: Ctx,
  accountId: string,
  passcode: string,
): Promise<Result<{ deviceId: string }>> {
  const device = await findAccountDevice(ctx.db, accountId);
  if (!device) return fail("DEVICE_NOT_BOUND");
  await checkPasscode(ctx, accountId, passcode);
  const now = ctx.clock.now();
  const db = ctx.db;
  const results = await db.batch([
    deviceUnlinkedAuditStatement(db, accountId, device.deviceId, now),
    deviceUnlinkedNotifyStatement(db, accountId, device.deviceId, now),
    unbindDeviceStatement(db, accountId, device.deviceId),
    ...revokeSessionsStatements(db, now, accountId, "device-unlinked", null),
  ]);
  if (results[2]?.meta.changes !== 1) return fail("DEVICE_NOT_BOUND");
  const account = await findAccount(ctx.db, accountId);
  if (account) {
    await sendAfterCommit(ctx, "device.unlinked", {
      to: account.phone,
      text: DEVICE_UNLINKED_TEXT,
      accountId,
      about: [accountId, device.deviceId, now],
    });
  }
  return { ok: true, deviceId: device.deviceId };
}

/** "Hoạt động của tôi": the account's newest citizen-facing events, newest first, at most {@link ACTIVITY_LIMIT}. */
export async function listActivity(ctx: Ctx, accountId: string): Promise<ActivityResponseT> {
  const results = await listAccountEvents(ctx.db, accountId, ACTIVITY_EVENTS, ACTIVITY_LIMIT);
  return {
    items: results.map((r) => ({
      id: r.id,
      event: r.event,
      at: iso(r.at),
      label: ACTIVITY_LABELS[r.event] ?? r.event,
    })),
  };
}
