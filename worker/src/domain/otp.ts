/**
 * One-time codes for any flow: issued by the phone's OtpGuard Durable Object, bound to the flow and its purpose,
 * texted through the SMS adapter.
 */
import { SmsUnavailableError } from "../adapters/sms";
import type { Ctx } from "../context";
import { audit } from "../db/audit";
import { type Result, fail } from "../errors";
import { type Slot, releaseSlots, takeSlot } from "./throttle";

/** What a code authorises; part of its binding. */
export type OtpPurpose = "activation" | "registration" | "recovery-password" | "recovery-passcode";

const TEXTS: Record<OtpPurpose, (code: string) => string> = {
  activation: (code) => `Ma OTP kich hoat tai khoan cua ban la ${code}. Ma co hieu luc trong 3 phut.`,
  registration: (code) => `Ma OTP dang ky tai khoan cua ban la ${code}. Ma co hieu luc trong 3 phut.`,
  "recovery-password": (code) => `Ma OTP dat lai mat khau tai khoan dinh danh dien tu cua ban la ${code}. Ma co hieu luc trong 3 phut.`,
  "recovery-passcode": (code) => `Ma OTP dat lai ma passcode cua ban la ${code}. Ma co hieu luc trong 3 phut.`,
};

/** The text of an OTP message: ASCII only, the code as its only 6-digit number. */
export function otpText(purpose: OtpPurpose, code: string): string {
  return TEXTS[purpose](code);
}

function guard(ctx: Ctx, phone: string) {
  return ctx.env.OTP.get(ctx.env.OTP.idFromName(phone));
}

/** Who a code is for. */
export interface OtpTarget {
  /** E.164. */
  phone: string;
  /** The ID number the flow is about (limited to 5 sends a day, like the phone). */
  citizenId: string;
  /** The account, when there is one, for the audit log. */
  accountId: string | null;
}

/**
 * Issues a code bound to `flowKey` and texts it. Limits, in order: per client IP, the phone's own cooldown and
 * daily count (OtpGuard), per ID number. A slot is kept only for a text that really went out: a refusal further
 * on, or a provider failure, gives every slot back and takes the code back, so nothing is burnt.
 */
export async function sendOtp(
  ctx: Ctx,
  target: OtpTarget,
  flowKey: string,
  purpose: OtpPurpose,
): Promise<Result<{ expiresAt: number; resendAt: number }>> {
  const now = ctx.clock.now();
  const ip = await takeSlot(ctx, "otp-ip", ctx.clientIp, target.accountId);
  if (!ip.ok) return ip;
  const otp = guard(ctx, target.phone);
  const issued = await otp.issue({ flowKey, purpose, now });
  if (!issued.ok) {
    await releaseSlots(ctx, [ip.slot]);
    return fail(issued.code, { retryAfter: issued.retryAfter });
  }
  const slots: Slot[] = [ip.slot];
  const undo = () => Promise.all([otp.revoke({ flowKey, sendId: issued.sendId }), releaseSlots(ctx, slots)]);
  const id = await takeSlot(ctx, "otp-id", target.citizenId, target.accountId);
  if (!id.ok) {
    await undo();
    return id;
  }
  slots.push(id.slot);
  try {
    await ctx.sms.send(target.phone, otpText(purpose, issued.code));
  } catch (err) {
    if (!(err instanceof SmsUnavailableError)) throw err;
    await undo();
    await audit(ctx.db, now, "sms.failed", target.accountId, { purpose, reason: err.reason });
    return fail("SMS_UNAVAILABLE");
  }
  await audit(ctx.db, now, "otp.sent", target.accountId, { purpose, sendsLeft: issued.sendsLeft });
  return { ok: true, expiresAt: issued.expiresAt, resendAt: issued.resendAt };
}

/** Checks a code against the one issued to `flowKey` for `purpose`. */
export async function checkOtp(
  ctx: Ctx,
  phone: string,
  flowKey: string,
  purpose: OtpPurpose,
  code: string,
  accountId: string | null,
): Promise<Result<object>> {
  const now = ctx.clock.now();
  const verdict = await guard(ctx, phone).verify({ flowKey, purpose, now, code });
  if (verdict.ok) return { ok: true };
  await audit(ctx.db, now, "otp.failed", accountId, { purpose, reason: verdict.code });
  return verdict.code === "OTP_INVALID" ? fail(verdict.code, { attemptsLeft: verdict.attemptsLeft }) : fail(verdict.code);
}
