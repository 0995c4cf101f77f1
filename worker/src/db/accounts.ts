import type { AccountLevel, AccountStatus } from "../../../shared/lifecycle";

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

/** A device binding. */
export interface DeviceBinding {
  deviceId: string;
  accountId: string;
  boundAt: number;
}

interface DeviceRow {
  device_id: string;
  account_id: string;
  bound_at: number;
}

function toBinding(row: DeviceRow): DeviceBinding {
  return { deviceId: row.device_id, accountId: row.account_id, boundAt: row.bound_at };
}

/** The binding of a device, or `null` when it is free. */
export async function findDeviceBinding(db: D1Database, deviceId: string): Promise<DeviceBinding | null> {
  const row = await db.prepare("SELECT * FROM devices WHERE device_id = ?1").bind(deviceId).first<DeviceRow>();
  return row ? toBinding(row) : null;
}

/** The device an account is bound to, or `null`. */
export async function findAccountDevice(db: D1Database, accountId: string): Promise<DeviceBinding | null> {
  const row = await db.prepare("SELECT * FROM devices WHERE account_id = ?1").bind(accountId).first<DeviceRow>();
  return row ? toBinding(row) : null;
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
