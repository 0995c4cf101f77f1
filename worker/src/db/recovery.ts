/** Recovery flows ("Quên mật khẩu", "Quên mã passcode") and the security-answer lockout of password recovery. */

/** What a recovery flow restores. */
export type RecoveryPurpose = "password" | "passcode";

/** The steps of a recovery flow (password: otp → question → password → done; passcode: otp → passcode → done). */
export type RecoveryStep = "otp" | "question" | "password" | "passcode" | "done";

/** A server-side recovery flow; its bearer id is stored as a SHA-256. */
export interface RecoveryFlow {
  idHash: string;
  purpose: RecoveryPurpose;
  accountId: string;
  phone: string;
  step: RecoveryStep;
  questionSlot: 1 | 2 | null;
  otpExpiresAt: number | null;
  otpResendAt: number | null;
  createdAt: number;
  expiresAt: number;
  endedAt: number | null;
}

interface FlowRow {
  id_hash: string;
  purpose: string;
  account_id: string;
  phone: string;
  step: string;
  question_slot: number | null;
  otp_expires_at: number | null;
  otp_resend_at: number | null;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
}

function toFlow(r: FlowRow): RecoveryFlow {
  return {
    idHash: r.id_hash,
    purpose: r.purpose as RecoveryPurpose,
    accountId: r.account_id,
    phone: r.phone,
    step: r.step as RecoveryStep,
    questionSlot: r.question_slot === 1 || r.question_slot === 2 ? r.question_slot : null,
    otpExpiresAt: r.otp_expires_at,
    otpResendAt: r.otp_resend_at,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    endedAt: r.ended_at,
  };
}

/** The recovery flow whose bearer id hashes to `idHash`, or `null`. */
export async function findRecoveryFlow(db: D1Database, idHash: string): Promise<RecoveryFlow | null> {
  const row = await db.prepare("SELECT * FROM recovery_flows WHERE id_hash = ?1").bind(idHash).first<FlowRow>();
  return row ? toFlow(row) : null;
}

/** Statements that end the account's open flows of the same purpose and start `f`. */
export function startRecoveryFlowStatements(db: D1Database, f: RecoveryFlow): D1PreparedStatement[] {
  return [
    db
      .prepare("UPDATE recovery_flows SET ended_at = ?3 WHERE account_id = ?1 AND purpose = ?2 AND ended_at IS NULL")
      .bind(f.accountId, f.purpose, f.createdAt),
    db
      .prepare(
        `INSERT INTO recovery_flows (id_hash, purpose, account_id, phone, step, question_slot, otp_expires_at,
           otp_resend_at, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
      )
      .bind(
        f.idHash,
        f.purpose,
        f.accountId,
        f.phone,
        f.step,
        f.questionSlot,
        f.otpExpiresAt,
        f.otpResendAt,
        f.createdAt,
        f.expiresAt,
      ),
  ];
}

/** A statement moving an open flow from `from` to `to` (and recording new OTP times), only if still at `from`. */
export function moveRecoveryFlowStatement(
  db: D1Database,
  idHash: string,
  from: RecoveryStep,
  to: RecoveryStep,
  otp: { expiresAt: number; resendAt: number } | null = null,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE recovery_flows SET step = ?3, otp_expires_at = COALESCE(?4, otp_expires_at),
         otp_resend_at = COALESCE(?5, otp_resend_at)
       WHERE id_hash = ?1 AND step = ?2 AND ended_at IS NULL`,
    )
    .bind(idHash, from, to, otp?.expiresAt ?? null, otp?.resendAt ?? null);
}

/** Ends an open flow (cancelled, or refused for good). */
export function endRecoveryFlowStatement(db: D1Database, idHash: string, now: number): D1PreparedStatement {
  return db.prepare("UPDATE recovery_flows SET ended_at = ?2 WHERE id_hash = ?1 AND ended_at IS NULL").bind(idHash, now);
}

/** The hash of the answer in one slot of an account, with its question's id and text. */
export async function findSecurityAnswer(
  db: D1Database,
  accountId: string,
  slot: 1 | 2,
): Promise<{ questionId: number; text: string; answerHash: string } | null> {
  const row = await db
    .prepare(
      `SELECT a.question_id, q.text, a.answer_hash FROM security_answers a
       JOIN security_questions q ON q.id = a.question_id WHERE a.account_id = ?1 AND a.slot = ?2`,
    )
    .bind(accountId, slot)
    .first<{ question_id: number; text: string; answer_hash: string }>();
  return row ? { questionId: row.question_id, text: row.text, answerHash: row.answer_hash } : null;
}

/** The slots (1, 2) in which an account has a security answer. */
export async function answeredSlots(db: D1Database, accountId: string): Promise<Array<1 | 2>> {
  const { results } = await db
    .prepare("SELECT slot FROM security_answers WHERE account_id = ?1 ORDER BY slot")
    .bind(accountId)
    .all<{ slot: number }>();
  return results.map((r) => r.slot).filter((s): s is 1 | 2 => s === 1 || s === 2);
}

/** The password-recovery lockout of an account. */
export async function recoveryLock(db: D1Database, accountId: string): Promise<{ failures: number; lockedUntil: number } | null> {
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
  return db.prepare("UPDATE accounts SET recovery_failures = 0, recovery_locked_until = 0 WHERE id = ?1").bind(accountId);
}
