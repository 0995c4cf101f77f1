/**
 * The seeds' rules for what a citizen sets during activation: password, passcode and security answers.
 */

/** One rule of the password checklist, with the label the PWA shows next to it. */
export interface PasswordRule {
  id: "length" | "digit" | "upper" | "lower" | "special";
  label: string;
  test: (password: string) => boolean;
}

/** Password length bounds, in characters (code points). */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 20;

/** Seed 000, step 4: 8 to 20 characters with a digit, an upper-case letter, a lower-case letter and a special character. */
export const PASSWORD_RULES: readonly PasswordRule[] = [
  {
    id: "length",
    label: "Từ 8 đến 20 ký tự",
    test: (p) => {
      const n = [...p.normalize("NFC")].length;
      return n >= PASSWORD_MIN && n <= PASSWORD_MAX;
    },
  },
  { id: "digit", label: "Có chữ số", test: (p) => /\p{Nd}/u.test(p) },
  { id: "upper", label: "Có chữ viết hoa", test: (p) => /\p{Lu}/u.test(p) },
  { id: "lower", label: "Có chữ viết thường", test: (p) => /\p{Ll}/u.test(p) },
  // Combining marks are parts of Vietnamese letters typed in NFD, never special characters.
  {
    id: "special",
    label: "Có ký tự đặc biệt (ví dụ @ # ! $)",
    test: (p) => /[^\p{L}\p{M}\p{N}\s]/u.test(p.normalize("NFC")),
  },
];

/** True when the password meets every rule of the checklist. */
export function isStrongPassword(password: string): boolean {
  return PASSWORD_RULES.every((rule) => rule.test(password));
}

/** Seed 000, step 4: the passcode is exactly 6 digits from 0 to 9. */
export function isPasscode(value: string): boolean {
  return /^\d{6}$/.test(value);
}

/** Security answers: at most this many characters once normalised. */
export const ANSWER_MAX = 100;

/**
 * Normalises a security answer so that case, spacing and Unicode form do not matter:
 * NFC, trimmed, inner runs of white space folded to one space, lower case (Vietnamese rules).
 */
export function normalizeAnswer(answer: string): string {
  return answer.normalize("NFC").trim().replace(/\s+/gu, " ").toLocaleLowerCase("vi-VN");
}
