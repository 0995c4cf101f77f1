/**
 * Vietnamese mobile numbers, light enough for the first screen's bundle. The worker re-checks every number with
 * libphonenumber's full metadata (`worker/src/domain/phone.ts`); a test keeps the two in agreement.
 */

/** The 9 subscriber digits that libphonenumber-js 1.13.16's VN metadata accepts as MOBILE (kept equal by a test). */
const MOBILE_PREFIX =
  /^(?:121[0-3]\d{5}|(?:1[46]0|(?:3\d|7[06-9])\d|5(?:[1689]\d|2[238]|59)|8(?:[1-8]\d|9[6-9])|9(?:[0-8]\d|9[013-9]))\d{6})$/;

/** A phone number in both the forms the app uses. */
export interface VnPhone {
  /** `+84` followed by the 9 subscriber digits. */
  e164: string;
  /** `0` followed by the 9 subscriber digits, as Vietnamese people write it. */
  national: string;
}

/**
 * Accepts `0…`, `84…` or `+84…` (spaces, dots, dashes and brackets are ignored) and returns both forms, or `null`
 * when it is not a Vietnamese mobile number.
 */
export function parseVnMobile(input: string): VnPhone | null {
  // NFKC folds full-width digits; plain ASCII (every stored number) is already in that form.
  const compact = (/^[\x20-\x7e]*$/.test(input) ? input : input.normalize("NFKC")).replace(/[\s.\-()]/g, "");
  const m = /^(?:\+84|84|0)(\d{9})$/.exec(compact);
  if (!m || !m[1]) return null;
  const subscriber = m[1];
  if (!MOBILE_PREFIX.test(subscriber)) return null;
  return { e164: `+84${subscriber}`, national: `0${subscriber}` };
}

/** Masks a number for display, keeping the first three and last three digits: `091****292`. */
export function maskPhone(national: string): string {
  if (national.length < 7) return national;
  return `${national.slice(0, 3)}${"*".repeat(national.length - 6)}${national.slice(-3)}`;
}
