/**
 * Server-side flows, one module for their three tables, parameterised by the flow's kind: `activation_flows`,
 * `registration_flows` and `recovery_flows` (both recovery kinds, told apart by `purpose`). A flow is found by the
 * SHA-256 of its bearer id; what only one kind holds sits in columns of its own table.
 */
import type { FlowKind, FlowStep } from "../../../shared/lifecycle";
import type { Claim, ClaimTable } from "./claim";

/** Where the device stood when an activation started (seed 001, step 7). */
export type DeviceStatus = "free" | "this-account" | "other-account";

/** What every flow holds. */
interface FlowBase<K extends FlowKind> {
  kind: K;
  idHash: string;
  /** The ID number the flow is about: the account's id, but for registration (which has no account yet). */
  citizenId: string;
  /** E.164: where its codes and texts go. */
  phone: string;
  step: FlowStep<K>;
  otpExpiresAt: number | null;
  otpResendAt: number | null;
  createdAt: number;
  expiresAt: number;
  endedAt: number | null;
}

/** What only one kind of flow holds. */
export interface FlowExtras {
  /** The device, and the secrets that wait in the flow until "Hoàn tất". */
  activation: {
    deviceId: string;
    needsPassword: boolean;
    deviceStatus: DeviceStatus;
    passwordHash: string | null;
    passcodeHash: string | null;
  };
  registration: Record<never, never>;
  /** Which of the account's two security questions this flow asks. */
  "recovery-password": { questionSlot: 1 | 2 | null };
  "recovery-passcode": Record<never, never>;
}

/** A server-side flow of kind `K`. */
export type Flow<K extends FlowKind = FlowKind> = FlowBase<K> & FlowExtras[K];

/** Fields a step may set along with its move: new OTP times, and (activation) a secret waiting for "Hoàn tất". */
export interface FlowChanges {
  otpExpiresAt?: number;
  otpResendAt?: number;
  passwordHash?: string;
  passcodeHash?: string;
}

interface FlowRow {
  id_hash: string;
  account_id?: string;
  citizen_id?: string;
  purpose?: string;
  phone: string;
  step: string;
  otp_expires_at: number | null;
  otp_resend_at: number | null;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
  device_id?: string;
  needs_password?: number;
  device_status?: string;
  password_hash?: string | null;
  passcode_hash?: string | null;
  question_slot?: number | null;
}

/** How a kind of flow is stored. */
interface FlowTable<K extends FlowKind> {
  table: ClaimTable;
  /** The column naming the flow's ID number. */
  owner: "account_id" | "citizen_id";
  /** The `purpose` of the kind's rows, in a table that holds two kinds. */
  purpose: string | null;
  /** The kind's own columns, and how a flow fills and reads them. */
  columns: readonly string[];
  values(f: Flow<K>): unknown[];
  extras(r: FlowRow): FlowExtras[K];
  /** Whether steps set `password_hash` and `passcode_hash`. */
  secrets: boolean;
  /** What the final step also requires of the account (SQL on `?5`, the flow's ID number). */
  claimIf: string;
}

const none = () => ({});

const TABLES: { [K in FlowKind]: FlowTable<K> } = {
  activation: {
    table: "activation_flows",
    owner: "account_id",
    purpose: null,
    columns: ["device_id", "needs_password", "device_status", "password_hash", "passcode_hash"],
    values: (f) => [f.deviceId, f.needsPassword ? 1 : 0, f.deviceStatus, f.passwordHash, f.passcodeHash],
    extras: (r) => ({
      deviceId: r.device_id ?? "",
      needsPassword: r.needs_password === 1,
      deviceStatus: r.device_status as DeviceStatus,
      passwordHash: r.password_hash ?? null,
      passcodeHash: r.passcode_hash ?? null,
    }),
    secrets: true,
    // A concurrent decision or activation may have moved the account since the flow started.
    claimIf: " AND (SELECT status FROM accounts WHERE id = ?5) = 'approved'",
  },
  registration: {
    table: "registration_flows",
    owner: "citizen_id",
    purpose: null,
    columns: [],
    values: () => [],
    extras: none,
    secrets: false,
    // An account may exist only as what a rejected level-2 file leaves of one made at the office.
    claimIf: " AND NOT EXISTS (SELECT 1 FROM accounts WHERE id = ?5 AND (level <> 0 OR password_hash IS NOT NULL))",
  },
  "recovery-password": {
    table: "recovery_flows",
    owner: "account_id",
    purpose: "password",
    columns: ["question_slot"],
    values: (f) => [f.questionSlot],
    extras: (r) => ({ questionSlot: r.question_slot === 1 || r.question_slot === 2 ? r.question_slot : null }),
    secrets: false,
    claimIf: "",
  },
  "recovery-passcode": {
    table: "recovery_flows",
    owner: "account_id",
    purpose: "passcode",
    columns: [],
    values: () => [],
    extras: none,
    secrets: false,
    claimIf: "",
  },
};

function spec<K extends FlowKind>(kind: K): FlowTable<K> {
  return TABLES[kind] as FlowTable<K>;
}

/** The table that holds flows of `kind`, whose rows a final batch claims (db/claim.ts). */
export function flowTable(kind: FlowKind): ClaimTable {
  return spec(kind).table;
}

function toFlow<K extends FlowKind>(kind: K, r: FlowRow): Flow<K> {
  const t = spec(kind);
  const base: FlowBase<K> = {
    kind,
    idHash: r.id_hash,
    citizenId: (t.owner === "account_id" ? r.account_id : r.citizen_id) ?? "",
    phone: r.phone,
    step: r.step as FlowStep<K>,
    otpExpiresAt: r.otp_expires_at,
    otpResendAt: r.otp_resend_at,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    endedAt: r.ended_at,
  };
  return { ...base, ...t.extras(r) } as Flow<K>;
}

/** The flow of `kind` whose bearer id hashes to `idHash`, or `null`. */
export async function findFlow<K extends FlowKind>(db: D1Database, kind: K, idHash: string): Promise<Flow<K> | null> {
  const t = spec(kind);
  const row = await db.prepare(`SELECT * FROM ${t.table} WHERE id_hash = ?1`).bind(idHash).first<FlowRow>();
  if (!row || (t.purpose !== null && row.purpose !== t.purpose)) return null;
  return toFlow(kind, row);
}

/** Statements that end the open flows of the same kind and ID number, and start `f`. */
export function startFlowStatements<K extends FlowKind>(db: D1Database, f: Flow<K>): D1PreparedStatement[] {
  const t = spec(f.kind);
  const columns = [t.owner, ...(t.purpose !== null ? ["purpose"] : []), ...t.columns];
  const values = [f.citizenId, ...(t.purpose !== null ? [t.purpose] : []), ...t.values(f)];
  const common = ["id_hash", "phone", "step", "otp_expires_at", "otp_resend_at", "created_at", "expires_at"];
  const all = [...common, ...columns];
  return [
    t.purpose !== null
      ? db
          .prepare(`UPDATE ${t.table} SET ended_at = ?2 WHERE ${t.owner} = ?1 AND purpose = ?3 AND ended_at IS NULL`)
          .bind(f.citizenId, f.createdAt, t.purpose)
      : db
          .prepare(`UPDATE ${t.table} SET ended_at = ?2 WHERE ${t.owner} = ?1 AND ended_at IS NULL`)
          .bind(f.citizenId, f.createdAt),
    db
      .prepare(`INSERT INTO ${t.table} (${all.join(", ")}) VALUES (${all.map((_, i) => `?${i + 1}`).join(", ")})`)
      .bind(f.idHash, f.phone, f.step, f.otpExpiresAt, f.otpResendAt, f.createdAt, f.expiresAt, ...values),
  ];
}

/**
 * A statement moving an open flow from `from` to `to`, setting the given fields, only if it is still at `from`; it
 * changed one row when the step moved.
 */
export function advanceFlowStatement<K extends FlowKind>(
  db: D1Database,
  kind: K,
  idHash: string,
  from: FlowStep<K>,
  to: FlowStep<K>,
  changes: FlowChanges = {},
): D1PreparedStatement {
  const t = spec(kind);
  const secrets = t.secrets
    ? ", password_hash = COALESCE(?6, password_hash), passcode_hash = COALESCE(?7, passcode_hash)"
    : "";
  const binds = [idHash, from, to, changes.otpExpiresAt ?? null, changes.otpResendAt ?? null];
  if (t.secrets) binds.push(changes.passwordHash ?? null, changes.passcodeHash ?? null);
  return db
    .prepare(
      `UPDATE ${t.table} SET step = ?3, otp_expires_at = COALESCE(?4, otp_expires_at),
         otp_resend_at = COALESCE(?5, otp_resend_at)${secrets}
       WHERE id_hash = ?1 AND step = ?2 AND ended_at IS NULL`,
    )
    .bind(...binds);
}

/**
 * The first statement of a flow's final batch: moves the flow from `from` to `done`, ends it and writes `claim`
 * into it, only while it is open, unexpired at `now`, and its account is as the kind requires.
 */
export function claimFlowStatement<K extends FlowKind>(
  db: D1Database,
  f: Flow<K>,
  from: FlowStep<K>,
  claim: Claim,
  now: number,
): D1PreparedStatement {
  const t = spec(f.kind);
  return db
    .prepare(
      `UPDATE ${t.table} SET step = 'done', ended_at = ?2, claim = ?1
       WHERE id_hash = ?3 AND step = ?4 AND ended_at IS NULL AND expires_at > ?2${t.claimIf}`,
    )
    .bind(claim.value, now, f.idHash, from, ...(t.claimIf ? [f.citizenId] : []));
}

/**
 * A statement ending an open flow of `kind` (of `accountId`, when given): cancelled, or refused for good. It returns
 * the flow's ID number as `citizen_id` when it ended one.
 */
export function endFlowStatement(
  db: D1Database,
  kind: FlowKind,
  idHash: string,
  now: number,
  accountId?: string,
): D1PreparedStatement {
  const t = spec(kind);
  const binds: unknown[] = [idHash, now];
  let where = "";
  if (t.purpose !== null) {
    binds.push(t.purpose);
    where += ` AND purpose = ?${binds.length}`;
  }
  if (accountId !== undefined) {
    binds.push(accountId);
    where += ` AND ${t.owner} = ?${binds.length}`;
  }
  return db
    .prepare(
      `UPDATE ${t.table} SET ended_at = ?2 WHERE id_hash = ?1 AND ended_at IS NULL${where} RETURNING ${t.owner} AS citizen_id`,
    )
    .bind(...binds);
}
