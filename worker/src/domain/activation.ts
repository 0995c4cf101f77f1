/**
 * The web activation flow (seed 000, steps 2–4; seed 001, Phụ lục 2, steps 6–7): request, device check, OTP,
 * password (only when the account has none), passcode, security questions, done. The flow lives on the server;
 * each step is allowed only from the one before it, as `shared/lifecycle.ts` orders them.
 */
import { normalizeAnswer } from "../../../shared/credentials";
import { SEED_MESSAGES } from "../../../shared/messages";
import {
  ACTIVATION_FLOW_TTL_SECONDS,
  type ActivationStep,
  activationVerdict,
  nextActivationStep,
  transition,
} from "../../../shared/lifecycle";
import { maskPhone, parseVnMobile } from "../../../shared/phone";
import type { ActivationStateT } from "../../../shared/schemas";
import { ACTIVATED_TEXT } from "../adapters/sms";
import { iso } from "../clock";
import type { Ctx } from "../context";
import { hashSecret, randomToken, sha256Hex } from "../crypto";
import { findAccount, findDeviceBinding } from "../db/accounts";
import { audit, auditStatement } from "../db/audit";
import {
  type DeviceStatus,
  type Flow,
  advanceFlow,
  advanceFlowStatement,
  endFlow,
  findFlow,
  startFlowStatements,
} from "../db/flows";
import { claimedNotifyStatement } from "../db/notifications";
import { listQuestions } from "../db/questions";
import { type Result, fail } from "../errors";
import { checkOtp, sendOtp } from "./otp";
import { checkPasswordPolicy } from "./password-policy";

const PURPOSE = "activation" as const;

/** The flow as the client sees it. */
function flowState(flowId: string, f: Flow): ActivationStateT {
  return {
    flowId,
    step: f.step,
    needsPassword: f.needsPassword,
    maskedPhone: maskPhone(parseVnMobile(f.phone)?.national ?? f.phone),
    device: f.deviceStatus,
    expiresAt: iso(f.expiresAt),
    ...(f.otpExpiresAt !== null &&
      f.otpResendAt !== null && { otp: { expiresAt: iso(f.otpExpiresAt), resendAt: iso(f.otpResendAt) } }),
  };
}

/**
 * "Gửi yêu cầu": checks the ID number and phone against the account, then the account's level and state
 * (seed 001, step 6), then the device (step 7), and opens a flow at the device notice.
 */
export async function startActivation(
  ctx: Ctx,
  input: { citizenId: string; phone: string; deviceId: string },
): Promise<Result<{ state: ActivationStateT }>> {
  const now = ctx.clock.now();
  const [account, citizen] = await Promise.all([
    findAccount(ctx.db, input.citizenId),
    ctx.registry.findCitizen(input.citizenId),
  ]);
  // The same answer for an unknown ID and a wrong phone, so that nobody learns which IDs exist.
  const phoneOnFile = account?.phone ?? citizen?.phone;
  if (!phoneOnFile || phoneOnFile !== input.phone) return fail("INVALID_ID_OR_PHONE");

  const verdict = activationVerdict(account);
  if (verdict === "not-identified") return fail("NOT_IDENTIFIED");
  if (verdict === "pending-approval") return fail("PENDING_APPROVAL", { hint: SEED_MESSAGES.pendingApproval });
  if (verdict === "already-active") return fail("ALREADY_ACTIVATED");
  if (!account) return fail("NOT_IDENTIFIED");

  const binding = await findDeviceBinding(ctx.db, input.deviceId);
  const deviceStatus: DeviceStatus = !binding
    ? "free"
    : binding.accountId === account.id
      ? "this-account"
      : "other-account";

  const flowId = randomToken(32);
  const flow: Flow = {
    idHash: await sha256Hex(flowId),
    accountId: account.id,
    phone: account.phone,
    deviceId: input.deviceId,
    step: "device",
    needsPassword: account.passwordHash === null,
    deviceStatus,
    passwordHash: null,
    passcodeHash: null,
    otpExpiresAt: null,
    otpResendAt: null,
    createdAt: now,
    expiresAt: now + ACTIVATION_FLOW_TTL_SECONDS,
    endedAt: null,
  };
  await ctx.db.batch([
    ...startFlowStatements(ctx.db, flow),
    auditStatement(ctx.db, now, "activation.started", account.id, { device: deviceStatus }),
  ]);
  return { ok: true, state: flowState(flowId, flow) };
}

/** Loads an open, unexpired flow that is at one of `steps`. */
async function openFlow(ctx: Ctx, flowId: string, steps: readonly ActivationStep[]): Promise<Result<{ flow: Flow }>> {
  const flow = await findFlow(ctx.db, await sha256Hex(flowId));
  if (!flow || flow.endedAt !== null || ctx.clock.now() >= flow.expiresAt) return fail("FLOW_EXPIRED");
  if (!steps.includes(flow.step)) return fail("FLOW_STEP");
  return { ok: true, flow };
}

/** The current state of a flow, for a page that was reloaded. */
export async function activationStatus(ctx: Ctx, flowId: string): Promise<Result<{ state: ActivationStateT }>> {
  const r = await openFlow(ctx, flowId, ["device", "otp", "password", "passcode", "security"]);
  if (!r.ok) return r;
  return { ok: true, state: flowState(flowId, r.flow) };
}

/** "Tiếp tục" after the device notice, and "Gửi lại mã": issues a code bound to this flow and texts it. */
export async function sendActivationOtp(ctx: Ctx, flowId: string): Promise<Result<{ state: ActivationStateT }>> {
  const r = await openFlow(ctx, flowId, ["device", "otp"]);
  if (!r.ok) return r;
  const { flow } = r;
  const target = { phone: flow.phone, citizenId: flow.accountId, accountId: flow.accountId };
  // The flow moves to the OTP step in the same batch as the send's audit line.
  const sent = await sendOtp(ctx, target, flow.idHash, PURPOSE, (t) => [
    advanceFlowStatement(ctx.db, flow.idHash, flow.step, "otp", { otpExpiresAt: t.expiresAt, otpResendAt: t.resendAt }),
  ]);
  if (!sent.ok) return sent;
  const changes = { otpExpiresAt: sent.expiresAt, otpResendAt: sent.resendAt };
  if (sent.committed[0]?.meta.changes !== 1) return fail("FLOW_STEP");
  return { ok: true, state: flowState(flowId, { ...flow, step: "otp", ...changes }) };
}

/** "Xác nhận" on the OTP screen. */
export async function verifyActivationOtp(
  ctx: Ctx,
  flowId: string,
  otp: string,
): Promise<Result<{ state: ActivationStateT }>> {
  const r = await openFlow(ctx, flowId, ["otp"]);
  if (!r.ok) return r;
  const { flow } = r;
  const checked = await checkOtp(ctx, flow.phone, flow.idHash, PURPOSE, otp, flow.accountId);
  if (!checked.ok) return checked;
  const next = nextActivationStep("otp", flow.needsPassword) as ActivationStep;
  if (!(await advanceFlow(ctx.db, flow.idHash, "otp", next))) return fail("FLOW_STEP");
  return { ok: true, state: flowState(flowId, { ...flow, step: next }) };
}

/** Password step: only for an account that has no password yet. The hash waits in the flow until "Hoàn tất". */
export async function setActivationPassword(
  ctx: Ctx,
  flowId: string,
  password: string,
): Promise<Result<{ state: ActivationStateT }>> {
  const r = await openFlow(ctx, flowId, ["password"]);
  if (!r.ok) return r;
  const policy = checkPasswordPolicy(password, r.flow.accountId, r.flow.phone);
  if (!policy.ok) return policy;
  const passwordHash = await hashSecret(password, ctx.pepper, ctx.iterations);
  if (!(await advanceFlow(ctx.db, r.flow.idHash, "password", "passcode", { passwordHash }))) return fail("FLOW_STEP");
  return { ok: true, state: flowState(flowId, { ...r.flow, step: "passcode" }) };
}

/** Passcode step: 6 digits, held hashed in the flow until "Hoàn tất". */
export async function setActivationPasscode(
  ctx: Ctx,
  flowId: string,
  passcode: string,
): Promise<Result<{ state: ActivationStateT }>> {
  const r = await openFlow(ctx, flowId, ["passcode"]);
  if (!r.ok) return r;
  const passcodeHash = await hashSecret(passcode, ctx.pepper, ctx.iterations);
  if (!(await advanceFlow(ctx.db, r.flow.idHash, "passcode", "security", { passcodeHash }))) return fail("FLOW_STEP");
  return { ok: true, state: flowState(flowId, { ...r.flow, step: "security" }) };
}

/**
 * "Hoàn tất": stores the answers and everything the flow collected, activates the account, binds it to this
 * device and ends any earlier binding of the account or the device with its sessions — all in one atomic batch
 * that only the first of two concurrent flows can win. Then texts a confirmation.
 */
export async function completeActivation(
  ctx: Ctx,
  flowId: string,
  answers: ReadonlyArray<{ questionId: number; answer: string }>,
): Promise<Result<{ state: ActivationStateT }>> {
  const r = await openFlow(ctx, flowId, ["security"]);
  if (!r.ok) return r;
  const { flow } = r;
  const questions = new Set((await listQuestions(ctx.db)).map((q) => q.id));
  const unknown = answers.findIndex((a) => !questions.has(a.questionId));
  if (unknown >= 0) return fail("QUESTION_UNKNOWN", { fields: { [`answers.${unknown}.questionId`]: "Câu hỏi bảo mật không có trong danh sách." } });
  const account = await findAccount(ctx.db, flow.accountId);
  const next = account && transition(account, { type: "activate" });
  if (!account || !next) return fail(account?.status === "active" ? "ALREADY_ACTIVATED" : "FLOW_STEP");

  const now = ctx.clock.now();
  const hashes = await Promise.all(
    answers.map((a) => hashSecret(normalizeAnswer(a.answer), ctx.pepper, ctx.iterations)),
  );
  const db = ctx.db;
  // Every statement after the first runs only if the first wrote this batch's own random claim (bound as ?1).
  const claim = randomToken(16);
  const claimed = "EXISTS (SELECT 1 FROM activation_flows WHERE claim = ?1)";
  const results = await db.batch([
    db
      .prepare(
        `UPDATE activation_flows SET step = 'done', ended_at = ?2, claim = ?4
         WHERE id_hash = ?1 AND step = 'security' AND ended_at IS NULL AND expires_at > ?2
           AND (SELECT status FROM accounts WHERE id = ?3) = 'approved'`,
      )
      .bind(flow.idHash, now, flow.accountId, claim),
    db
      .prepare(
        `UPDATE accounts SET status = ?4, password_hash = COALESCE(?5, password_hash), passcode_hash = ?6,
           activated_at = ?2, updated_at = ?2, failed_logins = 0, locked_until = 0
         WHERE id = ?3 AND ${claimed}`,
      )
      .bind(claim, now, flow.accountId, next.status, flow.passwordHash, flow.passcodeHash),
    db.prepare(`DELETE FROM security_answers WHERE account_id = ?3 AND ${claimed}`).bind(claim, now, flow.accountId),
    ...answers.map((a, i) =>
      db
        .prepare(
          `INSERT INTO security_answers (account_id, slot, question_id, answer_hash)
           SELECT ?3, ?4, ?5, ?6 WHERE ${claimed}`,
        )
        .bind(claim, now, flow.accountId, i + 1, a.questionId, hashes[i]),
    ),
    db
      .prepare(
        `INSERT INTO audit_log (at, event, account_id, detail)
         SELECT ?2, 'session.revoked', account_id, '{"reason":"activation"}' FROM sessions
         WHERE revoked_at IS NULL AND ${claimed}
           AND (account_id = ?3 OR account_id IN (SELECT account_id FROM devices WHERE device_id = ?4))`,
      )
      .bind(claim, now, flow.accountId, flow.deviceId),
    db
      .prepare(
        `UPDATE sessions SET revoked_at = ?2
         WHERE revoked_at IS NULL AND ${claimed}
           AND (account_id = ?3 OR account_id IN (SELECT account_id FROM devices WHERE device_id = ?4))`,
      )
      .bind(claim, now, flow.accountId, flow.deviceId),
    db
      .prepare(
        `INSERT INTO audit_log (at, event, account_id, detail)
         SELECT ?2, 'device.unbound', account_id, json_object('deviceId', device_id) FROM devices
         WHERE (device_id = ?4 OR account_id = ?3) AND ${claimed}`,
      )
      .bind(claim, now, flow.accountId, flow.deviceId),
    db
      .prepare(`DELETE FROM devices WHERE (device_id = ?4 OR account_id = ?3) AND ${claimed}`)
      .bind(claim, now, flow.accountId, flow.deviceId),
    db
      .prepare(`INSERT INTO devices (device_id, account_id, bound_at) SELECT ?4, ?3, ?2 WHERE ${claimed}`)
      .bind(claim, now, flow.accountId, flow.deviceId),
    db
      .prepare(
        `INSERT INTO audit_log (at, event, account_id, detail)
         SELECT ?2, 'device.bound', ?3, json_object('deviceId', ?4) WHERE ${claimed}`,
      )
      .bind(claim, now, flow.accountId, flow.deviceId),
    claimedNotifyStatement(db, claimed, claim, now, flow.accountId, "device", { event: "bound", deviceId: flow.deviceId }),
    db
      .prepare(
        `INSERT INTO audit_log (at, event, account_id, detail)
         SELECT ?2, 'activation.completed', ?3, json_object('deviceId', ?4) WHERE ${claimed}`,
      )
      .bind(claim, now, flow.accountId, flow.deviceId),
  ]);
  if (results[0]?.meta.changes !== 1) {
    const latest = await findAccount(ctx.db, flow.accountId);
    return fail(latest?.status === "active" ? "ALREADY_ACTIVATED" : "FLOW_EXPIRED");
  }
  await ctx.sms.send(flow.phone, ACTIVATED_TEXT);
  return { ok: true, state: flowState(flowId, { ...flow, step: "done", endedAt: now }) };
}

/** "Hủy bỏ": ends the flow. Cancelling an already ended flow is not an error. */
export async function cancelActivation(ctx: Ctx, flowId: string): Promise<void> {
  const idHash = await sha256Hex(flowId);
  const flow = await findFlow(ctx.db, idHash);
  if (flow && (await endFlow(ctx.db, idHash, ctx.clock.now()))) {
    await audit(ctx.db, ctx.clock.now(), "activation.cancelled", flow.accountId);
  }
}
