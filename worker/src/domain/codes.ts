/**
 * Codes people read and type: reference numbers (`L2-020-2026-000123`), tracking codes, appointment codes and
 * officers' one-time passwords. Letters come from `crypto.getRandomValues`.
 */
import { isStrongPassword } from "../../../shared/credentials";
import { CODE_ALPHABET } from "../../../shared/officer-schemas";
import type { Clock } from "../clock";
import { randomBytes } from "../crypto";

/** `n` letters of `alphabet`, uniformly (rejection sampling: no modulo bias). */
function randomLetters(n: number, alphabet: string): string {
  const limit = Math.floor(256 / alphabet.length) * alphabet.length;
  let out = "";
  while (out.length < n) {
    for (const b of randomBytes(n)) {
      if (b < limit && out.length < n) out += alphabet[b % alphabet.length];
    }
  }
  return out;
}

/** The year in Vietnam (UTC+7) at the clock's now. */
export function vnYear(clock: Clock): number {
  return new Date((clock.now() + 7 * 3600) * 1000).getUTCFullYear();
}

/** The reference prefix of a level in a province and year: `L2-020-2026`. */
export function referencePrefix(level: 1 | 2, provinceCode: string, clock: Clock): string {
  return `L${level}-${provinceCode}-${vnYear(clock)}`;
}

/** A tracking code: 8 letters without look-alikes (40 bits). */
export function newTrackingCode(): string {
  return randomLetters(8, CODE_ALPHABET);
}

/** An appointment's confirmation code: `LH-` and 6 letters without look-alikes. */
export function newAppointmentCode(): string {
  return `LH-${randomLetters(6, CODE_ALPHABET)}`;
}

/** Letters of one-time passwords: no I, O, l, o, 0 or 1, which read alike. */
const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/**
 * A one-time password for an officer: three groups of four letters joined by dashes (`Hq7m-Xk2p-R9tb`), meeting
 * the password rules (the dash is the special character). About 69 bits.
 */
export function newOneTimePassword(): string {
  for (;;) {
    const p = [0, 1, 2].map(() => randomLetters(4, PASSWORD_ALPHABET)).join("-");
    if (isStrongPassword(p)) return p;
  }
}
