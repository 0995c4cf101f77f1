/** Identification applications: level 1 online, level 2 at the police office. */
import type { AccountLevel, AccountStatus } from "../../../shared/lifecycle";
import type { Claim } from "./claim";

/** An application's state. */
export type ApplicationStatusT = "pending" | "approved" | "rejected" | "superseded";

/** An application, as stored. */
export interface Application {
  id: number;
  accountId: string;
  level: 1 | 2;
  channel: "online" | "office";
  status: ApplicationStatusT;
  /** The card as read (JSON). */
  cardJson: string;
  photoId: string | null;
  intakePhotoId: string | null;
  email: string | null;
  submittedAt: number;
  decidedAt: number | null;
  reference: string | null;
  trackingCode: string | null;
  unitCode: string | null;
  phone: string | null;
  /** Optional papers (JSON). */
  papersJson: string;
  consentAt: number | null;
  /** The account's state before this application (restored on rejection). */
  prior: { level: AccountLevel; status: AccountStatus } | null;
  intakeBy: string | null;
  reviewingAt: number | null;
  decidedBy: string | null;
  reason: string | null;
  supersededBy: number | null;
  /** Who first opened it for review (user name). */
  reviewingBy: string | null;
  /**
   * Names for people (`null` when not read, or unknown): the unit's, and those of the officers who took the file,
   * opened it for review and decided it.
   */
  names: { unit: string | null; intakeBy: string | null; reviewingBy: string | null; decidedBy: string | null };
}

/** The row as D1 returns it. */
export interface ApplicationRow {
  id: number;
  account_id: string;
  level: number;
  channel: string;
  status: string;
  card_json: string;
  photo_id: string | null;
  intake_photo_id: string | null;
  email: string | null;
  submitted_at: number;
  decided_at: number | null;
  reference: string | null;
  tracking_code: string | null;
  unit_code: string | null;
  phone: string | null;
  papers: string;
  consent_at: number | null;
  prior_level: number | null;
  prior_status: string | null;
  intake_by: string | null;
  reviewing_at: number | null;
  reviewing_by: string | null;
  decided_by: string | null;
  reason: string | null;
  superseded_by: number | null;
  /** With {@link WITH_NAMES}. */
  unit_name?: string | null;
  intake_by_name?: string | null;
  reviewing_by_name?: string | null;
  decided_by_name?: string | null;
}

/** Applications (`a`) with the names of their unit and officers, for what officers read. */
const WITH_NAMES = `SELECT a.*, u.name AS unit_name, oi.name AS intake_by_name, orv.name AS reviewing_by_name,
    od.name AS decided_by_name
  FROM applications a LEFT JOIN units u ON u.code = a.unit_code LEFT JOIN officers oi ON oi.username = a.intake_by
  LEFT JOIN officers orv ON orv.username = a.reviewing_by LEFT JOIN officers od ON od.username = a.decided_by`;

/** Row → domain. */
export function toApplication(r: ApplicationRow): Application {
  return {
    id: r.id,
    accountId: r.account_id,
    level: r.level as 1 | 2,
    channel: r.channel as Application["channel"],
    status: r.status as ApplicationStatusT,
    cardJson: r.card_json,
    photoId: r.photo_id,
    intakePhotoId: r.intake_photo_id,
    email: r.email,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    reference: r.reference,
    trackingCode: r.tracking_code,
    unitCode: r.unit_code,
    phone: r.phone,
    papersJson: r.papers,
    consentAt: r.consent_at,
    prior:
      r.prior_level !== null && r.prior_status !== null
        ? { level: r.prior_level as AccountLevel, status: r.prior_status as AccountStatus }
        : null,
    intakeBy: r.intake_by,
    reviewingAt: r.reviewing_at,
    decidedBy: r.decided_by,
    reason: r.reason,
    supersededBy: r.superseded_by,
    reviewingBy: r.reviewing_by,
    names: {
      unit: r.unit_name ?? null,
      intakeBy: r.intake_by_name ?? null,
      reviewingBy: r.reviewing_by_name ?? null,
      decidedBy: r.decided_by_name ?? null,
    },
  };
}

/** The application with this id (with {@link Application.names}), or `null`. */
export async function findApplication(db: D1Database, id: number): Promise<Application | null> {
  const row = await db.prepare(`${WITH_NAMES} WHERE a.id = ?1`).bind(id).first<ApplicationRow>();
  return row ? toApplication(row) : null;
}

/** The account's newest level-2 file that is still live (pending or approved), or `null`. */
export async function findLiveLevel2(db: D1Database, accountId: string): Promise<Application | null> {
  const row = await db
    .prepare(
      `SELECT * FROM applications WHERE account_id = ?1 AND level = 2 AND status IN ('pending', 'approved')
       ORDER BY id DESC LIMIT 1`,
    )
    .bind(accountId)
    .first<ApplicationRow>();
  return row ? toApplication(row) : null;
}

/** The application written by the batch whose claim is `claim`, or `null`. */
export async function findClaimedApplication(db: D1Database, claim: string): Promise<Application | null> {
  const row = await db.prepare("SELECT * FROM applications WHERE claim = ?1").bind(claim).first<ApplicationRow>();
  return row ? toApplication(row) : null;
}

/** Filters of the approval queue; times are unix seconds, `to` exclusive. */
export interface ApplicationFilter {
  unitCode?: string;
  level?: 1 | 2;
  status?: ApplicationStatusT;
  from?: number;
  to?: number;
}

/** The newest `limit` applications matching the filter (with {@link Application.names}). */
export async function listApplications(db: D1Database, f: ApplicationFilter, limit = 500): Promise<Application[]> {
  const { results } = await db
    .prepare(
      `${WITH_NAMES}
       WHERE (?1 IS NULL OR a.unit_code = ?1) AND (?2 IS NULL OR a.level = ?2) AND (?3 IS NULL OR a.status = ?3)
         AND (?4 IS NULL OR a.submitted_at >= ?4) AND (?5 IS NULL OR a.submitted_at < ?5)
       ORDER BY a.submitted_at DESC, a.id DESC LIMIT ?6`,
    )
    .bind(f.unitCode ?? null, f.level ?? null, f.status ?? null, f.from ?? null, f.to ?? null, limit)
    .all<ApplicationRow>();
  return results.map(toApplication);
}

/** A tracked file, and whether its account has since been activated at (at least) the file's level. */
export type TrackedApplication = Application & { activated: boolean };

type TrackedRow = ApplicationRow & { activated: number | null };

function toTracked(r: TrackedRow): TrackedApplication {
  return { ...toApplication(r), activated: r.activated === 1 };
}

const TRACKED = `SELECT a.*, (acc.status = 'active' AND acc.level >= a.level) AS activated
  FROM applications a LEFT JOIN accounts acc ON acc.id = a.account_id`;

/** The application with this reference that belongs to `accountId`, or `null` (one answer for both misses). */
export async function findTrackedApplication(
  db: D1Database,
  reference: string,
  by: { accountId: string } | { trackingCode: string },
): Promise<TrackedApplication | null> {
  const row =
    "accountId" in by
      ? await db
          .prepare(`${TRACKED} WHERE a.reference = ?1 AND a.account_id = ?2`)
          .bind(reference, by.accountId)
          .first<TrackedRow>()
      : await db
          .prepare(`${TRACKED} WHERE a.reference = ?1 AND a.tracking_code = ?2`)
          .bind(reference, by.trackingCode)
          .first<TrackedRow>();
  return row ? toTracked(row) : null;
}

/** Every numbered application of an account, newest first. */
export async function listAccountApplications(db: D1Database, accountId: string): Promise<TrackedApplication[]> {
  const { results } = await db
    .prepare(`${TRACKED} WHERE a.account_id = ?1 AND a.reference IS NOT NULL ORDER BY a.id DESC`)
    .bind(accountId)
    .all<TrackedRow>();
  return results.map(toTracked);
}

/**
 * Statements that give the application a batch wrote with its claim the next reference number of `prefix`
 * (`L2-020-2026` → `L2-020-2026-000123`). They do nothing when the batch wrote no application.
 */
export function numberApplicationStatements(db: D1Database, claim: Claim, prefix: string): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO reference_counters (prefix, last)
         SELECT ?2, 1 WHERE EXISTS (SELECT 1 FROM applications WHERE claim = ?1)
         ON CONFLICT(prefix) DO UPDATE SET last = last + 1`,
      )
      .bind(claim.value, prefix),
    db
      .prepare(
        `UPDATE applications SET reference = ?2 || '-' || printf('%06d', (SELECT last FROM reference_counters WHERE prefix = ?2))
         WHERE claim = ?1`,
      )
      .bind(claim.value, prefix),
  ];
}

/** A level-1 application as submitted online. */
export interface OnlineApplication {
  accountId: string;
  level: number;
  cardJson: string;
  photoId: string;
  email: string | null;
  submittedAt: number;
  trackingCode: string;
  unitCode: string | null;
  phone: string;
  prior: { level: number; status: string };
}

/**
 * Writes the application with the batch's claim, only if the account has just become `pending` (at `submittedAt`)
 * and has no other pending application.
 */
export function insertOnlineApplicationStatement(
  db: D1Database,
  claim: Claim,
  a: OnlineApplication,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO applications (account_id, level, channel, status, card_json, photo_id, email, submitted_at,
         tracking_code, unit_code, phone, prior_level, prior_status, claim)
       SELECT ?1, ?2, 'online', 'pending', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12
       WHERE EXISTS (SELECT 1 FROM accounts WHERE id = ?1 AND status = 'pending' AND updated_at = ?6)
         AND NOT EXISTS (SELECT 1 FROM applications WHERE account_id = ?1 AND status = 'pending')`,
    )
    .bind(
      a.accountId,
      a.level,
      a.cardJson,
      a.photoId,
      a.email,
      a.submittedAt,
      a.trackingCode,
      a.unitCode,
      a.phone,
      a.prior.level,
      a.prior.status,
      claim.value,
    );
}

/** A level-2 file as taken at the police office. */
export interface OfficeApplication {
  accountId: string;
  cardJson: string;
  submittedAt: number;
  trackingCode: string;
  unitCode: string;
  phone: string;
  papersJson: string;
  prior: { level: number; status: string };
  intakePhotoId: string;
  intakeBy: string;
}

/** Claim-guarded (db/claim.ts): writes the level-2 file, pending, with the batch's claim. */
export function insertOfficeApplicationStatement(
  db: D1Database,
  claim: Claim,
  a: OfficeApplication,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO applications (account_id, level, channel, status, card_json, submitted_at, tracking_code, unit_code,
         phone, papers, consent_at, prior_level, prior_status, intake_photo_id, intake_by, claim)
       SELECT ?2, 2, 'office', 'pending', ?3, ?4, ?5, ?6, ?7, ?8, ?4, ?9, ?10, ?11, ?12, ?1 WHERE ${claim.guard}`,
    )
    .bind(
      claim.value,
      a.accountId,
      a.cardJson,
      a.submittedAt,
      a.trackingCode,
      a.unitCode,
      a.phone,
      a.papersJson,
      a.prior.level,
      a.prior.status,
      a.intakePhotoId,
      a.intakeBy,
    );
}

/**
 * Claim-guarded: the account's pending level-1 application is superseded by the file the batch wrote (it comes back
 * if that file is rejected).
 */
export function supersedeLevel1Statement(
  db: D1Database,
  claim: Claim,
  accountId: string,
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE applications SET status = 'superseded', decided_at = ?3,
         superseded_by = (SELECT id FROM applications WHERE claim = ?1),
         reason = 'Thay thế bởi hồ sơ mức 2 ' || (SELECT reference FROM applications WHERE claim = ?1)
       WHERE account_id = ?2 AND level = 1 AND status = 'pending' AND ${claim.guard}`,
    )
    .bind(claim.value, accountId, now);
}

/** Marks a pending file "under review" by `officer`, writing the batch's claim, only the first time. */
export function markReviewingStatement(
  db: D1Database,
  claim: Claim,
  id: number,
  now: number,
  officer: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE applications SET reviewing_at = ?3, reviewing_by = ?4, claim = ?1
       WHERE id = ?2 AND status = 'pending' AND reviewing_at IS NULL`,
    )
    .bind(claim.value, id, now, officer);
}

/** A decision on a pending file. */
export interface FileDecision {
  status: "approved" | "rejected";
  reason: string | null;
  officer: string;
  /** The account, the `level/status` it must still be at, and the phone it must still have. */
  accountId: string;
  accountState: string;
  accountPhone: string;
}

/**
 * The first statement of a decision's batch (db/claim.ts): decides the file and writes the claim, only while it is
 * pending and its account is still at the state, and on the phone, the decision was made from.
 */
export function decideApplicationStatement(
  db: D1Database,
  claim: Claim,
  id: number,
  now: number,
  d: FileDecision,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE applications SET status = ?3, decided_at = ?4, decided_by = ?5, reason = ?6, claim = ?1,
         reviewing_at = COALESCE(reviewing_at, ?4), reviewing_by = COALESCE(reviewing_by, ?5)
       WHERE id = ?2 AND status = 'pending'
         AND (SELECT level || '/' || status FROM accounts WHERE id = ?7) = ?8
         AND (SELECT phone FROM accounts WHERE id = ?7) = ?9`,
    )
    .bind(claim.value, id, d.status, now, d.officer, d.reason, d.accountId, d.accountState, d.accountPhone);
}

/** Claim-guarded: a rejected level-2 file gives the level-1 application it superseded back to the queue. */
export function restoreSupersededStatement(
  db: D1Database,
  claim: Claim,
  id: number,
  approved: boolean,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE applications SET status = 'pending', decided_at = NULL, reason = NULL, superseded_by = NULL
       WHERE superseded_by = ?2 AND status = 'superseded' AND ?3 = 0 AND ${claim.guard}`,
    )
    .bind(claim.value, id, approved ? 1 : 0);
}
