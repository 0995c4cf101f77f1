/** The papers integrated at level 2: what the approved level-2 file recorded at intake (`applications.papers`). */

/** The newest approved level-2 file's reference and papers JSON of an account, or `null`. */
export async function findApprovedPapers(
  db: D1Database,
  accountId: string,
): Promise<{ reference: string | null; papers: string } | null> {
  return db
    .prepare(
      `SELECT reference, papers FROM applications
       WHERE account_id = ?1 AND level = 2 AND status = 'approved' ORDER BY id DESC LIMIT 1`,
    )
    .bind(accountId)
    .first<{ reference: string | null; papers: string }>();
}

/** The papers JSON of the account's most recently decided approved level-2 file, or `null`. */
export async function findLatestApprovedPapers(db: D1Database, accountId: string): Promise<string | null> {
  const row = await db
    .prepare(
      `SELECT papers FROM applications WHERE account_id = ?1 AND level = 2 AND status = 'approved'
       ORDER BY decided_at DESC, id DESC LIMIT 1`,
    )
    .bind(accountId)
    .first<{ papers: string }>();
  return row?.papers ?? null;
}
