/**
 * "Nhật ký" speaks people's words (issue 19, item 8): every event of the audit log, every field of its details and
 * every coded value has a Vietnamese and an English label, and the worker writes no event the labels do not know
 * (the typed inserts of worker/src/db/audit.ts cover TypeScript; this file covers the SQL text).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_DETAIL_LABELS, AUDIT_EVENTS, AUDIT_EVENT_LABELS, AUDIT_VALUE_LABELS } from "../../shared/audit-events";
import { enOfficer } from "../../pwa/src/i18n/en/officer";
import { viOfficer } from "../../pwa/src/i18n/vi/officer";
import { ROOT } from "../../scripts/dev-server";

/** A raw code: `otp.sent`, `OTP_INVALID`, `level1.applied`, `upgrade: false`. */
const CODE = /\b[a-z0-9]+\.[a-z0-9.]+\b|\b[A-Z]+_[A-Z_]+\b|:\s*(true|false)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe("the audit log's labels", () => {
  it("label every event in Vietnamese and English, with no code in the label", () => {
    for (const lang of [viOfficer, enOfficer]) {
      const events = lang.audit.events as Record<string, string>;
      expect(Object.keys(events).sort()).toEqual([...AUDIT_EVENTS].sort());
      for (const event of AUDIT_EVENTS) {
        expect(events[event], event).toBeTruthy();
        expect(events[event], event).not.toMatch(CODE);
      }
    }
    expect(viOfficer.audit.events).toEqual(AUDIT_EVENT_LABELS);
  });

  it("label every detail field and every coded value in both languages", () => {
    for (const lang of [viOfficer, enOfficer]) {
      const details = lang.audit.details as Record<string, string>;
      expect(Object.keys(details).sort()).toEqual(Object.keys(AUDIT_DETAIL_LABELS).sort());
      for (const [key, label] of Object.entries(details)) expect(label, key).not.toMatch(CODE);
      const values = lang.audit.values as Record<string, Record<string, string>>;
      for (const [field, codes] of Object.entries(AUDIT_VALUE_LABELS)) {
        expect(Object.keys(values[field] ?? {}).sort(), field).toEqual(Object.keys(codes).sort());
        for (const [code, label] of Object.entries(values[field] ?? {}))
          expect(label, `${field}.${code}`).not.toMatch(CODE);
      }
    }
  });

  it("leave no event of the worker's SQL without a label", () => {
    const known = new Set<string>(AUDIT_EVENTS);
    const unknown: string[] = [];
    for (const file of sources(join(ROOT, "worker", "src"))) {
      const text = readFileSync(file, "utf8");
      if (!text.includes("audit_log")) continue;
      // An event written or read as a SQL literal ('login.succeeded'); the typed ones go through sqlEvent().
      for (const m of text.matchAll(/'([a-z0-9]+(?:\.[a-z0-9]+)+)'/g)) {
        if (!known.has(m[1] as string)) unknown.push(`${file.slice(ROOT.length + 1)}: ${m[1]}`);
      }
      for (const m of text.matchAll(/event\s*(?:=|IN)\s*'([^']*)'/g)) {
        if (!known.has(m[1] as string)) unknown.push(`${file.slice(ROOT.length + 1)}: ${m[1]}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});
