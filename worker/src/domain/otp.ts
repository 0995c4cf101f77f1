/**
 * One-time codes for any flow: issued by the phone's OtpGuard Durable Object, bound to the flow and its purpose,
 * texted through the SMS adapter.
 */
import type { Ctx } from "../context";
import { audit } from "../db/audit";
import { type Result, fail } from "../errors";

/** What a code authorises; part of its binding. */
export type OtpPurpose = "activation" | "registration";

const TEXTS: Record<OtpPurpose, (code: string) => string> = {
  activation: (code) => `Ma OTP kich hoat tai khoan cua ban la ${code}. Ma co hieu luc trong 3 phut.`,
  registration: (code) => `Ma OTP dang ky tai khoan cua ban la ${code}. Ma co hieu luc trong 3 phut.`,
};

/** The text of an OTP message: ASCII only, the code as its only 6-digit number. */
export function otpText(purpose: OtpPurpose, code: string): string {
  return TEXTS[purpose](code);
}

function guard(ctx: Ctx, phone: string) {
  return ctx.env.OTP.get(ctx.env.OTP.idFromName(phone));
}

/** Issues a code bound to `flowKey` and texts it; the cooldown and daily limit come back as failures. */
export async function sendOtp(
  ctx: Ctx,
  phone: string,
  flowKey: string,
  purpose: OtpPurpose,
  accountId: string | null,
): Promise<Result<{ expiresAt: number; resendAt: number }>> {
  const now = ctx.clock.now();
  const issued = await guard(ctx, phone).issue({ flowKey, purpose, now });
  if (!issued.ok) return fail(issued.code, { retryAfter: issued.retryAfter });
  await ctx.sms.send(phone, otpText(purpose, issued.code));
  await audit(ctx.db, now, "otp.sent", accountId, { purpose, sendsLeft: issued.sendsLeft });
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
