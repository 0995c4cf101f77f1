/** Accounts (`accounts`): state, credentials, the login, passcode and recovery lockouts. */
import type { AccountLevel, AccountState, AccountStatus } from "../../../shared/lifecycle";
import type { Claim } from "./claim";

/** An e-ID account. */
export interface Account {
  id: string;
  /** E.164. */
  phone: string;
  level: AccountLevel;
  status: AccountStatus;
  passwordHash: string | null;
  passcodeHash: string | null;
  failedLogins: number;
  lockedUntil: number;
  activatedAt: number | null;
}

interface AccountRow {
  id: string;
  phone: string;
  level: number;
  status: string;
  password_hash: string | null;
  passcode_hash: string | null;
  failed_logins: number;
  locked_until: number;
  activated_at: number | null;
}

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    phone: row.phone,
    level: row.level as AccountLevel,
    status: row.status as AccountStatus,
    passwordHash: row.password_hash,
    passcodeHash: row.passcode_hash,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    activatedAt: row.activated_at,
  };
}

/** The account with this ID number, or `null`. */
export async function findAccount(db: D1Database, id: string): Promise<Account | null> {
  const row = await db.prepare("SELECT * FROM accounts WHERE id = ?1").bind(id).first<AccountRow>();
  return row ? toAccount(row) : null;
}

/**
 * Counts one login attempt before the password is checked, unless the account is locked, and returns the account
 * with the count included — one round trip. `null` when the ID has no account with a password, or it is locked
 * (tell the two apart with {@link findAccount}). Counting first bounds concurrent guesses.
 */
export async function reserveLoginAttempt(db: D1Database, id: string, now: number): Promise<Account | null> {
  const row = await db
    .prepare(
      `UPDATE accounts SET failed_logins = failed_logins + 1
       WHERE id = ?1 AND password_hash IS NOT NULL AND locked_until <= ?2 RETURNING *`,
    )
    .bind(id, now)
    .first<AccountRow>();
  return row ? toAccount(row) : null;
}

/** Clears the failure count after a right password, unless a concurrent failure locked the account meanwhile. */
export function clearLoginFailuresStatement(db: D1Database, id: string, now: number): D1PreparedStatement {
  return db.prepare("UPDATE accounts SET failed_logins = 0 WHERE id = ?1 AND locked_until <= ?2").bind(id, now);
}

/** Locks the account until `until` and resets the failure count. */
export function lockAccountStatement(db: D1Database, id: string, until: number): D1PreparedStatement {
  return db.prepare("UPDATE accounts SET locked_until = ?2, failed_logins = 0 WHERE id = ?1").bind(id, until);
}

/** The level and state of an account, and its count of wrong passcodes in a row, or `null`. */
export async function findAccountState(
  db: D1Database,
  id: string,
): Promise<{ level: number; status: string; passcodeFailures: number } | null> {
  return db
    .prepare("SELECT level, status, passcode_failures AS passcodeFailures FROM accounts WHERE id = ?1")
    .bind(id)
    .first<{ level: number; status: string; passcodeFailures: number }>();
}

/** The row the logged-in home shows: the account, its bound device, its pending application, the unread count. */
export interface HomeRow {
  id: string;
  level: AccountLevel;
  status: AccountStatus;
  phone: string;
  device_id: string | null;
  bound_at: number | null;
  browser: string | null;
  os: string | null;
  app_level: 1 | 2 | null;
  submitted_at: number | null;
  reference: string | null;
  tracking_code: string | null;
  unread: number;
}

/** The account's {@link HomeRow}; a statement, so that login can batch it with the session it opens. */
export function accountHomeStatement(db: D1Database, accountId: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT a.id, a.level, a.status, a.phone, d.device_id, d.bound_at, d.browser, d.os,
         p.level AS app_level, p.submitted_at, p.reference, p.tracking_code,
         (SELECT COUNT(*) FROM notifications n WHERE n.account_id = a.id AND n.read_at IS NULL) AS unread
       FROM accounts a
       LEFT JOIN devices d ON d.account_id = a.id
       LEFT JOIN applications p ON p.id = (
         SELECT id FROM applications WHERE account_id = a.id AND status = 'pending' ORDER BY id DESC LIMIT 1)
       WHERE a.id = ?1`,
    )
    .bind(accountId);
}

// ------------------------------------------------------------------------------------------------------------------
// Passcode

/**
 * Counts one passcode attempt before the passcode is hashed, in the statement that checks the lock; the stored hash
 * and the count, or `null` when the account has no passcode or `max` attempts are used up.
 */
export async function reservePasscodeAttempt(
  db: D1Database,
  accountId: string,
  max: number,
): Promise<{ passcodeHash: string; failures: number } | null> {
  const row = await db
    .prepare(
      `UPDATE accounts SET passcode_failures = passcode_failures + 1
       WHERE id = ?1 AND passcode_hash IS NOT NULL AND passcode_failures < ?2
       RETURNING passcode_hash, passcode_failures`,
    )
    .bind(accountId, max)
    .first<{ passcode_hash: string; passcode_failures: number }>();
  return row ? { passcodeHash: row.passcode_hash, failures: row.passcode_failures } : null;
}

/** Whether the account exists and has a passcode (`null`: no account). */
export async function hasPasscode(db: D1Database, accountId: string): Promise<boolean | null> {
  const row = await db
    .prepare("SELECT passcode_hash FROM accounts WHERE id = ?1")
    .bind(accountId)
    .first<{ passcode_hash: string | null }>();
  return row ? row.passcode_hash !== null : null;
}

/** Clears the passcode failure count. */
export async function clearPasscodeFailures(db: D1Database, accountId: string): Promise<void> {
  await db.prepare("UPDATE accounts SET passcode_failures = 0 WHERE id = ?1").bind(accountId).run();
}

/**
 * A statement replacing a password or passcode hash made with an earlier pepper by the same secret's hash with the
 * current one (pepper rotation); it changes nothing if the hash changed meanwhile.
 */
export function rehashStatement(
  db: D1Database,
  accountId: string,
  column: "password_hash" | "passcode_hash",
  stored: string,
  hash: string,
): D1PreparedStatement {
  return db
    .prepare(`UPDATE accounts SET ${column} = ?3 WHERE id = ?1 AND ${column} = ?2`)
    .bind(accountId, stored, hash);
}

/** A statement setting a new passcode hash and lifting the passcode lock. */
export function setPasscodeStatement(
  db: D1Database,
  accountId: string,
  passcodeHash: string,
  now: number,
): D1PreparedStatement {
  return db
    .prepare("UPDATE accounts SET passcode_hash = ?2, passcode_failures = 0, updated_at = ?3 WHERE id = ?1")
    .bind(accountId, passcodeHash, now);
}

// ------------------------------------------------------------------------------------------------------------------
// Password recovery lockout

/** The password-recovery lockout of an account. */
export async function recoveryLock(
  db: D1Database,
  accountId: string,
): Promise<{ failures: number; lockedUntil: number } | null> {
  const row = await db
    .prepare("SELECT recovery_failures, recovery_locked_until FROM accounts WHERE id = ?1")
    .bind(accountId)
    .first<{ recovery_failures: number; recovery_locked_until: number }>();
  return row ? { failures: row.recovery_failures, lockedUntil: row.recovery_locked_until } : null;
}

/**
 * Counts one answer before it is checked, in the statement that checks the lock, so that concurrent guesses can
 * never check more than `max` wrong answers: the count restarts once an earlier lock has run out, and the attempt
 * that reaches `max` sets the lock at once (a right answer lifts it again). `null` when recovery is locked.
 */
export async function reserveRecoveryAnswer(
  db: D1Database,
  accountId: string,
  now: number,
  max: number,
  lockSeconds: number,
): Promise<{ failures: number; lockedUntil: number } | null> {
  const row = await db
    .prepare(
      `UPDATE accounts SET
         recovery_failures = (CASE WHEN recovery_failures >= ?3 THEN 0 ELSE recovery_failures END) + 1,
         recovery_locked_until = CASE
           WHEN (CASE WHEN recovery_failures >= ?3 THEN 0 ELSE recovery_failures END) + 1 >= ?3 THEN ?2 + ?4
           ELSE recovery_locked_until END
       WHERE id = ?1 AND recovery_locked_until <= ?2
       RETURNING recovery_failures, recovery_locked_until`,
    )
    .bind(accountId, now, max, lockSeconds)
    .first<{ recovery_failures: number; recovery_locked_until: number }>();
  return row ? { failures: row.recovery_failures, lockedUntil: row.recovery_locked_until } : null;
}

/** Clears the answer count and any lock (a right answer, or a completed recovery). */
export function clearRecoveryLockStatement(db: D1Database, accountId: string): D1PreparedStatement {
  return db
    .prepare("UPDATE accounts SET recovery_failures = 0, recovery_locked_until = 0 WHERE id = ?1")
    .bind(accountId);
}

// ------------------------------------------------------------------------------------------------------------------
// Claim-guarded changes (see db/claim.ts): each writes only if its batch's first statement claimed its row.

/** Activation: the new state, the secrets the flow collected (the password only if it set one), locks cleared. */
export function activateAccountStatement(
  db: D1Database,
  claim: Claim,
  now: number,
  accountId: string,
  status: AccountStatus,
  passwordHash: string | null,
  passcodeHash: string | null,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE accounts SET status = ?4, password_hash = COALESCE(?5, password_hash), passcode_hash = ?6,
         activated_at = ?2, updated_at = ?2, failed_logins = 0, locked_until = 0
       WHERE id = ?3 AND ${claim.guard}`,
    )
    .bind(claim.value, now, accountId, status, passwordHash, passcodeHash);
}

/** Password recovery: the new password, with the login and recovery locks cleared. */
export function resetPasswordStatement(
  db: D1Database,
  claim: Claim,
  now: number,
  accountId: string,
  passwordHash: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE accounts SET password_hash = ?4, failed_logins = 0, locked_until = 0, recovery_failures = 0,
         recovery_locked_until = 0, updated_at = ?2
       WHERE id = ?3 AND ${claim.guard}`,
    )
    .bind(claim.value, now, accountId, passwordHash);
}

/** Office intake: a new account at `state`, with the phone the citizen declared and no password. */
export function createOfficeAccountStatement(
  db: D1Database,
  claim: Claim,
  id: string,
  phone: string,
  state: AccountState,
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO accounts (id, phone, level, status, created_at, updated_at)
       SELECT ?2, ?3, ?4, ?5, ?6, ?6 WHERE ${claim.guard}`,
    )
    .bind(claim.value, id, phone, state.level, state.status, now);
}

/** Office intake: an existing account moved to `state`. */
export function moveAccountStatement(
  db: D1Database,
  claim: Claim,
  id: string,
  state: AccountState,
  now: number,
): D1PreparedStatement {
  return db
    .prepare(`UPDATE accounts SET level = ?3, status = ?4, updated_at = ?5 WHERE id = ?2 AND ${claim.guard}`)
    .bind(claim.value, id, state.level, state.status, now);
}

/** A decision on a file: the account's new state, and (approval) the phone the file records. */
export function decideAccountStatement(
  db: D1Database,
  claim: Claim,
  id: string,
  state: AccountState,
  phone: string | null,
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE accounts SET level = ?3, status = ?4, phone = COALESCE(?5, phone), updated_at = ?6
       WHERE id = ?2 AND ${claim.guard}`,
    )
    .bind(claim.value, id, state.level, state.status, phone, now);
}

/** Level-1 application: moves the account from `from` to `to`, only if it is still at `from`. */
export function applyAccountStatement(
  db: D1Database,
  id: string,
  from: AccountState,
  to: AccountState,
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE accounts SET level = ?2, status = ?3, updated_at = ?4
       WHERE id = ?1 AND level = ?5 AND status = ?6`,
    )
    .bind(id, to.level, to.status, now, from.level, from.status);
}

// ------------------------------------------------------------------------------------------------------------------
// Registry import

/** The id of every account. */
export async function listAccountIds(db: D1Database): Promise<string[]> {
  return (await db.prepare("SELECT id FROM accounts").all<{ id: string }>()).results.map((r) => r.id);
}

/** An account of a registry extract, as imported (secrets already hashed). */
export interface ImportedAccount {
  id: string;
  phone: string;
  level: number;
  status: string;
  passwordHash: string | null;
  passcodeHash: string | null;
}

/** A statement creating an imported account (activated now when its state is `active`). */
export function insertImportedAccountStatement(db: D1Database, a: ImportedAccount, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO accounts (id, phone, level, status, password_hash, passcode_hash, created_at, updated_at, activated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)`,
    )
    .bind(a.id, a.phone, a.level, a.status, a.passwordHash, a.passcodeHash, now, a.status === "active" ? now : null);
}
