import { parsePhoneNumberFromString } from "libphonenumber-js/mobile";

/**
 * The authoritative check of a Vietnamese mobile number, with libphonenumber's metadata: returns the E.164 form,
 * or `null` unless it is written `0…`, `84…` or `+84…` and libphonenumber accepts it as a VN mobile number.
 * (The PWA's light `parseVnMobile` is kept in agreement with this by a test.)
 */
export function toVnMobileE164(input: string): string | null {
  const compact = input.normalize("NFKC").replace(/[\s.\-()]/g, "");
  const m = /^(?:\+84|84|0)(\d{9})$/.exec(compact);
  if (!m) return null;
  const parsed = parsePhoneNumberFromString(`+84${m[1]}`);
  if (!parsed || parsed.country !== "VN" || !parsed.isValid()) return null;
  const type = parsed.getType();
  if (type !== "MOBILE" && type !== "FIXED_LINE_OR_MOBILE") return null;
  return parsed.number;
}
