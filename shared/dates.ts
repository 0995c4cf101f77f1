/**
 * Calendar days as every runtime counts them: ISO `yyyy-mm-dd` strings, the Vietnam day (UTC+7, no daylight saving)
 * of a clock, a day moved by whole days, and a date as people type it. Display formats live with the PWA's
 * catalogues (pwa/src/i18n/dates.ts).
 */
import { parseIsoDate } from "./citizen";

const two = (n: number) => (n < 10 ? "0" : "") + n;

/** Vietnam's offset from UTC, in seconds (no daylight saving). */
const VN_OFFSET_SECONDS = 7 * 3600;

/** Today's date in Vietnam, `yyyy-mm-dd`, on `clock` (unix seconds): the day card dates, ages and bookings are judged on. */
export function vnToday(clock: { now(): number }): string {
  return new Date((clock.now() + VN_OFFSET_SECONDS) * 1000).toISOString().slice(0, 10);
}

/** `day` (`yyyy-mm-dd`) moved by `n` calendar days; a RangeError when `day` is not a real date. */
export function addDays(day: string, n: number): string {
  const d = parseIsoDate(day);
  if (!d) throw new RangeError(`date is not a yyyy-mm-dd date: ${JSON.stringify(day)}`);
  return new Date(Date.UTC(d.year, d.month - 1, d.day + n)).toISOString().slice(0, 10);
}

/** Today in the device's time zone, `yyyy-mm-dd` (a card typed on the device is checked against it, like the QR). */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/**
 * A typed date → `yyyy-mm-dd`, or `null` when it is not a real date. Accepts `05/09/1990`, `5/9/1990`,
 * `05-09-1990`, `05.09.1990`, `05091990` and `1990-09-05`.
 */
export function parseDateInput(value: string): string | null {
  const s = value.trim();
  let d: string | undefined;
  let m: string | undefined;
  let y: string | undefined;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [, y, m, d] = match;
  else if ((match = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s))) [, d, m, y] = match;
  else if ((match = /^(\d{2})(\d{2})(\d{4})$/.exec(s))) [, d, m, y] = match;
  if (!d || !m || !y) return null;
  const iso = `${y}-${two(Number(m))}-${two(Number(d))}`;
  return parseIsoDate(iso) ? iso : null;
}
