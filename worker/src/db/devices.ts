/** Device bindings (`devices`): one device per account, one account per device. */
import type { DeviceName } from "../../../shared/device-name";
import type { Claim } from "./claim";

/** A device binding, with the browser and system its User-Agent named when it was bound (`null`: none). */
export interface DeviceBinding {
  deviceId: string;
  accountId: string;
  boundAt: number;
  browser: string | null;
  os: string | null;
}

interface DeviceRow {
  device_id: string;
  account_id: string;
  bound_at: number;
  browser: string | null;
  os: string | null;
}

function toBinding(row: DeviceRow): DeviceBinding {
  return {
    deviceId: row.device_id,
    accountId: row.account_id,
    boundAt: row.bound_at,
    browser: row.browser,
    os: row.os,
  };
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
 * Activation (claim-guarded, see db/claim.ts): ends any binding of the account or of the device, then binds the
 * device to the account under the name its User-Agent gave.
 */
export function rebindDeviceStatements(
  db: D1Database,
  claim: Claim,
  now: number,
  accountId: string,
  deviceId: string,
  name: DeviceName,
): D1PreparedStatement[] {
  return [
    db
      .prepare(`DELETE FROM devices WHERE (device_id = ?4 OR account_id = ?3) AND ${claim.guard}`)
      .bind(claim.value, now, accountId, deviceId),
    db
      .prepare(
        `INSERT INTO devices (device_id, account_id, bound_at, browser, os) SELECT ?4, ?3, ?2, ?5, ?6 WHERE ${claim.guard}`,
      )
      .bind(claim.value, now, accountId, deviceId, name.browser, name.os),
  ];
}

/** "Hủy liên kết thiết bị": removes this binding of the account; it changed one row when the binding was there. */
export function unbindDeviceStatement(db: D1Database, accountId: string, deviceId: string): D1PreparedStatement {
  return db.prepare("DELETE FROM devices WHERE account_id = ?1 AND device_id = ?2").bind(accountId, deviceId);
}

/** Registry import: binds a device to a new account. */
export function insertDeviceStatement(
  db: D1Database,
  deviceId: string,
  accountId: string,
  now: number,
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO devices (device_id, account_id, bound_at) VALUES (?1, ?2, ?3)")
    .bind(deviceId, accountId, now);
}
