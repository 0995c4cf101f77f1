/**
 * The numbers of the province_admin's reports, over applications and the `activation.completed` audit lines. Days
 * are Vietnam days (UTC+7); every query takes a time range in unix seconds, `end` excluded.
 */

const VN_OFFSET = 7 * 3600;
/** SQL for the Vietnam day of a unix-seconds column. */
const vnDay = (column: string) => `date(${column} + ${VN_OFFSET}, 'unixepoch')`;

/** Activations: the `activation.completed` audit entries, with the unit of the account's latest approved file. */
const ACTIVATIONS = `
  SELECT ${vnDay("a.at")} AS day,
    (SELECT p.unit_code FROM applications p WHERE p.account_id = a.account_id AND p.status = 'approved'
     ORDER BY p.decided_at DESC, p.id DESC LIMIT 1) AS unit_code
  FROM audit_log a WHERE a.event = 'activation.completed' AND a.at >= ?1 AND a.at < ?2`;

type Rows = Array<Record<string, unknown>>;

/** The dashboard's counts over a range, read in one batch. */
export async function readReportCounts(
  db: D1Database,
  start: number,
  end: number,
): Promise<{
  byLevelStatus: Rows;
  byUnitApps: Rows;
  byUnitActs: Rows;
  daysApps: Rows;
  daysApprovals: Rows;
  daysActs: Rows;
}> {
  const results = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT level, status, count(*) AS count FROM applications WHERE submitted_at >= ?1 AND submitted_at < ?2
         GROUP BY level, status ORDER BY level, status`,
      )
      .bind(start, end),
    db
      .prepare(
        `SELECT unit_code, count(*) AS applications, sum(status = 'approved') AS approved, sum(status = 'rejected') AS rejected
         FROM applications WHERE submitted_at >= ?1 AND submitted_at < ?2 GROUP BY unit_code`,
      )
      .bind(start, end),
    db.prepare(`SELECT unit_code, count(*) AS activations FROM (${ACTIVATIONS}) GROUP BY unit_code`).bind(start, end),
    db
      .prepare(
        `SELECT ${vnDay("submitted_at")} AS day, count(*) AS n FROM applications
         WHERE submitted_at >= ?1 AND submitted_at < ?2 GROUP BY day`,
      )
      .bind(start, end),
    db
      .prepare(
        `SELECT ${vnDay("decided_at")} AS day, count(*) AS n FROM applications
         WHERE status = 'approved' AND decided_at >= ?1 AND decided_at < ?2 GROUP BY day`,
      )
      .bind(start, end),
    db.prepare(`SELECT day, count(*) AS n FROM (${ACTIVATIONS}) GROUP BY day`).bind(start, end),
  ]);
  const [byLevelStatus = [], byUnitApps = [], byUnitActs = [], daysApps = [], daysApprovals = [], daysActs = []] =
    results.map((r) => r.results);
  return { byLevelStatus, byUnitApps, byUnitActs, daysApps, daysApprovals, daysActs };
}

/** The CSV export's counts per day and unit over a range, read in one batch. */
export async function readReportLines(
  db: D1Database,
  start: number,
  end: number,
): Promise<{ received: Rows; decided: Rows; activations: Rows }> {
  const [received, decided, activations] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT ${vnDay("submitted_at")} AS day, unit_code, sum(level = 1) AS l1, sum(level = 2) AS l2 FROM applications
         WHERE submitted_at >= ?1 AND submitted_at < ?2 GROUP BY day, unit_code`,
      )
      .bind(start, end),
    db
      .prepare(
        `SELECT ${vnDay("decided_at")} AS day, unit_code, sum(status = 'approved') AS approved, sum(status = 'rejected') AS rejected
         FROM applications WHERE decided_at >= ?1 AND decided_at < ?2 GROUP BY day, unit_code`,
      )
      .bind(start, end),
    db.prepare(`SELECT day, unit_code, count(*) AS n FROM (${ACTIVATIONS}) GROUP BY day, unit_code`).bind(start, end),
  ]);
  return {
    received: received?.results ?? [],
    decided: decided?.results ?? [],
    activations: activations?.results ?? [],
  };
}
