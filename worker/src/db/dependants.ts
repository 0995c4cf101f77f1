/** "Người phụ thuộc": the children a level-2 parent or guardian added from the registry (migration 0009). */

/** A guardian's link to a child. */
export interface DependantLink {
  childId: string;
  addedAt: number;
}

/** The children of a guardian, oldest link first. */
export async function listDependantLinks(db: D1Database, guardianId: string): Promise<DependantLink[]> {
  const { results } = await db
    .prepare("SELECT child_id, added_at FROM dependants WHERE guardian_id = ?1 ORDER BY added_at, child_id")
    .bind(guardianId)
    .all<{ child_id: string; added_at: number }>();
  return results.map((r) => ({ childId: r.child_id, addedAt: r.added_at }));
}

/** The guardians a child already has. */
export async function guardiansOf(db: D1Database, childId: string): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT guardian_id FROM dependants WHERE child_id = ?1")
    .bind(childId)
    .all<{ guardian_id: string }>();
  return results.map((r) => r.guardian_id);
}

/**
 * A statement linking a child to a guardian under the random `id`, only while the child has fewer than
 * `maxGuardians` and not already this guardian (so concurrent adds never pass the cap). Batch an audit line that
 * checks for `id` with it.
 */
export function addDependantStatement(
  db: D1Database,
  id: string,
  guardianId: string,
  childId: string,
  at: number,
  maxGuardians: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO dependants (id, guardian_id, child_id, added_at)
       SELECT ?1, ?2, ?3, ?4 WHERE (SELECT COUNT(*) FROM dependants WHERE child_id = ?3) < ?5
       ON CONFLICT (guardian_id, child_id) DO NOTHING`,
    )
    .bind(id, guardianId, childId, at, maxGuardians);
}
