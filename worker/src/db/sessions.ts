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
