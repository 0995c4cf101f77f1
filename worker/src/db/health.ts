/** Round trips that only prove a database answers (readiness). */

/** One trivial query. */
export async function pingDatabase(db: D1Database): Promise<void> {
  await db.prepare("SELECT 1 AS one").first();
}
