/**
 * "Đăng ký" (seed 001, Phụ lục 2, step 3): ID number and phone, the card read from its QR (or typed), the registry
 * check, an SMS OTP and a password. The result is an app account: level 0, state `app`.
 */
import { CARD_MESSAGES, CARD_PROBLEM_FIELD, type CccdCard, ageOn, checkCard } from "../../../shared/cccd";
import { ACTIVATION_FLOW_TTL_SECONDS, INITIAL_ACCOUNT_STATE } from "../../../shared/lifecycle";
import { maskPhone, parseVnMobile } from "../../../shared/phone";
import type { CardInputT, RegistrationStateT } from "../../../shared/schemas";
import { REGISTERED_TEXT } from "../adapters/sms";
import { iso, vnToday } from "../clock";
import type { Ctx } from "../context";
import { hashSecret, randomToken, sha256Hex } from "../crypto";
import { findAccount } from "../db/accounts";
import { type Result, fail } from "../errors";
import { checkOtp, sendOtp } from "./otp";
import { checkPasswordPolicy } from "./password-policy";
import { matchesRegistry } from "./registry-match";

const PURPOSE = "registration" as const;
/** Below this age a parent or guardian registers the child. */
export const MIN_SELF_REGISTRATION_AGE = 14;

type RegistrationStep = RegistrationStateT["step"];

interface RegistrationFlow {
  idHash: string;
  citizenId: string;
  phone: string;
  step: RegistrationStep;
  otpExpiresAt: number | null;
  otpResendAt: number | null;
  expiresAt: number;
  endedAt: number | null;
}

interface FlowRow {
  id_hash: string;
  citizen_id: string;
  phone: string;
  step: string;
  otp_expires_at: number | null;
  otp_resend_at: number | null;
  expires_at: number;
  ended_at: number | null;
}

function toFlow(r: FlowRow): RegistrationFlow {
  return {
    idHash: r.id_hash,
    citizenId: r.citizen_id,
    phone: r.phone,
    step: r.step as RegistrationStep,
    otpExpiresAt: r.otp_expires_at,
    otpResendAt: r.otp_resend_at,
    expiresAt: r.expires_at,
    endedAt: r.ended_at,
  };
}

function stateOf(flowId: string, f: RegistrationFlow): RegistrationStateT {
  return {
    flowId,
    step: f.step,
    maskedPhone: maskPhone(parseVnMobile(f.phone)?.national ?? f.phone),
    expiresAt: iso(f.expiresAt),
    ...(f.otpExpiresAt !== null &&
      f.otpResendAt !== null && { otp: { expiresAt: iso(f.otpExpiresAt), resendAt: iso(f.otpResendAt) } }),
  };
}

/** Validates a card with the server's own today; the problem comes back as field errors under `card.`. */
export function checkCardInput(ctx: Ctx, card: CardInputT): Result<{ card: Omit<CccdCard, "cardType"> }> {
  const problem = checkCard(card, vnToday(ctx.clock));
  if (!problem) return { ok: true, card };
  const field = CARD_PROBLEM_FIELD[problem];
  return fail("CARD_INVALID", { fields: { [field ? `card.${field}` : "card"]: CARD_MESSAGES[problem] } });
}

/**
 * "Tiếp tục" after the card review: the typed ID must be the card's, the citizen 14 or older, the registry must
 * agree ("Đạt"), and the ID must have no account yet. Then a flow opens and the OTP is texted. Nothing is sent
 * on any refusal.
 */
export async function startRegistration(
  ctx: Ctx,
  input: { citizenId: string; phone: string; card: CardInputT },
): Promise<Result<{ state: RegistrationStateT }>> {
  const checked = checkCardInput(ctx, input.card);
  if (!checked.ok) return checked;
  const { card } = checked;
  if (card.id !== input.citizenId) return fail("QR_MISMATCH");
  if (ageOn(card.dob, vnToday(ctx.clock)) < MIN_SELF_REGISTRATION_AGE) return fail("UNDER_14");
  const citizen = await ctx.registry.findCitizen(input.citizenId);
  if (!matchesRegistry(citizen, card, input.phone)) return fail("REGISTRY_MISMATCH");
  const account = await findAccount(ctx.db, input.citizenId);
  // An app account with no password is what a rejected level-2 file leaves of an account created at the office:
  // registering gives it its password.
  if (account && !(account.level === 0 && account.passwordHash === null)) {
    return fail(account.status === "approved" ? "ACCOUNT_EXISTS_ACTIVATE" : "ACCOUNT_EXISTS");
  }

  const now = ctx.clock.now();
  const flowId = randomToken(32);
  const idHash = await sha256Hex(flowId);
  const sent = await sendOtp(ctx, { phone: input.phone, citizenId: input.citizenId, accountId: null }, idHash, PURPOSE);
  if (!sent.ok) return sent;
  const flow: RegistrationFlow = {
    idHash,
    citizenId: input.citizenId,
    phone: input.phone,
    step: "otp",
    otpExpiresAt: sent.expiresAt,
    otpResendAt: sent.resendAt,
    expiresAt: now + ACTIVATION_FLOW_TTL_SECONDS,
    endedAt: null,
  };
  await ctx.db.batch([
    ctx.db
      .prepare("UPDATE registration_flows SET ended_at = ?2 WHERE citizen_id = ?1 AND ended_at IS NULL")
      .bind(flow.citizenId, now),
    ctx.db
      .prepare(
        `INSERT INTO registration_flows (id_hash, citizen_id, phone, step, otp_expires_at, otp_resend_at, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(idHash, flow.citizenId, flow.phone, flow.step, flow.otpExpiresAt, flow.otpResendAt, now, flow.expiresAt),
  ]);
  return { ok: true, state: stateOf(flowId, flow) };
}

async function openFlow(
  ctx: Ctx,
  flowId: string,
  steps: readonly RegistrationStep[],
): Promise<Result<{ flow: RegistrationFlow }>> {
  const row = await ctx.db
    .prepare("SELECT * FROM registration_flows WHERE id_hash = ?1")
    .bind(await sha256Hex(flowId))
    .first<FlowRow>();
  const flow = row ? toFlow(row) : null;
  if (!flow || flow.endedAt !== null || ctx.clock.now() >= flow.expiresAt) return fail("FLOW_EXPIRED");
  if (!steps.includes(flow.step)) return fail("FLOW_STEP");
  return { ok: true, flow };
}

async function moveFlow(ctx: Ctx, idHash: string, from: RegistrationStep, to: RegistrationStep, otp?: { expiresAt: number; resendAt: number }) {
  const r = await ctx.db
    .prepare(
      `UPDATE registration_flows SET step = ?3, otp_expires_at = COALESCE(?4, otp_expires_at),
         otp_resend_at = COALESCE(?5, otp_resend_at)
       WHERE id_hash = ?1 AND step = ?2 AND ended_at IS NULL`,
    )
    .bind(idHash, from, to, otp?.expiresAt ?? null, otp?.resendAt ?? null)
    .run();
  return r.meta.changes === 1;
}

/** The current state, for a page that was reloaded. */
export async function registrationStatus(ctx: Ctx, flowId: string): Promise<Result<{ state: RegistrationStateT }>> {
  const r = await openFlow(ctx, flowId, ["otp", "password"]);
  if (!r.ok) return r;
  return { ok: true, state: stateOf(flowId, r.flow) };
}

/** "Gửi lại mã". */
export async function resendRegistrationOtp(ctx: Ctx, flowId: string): Promise<Result<{ state: RegistrationStateT }>> {
  const r = await openFlow(ctx, flowId, ["otp"]);
  if (!r.ok) return r;
  const target = { phone: r.flow.phone, citizenId: r.flow.citizenId, accountId: null };
  const sent = await sendOtp(ctx, target, r.flow.idHash, PURPOSE);
  if (!sent.ok) return sent;
  if (!(await moveFlow(ctx, r.flow.idHash, "otp", "otp", sent))) return fail("FLOW_STEP");
  return { ok: true, state: stateOf(flowId, { ...r.flow, otpExpiresAt: sent.expiresAt, otpResendAt: sent.resendAt }) };
}

/** "Xác nhận" on the OTP screen. */
export async function verifyRegistrationOtp(
  ctx: Ctx,
  flowId: string,
  otp: string,
): Promise<Result<{ state: RegistrationStateT }>> {
  const r = await openFlow(ctx, flowId, ["otp"]);
  if (!r.ok) return r;
  const checked = await checkOtp(ctx, r.flow.phone, r.flow.idHash, PURPOSE, otp, null);
  if (!checked.ok) return checked;
  if (!(await moveFlow(ctx, r.flow.idHash, "otp", "password"))) return fail("FLOW_STEP");
  return { ok: true, state: stateOf(flowId, { ...r.flow, step: "password" }) };
}

/**
 * "Mật khẩu" → "Tiếp tục": creates the app account. One batch that only the first of two concurrent registrations
 * of one ID can win.
 */
export async function completeRegistration(
  ctx: Ctx,
  flowId: string,
  password: string,
): Promise<Result<{ state: RegistrationStateT }>> {
  const r = await openFlow(ctx, flowId, ["password"]);
  if (!r.ok) return r;
  const { flow } = r;
  const policy = checkPasswordPolicy(password, flow.citizenId, flow.phone);
  if (!policy.ok) return policy;
  const now = ctx.clock.now();
  const passwordHash = await hashSecret(password, ctx.pepper, ctx.iterations);
  const db = ctx.db;
  // Every statement after the first runs only if the first wrote this batch's own random claim (bound as ?1).
  const claim = randomToken(16);
  const claimed = "EXISTS (SELECT 1 FROM registration_flows WHERE claim = ?1)";
  const { level, status } = INITIAL_ACCOUNT_STATE;
  const results = await db.batch([
    db
      .prepare(
        `UPDATE registration_flows SET step = 'done', ended_at = ?2, claim = ?4
         WHERE id_hash = ?1 AND step = 'password' AND ended_at IS NULL AND expires_at > ?2
           AND NOT EXISTS (SELECT 1 FROM accounts WHERE id = ?3 AND (level <> 0 OR password_hash IS NOT NULL))`,
      )
      .bind(flow.idHash, now, flow.citizenId, claim),
    db
      .prepare(
        `INSERT INTO accounts (id, phone, level, status, password_hash, created_at, updated_at)
         SELECT ?3, ?4, ?5, ?6, ?7, ?2, ?2 WHERE ${claimed}
         ON CONFLICT(id) DO UPDATE SET phone = excluded.phone, password_hash = excluded.password_hash,
           updated_at = excluded.updated_at
         WHERE accounts.level = 0 AND accounts.password_hash IS NULL`,
      )
      .bind(claim, now, flow.citizenId, flow.phone, level, status, passwordHash),
    db
      .prepare(`INSERT INTO audit_log (at, event, account_id) SELECT ?2, 'registration.completed', ?3 WHERE ${claimed}`)
      .bind(claim, now, flow.citizenId),
  ]);
  if (results[0]?.meta.changes !== 1) {
    return fail((await findAccount(ctx.db, flow.citizenId)) ? "ACCOUNT_EXISTS" : "FLOW_EXPIRED");
  }
  await ctx.sms.send(flow.phone, REGISTERED_TEXT);
  return { ok: true, state: stateOf(flowId, { ...flow, step: "done", endedAt: now }) };
}

/** "Hủy bỏ". */
export async function cancelRegistration(ctx: Ctx, flowId: string): Promise<void> {
  await ctx.db
    .prepare("UPDATE registration_flows SET ended_at = ?2 WHERE id_hash = ?1 AND ended_at IS NULL")
    .bind(await sha256Hex(flowId), ctx.clock.now())
    .run();
}
