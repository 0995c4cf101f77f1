/** The append-only audit log (`audit_log`): every line written and read goes through this module. */
import type { AuditDetail, AuditEvent, AuditReason } from "../../../shared/audit-events";
import type { Claim } from "./claim";
import { ACTIVATION_REVOKED_SESSIONS, REVOCABLE_SESSIONS } from "./sessions";

/**
 * Security events recorded in the append-only audit log: the keys of `AUDIT_EVENT_LABELS` (shared/audit-events.ts),
 * where a new event is added with its label. Details carry only labelled fields (`AuditDetail`).
 */
export type { AuditEvent };

/** An event as a SQL string literal, for the statements below that write or read it in SQL (typed like the rest). */
const sqlEvent = (event: AuditEvent) => `'${event}'`;

/** A statement appending one event; batch it with the change it records. */
export function auditStatement(
  db: D1Database,
  at: number,
  event: AuditEvent,
  accountId: string | null,
  detail: AuditDetail = {},
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO audit_log (at, event, account_id, detail) VALUES (?1, ?2, ?3, ?4)")
    .bind(at, event, accountId, JSON.stringify(detail));
}

/** Appends one event on its own. */
export async function audit(
  db: D1Database,
  at: number,
  event: AuditEvent,
  accountId: string | null,
  detail: AuditDetail = {},
): Promise<void> {
  await auditStatement(db, at, event, accountId, detail).run();
}

/** A statement appending one officer action (the officer named in its own column); batch it with the change. */
export function officerAuditStatement(
  db: D1Database,
  at: number,
  event: AuditEvent,
  officer: string | null,
  accountId: string | null,
  detail: AuditDetail = {},
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO audit_log (at, event, officer, account_id, detail) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(at, event, officer, accountId, JSON.stringify(detail));
}

/**
 * Like {@link officerAuditStatement}, but appended only if the batch's first statement claimed its row (db/claim.ts),
 * so that only the batch that won records the action.
 */
export function claimedAuditStatement(
  db: D1Database,
  claim: Claim,
  at: number,
  event: AuditEvent,
  officer: string | null,
  accountId: string | null,
  detail: AuditDetail = {},
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, event, officer, account_id, detail) SELECT ?2, ?3, ?4, ?5, ?6 WHERE ${claim.guard}`,
    )
    .bind(claim.value, at, event, officer, accountId, JSON.stringify(detail));
}

/** `sms.failed` for the text whose row `listFailedTextStatement` (db/sms-failed.ts) claimed, with what the row says. */
export function failedTextAuditStatement(db: D1Database, claim: Claim, at: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, event, account_id, detail)
       SELECT ?2, 'sms.failed', account_id, json_object('text', event, 'key', idem_key, 'reason', reason, 'attempts', attempts)
       FROM sms_failed WHERE claim = ?1`,
    )
    .bind(claim.value, at);
}

/** `login.succeeded`, appended only if the account is not locked at `at` (the same check as the session's insert). */
export function loginSucceededAuditStatement(db: D1Database, accountId: string, at: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, event, account_id) SELECT ?2, ${sqlEvent("login.succeeded")}, ?1
       WHERE EXISTS (SELECT 1 FROM accounts WHERE id = ?1 AND locked_until <= ?2)`,
    )
    .bind(accountId, at);
}

/**
 * `session.revoked` for each session `revokeSessionsStatement` (db/sessions.ts) is about to end, with the reason and
 * the session's public id; with a `claim`, only if its batch claimed its row.
 */
export function revokedSessionsAuditStatement(
  db: D1Database,
  accountId: string,
  at: number,
  reason: AuditReason,
  keepTokenHash: string | null,
  claim: Claim | null = null,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, event, account_id, detail)
       SELECT ?2, ${sqlEvent("session.revoked")}, account_id, json_object('reason', ?4, 'session', public_id) FROM sessions
       WHERE ${REVOCABLE_SESSIONS}${claim ? ` AND ${claim.guard}` : ""}`,
    )
    .bind(claim?.value ?? null, at, accountId, reason, keepTokenHash);
}

/**
 * Activation (claim-guarded): `session.revoked` for each session `revokeForActivationStatement` is about to end, and
 * `device.unbound` for each binding of the account or the device that `rebindDeviceStatements` is about to end.
 */
export function activationUnbindAuditStatements(
  db: D1Database,
  claim: Claim,
  at: number,
  accountId: string,
  deviceId: string,
): { sessions: D1PreparedStatement; devices: D1PreparedStatement } {
  return {
    sessions: db
      .prepare(
        `INSERT INTO audit_log (at, event, account_id, detail)
         SELECT ?2, ${sqlEvent("session.revoked")}, account_id, '{"reason":"activation"}' FROM sessions
         WHERE ${ACTIVATION_REVOKED_SESSIONS} AND ${claim.guard}`,
      )
      .bind(claim.value, at, accountId, deviceId),
    devices: db
      .prepare(
        `INSERT INTO audit_log (at, event, account_id, detail)
         SELECT ?2, ${sqlEvent("device.unbound")}, account_id, json_object('deviceId', device_id) FROM devices
         WHERE (device_id = ?4 OR account_id = ?3) AND ${claim.guard}`,
      )
      .bind(claim.value, at, accountId, deviceId),
  };
}

/** "Hủy liên kết thiết bị": `device.unbound` for the binding `unbindDeviceStatement` is about to remove, if it is there. */
export function deviceUnlinkedAuditStatement(
  db: D1Database,
  accountId: string,
  deviceId: string,
  at: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, event, account_id, detail)
       SELECT ?3, ${sqlEvent("device.unbound")}, account_id, json_object('deviceId', device_id, 'reason', 'unlink')
       FROM devices WHERE account_id = ?1 AND device_id = ?2`,
    )
    .bind(accountId, deviceId, at);
}

/** An officer's password change: one `session.revoked` line counting the other sessions it ended, if there were any. */
export function officerSessionsRevokedAuditStatement(
  db: D1Database,
  username: string,
  keepTokenHash: string,
  at: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, event, officer, detail)
       SELECT ?3, ${sqlEvent("session.revoked")}, ?1, json_object('reason', 'password', 'sessions', COUNT(*))
       FROM officer_sessions WHERE username = ?1 AND token_hash <> ?2 AND revoked_at = ?3 HAVING COUNT(*) > 0`,
    )
    .bind(username, keepTokenHash, at);
}

/** "Khóa": `officer.locked` by `by`, counting the sessions of `username` that `disableOfficerStatements` is about to end. */
export function officerLockedAuditStatement(
  db: D1Database,
  by: string,
  username: string,
  at: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, event, officer, detail)
       SELECT ?3, 'officer.locked', ?2, json_object('username', ?1, 'sessions', COUNT(*))
       FROM officer_sessions WHERE username = ?1 AND revoked_at IS NULL`,
    )
    .bind(username, by, at);
}

/** `application.intake` for the file the intake batch wrote (its claim), with its reference and unit. */
export function intakeAuditStatement(
  db: D1Database,
  claim: Claim,
  at: number,
  officer: string,
  accountId: string,
  prior: string,
  upgrade: boolean,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, event, officer, account_id, detail)
       SELECT ?2, ${sqlEvent("application.intake")}, ?3, ?4,
         json_object('reference', reference, 'unit', unit_code, 'prior', ?5, 'upgrade', json(?6))
       FROM applications WHERE claim = ?1`,
    )
    .bind(claim.value, at, officer, accountId, prior, upgrade ? "true" : "false");
}

/** `level1.applied` for the application the batch wrote (its claim), with its reference and unit. */
export function level1AppliedAuditStatement(
  db: D1Database,
  claim: Claim,
  at: number,
  accountId: string,
  photoId: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, event, account_id, detail)
       SELECT ?1, ${sqlEvent("level1.applied")}, ?2, json_object('photoId', ?3, 'reference', reference, 'unit', unit_code)
       FROM applications WHERE claim = ?4`,
    )
    .bind(at, accountId, photoId, claim.value);
}

/** `dependant.added`, appended only if the link `id` exists (the batch's insert won). */
export function dependantAddedAuditStatement(
  db: D1Database,
  id: string,
  at: number,
  guardianId: string,
  childId: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, event, account_id, detail)
       SELECT ?2, ${sqlEvent("dependant.added")}, ?3, json_object('child', ?4) WHERE EXISTS (SELECT 1 FROM dependants WHERE id = ?1)`,
    )
    .bind(id, at, guardianId, childId);
}

// ------------------------------------------------------------------------------------------------------------------
// Reads

/** Refused dependant look-ups of a guardian since `since`, and the oldest of them (for the retry time). */
export async function recentRefusals(
  db: D1Database,
  guardianId: string,
  since: number,
): Promise<{ count: number; oldest: number | null }> {
  const row = await db
    .prepare(
      `SELECT COUNT(*) AS n, MIN(at) AS oldest FROM audit_log
       WHERE event = ${sqlEvent("dependant.refused")} AND account_id = ?1 AND at > ?2`,
    )
    .bind(guardianId, since)
    .first<{ n: number; oldest: number | null }>();
  return { count: row?.n ?? 0, oldest: row?.oldest ?? null };
}

/** The account's newest `limit` lines of the given events, newest first. */
export async function listAccountEvents<E extends string>(
  db: D1Database,
  accountId: string,
  events: readonly E[],
  limit: number,
): Promise<Array<{ id: number; at: number; event: E }>> {
  const marks = events.map((_, i) => `?${i + 3}`).join(", ");
  const { results } = await db
    .prepare(
      `SELECT id, at, event FROM audit_log WHERE account_id = ?1 AND event IN (${marks}) ORDER BY id DESC LIMIT ?2`,
    )
    .bind(accountId, limit, ...events)
    .all<{ id: number; at: number; event: E }>();
  return results;
}

/** Filters of the audit list: an event and the events under it, an officer, a time range (`end` excluded). */
export interface AuditFilter {
  event: string | null;
  officer: string | null;
  start: number | null;
  end: number | null;
}

/** A line of the audit log as stored (`detail` is JSON text), with the name of its officer. */
export interface AuditRow {
  at: number;
  event: string;
  officer: string | null;
  officer_name: string | null;
  account_id: string | null;
  detail: string;
}

/** The newest 500 lines matching the filter. */
export async function listAuditLines(db: D1Database, f: AuditFilter): Promise<AuditRow[]> {
  const { results } = await db
    .prepare(
      `SELECT a.at, a.event, a.officer, o.name AS officer_name, a.account_id, a.detail
       FROM audit_log a LEFT JOIN officers o ON o.username = a.officer
       WHERE (?1 IS NULL OR a.event = ?1 OR substr(a.event, 1, length(?1) + 1) = ?1 || '.')
         AND (?2 IS NULL OR a.officer = ?2) AND (?3 IS NULL OR a.at >= ?3) AND (?4 IS NULL OR a.at < ?4)
       ORDER BY a.id DESC LIMIT 500`,
    )
    .bind(f.event, f.officer, f.start, f.end)
    .all<AuditRow>();
  return results;
}
