/**
 * Texts that could not be delivered after the commit (`sms_failed`), for "Tin nhắn lỗi": kept with the full phone
 * for "Gửi lại" and a masked one for display. A row moves pending → failed (listed) → resent; the moves that are
 * audited are claim-guarded batches (db/claim.ts).
 */
import type { QueuedTextT } from "../../../shared/sms";
import type { Claim } from "./claim";

/** A row of `sms_failed` as the domain reads it. */
export interface FailedTextRow {
  id: number;
  key: string;
  event: string;
  accountId: string | null;
  phone: string;
  maskedPhone: string;
  text: string;
  reason: string;
  attempts: number;
  state: "pending" | "failed" | "resent";
  failedAt: number;
  resentAt: number | null;
  resentBy: string | null;
}

interface Row {
  id: number;
  idem_key: string;
  event: string;
  account_id: string | null;
  phone: string;
  phone_masked: string;
  text: string;
  reason: string;
  attempts: number;
  state: FailedTextRow["state"];
  failed_at: number;
  resent_at: number | null;
  resent_by: string | null;
}

const COLUMNS =
  "id, idem_key, event, account_id, phone, phone_masked, text, reason, attempts, state, failed_at, resent_at, resent_by";

function rowOf(r: Row): FailedTextRow {
  return {
    id: r.id,
    key: r.idem_key,
    event: r.event,
    accountId: r.account_id,
    phone: r.phone,
    maskedPhone: r.phone_masked,
    text: r.text,
    reason: r.reason,
    attempts: r.attempts,
    state: r.state,
    failedAt: r.failed_at,
    resentAt: r.resent_at,
    resentBy: r.resent_by,
  };
}

/** What a failure record says of its text, beside the message itself. */
export interface FailureFacts {
  maskedPhone: string;
  reason: string;
  attempts: number;
  at: number;
}

/**
 * The last attempt before the dead-letter queue failed: keeps why (the dead-letter queue's consumer does not learn
 * it), unlisted until that consumer marks the row failed.
 */
export async function notePendingFailure(db: D1Database, text: QueuedTextT, facts: FailureFacts): Promise<void> {
  await db
    .prepare(
      `INSERT INTO sms_failed (idem_key, event, account_id, phone, phone_masked, text, reason, attempts, state, failed_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending', ?9)
       ON CONFLICT (idem_key) DO UPDATE SET reason = excluded.reason, attempts = excluded.attempts, failed_at = excluded.failed_at
       WHERE sms_failed.state = 'pending'`,
    )
    .bind(
      text.key,
      text.event,
      text.accountId,
      text.to,
      facts.maskedPhone,
      text.text,
      facts.reason,
      facts.attempts,
      facts.at,
    )
    .run();
}

/**
 * Claims a text's row as failed (listed): a new row, or the pending one (whose reason, noted then, stays). A text
 * already listed is left alone, so the batch's audit line (db/audit.ts, `failedTextAuditStatement`) is not written
 * twice.
 */
export function listFailedTextStatement(
  db: D1Database,
  claim: Claim,
  text: QueuedTextT,
  facts: FailureFacts,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO sms_failed (idem_key, event, account_id, phone, phone_masked, text, reason, attempts, state, failed_at, claim)
       VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'failed', ?10, ?1)
       ON CONFLICT (idem_key) DO UPDATE SET state = 'failed', failed_at = excluded.failed_at, claim = excluded.claim
       WHERE sms_failed.state = 'pending'`,
    )
    .bind(
      claim.value,
      text.key,
      text.event,
      text.accountId,
      text.to,
      facts.maskedPhone,
      text.text,
      facts.reason,
      facts.attempts,
      facts.at,
    );
}

/** The newest listed texts (failed or resent), newest first. */
export async function listFailedTexts(db: D1Database, limit: number): Promise<FailedTextRow[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM sms_failed WHERE state IN ('failed', 'resent') ORDER BY id DESC LIMIT ?1`)
    .bind(limit)
    .all<Row>();
  return results.map(rowOf);
}

/** One listed text, or null (a pending row is not listed yet). */
export async function findFailedText(db: D1Database, id: number): Promise<FailedTextRow | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM sms_failed WHERE id = ?1 AND state IN ('failed', 'resent')`)
    .bind(id)
    .first<Row>();
  return row ? rowOf(row) : null;
}

/** "Gửi lại": claims a failed text's row as resent by `officer` (only the first of two concurrent clicks does). */
export function markResentStatement(
  db: D1Database,
  claim: Claim,
  id: number,
  officer: string,
  at: number,
): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE sms_failed SET state = 'resent', resent_at = ?2, resent_by = ?3, claim = ?1 WHERE id = ?4 AND state = 'failed'",
    )
    .bind(claim.value, at, officer, id);
}
