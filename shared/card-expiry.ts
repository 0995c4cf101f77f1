/**
 * When an identity card stops being valid ("Có giá trị đến"), by the 2023 Law on Identification (Luật Căn cước
 * 2023, art. 21): a card must be renewed at 14, 25, 40 and 60 years of age, so a card is valid through the
 * citizen's birthday at the next of those ages; a card issued within the 2 years before one of those ages (on or
 * after the birthday 2 years earlier) lasts until the age after it; a card issued on or after the 58th birthday
 * never expires. The same rule serves the papers integrated at level 2 ("Cảnh báo sắp hết hạn"), whose expiry
 * dates are recorded as they are printed.
 *
 * All dates are ISO `yyyy-mm-dd` calendar days (the card's own dates; "today" is the Vietnam day). Pure functions.
 *
 * A 29 February birthday falls on **28 February** in a year without one (the last day of that month, as the Civil
 * Code counts a period in years that ends in a month without the matching day): the card is valid through 28
 * February, and a card issued on 28 February of the year 2 years before such a birthday already skips it.
 */
import { parseIsoDate } from "./citizen";
import { addDays } from "./dates";

/** Calendar arithmetic (shared/dates.ts), where the expiry rule's users expect it. */
export { addDays };

/** The ages at which a card must be renewed (Luật Căn cước 2023, art. 21.1). */
export const RENEWAL_AGES = [14, 25, 40, 60] as const;
/** A card issued this many years (or fewer) before a renewal age lasts until the next one (art. 21.2). */
export const RENEWAL_GRACE_YEARS = 2;
/** How many days before the last valid day the warning "Cảnh báo sắp hết hạn thẻ" shows. */
export const EXPIRY_WARNING_DAYS = 90;

/** Where a card or paper stands on a given day. */
export type ExpiryState = "valid" | "expiring" | "expired";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function parse(value: string, what: string): { year: number; month: number; day: number } {
  const d = parseIsoDate(value);
  if (!d) throw new RangeError(`${what} is not a yyyy-mm-dd date: ${JSON.stringify(value)}`);
  return d;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The citizen's birthday at `age` (29 February → 28 February in a year without it). */
export function birthdayAt(dob: string, age: number): string {
  const { year, month, day } = parse(dob, "dob");
  const y = year + age;
  const d = month === 2 && day === 29 && !isLeap(y) ? 28 : day;
  return `${pad(y, 4)}-${pad(month)}-${pad(d)}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parse(from, "date");
  const b = parse(to, "date");
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/**
 * The last day a card is valid ("Có giá trị đến"), from the date of birth and the issue date; `null` when it never
 * expires (issued on or after the 58th birthday). Throws a RangeError for a date that is not a real `yyyy-mm-dd`.
 */
export function cardValidUntil(dob: string, issued: string): string | null {
  parse(issued, "issued");
  for (const age of RENEWAL_AGES) {
    // ISO dates compare as strings.
    if (issued < birthdayAt(dob, age - RENEWAL_GRACE_YEARS)) return birthdayAt(dob, age);
  }
  return null;
}

/**
 * Where a card (or paper) valid through `validUntil` stands on `today`: `expired` after that day, `expiring` from
 * {@link EXPIRY_WARNING_DAYS} days before it through the day itself, `valid` before that or with no expiry (`null`).
 */
export function expiryState(validUntil: string | null, today: string): ExpiryState {
  if (validUntil === null) return "valid";
  parse(today, "today");
  if (today > validUntil) return "expired";
  if (today >= addDays(validUntil, -EXPIRY_WARNING_DAYS)) return "expiring";
  return "valid";
}
