/**
 * One-time codes for any flow: issued by the OtpGuard Durable Object that holds the phone number (one of
 * OTP_SHARDS), bound to the flow and its purpose, texted through the SMS adapter.
 */
import type { FlowKind } from "../../../shared/lifecycle";
import { SmsUnavailableError } from "../adapters/sms";
import type { Ctx } from "../context";
import { audit, auditStatement } from "../db/audit";
import { shardOf } from "../do/shard";
import type { OtpGuard } from "../do/OtpGuard";
import { type Failure, type Result, fail } from "../errors";
import { sendBeforeCommit } from "./texts";
import { type Slot, clearSlots, ipKey, releaseSlots, takeSlot, takeSmsBudget } from "./throttle";

/** What a code authorises, part of its binding: the kind of flow it was sent for. */
export type OtpPurpose = FlowKind;

const TEXTS: Record<OtpPurpose, (code: string) => string> = {
  activation: (code) => `Ma OTP kich hoat tai khoan cua ban la ${code}. Ma co hieu luc trong 3 phut.`,
  registration: (code) => `Ma OTP dang ky tai khoan cua ban la ${code}. Ma co hieu luc trong 3 phut.`,
  "recovery-password": (code) =>
    `Ma OTP dat lai mat khau tai khoan dinh danh dien tu cua ban la ${code}. Ma co hieu luc trong 3 phut.`,
  "recovery-passcode": (code) => `Ma OTP dat lai ma passcode cua ban la ${code}. Ma co hieu luc trong 3 phut.`,
};

/** A host name as the WebOTP line may carry it (letters, digits, hyphens, dots). */
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * The text of an OTP message: ASCII, starting with the message a basic phone shows. With the app's host
 * (`OTP_ORIGIN_HOST`), it ends with the WebOTP origin-bound line `@<host> #<code>` on its own last line, so that
 * browsers offer the code to that site only (a phishing page cannot have it filled in).
 */
export function otpText(purpose: OtpPurpose, code: string, originHost: string | null = null): string {
  const text = TEXTS[purpose](code);
  if (originHost === null) return text;
  if (!HOST.test(originHost)) throw new Error(`OTP_ORIGIN_HOST must be a host name, got ${JSON.stringify(originHost)}`);
  return `${text}\n\n@${originHost} #${code}`;
}

/** Shards of the OTP Durable Objects (see do/shard.ts). */
export const OTP_SHARDS = 64;

/** The OtpGuard instance (of the `OTP` namespace) that holds a phone number's codes. */
export function otpGuardFor(otp: DurableObjectNamespace<OtpGuard>, phone: string) {
  return otp.get(otp.idFromName(`otp/${shardOf(phone, OTP_SHARDS)}`));
}

/** Who a code is for. */
export interface OtpTarget {
  /** E.164. */
  phone: string;
  /** The ID number the flow is about (its sends are limited by `LIMIT_OTP_PER_ID`). */
  citizenId: string;
  /** The account, when there is one, for the audit log. */
  accountId: string | null;
}

/**
 * Issues a code bound to `flowKey` and texts it. Limits, in order of precedence: per client IP, the phone's own
 * cooldown and hourly counts (per phone, and per phone and client IP: OtpGuard), per ID number, and the global SMS
 * budget. The four are asked at once (one round of Durable Object calls, not four in a row); a slot or a code is
 * kept only for a text that really went out: any refusal, or a provider failure, gives back every slot and takes
 * the code back, so nothing is burnt.
 *
 * `commit` (optional) gives statements that must be written with the send: they run in one D1 batch with the
 * `otp.sent` audit line, and their results come back in `committed` (in the same order).
 */
export async function sendOtp(
  ctx: Ctx,
  target: OtpTarget,
  flowKey: string,
  purpose: OtpPurpose,
  commit: (sent: { expiresAt: number; resendAt: number }) => D1PreparedStatement[] = () => [],
): Promise<Result<{ expiresAt: number; resendAt: number; committed: D1Result[] }>> {
  const now = ctx.clock.now();
  const otp = otpGuardFor(ctx.otp, target.phone);
  const [ip, issued, id, budget] = await Promise.all([
    takeSlot(ctx, "otp-ip", ctx.clientIp, target.accountId),
    otp.issue({ phone: target.phone, flowKey, purpose, now, ip: ipKey(ctx.clientIp) }),
    takeSlot(ctx, "otp-id", target.citizenId, target.accountId),
    takeSmsBudget(ctx, target.accountId),
  ]);
  const slots: Slot[] = [ip, id, budget].flatMap((r) => (r.ok ? [r.slot] : []));
  const undo = () =>
    Promise.all([
      issued.ok ? otp.revoke({ phone: target.phone, flowKey, sendId: issued.sendId }) : undefined,
      releaseSlots(ctx, slots),
    ]);
  if (!ip.ok || !issued.ok || !id.ok || !budget.ok) {
    await undo();
    if (!ip.ok) return ip;
    if (!issued.ok) {
      // The phone's own limits (cooldown, 5 an hour, 3 an hour from one client) are rate-limit hits too.
      await audit(ctx.db, now, "ratelimit.hit", target.accountId, {
        kind: "otp-phone",
        code: issued.code,
        retryAfter: issued.retryAfter,
      });
      return fail(issued.code, { retryAfter: issued.retryAfter });
    }
    return (id.ok ? budget : id) as Failure;
  }
  try {
    // The one text sent before its commit (domain/texts.ts): the citizen is waiting for it.
    await sendBeforeCommit(ctx, "otp", target.phone, otpText(purpose, issued.code, ctx.config.otpOriginHost), [
      flowKey,
      issued.sendId,
    ]);
  } catch (err) {
    if (!(err instanceof SmsUnavailableError)) throw err;
    await undo();
    await audit(ctx.db, now, "sms.failed", target.accountId, { purpose, reason: err.reason });
    return fail("SMS_UNAVAILABLE");
  }
  const times = { expiresAt: issued.expiresAt, resendAt: issued.resendAt };
  const [, ...committed] = await ctx.db.batch([
    auditStatement(ctx.db, now, "otp.sent", target.accountId, { purpose, sendsLeft: issued.sendsLeft }),
    ...commit(times),
  ]);
  return { ok: true, ...times, committed };
}

/**
 * Checks a code against the one issued to `flowKey` for `purpose`. A right code proves the phone: its send counts
 * (OtpGuard) and the ID number's (`otp-id`) start again.
 */
export async function checkOtp(
  ctx: Ctx,
  target: OtpTarget,
  flowKey: string,
  purpose: OtpPurpose,
  code: string,
): Promise<Result<object>> {
  const now = ctx.clock.now();
  const { phone, accountId } = target;
  const verdict = await otpGuardFor(ctx.otp, phone).verify({ phone, flowKey, purpose, now, code });
  if (verdict.ok) {
    await clearSlots(ctx, "otp-id", target.citizenId);
    return { ok: true };
  }
  await audit(ctx.db, now, "otp.failed", accountId, { purpose, reason: verdict.code });
  return verdict.code === "OTP_INVALID"
    ? fail(verdict.code, { attemptsLeft: verdict.attemptsLeft })
    : fail(verdict.code);
}
