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
import type { PasscodeRecoveryStateT, RecoveryStateT } from "../../../shared/account-schemas";
import type { Ctx } from "../context";
import { checkSecret, hashSecret, randomBytes } from "../crypto";
import {
  clearRecoveryLockStatement,
  findAccount,
  recoveryLock,
  reserveRecoveryAnswer,
  resetPasswordStatement,
} from "../db/accounts";
import { answeredSlots, findSecurityAnswer, rehashAnswerStatement } from "../db/answers";
import { audit, auditStatement, claimedAuditStatement } from "../db/audit";
import { endFlowStatement } from "../db/flows";
import { claimedNotifyStatement } from "../db/notifications";
import { type Result, fail } from "../errors";
import {
  type Flow,
  advanceFlow,
  claimFlow,
  endFlow,
  flowView,
  openFlow,
  sendFlowOtp,
  startFlowWithOtp,
  verifyFlowOtp,
} from "./flow";
import { revokeSessionsStatements } from "./devices";
import { resetPasscodeStatement } from "./passcode";
import { checkPasswordPolicy } from "./password-policy";
import { sendAfterCommit } from "./texts";
import { takeStartSlots } from "./throttle";

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

const PASSWORD = "recovery-password" as const;
const PASSCODE = "recovery-passcode" as const;

/** The password flow as the client sees it; the question is shown from the `question` step on. */
async function passwordState(ctx: Ctx, flowId: string, f: Flow<typeof PASSWORD>): Promise<RecoveryStateT> {
  const question =
    f.step === "question" && f.questionSlot !== null
      ? await findSecurityAnswer(ctx.db, f.citizenId, f.questionSlot)
      : null;
  return { ...flowView(flowId, f), ...(question && { question: { id: question.questionId, text: question.text } }) };
}

/** The lock's refusal, when password recovery is locked now. */
async function lockedNow(ctx: Ctx, accountId: string): Promise<Result<object>> {
  const lock = await recoveryLock(ctx.db, accountId);
  const now = ctx.clock.now();
  if (lock && lock.lockedUntil > now) return fail("RECOVERY_LOCKED", { retryAfter: lock.lockedUntil - now });
  return { ok: true };
}

// ------------------------------------------------------------------------------------------------------------------
// "Quên mật khẩu"

/**
 * "Gửi yêu cầu": counts the start (per client IP and per ID number); the ID number and phone must be the
 * account's (the same neutral refusal as activation for a wrong pair); the account must have a password and its
 * two security answers, and recovery must not be locked. Picks one of the two questions at random for this flow,
 * then texts the OTP.
 */
export async function startPasswordRecovery(
  ctx: Ctx,
  input: { citizenId: string; phone: string },
): Promise<Result<{ state: RecoveryStateT }>> {
  const limited = await takeStartSlots(ctx, input.citizenId);
  if (!limited.ok) return limited;
  const [account, citizen] = await Promise.all([
    findAccount(ctx.db, input.citizenId),
    ctx.registry.findCitizen(input.citizenId),
  ]);
  const phoneOnFile = account?.phone ?? citizen?.phone;
  if (!phoneOnFile || phoneOnFile !== input.phone) return fail("INVALID_ID_OR_PHONE");
  if (!account) return fail("NOT_IDENTIFIED");
  const slots = await answeredSlots(ctx.db, account.id);
  if (account.passwordHash === null || slots.length === 0) return fail("RECOVERY_UNAVAILABLE");
  const locked = await lockedNow(ctx, account.id);
  if (!locked.ok) return locked;
  const questionSlot = slots[(randomBytes(1)[0] as number) % slots.length] as 1 | 2;
  const opened = await startFlowWithOtp(
    ctx,
    PASSWORD,
    { citizenId: account.id, phone: account.phone, questionSlot },
    (f) => [auditStatement(ctx.db, f.createdAt, "recovery.started", account.id, { purpose: "password" })],
  );
  if (!opened.ok) return opened;
  return { ok: true, state: await passwordState(ctx, opened.flowId, opened.flow) };
}

/** The current state of a password-recovery flow, for a page that was reloaded. */
export async function passwordRecoveryStatus(ctx: Ctx, flowId: string): Promise<Result<{ state: RecoveryStateT }>> {
  const r = await openFlow(ctx, PASSWORD, flowId);
  if (!r.ok) return r;
  return { ok: true, state: await passwordState(ctx, flowId, r.flow) };
}

/** "Gửi lại mã". */
export async function resendPasswordRecoveryOtp(ctx: Ctx, flowId: string): Promise<Result<{ state: RecoveryStateT }>> {
  const sent = await sendFlowOtp(ctx, PASSWORD, flowId);
  if (!sent.ok) return sent;
  return { ok: true, state: await passwordState(ctx, flowId, sent.flow) };
}

/** "Xác nhận" the OTP: on to the security question (unless recovery got locked meanwhile). */
export async function verifyPasswordRecoveryOtp(
  ctx: Ctx,
  flowId: string,
  otp: string,
): Promise<Result<{ state: RecoveryStateT }>> {
  const moved = await verifyFlowOtp(ctx, PASSWORD, flowId, otp, { check: (f) => lockedNow(ctx, f.citizenId) });
  if (!moved.ok) return moved;
  return { ok: true, state: await passwordState(ctx, flowId, moved.flow) };
}

/**
 * The answer to the flow's security question, compared like at activation (normalised, then PBKDF2). Each answer
 * is counted before it is checked; the fifth wrong one in a row locks password recovery for 24 hours and ends the
 * flow.
 */
export async function answerRecoveryQuestion(
  ctx: Ctx,
  flowId: string,
  answer: string,
): Promise<Result<{ state: RecoveryStateT }>> {
  const r = await openFlow(ctx, PASSWORD, flowId, { steps: ["question"] });
  if (!r.ok) return r;
  const { flow } = r;
  const accountId = flow.citizenId;
  const stored = flow.questionSlot !== null ? await findSecurityAnswer(ctx.db, accountId, flow.questionSlot) : null;
  if (!stored) return fail("RECOVERY_UNAVAILABLE");
  const now = ctx.clock.now();
  const reserved = await reserveRecoveryAnswer(ctx.db, accountId, now, RECOVERY_MAX_FAILURES, RECOVERY_LOCK_SECONDS);
  if (!reserved) return lockedNow(ctx, accountId).then((l) => (l.ok ? fail("FLOW_STEP") : l));
  const checked = await checkSecret(normalizeAnswer(answer), stored.answerHash, ctx);
  if (checked.ok) {
    // Every attempt that got here held a reservation, so a right answer clears them all (and a lock the fifth set).
    // An answer hash of an earlier pepper is replaced now that the answer is known (pepper rotation).
    const rehash =
      checked.rehash && flow.questionSlot !== null
        ? [rehashAnswerStatement(ctx.db, accountId, flow.questionSlot, stored.answerHash, checked.rehash)]
        : [];
    const moved = await advanceFlow(ctx, flow, { also: [clearRecoveryLockStatement(ctx.db, accountId), ...rehash] });
    if (!moved.ok) return moved;
    return { ok: true, state: await passwordState(ctx, flowId, moved.flow) };
  }
  if (reserved.failures >= RECOVERY_MAX_FAILURES) {
    await ctx.db.batch([
      endFlowStatement(ctx.db, PASSWORD, flow.idHash, now),
      auditStatement(ctx.db, now, "recovery.locked", accountId, { until: reserved.lockedUntil }),
    ]);
    return fail("RECOVERY_LOCKED", { retryAfter: Math.max(1, reserved.lockedUntil - now) });
  }
  await audit(ctx.db, now, "recovery.failed", accountId, { failures: reserved.failures });
  return fail("ANSWER_WRONG", { attemptsLeft: RECOVERY_MAX_FAILURES - reserved.failures });
}

/**
 * The new password (same rules as activation). One batch that only the first of two concurrent requests wins:
 * the password, the login and recovery locks cleared, every session revoked, the audit lines and the
 * notification. Then the SMS.
 */
export async function resetRecoveredPassword(
  ctx: Ctx,
  flowId: string,
  password: string,
): Promise<Result<{ state: RecoveryStateT }>> {
  const r = await openFlow(ctx, PASSWORD, flowId, { steps: ["password"] });
  if (!r.ok) return r;
  const { flow } = r;
  const accountId = flow.citizenId;
  const policy = checkPasswordPolicy(password, accountId, flow.phone);
  if (!policy.ok) return policy;
  const hash = await hashSecret(password, ctx.pepper, ctx.iterations);
  const db = ctx.db;
  const claimed = await claimFlow(ctx, flow, (claim, now) => [
    resetPasswordStatement(db, claim, now, accountId, hash),
    ...revokeSessionsStatements(db, now, accountId, "recovery", null, claim),
    claimedAuditStatement(db, claim, now, "recovery.password", null, accountId),
    claimedNotifyStatement(db, claim, now, accountId, "recovery", { what: "password" }),
  ]);
  if (!claimed.won) return fail("FLOW_EXPIRED");
  await sendAfterCommit(ctx, "recovery.password", {
    to: flow.phone,
    text: PASSWORD_RESET_TEXT,
    accountId,
    about: [flow.idHash],
  });
  return { ok: true, state: await passwordState(ctx, flowId, claimed.flow) };
}

/** "Hủy bỏ": ends a password-recovery flow. Cancelling an ended flow is not an error. */
export async function cancelPasswordRecovery(ctx: Ctx, flowId: string): Promise<void> {
  await endFlow(ctx, PASSWORD, flowId);
}

// ------------------------------------------------------------------------------------------------------------------
// "Quên mã passcode" (logged in)

/** Opens the flow and texts the OTP to the account's phone; only an account that has a passcode. */
export async function startPasscodeRecovery(
  ctx: Ctx,
  accountId: string,
): Promise<Result<{ state: PasscodeRecoveryStateT }>> {
  const account = await findAccount(ctx.db, accountId);
  if (!account || account.passcodeHash === null) return fail("FORBIDDEN");
  const opened = await startFlowWithOtp(ctx, PASSCODE, { citizenId: account.id, phone: account.phone }, (f) => [
    auditStatement(ctx.db, f.createdAt, "recovery.started", account.id, { purpose: "passcode" }),
  ]);
  if (!opened.ok) return opened;
  return { ok: true, state: flowView(opened.flowId, opened.flow) };
}

/** The current state of the account's passcode-recovery flow. */
export async function passcodeRecoveryStatus(
  ctx: Ctx,
  accountId: string,
  flowId: string,
): Promise<Result<{ state: PasscodeRecoveryStateT }>> {
  const r = await openFlow(ctx, PASSCODE, flowId, { accountId });
  if (!r.ok) return r;
  return { ok: true, state: flowView(flowId, r.flow) };
}

/** "Gửi lại mã". */
export async function resendPasscodeRecoveryOtp(
  ctx: Ctx,
  accountId: string,
  flowId: string,
): Promise<Result<{ state: PasscodeRecoveryStateT }>> {
  const sent = await sendFlowOtp(ctx, PASSCODE, flowId, accountId);
  if (!sent.ok) return sent;
  return { ok: true, state: flowView(flowId, sent.flow) };
}

/** "Xác nhận" the OTP: on to the new passcode. */
export async function verifyPasscodeRecoveryOtp(
  ctx: Ctx,
  accountId: string,
  flowId: string,
  otp: string,
): Promise<Result<{ state: PasscodeRecoveryStateT }>> {
  const moved = await verifyFlowOtp(ctx, PASSCODE, flowId, otp, { accountId });
  if (!moved.ok) return moved;
  return { ok: true, state: flowView(flowId, moved.flow) };
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
  const r = await openFlow(ctx, PASSCODE, flowId, { steps: ["passcode"], accountId });
  if (!r.ok) return r;
  const { flow } = r;
  const db = ctx.db;
  // Not claim-guarded: a concurrent duplicate of this very step (same flow, so the same citizen) may set its passcode
  // too, but only the winner revokes, audits and notifies.
  const reset = await resetPasscodeStatement(ctx, accountId, passcode);
  const claimed = await claimFlow(ctx, flow, (claim, now) => [
    reset,
    ...revokeSessionsStatements(db, now, accountId, "recovery", currentTokenHash, claim),
    claimedAuditStatement(db, claim, now, "recovery.passcode", null, accountId),
    claimedNotifyStatement(db, claim, now, accountId, "recovery", { what: "passcode" }),
  ]);
  if (!claimed.won) return fail("FLOW_EXPIRED");
  await sendAfterCommit(ctx, "recovery.passcode", {
    to: flow.phone,
    text: PASSCODE_RESET_TEXT,
    accountId,
    about: [flow.idHash],
  });
  return { ok: true, state: flowView(flowId, claimed.flow) };
}

/** "Hủy bỏ": ends the account's passcode-recovery flow. */
export async function cancelPasscodeRecovery(ctx: Ctx, accountId: string, flowId: string): Promise<void> {
  await endFlow(ctx, PASSCODE, flowId, accountId);
}
