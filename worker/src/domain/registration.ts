/**
 * "Đăng ký" (seed 001, Phụ lục 2, step 3): ID number and phone, the card read from its QR (or typed), the registry
 * check, an SMS OTP and a password. The result is an app account: level 0, state `app`.
 */
import { CARD_MESSAGES, CARD_PROBLEM_FIELD, type CccdCard, ageOn, checkCard } from "../../../shared/cccd";
import { INITIAL_ACCOUNT_STATE } from "../../../shared/lifecycle";
import type { CardInputT, RegistrationStateT } from "../../../shared/schemas";
import { REGISTERED_TEXT } from "../adapters/sms";
import { vnToday } from "../clock";
import type { Ctx } from "../context";
import { hashSecret } from "../crypto";
import { findAccount } from "../db/accounts";
import { claimedAuditStatement } from "../db/audit";
import { createAppAccountStatement } from "../db/registration";
import { type Result, fail } from "../errors";
import { claimFlow, endFlow, flowView, openFlow, sendFlowOtp, startFlowWithOtp, verifyFlowOtp } from "./flow";
import { checkPasswordPolicy } from "./password-policy";
import { sendAfterCommit } from "./texts";
import { matchesRegistry } from "./registry-match";
import { takeStartSlots } from "./throttle";

const KIND = "registration" as const;
/** Below this age a parent or guardian registers the child. */
export const MIN_SELF_REGISTRATION_AGE = 14;

/** Validates a card with the server's own today; the problem comes back as field errors under `card.`. */
export function checkCardInput(ctx: Ctx, card: CardInputT): Result<{ card: Omit<CccdCard, "cardType"> }> {
  const problem = checkCard(card, vnToday(ctx.clock));
  if (!problem) return { ok: true, card };
  const field = CARD_PROBLEM_FIELD[problem];
  return fail("CARD_INVALID", { fields: { [field ? `card.${field}` : "card"]: CARD_MESSAGES[problem] } });
}

/**
 * "Tiếp tục" after the card review: counts the start (per client IP and per ID number); the typed ID must be the
 * card's, the citizen 14 or older, the registry must agree ("Đạt"), and the ID must have no account yet. Then a
 * flow opens and the OTP is texted. Nothing is sent on any refusal.
 */
export async function startRegistration(
  ctx: Ctx,
  input: { citizenId: string; phone: string; card: CardInputT },
): Promise<Result<{ state: RegistrationStateT }>> {
  const limited = await takeStartSlots(ctx, input.citizenId);
  if (!limited.ok) return limited;
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
  const opened = await startFlowWithOtp(ctx, KIND, { citizenId: input.citizenId, phone: input.phone });
  if (!opened.ok) return opened;
  return { ok: true, state: flowView(opened.flowId, opened.flow) };
}

/** The current state, for a page that was reloaded. */
export async function registrationStatus(ctx: Ctx, flowId: string): Promise<Result<{ state: RegistrationStateT }>> {
  const r = await openFlow(ctx, KIND, flowId);
  if (!r.ok) return r;
  return { ok: true, state: flowView(flowId, r.flow) };
}

/** "Gửi lại mã". */
export async function resendRegistrationOtp(ctx: Ctx, flowId: string): Promise<Result<{ state: RegistrationStateT }>> {
  const sent = await sendFlowOtp(ctx, KIND, flowId);
  if (!sent.ok) return sent;
  return { ok: true, state: flowView(flowId, sent.flow) };
}

/** "Xác nhận" on the OTP screen. */
export async function verifyRegistrationOtp(
  ctx: Ctx,
  flowId: string,
  otp: string,
): Promise<Result<{ state: RegistrationStateT }>> {
  const moved = await verifyFlowOtp(ctx, KIND, flowId, otp);
  if (!moved.ok) return moved;
  return { ok: true, state: flowView(flowId, moved.flow) };
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
  const r = await openFlow(ctx, KIND, flowId, { steps: ["password"] });
  if (!r.ok) return r;
  const { flow } = r;
  const policy = checkPasswordPolicy(password, flow.citizenId, flow.phone);
  if (!policy.ok) return policy;
  const passwordHash = await hashSecret(password, ctx.pepper, ctx.iterations);
  const claimed = await claimFlow(ctx, flow, (claim, now) => [
    createAppAccountStatement(ctx.db, claim, now, flow.citizenId, flow.phone, INITIAL_ACCOUNT_STATE, passwordHash),
    claimedAuditStatement(ctx.db, claim, now, "registration.completed", null, flow.citizenId),
  ]);
  if (!claimed.won) return fail((await findAccount(ctx.db, flow.citizenId)) ? "ACCOUNT_EXISTS" : "FLOW_EXPIRED");
  await sendAfterCommit(ctx, "registration.completed", {
    to: flow.phone,
    text: REGISTERED_TEXT,
    accountId: flow.citizenId,
    about: [flow.idHash],
  });
  return { ok: true, state: flowView(flowId, claimed.flow) };
}

/** "Hủy bỏ". */
export async function cancelRegistration(ctx: Ctx, flowId: string): Promise<void> {
  await endFlow(ctx, KIND, flowId);
}
