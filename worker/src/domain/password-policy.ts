/**
 * What NIST SP 800-63B adds to the seeds' password rules without contradicting them: no password from the list of
 * the most common ones, and none containing the citizen's ID number or phone number.
 */
import { COMMON_PASSWORDS } from "../data/common-passwords";
import { type Result, fail } from "../errors";
import { messageFor } from "../../../shared/messages";

const COMMON = new Set(COMMON_PASSWORDS);

/**
 * True when the password is a common one, once lower-cased and stripped of the digits and symbols people add
 * around a word to pass the composition rules ("Password@123" is "password").
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize("NFC").toLowerCase();
  if (COMMON.has(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  return core.length >= 4 && COMMON.has(core);
}

/** True when the password's digits, read in order, contain the ID number or the phone's 9 subscriber digits. */
export function containsIdentity(password: string, citizenId: string, phoneE164: string): boolean {
  const digits = password.replace(/\D/g, "");
  const subscriber = phoneE164.replace(/^\+84/, "");
  return digits.includes(citizenId) || (subscriber.length === 9 && digits.includes(subscriber));
}

/** Checks a new password beyond the shared composition rules; the failure names the `password` field. */
export function checkPasswordPolicy(password: string, citizenId: string, phoneE164: string): Result<object> {
  if (containsIdentity(password, citizenId, phoneE164)) {
    return fail("PASSWORD_PERSONAL", { fields: { password: messageFor("PASSWORD_PERSONAL") } });
  }
  if (isCommonPassword(password))
    return fail("PASSWORD_COMMON", { fields: { password: messageFor("PASSWORD_COMMON") } });
  return { ok: true };
}
