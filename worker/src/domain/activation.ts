/**
 * The web activation flow (seed 000, steps 2–4; seed 001, Phụ lục 2, steps 6–7): request, device check, OTP,
 * password (only when the account has none), passcode, security questions, done. The flow lives on the server;
 * each step is allowed only from the one before it, as `shared/lifecycle.ts` orders them.
 */
import { normalizeAnswer } from "../../../shared/credentials";
import { deviceNameOf } from "../../../shared/device-name";
import { SEED_MESSAGES } from "../../../shared/messages";
import { activationVerdict, transition } from "../../../shared/lifecycle";
import type { ActivationStateT, SecurityQuestionT } from "../../../shared/schemas";
import { ACTIVATED_TEXT } from "../adapters/sms";
import { iso } from "../clock";
import type { Ctx } from "../context";
import { hashSecret } from "../crypto";
import { activateAccountStatement, findAccount } from "../db/accounts";
import { replaceAnswersStatements } from "../db/answers";
import { activationUnbindAuditStatements, audit, auditStatement, claimedAuditStatement } from "../db/audit";
import { findDeviceBinding, rebindDeviceStatements } from "../db/devices";
import type { DeviceStatus } from "../db/flows";
import { activationDeviceNoticeStatements } from "../db/notifications";
import { listQuestions } from "../db/questions";
import { revokeForActivationStatement } from "../db/sessions";
import type { Env } from "../env";
import { type Result, fail } from "../errors";
import {
  type Flow,
  advanceFlow,
  claimFlow,
  endFlow,
  maskedPhoneOf,
  openFlow,
  otpTimesOf,
  sendFlowOtp,
  startFlow,
  verifyFlowOtp,
} from "./flow";
import { checkPasswordPolicy } from "./password-policy";
import { sendAfterCommit } from "./texts";
import { takeStartSlots } from "./throttle";

const KIND = "activation" as const;

/** The flow as the client sees it. */
function flowState(flowId: string, f: Flow<typeof KIND>): ActivationStateT {
  return {
    flowId,
    step: f.step,
    needsPassword: f.needsPassword,
    maskedPhone: maskedPhoneOf(f),
    device: f.deviceStatus,
    expiresAt: iso(f.expiresAt),
    ...otpTimesOf(f),
  };
}

/**
 * "Gửi yêu cầu": counts the start (per client IP and per ID number), checks the ID number and phone against the
 * account, then the account's level and state (seed 001, step 6), then the device (step 7), and opens a flow at the
 * device notice.
 */
export async function startActivation(
  ctx: Ctx,
  input: { citizenId: string; phone: string; deviceId: string },
): Promise<Result<{ state: ActivationStateT }>> {
  const limited = await takeStartSlots(ctx, input.citizenId);
  if (!limited.ok) return limited;
  const [account, citizen] = await Promise.all([
    findAccount(ctx.db, input.citizenId),
    ctx.registry.findCitizen(input.citizenId),
  ]);
  // The same answer for an unknown ID and a wrong phone, so that nobody learns which IDs exist.
  const phoneOnFile = account?.phone ?? citizen?.phone;
  if (!phoneOnFile || phoneOnFile !== input.phone) return fail("INVALID_ID_OR_PHONE");

  const verdict = activationVerdict(account);
  // The pair is right, so saying whether an account exists tells nothing new; it tells what to do next.
  if (verdict === "not-identified") return fail("NOT_IDENTIFIED", { next: account ? "level1" : "register" });
  if (verdict === "pending-approval") return fail("PENDING_APPROVAL", { hint: SEED_MESSAGES.pendingApproval });
  if (verdict === "already-active") return fail("ALREADY_ACTIVATED");
  if (!account) return fail("NOT_IDENTIFIED");

  const binding = await findDeviceBinding(ctx.db, input.deviceId);
  const deviceStatus: DeviceStatus = !binding
    ? "free"
    : binding.accountId === account.id
      ? "this-account"
      : "other-account";

  const draft = {
    citizenId: account.id,
    phone: account.phone,
    deviceId: input.deviceId,
    needsPassword: account.passwordHash === null,
    deviceStatus,
    passwordHash: null,
    passcodeHash: null,
  };
  const { flowId, flow } = await startFlow(ctx, KIND, draft, (f) => [
    auditStatement(ctx.db, f.createdAt, "activation.started", account.id, { device: deviceStatus }),
  ]);
  return { ok: true, state: flowState(flowId, flow) };
}

/** The current state of a flow, for a page that was reloaded. */
export async function activationStatus(ctx: Ctx, flowId: string): Promise<Result<{ state: ActivationStateT }>> {
  const r = await openFlow(ctx, KIND, flowId);
  if (!r.ok) return r;
  return { ok: true, state: flowState(flowId, r.flow) };
}

/** "Tiếp tục" after the device notice, and "Gửi lại mã": issues a code bound to this flow and texts it. */
export async function sendActivationOtp(ctx: Ctx, flowId: string): Promise<Result<{ state: ActivationStateT }>> {
  const sent = await sendFlowOtp(ctx, KIND, flowId);
  if (!sent.ok) return sent;
  return { ok: true, state: flowState(flowId, sent.flow) };
}

/** "Xác nhận" on the OTP screen: on to the password, or to the passcode when the account already has a password. */
export async function verifyActivationOtp(
  ctx: Ctx,
  flowId: string,
  otp: string,
): Promise<Result<{ state: ActivationStateT }>> {
  const moved = await verifyFlowOtp(ctx, KIND, flowId, otp, { skip: (f) => (f.needsPassword ? [] : ["password"]) });
  if (!moved.ok) return moved;
  return { ok: true, state: flowState(flowId, moved.flow) };
}

/** Password step: only for an account that has no password yet. The hash waits in the flow until "Hoàn tất". */
export async function setActivationPassword(
  ctx: Ctx,
  flowId: string,
  password: string,
): Promise<Result<{ state: ActivationStateT }>> {
  const r = await openFlow(ctx, KIND, flowId, { steps: ["password"] });
  if (!r.ok) return r;
  const policy = checkPasswordPolicy(password, r.flow.citizenId, r.flow.phone);
  if (!policy.ok) return policy;
  const passwordHash = await hashSecret(password, ctx.pepper, ctx.iterations);
  const moved = await advanceFlow(ctx, r.flow, { changes: { passwordHash } });
  if (!moved.ok) return moved;
  return { ok: true, state: flowState(flowId, moved.flow) };
}

/** Passcode step: 6 digits, held hashed in the flow until "Hoàn tất". */
export async function setActivationPasscode(
  ctx: Ctx,
  flowId: string,
  passcode: string,
): Promise<Result<{ state: ActivationStateT }>> {
  const r = await openFlow(ctx, KIND, flowId, { steps: ["passcode"] });
  if (!r.ok) return r;
  const passcodeHash = await hashSecret(passcode, ctx.pepper, ctx.iterations);
  const moved = await advanceFlow(ctx, r.flow, { changes: { passcodeHash } });
  if (!moved.ok) return moved;
  return { ok: true, state: flowState(flowId, moved.flow) };
}

/**
 * "Hoàn tất": stores the answers and everything the flow collected, activates the account, binds it to this
 * device (named from `userAgent`, the browser's own) and ends any earlier binding of the account or the device
 * with its sessions, each told in "Thông báo" what happened — all in one atomic batch that only the first of two
 * concurrent flows can win. Then queues the confirmation ("if this was not you"): a text that cannot go never fails
 * the activation (domain/texts.ts).
 */
export async function completeActivation(
  ctx: Ctx,
  flowId: string,
  answers: ReadonlyArray<{ questionId: number; answer: string }>,
  userAgent: string | null = null,
): Promise<Result<{ state: ActivationStateT }>> {
  const r = await openFlow(ctx, KIND, flowId, { steps: ["security"] });
  if (!r.ok) return r;
  const { flow } = r;
  const questions = new Set((await listQuestions(ctx.db)).map((q) => q.id));
  const unknown = answers.findIndex((a) => !questions.has(a.questionId));
  if (unknown >= 0)
    return fail("QUESTION_UNKNOWN", {
      fields: { [`answers.${unknown}.questionId`]: "Câu hỏi bảo mật không có trong danh sách." },
    });
  const accountId = flow.citizenId;
  const account = await findAccount(ctx.db, accountId);
  const next = account && transition(account, { type: "activate" });
  if (!account || !next) return fail(account?.status === "active" ? "ALREADY_ACTIVATED" : "FLOW_STEP");

  const hashes = await Promise.all(
    answers.map((a) => hashSecret(normalizeAnswer(a.answer), ctx.pepper, ctx.iterations)),
  );
  const db = ctx.db;
  const { deviceId } = flow;
  const name = deviceNameOf(userAgent);
  const claimed = await claimFlow(ctx, flow, (claim, now) => {
    const unbound = activationUnbindAuditStatements(db, claim, now, accountId, deviceId);
    return [
      activateAccountStatement(db, claim, now, accountId, next.status, flow.passwordHash, flow.passcodeHash),
      ...replaceAnswersStatements(
        db,
        claim,
        now,
        accountId,
        answers.map((a, i) => ({ questionId: a.questionId, answerHash: hashes[i] as string })),
      ),
      unbound.sessions,
      revokeForActivationStatement(db, claim, now, accountId, deviceId),
      unbound.devices,
      ...activationDeviceNoticeStatements(db, claim, now, accountId, deviceId, name),
      ...rebindDeviceStatements(db, claim, now, accountId, deviceId, name),
      claimedAuditStatement(db, claim, now, "device.bound", null, accountId, { deviceId }),
      claimedAuditStatement(db, claim, now, "activation.completed", null, accountId, { deviceId }),
    ];
  });
  if (!claimed.won) {
    const latest = await findAccount(ctx.db, accountId);
    return fail(latest?.status === "active" ? "ALREADY_ACTIVATED" : "FLOW_EXPIRED");
  }
  await sendAfterCommit(ctx, "activation.completed", {
    to: flow.phone,
    text: ACTIVATED_TEXT,
    accountId,
    about: [flow.idHash],
  });
  return { ok: true, state: flowState(flowId, claimed.flow) };
}

/** "Hủy bỏ": ends the flow. Cancelling an already ended flow is not an error. */
export async function cancelActivation(ctx: Ctx, flowId: string): Promise<void> {
  const accountId = await endFlow(ctx, KIND, flowId);
  if (accountId) await audit(ctx.db, ctx.clock.now(), "activation.cancelled", accountId);
}

/** The questions activation offers (`GET /api/security-questions`). */
export function securityQuestions(env: Pick<Env, "DB">): Promise<SecurityQuestionT[]> {
  return listQuestions(env.DB);
}
