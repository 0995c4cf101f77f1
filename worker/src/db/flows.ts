import type { ActivationStep } from "../../../shared/lifecycle";

/** Where the device stood when the flow started (seed 001, step 7). */
export type DeviceStatus = "free" | "this-account" | "other-account";

/** A server-side activation flow. */
export interface Flow {
  idHash: string;
  accountId: string;
  phone: string;
  deviceId: string;
  step: ActivationStep;
  needsPassword: boolean;
  deviceStatus: DeviceStatus;
  passwordHash: string | null;
  passcodeHash: string | null;
  otpExpiresAt: number | null;
  otpResendAt: number | null;
  createdAt: number;
  expiresAt: number;
  endedAt: number | null;
}

interface FlowRow {
  id_hash: string;
  account_id: string;
  phone: string;
  device_id: string;
  step: string;
  needs_password: number;
  device_status: string;
  password_hash: string | null;
  passcode_hash: string | null;
  otp_expires_at: number | null;
  otp_resend_at: number | null;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
}

function toFlow(r: FlowRow): Flow {
  return {
    idHash: r.id_hash,
    accountId: r.account_id,
    phone: r.phone,
    deviceId: r.device_id,
    step: r.step as ActivationStep,
    needsPassword: r.needs_password === 1,
    deviceStatus: r.device_status as DeviceStatus,
    passwordHash: r.password_hash,
    passcodeHash: r.passcode_hash,
    otpExpiresAt: r.otp_expires_at,
    otpResendAt: r.otp_resend_at,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    endedAt: r.ended_at,
  };
}

/** The flow whose bearer id hashes to `idHash`, or `null`. */
export async function findFlow(db: D1Database, idHash: string): Promise<Flow | null> {
  const row = await db.prepare("SELECT * FROM activation_flows WHERE id_hash = ?1").bind(idHash).first<FlowRow>();
  return row ? toFlow(row) : null;
}

/** Statements that end the account's open flows and start a new one. */
export function startFlowStatements(db: D1Database, f: Flow): D1PreparedStatement[] {
  return [
    db
      .prepare("UPDATE activation_flows SET ended_at = ?2 WHERE account_id = ?1 AND ended_at IS NULL")
      .bind(f.accountId, f.createdAt),
    db
      .prepare(
        `INSERT INTO activation_flows (id_hash, account_id, phone, device_id, step, needs_password, device_status,
           created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
      )
      .bind(
        f.idHash,
        f.accountId,
        f.phone,
        f.deviceId,
        f.step,
        f.needsPassword ? 1 : 0,
        f.deviceStatus,
        f.createdAt,
        f.expiresAt,
      ),
  ];
}

/** Fields a step may set along with its move. */
export interface StepChanges {
  passwordHash?: string;
  passcodeHash?: string;
  otpExpiresAt?: number;
  otpResendAt?: number;
}

/**
 * Moves an open flow from `from` to `to`, setting the given fields, only if it is still at `from`.
 * Returns false when another request moved it first.
 */
export async function advanceFlow(
  db: D1Database,
  idHash: string,
  from: ActivationStep,
  to: ActivationStep,
  changes: StepChanges = {},
): Promise<boolean> {
  const r = await advanceFlowStatement(db, idHash, from, to, changes).run();
  return r.meta.changes === 1;
}

/** {@link advanceFlow} as a statement, to batch with other writes; it changed one row when the step moved. */
export function advanceFlowStatement(
  db: D1Database,
  idHash: string,
  from: ActivationStep,
  to: ActivationStep,
  changes: StepChanges = {},
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE activation_flows SET step = ?3,
         password_hash = COALESCE(?4, password_hash),
         passcode_hash = COALESCE(?5, passcode_hash),
         otp_expires_at = COALESCE(?6, otp_expires_at),
         otp_resend_at = COALESCE(?7, otp_resend_at)
       WHERE id_hash = ?1 AND step = ?2 AND ended_at IS NULL`,
    )
    .bind(
      idHash,
      from,
      to,
      changes.passwordHash ?? null,
      changes.passcodeHash ?? null,
      changes.otpExpiresAt ?? null,
      changes.otpResendAt ?? null,
    );
}

/** Ends an open flow (cancelled or finished). */
export async function endFlow(db: D1Database, idHash: string, now: number): Promise<boolean> {
  const r = await db
    .prepare("UPDATE activation_flows SET ended_at = ?2 WHERE id_hash = ?1 AND ended_at IS NULL")
    .bind(idHash, now)
    .run();
  return r.meta.changes === 1;
}
