/** The sync report as a CSV file (UTF-8 with a BOM, so that spreadsheet programs read the Vietnamese). */
import { numericVnDateTime } from "../i18n/dates";
import { L, result } from "./common";
import type { LocalRecord } from "./store";

/** The report's rows as CSV text. */
export function csvOf(records: LocalRecord[]): string {
  const l = L();
  const cell = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [l.csvHeader.join(",")];
  for (const r of records) {
    lines.push(
      [
        String(r.seq),
        numericVnDateTime(r.capturedAt),
        r.initials,
        r.last3,
        l.states[r.state] ?? r.state,
        r.reference ?? "",
        r.state === "rejected" ? result(r) : "",
      ]
        .map(cell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Saves `text` as the file `name`. */
export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
