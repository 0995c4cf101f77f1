import type { Claim } from "./claim";
import type { AuditReason } from "../../../shared/audit-events";

/** A login session; only the SHA-256 of its token is stored. */
export interface SessionRow {
  token_hash: string;
  account_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** Stores a new session. */
export async function insertSession(
  db: D1Database,
  tokenHash: string,
  accountId: string,
  now: number,
  expiresAt: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at)
       VALUES (?1, ?2, ?3, ?3, ?4)`,
    )
    .bind(tokenHash, accountId, now, expiresAt)
    .run();
}

/** The session with this token hash, or `null`. */
export async function findSession(db: D1Database, tokenHash: string): Promise<SessionRow | null> {
  return db.prepare("SELECT * FROM sessions WHERE token_hash = ?1").bind(tokenHash).first<SessionRow>();
}

/** Records activity on a session. */
export async function touchSession(db: D1Database, tokenHash: string, now: number): Promise<void> {
  await db.prepare("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1").bind(tokenHash, now).run();
}

/** Revokes one session. */
export async function revokeSession(db: D1Database, tokenHash: string, now: number): Promise<void> {
  await db
    .prepare("UPDATE sessions SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at IS NULL")
    .bind(tokenHash, now)
    .run();
}

/** Login: opens the session only if the account is not locked at `now` (a concurrent failure may have locked it). */
export function openSessionIfUnlockedStatement(
  db: D1Database,
  tokenHash: string,
  accountId: string,
  now: number,
  expiresAt: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at)
       SELECT ?1, ?2, ?3, ?3, ?4 WHERE EXISTS (SELECT 1 FROM accounts WHERE id = ?2 AND locked_until <= ?3)`,
    )
    .bind(tokenHash, accountId, now, expiresAt);
}

/** A session as "Quản lý thiết bị" lists it: by its public id, never by its token hash. */
export interface LiveSessionRow {
  public_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  /** 1 for the session of `currentTokenHash`. */
  current: number;
}

/**
 * The account's sessions that still let their holder in (not revoked, not past their absolute or idle end), newest
 * first, at most 100.
 */
export async function listLiveSessions(
  db: D1Database,
  accountId: string,
  now: number,
  idleSeconds: number,
  currentTokenHash: string,
): Promise<LiveSessionRow[]> {
  const { results } = await db
    .prepare(
      `SELECT public_id, created_at, last_seen_at, expires_at, token_hash = ?4 AS current FROM sessions
       WHERE account_id = ?1 AND revoked_at IS NULL AND expires_at > ?2 AND last_seen_at + ?3 > ?2
       ORDER BY created_at DESC, public_id LIMIT 100`,
    )
    .bind(accountId, now, idleSeconds, currentTokenHash)
    .all<LiveSessionRow>();
  return results;
}

/**
 * Which sessions a revocation ends: the account's live ones (`?3`), all but the one of `?5` when it is not null.
 * Shared with their audit lines (db/audit.ts), which must name exactly the sessions revoked.
 */
export const REVOCABLE_SESSIONS = "account_id = ?3 AND revoked_at IS NULL AND (?5 IS NULL OR token_hash <> ?5)";

/**
 * Revokes the account's sessions (all but `keepTokenHash`, when given); with a `claim`, only if its batch claimed its
 * row (db/claim.ts). Batch it after the audit lines that name them (`revokedSessionsAuditStatement`).
 */
export function revokeSessionsStatement(
  db: D1Database,
  accountId: string,
  now: number,
  reason: AuditReason,
  keepTokenHash: string | null,
  claim: Claim | null = null,
): D1PreparedStatement {
  return db
    .prepare(`UPDATE sessions SET revoked_at = ?2 WHERE ${REVOCABLE_SESSIONS}${claim ? ` AND ${claim.guard}` : ""}`)
    .bind(claim?.value ?? null, now, accountId, reason, keepTokenHash);
}

/** Which sessions activation ends: those of the account and of the account the device was bound to (`?4`). */
export const ACTIVATION_REVOKED_SESSIONS =
  "revoked_at IS NULL AND (account_id = ?3 OR account_id IN (SELECT account_id FROM devices WHERE device_id = ?4))";

/** Activation (claim-guarded): revokes the sessions of the account and of the device's earlier account. */
export function revokeForActivationStatement(
  db: D1Database,
  claim: Claim,
  now: number,
  accountId: string,
  deviceId: string,
): D1PreparedStatement {
  return db
    .prepare(`UPDATE sessions SET revoked_at = ?2 WHERE ${ACTIVATION_REVOKED_SESSIONS} AND ${claim.guard}`)
    .bind(claim.value, now, accountId, deviceId);
}
