/**
 * "Quên mật khẩu": ID number + phone → OTP → one of the account's two security questions → new password; every
 * session of the account is revoked. Five wrong answers (per account, across flows) lock password recovery for
 * 24 hours. "Quên mã passcode" (logged in): OTP to the account's phone → new passcode, which lifts the passcode
 * lock. Both are audited, notified in "Thông báo" and confirmed by SMS.
 *
 * The flows live on the server like the activation flow (`recovery_flows`, a hashed bearer id, 15 minutes), and
 * their codes come from the same OtpGuard, bound to the flow and to the purpose `recovery-password` or
 * `recovery-passcode`, so that no other flow's code works here.
 */
import { normalizeAnswer } from "../../../shared/credentials";
import { ACTIVATION_FLOW_TTL_SECONDS } from "../../../shared/lifecycle";
import { maskPhone, parseVnMobile } from "../../../shared/phone";
import type { PasscodeRecoveryStateT, RecoveryStateT } from "../../../shared/account-schemas";
import { iso } from "../clock";
import type { Ctx } from "../context";
import { hashSecret, randomBytes, randomToken, sha256Hex, verifySecret } from "../crypto";
import { findAccount } from "../db/accounts";
import { audit, auditStatement } from "../db/audit";
import { claimedNotifyStatement } from "../db/notifications";
import {
  type RecoveryFlow,
  type RecoveryPurpose,
  type RecoveryStep,
  answeredSlots,
  clearRecoveryLockStatement,
  endRecoveryFlowStatement,
  findRecoveryFlow,
  findSecurityAnswer,
  moveRecoveryFlowStatement,
  recoveryLock,
  reserveRecoveryAnswer,
  startRecoveryFlowStatements,
} from "../db/recovery";
import { type Result, fail } from "../errors";
import { checkOtp, sendOtp } from "./otp";
import { resetPasscodeStatement } from "./passcode";
import { checkPasswordPolicy } from "./password-policy";

/** Wrong security answers that lock password recovery. */
export const RECOVERY_MAX_FAILURES = 5;
/** How long the lock lasts. */
export const RECOVERY_LOCK_SECONDS = 24 * 3600;

/** The SMS after a password recovery (ASCII, like every text). */
export const PASSWORD_RESET_TEXT =
  "Mat khau tai khoan dinh danh dien tu cua ban vua duoc dat lai. Neu khong phai ban thuc hien, hay lien he Cong an xa, phuong noi cu tru.";
/** The SMS after a passcode recovery. */
export const PASSCODE_RESET_TEXT =
  "Ma passcode tai khoan dinh danh dien tu cua ban vua duoc dat lai. Neu khong phai ban thuc hien, hay lien he Cong an xa, phuong noi cu tru.";

const OTP_PURPOSE: Record<RecoveryPurpose, "recovery-password" | "recovery-passcode"> = {
  password: "recovery-password",
  passcode: "recovery-passcode",
};

const masked = (phone: string) => maskPhone(parseVnMobile(phone)?.national ?? phone);
const otpTimes = (f: RecoveryFlow) =>
  f.otpExpiresAt !== null && f.otpResendAt !== null ? { otp: { expiresAt: iso(f.otpExpiresAt), resendAt: iso(f.otpResendAt) } } : {};

/** The password flow as the client sees it; the question is shown from the `question` step on. */
async function passwordState(ctx: Ctx, flowId: string, f: RecoveryFlow): Promise<RecoveryStateT> {
  const question = f.step === "question" && f.questionSlot !== null ? await findSecurityAnswer(ctx.db, f.accountId, f.questionSlot) : null;
  return {
    flowId,
    step: f.step as RecoveryStateT["step"],
    maskedPhone: masked(f.phone),
    expiresAt: iso(f.expiresAt),
    ...otpTimes(f),
    ...(question && { question: { id: question.questionId, text: question.text } }),
  };
}

function passcodeState(flowId: string, f: RecoveryFlow): PasscodeRecoveryStateT {
  return { flowId, step: f.step as PasscodeRecoveryStateT["step"], maskedPhone: masked(f.phone), expiresAt: iso(f.expiresAt), ...otpTimes(f) };
}

/** Loads an open, unexpired flow of `purpose` (and of `accountId`, when given) that is at one of `steps`. */
async function openFlow(
  ctx: Ctx,
  purpose: RecoveryPurpose,
  flowId: string,
  steps: readonly RecoveryStep[],
  accountId?: string,
): Promise<Result<{ flow: RecoveryFlow }>> {
  const flow = await findRecoveryFlow(ctx.db, await sha256Hex(flowId));
  if (!flow || flow.purpose !== purpose || (accountId !== undefined && flow.accountId !== accountId)) return fail("FLOW_EXPIRED");
  if (flow.endedAt !== null || ctx.clock.now() >= flow.expiresAt) return fail("FLOW_EXPIRED");
  if (!steps.includes(flow.step)) return fail("FLOW_STEP");
  return { ok: true, flow };
}

/** The lock's refusal, when password recovery is locked now. */
async function lockedNow(ctx: Ctx, accountId: string): Promise<Result<object>> {
  const lock = await recoveryLock(ctx.db, accountId);
  const now = ctx.clock.now();
  if (lock && lock.lockedUntil > now) return fail("RECOVERY_LOCKED", { retryAfter: lock.lockedUntil - now });
  return { ok: true };
}

/** Opens a flow at the OTP step and texts the first code. */
async function openWithOtp(
  ctx: Ctx,
  purpose: RecoveryPurpose,
  account: { id: string; phone: string },
  questionSlot: 1 | 2 | null,
): Promise<Result<{ flowId: string; flow: RecoveryFlow }>> {
  const now = ctx.clock.now();
  const flowId = randomToken(32);
  const idHash = await sha256Hex(flowId);
  const sent = await sendOtp(ctx, { phone: account.phone, citizenId: account.id, accountId: account.id }, idHash, OTP_PURPOSE[purpose]);
  if (!sent.ok) return sent;
  const flow: RecoveryFlow = {
    idHash,
    purpose,
    accountId: account.id,
    phone: account.phone,
    step: "otp",
    questionSlot,
    otpExpiresAt: sent.expiresAt,
    otpResendAt: sent.resendAt,
    createdAt: now,
    expiresAt: now + ACTIVATION_FLOW_TTL_SECONDS,
    endedAt: null,
  };
  await ctx.db.batch([
    ...startRecoveryFlowStatements(ctx.db, flow),
    auditStatement(ctx.db, now, "recovery.started", account.id, { purpose }),
  ]);
  return { ok: true, flowId, flow };
}

/** "Gửi lại mã" on either flow. */
async function resend(ctx: Ctx, flow: RecoveryFlow): Promise<Result<{ flow: RecoveryFlow }>> {
  const target = { phone: flow.phone, citizenId: flow.accountId, accountId: flow.accountId };
  const sent = await sendOtp(ctx, target, flow.idHash, OTP_PURPOSE[flow.purpose]);
  if (!sent.ok) return sent;
  const otp = { expiresAt: sent.expiresAt, resendAt: sent.resendAt };
  const r = await moveRecoveryFlowStatement(ctx.db, flow.idHash, "otp", "otp", otp).run();
  if (r.meta.changes !== 1) return fail("FLOW_STEP");
  return { ok: true, flow: { ...flow, otpExpiresAt: otp.expiresAt, otpResendAt: otp.resendAt } };
}

/** "Xác nhận" on the OTP screen of either flow: moves to `next`. */
async function verify(ctx: Ctx, flow: RecoveryFlow, code: string, next: RecoveryStep): Promise<Result<{ flow: RecoveryFlow }>> {
  const checked = await checkOtp(ctx, flow.phone, flow.idHash, OTP_PURPOSE[flow.purpose], code, flow.accountId);
  if (!checked.ok) return checked;
  const r = await moveRecoveryFlowStatement(ctx.db, flow.idHash, "otp", next).run();
  if (r.meta.changes !== 1) return fail("FLOW_STEP");
  return { ok: true, flow: { ...flow, step: next } };
}

// ------------------------------------------------------------------------------------------------------------------
// "Quên mật khẩu"

/**
 * "Gửi yêu cầu": the ID number and phone must be the account's (the same neutral refusal as activation for a
 * wrong pair); the account must have a password and its two security answers, and recovery must not be locked.
 * Picks one of the two questions at random for this flow, then texts the OTP.
 */
export async function startPasswordRecovery(
  ctx: Ctx,
  input: { citizenId: string; phone: string },
): Promise<Result<{ state: RecoveryStateT }>> {
  const [account, citizen] = await Promise.all([findAccount(ctx.db, input.citizenId), ctx.registry.findCitizen(input.citizenId)]);
  const phoneOnFile = account?.phone ?? citizen?.phone;
  if (!phoneOnFile || phoneOnFile !== input.phone) return fail("INVALID_ID_OR_PHONE");
  if (!account) return fail("NOT_IDENTIFIED");
  const slots = await answeredSlots(ctx.db, account.id);
  if (account.passwordHash === null || slots.length === 0) return fail("RECOVERY_UNAVAILABLE");
  const locked = await lockedNow(ctx, account.id);
  if (!locked.ok) return locked;
  const slot = slots[(randomBytes(1)[0] as number) % slots.length] as 1 | 2;
  const opened = await openWithOtp(ctx, "password", account, slot);
  if (!opened.ok) return opened;
  return { ok: true, state: await passwordState(ctx, opened.flowId, opened.flow) };
}

/** The current state of a password-recovery flow, for a page that was reloaded. */
export async function passwordRecoveryStatus(ctx: Ctx, flowId: string): Promise<Result<{ state: RecoveryStateT }>> {
  const r = await openFlow(ctx, "password", flowId, ["otp", "question", "password"]);
  if (!r.ok) return r;
  return { ok: true, state: await passwordState(ctx, flowId, r.flow) };
}

/** "Gửi lại mã". */
export async function resendPasswordRecoveryOtp(ctx: Ctx, flowId: string): Promise<Result<{ state: RecoveryStateT }>> {
  const r = await openFlow(ctx, "password", flowId, ["otp"]);
  if (!r.ok) return r;
  const sent = await resend(ctx, r.flow);
  if (!sent.ok) return sent;
  return { ok: true, state: await passwordState(ctx, flowId, sent.flow) };
}

/** "Xác nhận" the OTP: on to the security question (unless recovery got locked meanwhile). */
export async function verifyPasswordRecoveryOtp(ctx: Ctx, flowId: string, otp: string): Promise<Result<{ state: RecoveryStateT }>> {
  const r = await openFlow(ctx, "password", flowId, ["otp"]);
  if (!r.ok) return r;
  const locked = await lockedNow(ctx, r.flow.accountId);
  if (!locked.ok) return locked;
  const moved = await verify(ctx, r.flow, otp, "question");
  if (!moved.ok) return moved;
  return { ok: true, state: await passwordState(ctx, flowId, moved.flow) };
}

/**
 * The answer to the flow's security question, compared like at activation (normalised, then PBKDF2). Each answer
 * is counted before it is checked; the fifth wrong one in a row locks password recovery for 24 hours and ends the
 * flow.
 */
export async function answerRecoveryQuestion(ctx: Ctx, flowId: string, answer: string): Promise<Result<{ state: RecoveryStateT }>> {
  const r = await openFlow(ctx, "password", flowId, ["question"]);
  if (!r.ok) return r;
  const { flow } = r;
  const stored = flow.questionSlot !== null ? await findSecurityAnswer(ctx.db, flow.accountId, flow.questionSlot) : null;
  if (!stored) return fail("RECOVERY_UNAVAILABLE");
  const now = ctx.clock.now();
  const reserved = await reserveRecoveryAnswer(ctx.db, flow.accountId, now, RECOVERY_MAX_FAILURES, RECOVERY_LOCK_SECONDS);
  if (!reserved) return lockedNow(ctx, flow.accountId).then((l) => (l.ok ? fail("FLOW_STEP") : l));
  if (await verifySecret(normalizeAnswer(answer), ctx.pepper, stored.answerHash)) {
    // Every attempt that got here held a reservation, so a right answer clears them all (and a lock the fifth set).
    const [moved] = await ctx.db.batch([
      moveRecoveryFlowStatement(ctx.db, flow.idHash, "question", "password"),
      clearRecoveryLockStatement(ctx.db, flow.accountId),
    ]);
    if (moved?.meta.changes !== 1) return fail("FLOW_STEP");
    return { ok: true, state: await passwordState(ctx, flowId, { ...flow, step: "password" }) };
  }
  if (reserved.failures >= RECOVERY_MAX_FAILURES) {
    await ctx.db.batch([
      endRecoveryFlowStatement(ctx.db, flow.idHash, now),
      auditStatement(ctx.db, now, "recovery.locked", flow.accountId, { until: reserved.lockedUntil }),
    ]);
    return fail("RECOVERY_LOCKED", { retryAfter: Math.max(1, reserved.lockedUntil - now) });
  }
  await audit(ctx.db, now, "recovery.failed", flow.accountId, { failures: reserved.failures });
  return fail("ANSWER_WRONG", { attemptsLeft: RECOVERY_MAX_FAILURES - reserved.failures });
}

/** Statements (claim-guarded by `?1`) that revoke sessions of an account (all, or all but one) and audit each. */
function revokeSessionsStatements(
  db: D1Database,
  claimed: string,
  claim: string,
  now: number,
  accountId: string,
  reason: string,
  keepTokenHash: string | null,
): D1PreparedStatement[] {
  const which = "account_id = ?3 AND revoked_at IS NULL AND (?5 IS NULL OR token_hash <> ?5)";
  return [
    db
      .prepare(
        `INSERT INTO audit_log (at, event, account_id, detail)
         SELECT ?2, 'session.revoked', account_id, json_object('reason', ?4, 'session', public_id) FROM sessions
         WHERE ${which} AND ${claimed}`,
      )
      .bind(claim, now, accountId, reason, keepTokenHash),
    db
      .prepare(`UPDATE sessions SET revoked_at = ?2 WHERE ${which} AND ${claimed}`)
      .bind(claim, now, accountId, reason, keepTokenHash),
  ];
}

/**
 * The new password (same rules as activation). One batch that only the first of two concurrent requests wins:
 * the password, the login and recovery locks cleared, every session revoked, the audit lines and the
 * notification. Then the SMS.
 */
export async function resetRecoveredPassword(ctx: Ctx, flowId: string, password: string): Promise<Result<{ state: RecoveryStateT }>> {
  const r = await openFlow(ctx, "password", flowId, ["password"]);
  if (!r.ok) return r;
  const { flow } = r;
  const policy = checkPasswordPolicy(password, flow.accountId, flow.phone);
  if (!policy.ok) return policy;
  const hash = await hashSecret(password, ctx.pepper, ctx.iterations);
  const now = ctx.clock.now();
  const db = ctx.db;
  const claim = randomToken(16);
  const claimed = "EXISTS (SELECT 1 FROM recovery_flows WHERE claim = ?1)";
  const results = await db.batch([
    db
      .prepare(
        `UPDATE recovery_flows SET step = 'done', ended_at = ?2, claim = ?1
         WHERE id_hash = ?3 AND step = 'password' AND ended_at IS NULL AND expires_at > ?2`,
      )
      .bind(claim, now, flow.idHash),
    db
      .prepare(
        `UPDATE accounts SET password_hash = ?4, failed_logins = 0, locked_until = 0, recovery_failures = 0,
           recovery_locked_until = 0, updated_at = ?2
         WHERE id = ?3 AND ${claimed}`,
      )
      .bind(claim, now, flow.accountId, hash),
    ...revokeSessionsStatements(db, claimed, claim, now, flow.accountId, "recovery", null),
    db
      .prepare(`INSERT INTO audit_log (at, event, account_id, detail) SELECT ?2, 'recovery.password', ?3, '{}' WHERE ${claimed}`)
      .bind(claim, now, flow.accountId),
    claimedNotifyStatement(db, claimed, claim, now, flow.accountId, "recovery", { what: "password" }),
  ]);
  if (results[0]?.meta.changes !== 1) return fail("FLOW_EXPIRED");
  await ctx.sms.send(flow.phone, PASSWORD_RESET_TEXT);
  return { ok: true, state: await passwordState(ctx, flowId, { ...flow, step: "done", endedAt: now }) };
}

/** "Hủy bỏ": ends a password-recovery flow. Cancelling an ended flow is not an error. */
export async function cancelPasswordRecovery(ctx: Ctx, flowId: string): Promise<void> {
  const idHash = await sha256Hex(flowId);
  const flow = await findRecoveryFlow(ctx.db, idHash);
  if (flow?.purpose === "password") await endRecoveryFlowStatement(ctx.db, idHash, ctx.clock.now()).run();
}

// ------------------------------------------------------------------------------------------------------------------
// "Quên mã passcode" (logged in)

/** Opens the flow and texts the OTP to the account's phone; only an account that has a passcode. */
export async function startPasscodeRecovery(ctx: Ctx, accountId: string): Promise<Result<{ state: PasscodeRecoveryStateT }>> {
  const account = await findAccount(ctx.db, accountId);
  if (!account || account.passcodeHash === null) return fail("FORBIDDEN");
  const opened = await openWithOtp(ctx, "passcode", account, null);
  if (!opened.ok) return opened;
  return { ok: true, state: passcodeState(opened.flowId, opened.flow) };
}

/** The current state of the account's passcode-recovery flow. */
export async function passcodeRecoveryStatus(ctx: Ctx, accountId: string, flowId: string): Promise<Result<{ state: PasscodeRecoveryStateT }>> {
  const r = await openFlow(ctx, "passcode", flowId, ["otp", "passcode"], accountId);
  if (!r.ok) return r;
  return { ok: true, state: passcodeState(flowId, r.flow) };
}

/** "Gửi lại mã". */
export async function resendPasscodeRecoveryOtp(ctx: Ctx, accountId: string, flowId: string): Promise<Result<{ state: PasscodeRecoveryStateT }>> {
  const r = await openFlow(ctx, "passcode", flowId, ["otp"], accountId);
  if (!r.ok) return r;
  const sent = await resend(ctx, r.flow);
  if (!sent.ok) return sent;
  return { ok: true, state: passcodeState(flowId, sent.flow) };
}

/** "Xác nhận" the OTP: on to the new passcode. */
export async function verifyPasscodeRecoveryOtp(
  ctx: Ctx,
  accountId: string,
  flowId: string,
  otp: string,
): Promise<Result<{ state: PasscodeRecoveryStateT }>> {
  const r = await openFlow(ctx, "passcode", flowId, ["otp"], accountId);
  if (!r.ok) return r;
  const moved = await verify(ctx, r.flow, otp, "passcode");
  if (!moved.ok) return moved;
  return { ok: true, state: passcodeState(flowId, moved.flow) };
}

/**
 * The new passcode: set and unlocked (`resetPasscodeStatement`), the account's other sessions revoked (a recovery
 * ends every session but the one that proved the phone), audited and notified in one batch; then the SMS.
 */
export async function resetRecoveredPasscode(
  ctx: Ctx,
  accountId: string,
  currentTokenHash: string,
  flowId: string,
  passcode: string,
): Promise<Result<{ state: PasscodeRecoveryStateT }>> {
  const r = await openFlow(ctx, "passcode", flowId, ["passcode"], accountId);
  if (!r.ok) return r;
  const { flow } = r;
  const now = ctx.clock.now();
  const db = ctx.db;
  const claim = randomToken(16);
  const claimed = "EXISTS (SELECT 1 FROM recovery_flows WHERE claim = ?1)";
  // The passcode statement itself is not claim-guarded: a concurrent duplicate of this very step (same flow, so the
  // same citizen) may set its passcode too, but only the winner revokes, audits and notifies.
  const results = await db.batch([
    db
      .prepare(
        `UPDATE recovery_flows SET step = 'done', ended_at = ?2, claim = ?1
         WHERE id_hash = ?3 AND step = 'passcode' AND ended_at IS NULL AND expires_at > ?2`,
      )
      .bind(claim, now, flow.idHash),
    await resetPasscodeStatement(ctx, accountId, passcode),
    ...revokeSessionsStatements(db, claimed, claim, now, accountId, "recovery", currentTokenHash),
    db
      .prepare(`INSERT INTO audit_log (at, event, account_id, detail) SELECT ?2, 'recovery.passcode', ?3, '{}' WHERE ${claimed}`)
      .bind(claim, now, accountId),
    claimedNotifyStatement(db, claimed, claim, now, accountId, "recovery", { what: "passcode" }),
  ]);
  if (results[0]?.meta.changes !== 1) return fail("FLOW_EXPIRED");
  await ctx.sms.send(flow.phone, PASSCODE_RESET_TEXT);
  return { ok: true, state: passcodeState(flowId, { ...flow, step: "done", endedAt: now }) };
}

/** "Hủy bỏ": ends the account's passcode-recovery flow. */
export async function cancelPasscodeRecovery(ctx: Ctx, accountId: string, flowId: string): Promise<void> {
  const idHash = await sha256Hex(flowId);
  const flow = await findRecoveryFlow(ctx.db, idHash);
  if (flow?.purpose === "passcode" && flow.accountId === accountId) await endRecoveryFlowStatement(ctx.db, idHash, ctx.clock.now()).run();
}
