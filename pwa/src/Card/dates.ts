/** Dates as an old phone's user types them (dd/mm/yyyy, as printed on the card) and as the API wants them (ISO). */
import { parseIsoDate } from "../../../shared/citizen";

const two = (n: number) => (n < 10 ? "0" : "") + n;

/** Today in the device's time zone, `yyyy-mm-dd` (the manual form checks dates against it, like the QR parser). */
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

/** `yyyy-mm-dd` → `dd/mm/yyyy` (anything else is returned as it is). */
export function displayDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
