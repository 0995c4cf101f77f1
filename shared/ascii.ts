/** Text for SMS, which is printable ASCII only (see `worker/src/adapters/sms.ts`). */

/**
 * Folds Vietnamese text to printable ASCII: diacritics dropped (đ → d), anything else outside printable ASCII
 * turned into a space, runs of white space folded to one. "Nguyễn Văn Đạt" → "Nguyen Van Dat".
 */
export function foldAscii(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** {@link foldAscii} in upper case: how a citizen's name is written in an SMS ("NGUYEN VAN DAT"). */
export function foldAsciiUpper(text: string): string {
  return foldAscii(text).toUpperCase();
}
