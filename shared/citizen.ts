/**
 * Facts about Vietnamese citizens that every runtime checks the same way:
 * the 12-digit personal ID number (số định danh cá nhân), ISO dates and genders.
 */

/** The two genders printed on the card. */
export const GENDERS = ["Nam", "Nữ"] as const;
/** A gender printed on the card. */
export type Gender = (typeof GENDERS)[number];

/** Why a personal ID number was refused; `null` when it is valid. */
export type CitizenIdProblem = "format" | "century" | "gender" | "birth-year";

/** True when `value` is exactly 12 ASCII digits. */
export function isTwelveDigits(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/** Parses an ISO `yyyy-mm-dd` date, refusing impossible days such as 2023-02-30. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True when `value` is a real calendar date written `yyyy-mm-dd`. */
export function isRealIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * The 4th digit of an ID encodes century and gender: 1900s 0 male / 1 female, 2000s 2 / 3, 2100s 4 / 5,
 * 2200s 6 / 7, 1800s 8 / 9 (Circular 07/2016/TT-BCA).
 */
export function centuryGenderDigit(birthYear: number, gender: Gender): number | null {
  const century = Math.floor(birthYear / 100);
  const base = ({ 19: 0, 20: 2, 21: 4, 22: 6, 18: 8 } as Record<number, number>)[century];
  if (base === undefined) return null;
  return base + (gender === "Nữ" ? 1 : 0);
}

/**
 * Checks that an ID is 12 digits and that its century/gender digit and birth-year digits agree with the
 * date of birth and gender. Returns the first problem found, or `null`.
 */
export function checkCitizenId(id: string, dobIso: string, gender: Gender): CitizenIdProblem | null {
  if (!isTwelveDigits(id)) return "format";
  const dob = parseIsoDate(dobIso);
  if (!dob) return "format";
  const expected = centuryGenderDigit(dob.year, gender);
  if (expected === null) return "century";
  const digit = Number(id[3]);
  if (Math.floor(digit / 2) !== Math.floor(expected / 2)) return "century";
  if (digit !== expected) return "gender";
  if (id.slice(4, 6) !== String(dob.year % 100).padStart(2, "0")) return "birth-year";
  return null;
}
