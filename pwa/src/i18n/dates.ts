/**
 * Dates and times written the way the language in force writes them (`t.dates` of the core catalogue):
 * `06/07/2026 14:05` in Vietnamese, `6 Jul 2026, 14:05` in English. Server times are shown in Vietnam time.
 */
import { t } from "./index";

/** Vietnam time (UTC+7, no daylight saving) of a server timestamp: `dd/mm/yyyy hh:mm` / `6 Jul 2026, 14:05`. */
export function vnDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const d = new Date(ms + 7 * 3600_000);
  return t.dates.dateTime(d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear(), d.getUTCHours(), d.getUTCMinutes());
}

/** A timestamp in the device's own time zone, written the same way. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return t.dates.dateTime(d.getDate(), d.getMonth() + 1, d.getFullYear(), d.getHours(), d.getMinutes());
}

/** `yyyy-mm-dd` → `dd/mm/yyyy` / `6 Jul 2026`. */
export function vnDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? t.dates.day(Number(m[3]), Number(m[2]), Number(m[1])) : day;
}

/** `yyyy-mm-dd` → "Thứ Hai, 06/07/2026" / "Monday, 6 Jul 2026". */
export function vnWeekday(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : t.dates.weekday(t.dates.weekdays[d.getUTCDay()] ?? "", vnDay(day));
}
