/** `login_failures`: wrong-password counts and locks of submitted IDs and user names that have no account. */

/** The count after this attempt, and the lock it is under (`lockedUntil` > now: the attempt was not counted). */
export interface LoginFailures {
  failures: number;
  lockedUntil: number;
}

/** Counts one attempt for `subject`, unless it is locked; returns the count and the lock. */
export async function reserveUnknownAttempt(db: D1Database, subject: string, now: number): Promise<LoginFailures> {
  const row = await db
    .prepare(
      `INSERT INTO login_failures (subject, failures, locked_until, updated_at) VALUES (?1, 1, 0, ?2)
       ON CONFLICT (subject) DO UPDATE SET
         failures = CASE WHEN locked_until > ?2 THEN failures ELSE failures + 1 END, updated_at = ?2
       RETURNING failures, locked_until`,
    )
    .bind(subject, now)
    .first<{ failures: number; locked_until: number }>();
  return { failures: row?.failures ?? 1, lockedUntil: row?.locked_until ?? 0 };
}

/** Locks `subject` until `until` and resets its count. */
export async function lockUnknown(db: D1Database, subject: string, until: number): Promise<void> {
  await db
    .prepare("UPDATE login_failures SET locked_until = ?2, failures = 0 WHERE subject = ?1")
    .bind(subject, until)
    .run();
}

/** Forgets the counts that have been idle since `before` and hold no lock; returns how many. */
export async function forgetIdleLoginFailures(db: D1Database, before: number, now: number): Promise<number> {
  const r = await db
    .prepare("DELETE FROM login_failures WHERE updated_at < ?1 AND locked_until <= ?2")
    .bind(before, now)
    .run();
  return r.meta.changes;
}
