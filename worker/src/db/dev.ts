/** Development-only tables: the movable clock (`dev_clock`) and injected faults (`dev_faults`). */

/** How far `POST /api/dev/clock` has moved the clock, in seconds (0 when never). */
export async function readClockOffset(db: D1Database): Promise<number> {
  const row = await db.prepare("SELECT offset_seconds FROM dev_clock WHERE id = 1").first<{ offset_seconds: number }>();
  return row?.offset_seconds ?? 0;
}

/** Moves the clock forward by `seconds`; the new offset. */
export async function addClockOffset(db: D1Database, seconds: number): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO dev_clock (id, offset_seconds) VALUES (1, ?1)
       ON CONFLICT(id) DO UPDATE SET offset_seconds = offset_seconds + ?1
       RETURNING offset_seconds`,
    )
    .bind(seconds)
    .first<{ offset_seconds: number }>();
  return row?.offset_seconds ?? seconds;
}

/**
 * Takes one fault of `route`, if any is left: decremented atomically, so that concurrent requests take each fault
 * once. Its mode (one, or a comma-separated sequence), what is left after it, and its delay.
 */
export async function takeFaultRow(
  db: D1Database,
  route: string,
): Promise<{ mode: string; remaining: number; delayMs: number } | null> {
  const row = await db
    .prepare(
      "UPDATE dev_faults SET remaining = remaining - 1 WHERE route = ?1 AND remaining > 0 RETURNING mode, remaining, delay_ms",
    )
    .bind(route)
    .first<{ mode: string; remaining: number; delay_ms: number }>();
  return row ? { mode: row.mode, remaining: row.remaining, delayMs: row.delay_ms } : null;
}

/** Sets the faults of `route`: the next `remaining` requests fail by `mode`, a timeout lasting `delayMs`. */
export async function setFault(
  db: D1Database,
  route: string,
  remaining: number,
  mode: string,
  delayMs: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO dev_faults (route, remaining, mode, delay_ms) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (route) DO UPDATE SET remaining = ?2, mode = ?3, delay_ms = ?4`,
    )
    .bind(route, remaining, mode, delayMs)
    .run();
}
