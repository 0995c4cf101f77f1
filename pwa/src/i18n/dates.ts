/**
 * Dates and times as the screens write them. In the language in force (`dates` of the core catalogue):
 * `06/07/2026 14:05` in Vietnamese, `6 Jul 2026, 14:05` in English. As printed on a card or a receipt, whatever the
 * language: `06/07/2026`, `06/07/2026 14:05`. Every time is Vietnam's, whatever the device's clock or time zone says
 * (a computer set to UTC must not show a file 7 hours off). Date arithmetic is in shared/dates.ts.
 */
import { t } from "./index";

const formats = () => t().dates;

const VN_OFFSET_MS = 7 * 3600_000;

/** Vietnam time (UTC+7, no daylight saving) of a server timestamp: `dd/mm/yyyy hh:mm` / `6 Jul 2026, 14:05`. */
export function vnDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const d = new Date(ms + VN_OFFSET_MS);
  return formats().dateTime(
    d.getUTCDate(),
    d.getUTCMonth() + 1,
    d.getUTCFullYear(),
    d.getUTCHours(),
    d.getUTCMinutes(),
  );
}

/** `yyyy-mm-dd` → `dd/mm/yyyy` / `6 Jul 2026`. */
export function vnDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? formats().day(Number(m[3]), Number(m[2]), Number(m[1])) : day;
}

/** `yyyy-mm-dd` → "Thứ Hai, 06/07/2026" / "Monday, 6 Jul 2026". */
export function vnWeekday(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : formats().weekday(formats().weekdays[d.getUTCDay()] ?? "", vnDay(day));
}

/** `yyyy-mm-dd` → `dd/mm/yyyy` in every language, as printed on the card (anything else is returned as it is). */
export function displayDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** `dd/mm/yyyy hh:mm` in every language, in Vietnam time, of unix seconds or an ISO timestamp (a list, a report). */
export function numericVnDateTime(at: number | string): string {
  const ms = typeof at === "number" ? at * 1000 : Date.parse(at);
  if (!Number.isFinite(ms)) return String(at);
  const d = new Date(ms + VN_OFFSET_MS).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}
