/** "Thông báo": the citizen's notifications (approval, device change, card expiry, recovery, phone change, dependants). */
import type { DeviceName } from "../../../shared/device-name";
import type { Claim } from "./claim";

/** What a notification is about. */
export type NotificationKind = "approval" | "device" | "expiry" | "recovery" | "phone" | "dependant";

/** A notification as the API returns it; `detail` holds the kind's own facts (e.g. a reference or a date). */
export interface Notification {
  id: number;
  kind: NotificationKind;
  at: number;
  detail: Record<string, string>;
  read: boolean;
}

interface NotificationRow {
  id: number;
  kind: NotificationKind;
  at: number;
  detail: string;
  read_at: number | null;
}

/**
 * A statement adding one notification; batch it with the change it reports. With a `dedupeKey`, a second notice of
 * the same key for the same account is silently skipped (for notices derived from state, such as expiry warnings).
 */
export function notifyStatement(
  db: D1Database,
  at: number,
  accountId: string,
  kind: NotificationKind,
  detail: Record<string, string> = {},
  dedupeKey: string | null = null,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO notifications (account_id, kind, at, detail, dedupe_key) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
    )
    .bind(accountId, kind, at, JSON.stringify(detail), dedupeKey);
}

/**
 * Like {@link notifyStatement}, but added only if the batch's first statement claimed its row (db/claim.ts), so that
 * only the batch that won reports the change.
 */
export function claimedNotifyStatement(
  db: D1Database,
  claim: Claim,
  at: number,
  accountId: string,
  kind: NotificationKind,
  detail: Record<string, string> = {},
): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO notifications (account_id, kind, at, detail) SELECT ?2, ?3, ?4, ?5 WHERE ${claim.guard}`)
    .bind(claim.value, accountId, kind, at, JSON.stringify(detail));
}

/**
 * Claim-guarded: a `dependant` notice to each other guardian whose link to the child is approved (the link the batch
 * made or removed is `guardianId`'s).
 */
export function otherGuardiansNotifyStatement(
  db: D1Database,
  claim: Claim,
  at: number,
  childId: string,
  guardianId: string,
  detail: Record<string, string>,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO notifications (account_id, kind, at, detail)
       SELECT guardian_id, 'dependant', ?2, ?3 FROM dependants
       WHERE child_id = ?4 AND status = 'approved' AND guardian_id <> ?5 AND ${claim.guard}`,
    )
    .bind(claim.value, at, JSON.stringify(detail), childId, guardianId);
}

/**
 * Activation (claim-guarded, see db/claim.ts; batch them before the old bindings end): the device notices, each
 * saying what happened, with the devices by name (the browser and system, "" when unknown), never by id.
 * - The account's own: `bound` for its first binding (written as read: nothing to worry about), or `replaced` when
 *   it was bound to another device, which it names.
 * - An account that was bound to this device: `released`, it is bound to it no more.
 */
export function activationDeviceNoticeStatements(
  db: D1Database,
  claim: Claim,
  at: number,
  accountId: string,
  deviceId: string,
  name: DeviceName,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO notifications (account_id, kind, at, detail, read_at)
         SELECT ?3, 'device', ?2,
           CASE WHEN old.device_id IS NULL THEN json_object('event', 'bound', 'browser', ?5, 'os', ?6)
             ELSE json_object('event', 'replaced', 'browser', ?5, 'os', ?6,
               'previousBrowser', COALESCE(old.browser, ''), 'previousOs', COALESCE(old.os, '')) END,
           CASE WHEN old.device_id IS NULL THEN ?2 END
         FROM (SELECT 1) LEFT JOIN devices old ON old.account_id = ?3 AND old.device_id <> ?4
         WHERE ${claim.guard}`,
      )
      .bind(claim.value, at, accountId, deviceId, name.browser ?? "", name.os ?? ""),
    db
      .prepare(
        `INSERT INTO notifications (account_id, kind, at, detail)
         SELECT account_id, 'device', ?2, json_object('event', 'released', 'browser', COALESCE(browser, ''), 'os', COALESCE(os, ''))
         FROM devices WHERE device_id = ?4 AND account_id <> ?3 AND ${claim.guard}`,
      )
      .bind(claim.value, at, accountId, deviceId),
  ];
}

/** "Hủy liên kết thiết bị": the device notice, added only if the binding is still there (batch it before its removal). */
export function deviceUnlinkedNotifyStatement(
  db: D1Database,
  accountId: string,
  deviceId: string,
  at: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO notifications (account_id, kind, at, detail)
       SELECT account_id, 'device', ?3, json_object('event', 'unbound', 'browser', COALESCE(browser, ''), 'os', COALESCE(os, ''))
       FROM devices WHERE account_id = ?1 AND device_id = ?2`,
    )
    .bind(accountId, deviceId, at);
}

/** The newest `limit` notifications of an account, newest first. */
export async function listNotifications(db: D1Database, accountId: string, limit = 50): Promise<Notification[]> {
  const { results } = await db
    .prepare("SELECT id, kind, at, detail, read_at FROM notifications WHERE account_id = ?1 ORDER BY id DESC LIMIT ?2")
    .bind(accountId, limit)
    .all<NotificationRow>();
  return results.map((r) => ({
    id: r.id,
    kind: r.kind,
    at: r.at,
    detail: JSON.parse(r.detail) as Record<string, string>,
    read: r.read_at !== null,
  }));
}

/** How many notifications the account has not read. */
export async function unreadCount(db: D1Database, accountId: string): Promise<number> {
  const row = await db
    .prepare("SELECT COUNT(*) AS n FROM notifications WHERE account_id = ?1 AND read_at IS NULL")
    .bind(accountId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Marks every notification of the account up to `upToId` (inclusive) as read. */
export function markReadStatement(db: D1Database, accountId: string, upToId: number, at: number): D1PreparedStatement {
  return db
    .prepare("UPDATE notifications SET read_at = ?3 WHERE account_id = ?1 AND id <= ?2 AND read_at IS NULL")
    .bind(accountId, upToId, at);
}
