/**
 * Vietnamese mobile numbers, light enough for the first screen's bundle. The worker re-checks every number with
 * libphonenumber's full metadata (`worker/src/domain/phone.ts`); a test keeps the two in agreement.
 */

/** Subscriber prefixes (the two digits after the leading 0) that libphonenumber's VN metadata accepts as MOBILE. */
const MOBILE_PREFIX = /^(?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$/;

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
  const compact = input.normalize("NFKC").replace(/[\s.\-()]/g, "");
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
