/** Officers and their sessions; only the SHA-256 of a session token is stored. */
import type { OfficerRoleT } from "../../../shared/officer-schemas";
import { officerSessionsRevokedAuditStatement } from "./audit";

/** A police officer, with the name of their unit. */
export interface Officer {
  username: string;
  name: string;
  role: OfficerRoleT;
  unitCode: string;
  unitName: string;
  passwordHash: string;
  /** The one-time password has not been changed yet. */
  mustChange: boolean;
  failedLogins: number;
  lockedUntil: number;
  /** Locked by a province_admin ("Khóa") since then, or `null`. */
  disabledAt: number | null;
}

interface OfficerRow {
  username: string;
  name: string;
  role: string;
  unit_code: string;
  unit_name: string | null;
  password_hash: string;
  must_change: number;
  failed_logins: number;
  locked_until: number;
  disabled_at: number | null;
}

function toOfficer(r: OfficerRow): Officer {
  return {
    username: r.username,
    name: r.name,
    role: r.role as OfficerRoleT,
    unitCode: r.unit_code,
    unitName: r.unit_name ?? r.unit_code,
    passwordHash: r.password_hash,
    mustChange: r.must_change === 1,
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until,
    disabledAt: r.disabled_at,
  };
}

const SELECT_OFFICER = "SELECT o.*, u.name AS unit_name FROM officers o LEFT JOIN units u ON u.code = o.unit_code";

/** The officer with this user name, or `null`. */
export async function findOfficer(db: D1Database, username: string): Promise<Officer | null> {
  const row = await db.prepare(`${SELECT_OFFICER} WHERE o.username = ?1`).bind(username).first<OfficerRow>();
  return row ? toOfficer(row) : null;
}

/** An officer as "Quản lý cán bộ" lists them: when created, and their last login. */
export interface OfficerListing extends Officer {
  createdAt: number;
  lastLoginAt: number | null;
}

type ListingRow = OfficerRow & { created_at: number; last_login_at: number | null };

const SELECT_LISTING = `SELECT o.*, u.name AS unit_name,
    (SELECT MAX(s.created_at) FROM officer_sessions s WHERE s.username = o.username) AS last_login_at
  FROM officers o LEFT JOIN units u ON u.code = o.unit_code`;

const toListing = (r: ListingRow): OfficerListing => ({
  ...toOfficer(r),
  createdAt: r.created_at,
  lastLoginAt: r.last_login_at,
});

/** Every officer with the time of their last login, by unit (the province unit first) then name. */
export async function listOfficers(db: D1Database): Promise<OfficerListing[]> {
  const { results } = await db
    .prepare(
      `${SELECT_LISTING} ORDER BY u.kind = 'province' DESC, u.name COLLATE NOCASE, o.unit_code, o.name COLLATE NOCASE, o.username`,
    )
    .all<ListingRow>();
  return results.map(toListing);
}

/** One officer as {@link listOfficers} lists them, or `null`. */
export async function findOfficerListing(db: D1Database, username: string): Promise<OfficerListing | null> {
  const row = await db.prepare(`${SELECT_LISTING} WHERE o.username = ?1`).bind(username).first<ListingRow>();
  return row ? toListing(row) : null;
}

/** True when a province_admin of a unit of `provinceCode` exists (bootstrap is then done). */
export async function hasProvinceAdmin(db: D1Database, provinceCode: string): Promise<boolean> {
  const row = await db
    .prepare(
      `SELECT 1 AS found FROM officers o JOIN units u ON u.code = o.unit_code
       WHERE o.role = 'province_admin' AND u.province_code = ?1 LIMIT 1`,
    )
    .bind(provinceCode)
    .first<{ found: number }>();
  return row !== null;
}

/** Fields of a new officer. */
export interface NewOfficer {
  username: string;
  name: string;
  role: OfficerRoleT;
  unitCode: string;
  passwordHash: string;
}

/** Inserts an officer unless the user name is taken; true when inserted. */
export async function insertOfficer(db: D1Database, o: NewOfficer, now: number): Promise<boolean> {
  const r = await db
    .prepare(
      `INSERT INTO officers (username, name, role, unit_code, password_hash, must_change, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6) ON CONFLICT(username) DO NOTHING`,
    )
    .bind(o.username, o.name, o.role, o.unitCode, o.passwordHash, now)
    .run();
  return r.meta.changes === 1;
}

/**
 * Inserts the first province_admin of `provinceCode`, unless the user name is taken or the province has one already
 * (one statement, so that two concurrent bootstraps cannot both win); true when inserted.
 */
export async function insertFirstProvinceAdmin(
  db: D1Database,
  o: NewOfficer,
  provinceCode: string,
  now: number,
): Promise<boolean> {
  const r = await db
    .prepare(
      `INSERT INTO officers (username, name, role, unit_code, password_hash, must_change, created_at, updated_at)
       SELECT ?1, ?2, 'province_admin', ?3, ?4, 1, ?5, ?5
       WHERE NOT EXISTS (SELECT 1 FROM officers o JOIN units u ON u.code = o.unit_code
                         WHERE o.role = 'province_admin' AND u.province_code = ?6)
       ON CONFLICT(username) DO NOTHING`,
    )
    .bind(o.username, o.name, o.unitCode, o.passwordHash, now, provinceCode)
    .run();
  return r.meta.changes === 1;
}

/**
 * Statements that create an officer or, if the user name exists, give it these fields and a new one-time password
 * (unlocked, to be changed at next login) and end its sessions.
 */
export function resetOfficerStatements(db: D1Database, o: NewOfficer, now: number): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO officers (username, name, role, unit_code, password_hash, must_change, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)
         ON CONFLICT(username) DO UPDATE SET name = excluded.name, role = excluded.role, unit_code = excluded.unit_code,
           password_hash = excluded.password_hash, must_change = 1, failed_logins = 0, locked_until = 0,
           updated_at = excluded.updated_at`,
      )
      .bind(o.username, o.name, o.role, o.unitCode, o.passwordHash, now),
    db
      .prepare("UPDATE officer_sessions SET revoked_at = ?2 WHERE username = ?1 AND revoked_at IS NULL")
      .bind(o.username, now),
  ];
}

/** Counts one login attempt unless the officer is locked; the count, or `null` when locked. */
export async function reserveOfficerAttempt(db: D1Database, username: string, now: number): Promise<number | null> {
  const row = await db
    .prepare(
      `UPDATE officers SET failed_logins = failed_logins + 1
       WHERE username = ?1 AND locked_until <= ?2 RETURNING failed_logins`,
    )
    .bind(username, now)
    .first<{ failed_logins: number }>();
  return row ? row.failed_logins : null;
}

/** An officer's password hash made with an earlier pepper, replaced by the current pepper's (unless it changed meanwhile). */
export function rehashOfficerStatement(
  db: D1Database,
  username: string,
  stored: string,
  hash: string,
): D1PreparedStatement {
  return db
    .prepare("UPDATE officers SET password_hash = ?3 WHERE username = ?1 AND password_hash = ?2")
    .bind(username, stored, hash);
}

/** Clears the failure count after a right password, unless a concurrent failure locked the officer meanwhile. */
export async function clearOfficerFailures(db: D1Database, username: string, now: number): Promise<boolean> {
  const r = await db
    .prepare("UPDATE officers SET failed_logins = 0 WHERE username = ?1 AND locked_until <= ?2")
    .bind(username, now)
    .run();
  return r.meta.changes === 1;
}

/** Locks the officer until `until` and resets the failure count. */
export function lockOfficerStatement(db: D1Database, username: string, until: number): D1PreparedStatement {
  return db
    .prepare("UPDATE officers SET locked_until = ?2, failed_logins = 0 WHERE username = ?1")
    .bind(username, until);
}

/** "Khóa": locks the officer (unless locked already) and ends every session of theirs, in this order. */
export function disableOfficerStatements(
  db: D1Database,
  username: string,
  by: string,
  now: number,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        "UPDATE officers SET disabled_at = ?2, disabled_by = ?3, updated_at = ?2 WHERE username = ?1 AND disabled_at IS NULL",
      )
      .bind(username, now, by),
    db
      .prepare("UPDATE officer_sessions SET revoked_at = ?2 WHERE username = ?1 AND revoked_at IS NULL")
      .bind(username, now),
  ];
}

/** "Mở khóa": the officer may log in again. */
export function enableOfficerStatement(db: D1Database, username: string, now: number): D1PreparedStatement {
  return db
    .prepare("UPDATE officers SET disabled_at = NULL, disabled_by = NULL, updated_at = ?2 WHERE username = ?1")
    .bind(username, now);
}

/** "Chuyển đơn vị": the officer's unit. */
export function setOfficerUnitStatement(
  db: D1Database,
  username: string,
  unitCode: string,
  now: number,
): D1PreparedStatement {
  return db
    .prepare("UPDATE officers SET unit_code = ?2, updated_at = ?3 WHERE username = ?1")
    .bind(username, unitCode, now);
}

/** Sets a new password (the one-time password is then spent) and ends every other session of the officer. */
export function setOfficerPasswordStatements(
  db: D1Database,
  username: string,
  passwordHash: string,
  keepTokenHash: string,
  now: number,
): D1PreparedStatement[] {
  return [
    db
      .prepare("UPDATE officers SET password_hash = ?2, must_change = 0, updated_at = ?3 WHERE username = ?1")
      .bind(username, passwordHash, now),
    db
      .prepare(
        "UPDATE officer_sessions SET revoked_at = ?3 WHERE username = ?1 AND token_hash <> ?2 AND revoked_at IS NULL",
      )
      .bind(username, keepTokenHash, now),
    // The revocation in the audit log (when there was a session to end).
    officerSessionsRevokedAuditStatement(db, username, keepTokenHash, now),
  ];
}

/** An officer session. */
export interface OfficerSessionRow {
  token_hash: string;
  username: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** Stores a new officer session. */
export async function insertOfficerSession(
  db: D1Database,
  tokenHash: string,
  username: string,
  now: number,
  expiresAt: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO officer_sessions (token_hash, username, created_at, last_seen_at, expires_at)
       VALUES (?1, ?2, ?3, ?3, ?4)`,
    )
    .bind(tokenHash, username, now, expiresAt)
    .run();
}

/** The officer session with this token hash, or `null`. */
export async function findOfficerSession(db: D1Database, tokenHash: string): Promise<OfficerSessionRow | null> {
  return db.prepare("SELECT * FROM officer_sessions WHERE token_hash = ?1").bind(tokenHash).first<OfficerSessionRow>();
}

/** Records activity on an officer session. */
export async function touchOfficerSession(db: D1Database, tokenHash: string, now: number): Promise<void> {
  await db.prepare("UPDATE officer_sessions SET last_seen_at = ?2 WHERE token_hash = ?1").bind(tokenHash, now).run();
}

/** Revokes one officer session; the officer's user name when it was live, else `null`. */
export async function revokeOfficerSession(db: D1Database, tokenHash: string, now: number): Promise<string | null> {
  const row = await db
    .prepare(
      "UPDATE officer_sessions SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at IS NULL RETURNING username",
    )
    .bind(tokenHash, now)
    .first<{ username: string }>();
  return row?.username ?? null;
}
