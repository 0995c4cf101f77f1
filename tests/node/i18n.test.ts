/**
 * The two catalogues of the PWA (pwa/src/i18n/vi/ and pwa/src/i18n/en/) have the same modules and, module by
 * module, the same keys, and the English one has no Vietnamese left in it. The modules are discovered by listing
 * the folders, so a pair added later (`vi/<area>.ts` exporting `vi<Area>`, `en/<area>.ts` exporting `en<Area>`) is
 * checked without touching this file. Also: the English error messages work with their parameters, the shared
 * messages the English table translates are exactly those the server and the schemas produce, and switching the
 * language switches `t`, the error messages and the shared messages.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod/mini";
import { afterAll, describe, expect, it } from "vitest";
import { CARD_MESSAGES } from "../../shared/cccd";
import { PASSWORD_RULES } from "../../shared/credentials";
import { ERROR_CODES, SEED_MESSAGES, messageFor } from "../../shared/messages";
import { OFFICER_FIELD_MESSAGES } from "../../shared/officer-schemas";
import { FIELD_MESSAGES } from "../../shared/schemas";
import { ROOT } from "../../scripts/dev-server";

const I18N = join(ROOT, "pwa", "src", "i18n");
const modulesOf = (lang: "vi" | "en") =>
  readdirSync(join(I18N, lang))
    .filter((f) => /\.tsx?$/.test(f) && !/\.d\.ts$/.test(f))
    .sort();

/**
 * Vietnamese that may stay in English text: proper names and the switch's own label (it names Vietnamese in
 * Vietnamese). Keep it short.
 */
const ALLOWED_IN_ENGLISH = ["Tiếng Việt", "Căn cước", "VNeID"];
/** Vietnamese letters (Latin-1 and Latin Extended Additional ranges: á, ầ, đ, ơ, ư, ỹ …). */
const VIETNAMESE = /[À-ÿĂăĐđĨĩŨũƠơƯưẠ-ỹ]/u;

type Catalogue = Record<string, unknown>;

async function load(lang: "vi" | "en", file: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ join(I18N, lang, file))) as Record<string, unknown>;
}

/** The exported catalogues of a module: `vi<Area>` ↔ `en<Area>` (plain objects only). */
function catalogues(mod: Record<string, unknown>, prefix: "vi" | "en"): Map<string, Catalogue> {
  const out = new Map<string, Catalogue>();
  for (const [name, value] of Object.entries(mod)) {
    if (name.startsWith(prefix) && value && typeof value === "object" && !Array.isArray(value))
      out.set(name.slice(2), value as Catalogue);
  }
  return out;
}

/** Every difference of shape between `vi` and `en`, as `path: what` lines. */
function shapeDiff(vi: unknown, en: unknown, path: string, out: string[]): void {
  const kind = (x: unknown) => (Array.isArray(x) ? "array" : x === null ? "null" : typeof x);
  if (kind(vi) !== kind(en)) {
    out.push(`${path}: ${kind(vi)} in vi, ${kind(en)} in en`);
    return;
  }
  if (Array.isArray(vi) && Array.isArray(en)) {
    if (vi.length !== en.length) out.push(`${path}: ${vi.length} items in vi, ${en.length} in en`);
    vi.forEach((v, i) => shapeDiff(v, en[i], `${path}[${i}]`, out));
  } else if (vi && en && typeof vi === "object" && typeof en === "object") {
    const a = vi as Record<string, unknown>;
    const b = en as Record<string, unknown>;
    for (const k of Object.keys(a)) {
      if (!(k in b)) out.push(`${path}.${k}: missing in en`);
      else shapeDiff(a[k], b[k], `${path}.${k}`, out);
    }
    for (const k of Object.keys(b)) if (!(k in a)) out.push(`${path}.${k}: missing in vi`);
  }
}

const SAMPLE_ARGS: unknown[][] = [
  [2, 5, 2026, 9, 5],
  ["x", "y", "z"],
  ["denied", "x"],
  ["2026-07-06", "08:00"],
];

/** Every string of a catalogue, with its path; functions are called with a few sample arguments. */
function strings(value: unknown, path: string, out: Array<[string, string]>, depth = 0): void {
  if (typeof value === "string") out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out, depth));
  else if (typeof value === "function" && depth < 2) {
    for (const args of SAMPLE_ARGS) {
      try {
        strings((value as (...a: unknown[]) => unknown)(...args), `${path}(${args.join(",")})`, out, depth + 1);
      } catch {
        // not a call this function takes
      }
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out, depth);
  }
}

/** The i18n core, told how to fetch English (main.tsx does the same in the app). */
async function englishReady() {
  const i18n = await import("../../pwa/src/i18n");
  const { viErrors } = await import("../../pwa/src/i18n/vi/errors");
  i18n.setEnglishLoader(() => import("../../pwa/src/i18n/english").then((m) => m.english(viErrors)));
  return i18n;
}

describe("the vi and en catalogues", () => {
  const viFiles = modulesOf("vi");
  const enFiles = modulesOf("en");

  it("have the same modules (core, flows, officer, errors, and every area added later)", () => {
    expect(viFiles).toEqual(expect.arrayContaining(["core.ts", "flows.ts", "officer.ts", "errors.ts"]));
    expect(enFiles).toEqual(viFiles);
  });

  it.each(viFiles)("%s: every vi<Area> has an en<Area> with exactly the same keys (recursively)", async (file) => {
    const vi = catalogues(await load("vi", file), "vi");
    const en = catalogues(await load("en", file), "en");
    expect(vi.size, `${file} exports no vi<Area> catalogue`).toBeGreaterThan(0);
    expect([...en.keys()].sort()).toEqual([...vi.keys()].sort());
    const diff: string[] = [];
    for (const [area, dict] of vi) shapeDiff(dict, en.get(area), `vi${area} / en${area}`, diff);
    expect(diff).toEqual([]);
  });

  it.each(enFiles)("en/%s has no Vietnamese text left (except a few proper names)", async (file) => {
    const found: Array<[string, string]> = [];
    // with English in force, so that the shared date formats (t().dates) are English too
    const i18n = await englishReady();
    await i18n.setLang("en");
    try {
      for (const [area, dict] of catalogues(await load("en", file), "en")) strings(dict, `en${area}`, found);
    } finally {
      await i18n.setLang("vi");
    }
    expect(found.length).toBeGreaterThan(0);
    const left = found.filter(([, s]) =>
      VIETNAMESE.test(ALLOWED_IN_ENGLISH.reduce((x, name) => x.split(name).join(""), s)),
    );
    expect(left.map(([path, s]) => `${path}: ${s}`)).toEqual([]);
  });
});

describe("English error messages", () => {
  it("exist for every error code of shared/messages.ts, with their parameters", async () => {
    const { enErrors } = await import("../../pwa/src/i18n/en/errors");
    expect(Object.keys(enErrors.codes).sort()).toEqual([...ERROR_CODES].sort());
    expect(enErrors.codes.OTP_INVALID({ attemptsLeft: 2 })).toBe(
      "The OTP code is not correct. You have 2 attempts left.",
    );
    expect(enErrors.codes.OTP_INVALID({ attemptsLeft: 1 })).toContain("1 attempt left");
    expect(enErrors.codes.PASSCODE_WRONG({ attemptsLeft: 4 })).toContain("4 attempts left");
    expect(enErrors.codes.RATE_LIMITED({ retryAfter: 125 })).toBe(
      "Too many attempts. Please try again in 2 minutes 5 seconds.",
    );
    expect(enErrors.codes.OTP_COOLDOWN({ retryAfter: 45 })).toContain("45 seconds");
    expect(enErrors.codes.OTP_DAILY_LIMIT({ retryAfter: 86399 })).toContain("24 hours");
    expect(enErrors.codes.ACCOUNT_LOCKED({ retryAfter: 600 })).toContain("10 minutes");
  });

  it("the Vietnamese table they translate is what the server and the schemas say", async () => {
    const { viErrors } = await import("../../pwa/src/i18n/vi/errors");
    const { viOfficer } = await import("../../pwa/src/i18n/vi/officer");
    for (const code of ERROR_CODES)
      expect(viErrors.codes[code]({ attemptsLeft: 3, retryAfter: 61 })).toBe(
        messageFor(code, { attemptsLeft: 3, retryAfter: 61 }),
      );
    expect(viErrors.seed).toEqual(SEED_MESSAGES);
    expect(viErrors.fields).toEqual(FIELD_MESSAGES);
    expect(viErrors.card).toEqual(CARD_MESSAGES);
    expect(viOfficer.fields).toEqual(OFFICER_FIELD_MESSAGES);
    expect(Object.values(viErrors.passwordRules)).toEqual(PASSWORD_RULES.map((r) => r.label));
    // zod's generic messages, as shared/schemas.ts configures them
    const first = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
      r.error?.issues[0]?.message;
    expect(first(z.object({ a: z.string() }).safeParse({}))).toBe(viErrors.generic.missing);
    expect(first(z.string().safeParse(1))).toBe(viErrors.generic.type);
    expect(first(z.string().check(z.maxLength(1)).safeParse("ab"))).toBe(viErrors.generic.tooBig);
    expect(first(z.string().check(z.minLength(2)).safeParse("a"))).toBe(viErrors.generic.tooSmall);
    expect(first(z.string().check(z.regex(/^a$/)).safeParse("b"))).toBe(viErrors.generic.format);
    expect(first(z.enum(["a"]).safeParse("b"))).toBe(viErrors.generic.invalid);
    // the worker's own field messages
    const worker = ["booking.ts", "reports.ts"]
      .map((f) => readFileSync(join(ROOT, "worker", "src", "domain", f), "utf8"))
      .join("\n");
    expect(worker).toContain(viErrors.server.slotNotListed);
    expect(worker).toMatch(/Khoảng thời gian tối đa \$\{REPORT_MAX_DAYS\} ngày/);
    expect(worker).toMatch(/REPORT_MAX_DAYS = 366\b/);
    const schemas = readFileSync(join(ROOT, "shared", "officer-schemas.ts"), "utf8");
    expect(schemas).toContain(viErrors.server.provinceCode);
    expect(schemas).toContain(viErrors.server.event);
    expect(readFileSync(join(ROOT, "worker", "src", "routes", "dev.ts"), "utf8")).toContain(viErrors.server.mobile);
  });
});

describe("switching the language", async () => {
  const i18n = await englishReady();
  const lang = await import("../../pwa/src/i18n");
  afterAll(async () => {
    await i18n.setLang("vi");
  });

  it("is Vietnamese by default: the server's messages as they are", () => {
    expect(lang.getLang()).toBe("vi");
    expect(i18n.t().home.activate).toBe("Kích hoạt tài khoản");
    const message = messageFor("INVALID_ID_OR_PHONE");
    expect(i18n.errorText({ code: "INVALID_ID_OR_PHONE", message })).toBe(message);
    expect(i18n.sharedText(FIELD_MESSAGES.citizenId)).toBe(FIELD_MESSAGES.citizenId);
  });

  it("in English: `t`, errors by code with their parameters, shared messages, dates", async () => {
    expect(await i18n.setLang("en")).toBe(true);
    expect(lang.getLang()).toBe("en");
    expect(lang.pick("vi", "en")).toBe("en");
    expect(i18n.t().home.activate).toBe("Activate account");
    expect(i18n.errorText({ code: "INVALID_ID_OR_PHONE", message: messageFor("INVALID_ID_OR_PHONE") })).toBe(
      "The personal identification number or the phone number is not correct",
    );
    expect(i18n.errorText({ code: "OTP_INVALID", message: "…", attemptsLeft: 3 })).toContain("3 attempts left");
    expect(i18n.errorText({ code: "NETWORK", message: "…" })).toBe(i18n.t().common.network);
    expect(i18n.errorText({ message: "A message of the screen's own" })).toBe("A message of the screen's own");
    expect(i18n.sharedText(FIELD_MESSAGES.citizenId)).toBe("The personal identification number has 12 digits");
    expect(i18n.sharedText(CARD_MESSAGES["issued-in-future"])).toBe("The date of issue cannot be after today.");
    expect(i18n.sharedText(SEED_MESSAGES.pendingApproval)).toBe("Your application is awaiting approval");
    expect(i18n.sharedText(messageFor("PASSWORD_COMMON"))).toContain("too common");
    expect(PASSWORD_RULES.map((r) => i18n.sharedText(r.label))).toEqual([
      "8 to 20 characters",
      "A digit",
      "An upper-case letter",
      "A lower-case letter",
      "A special character (for example @ # ! $)",
    ]);
    const dates = await import("../../pwa/src/i18n/dates");
    expect(dates.vnDateTime("2026-07-06T07:05:00Z")).toBe("6 Jul 2026, 14:05");
    expect(dates.vnWeekday("2026-07-06")).toBe("Monday, 6 Jul 2026");
  });

  it("lazily loaded parts follow: tFlows and tOfficer, and the officer forms' field messages", async () => {
    const flows = await import("../../pwa/src/i18n/flows");
    const officer = await import("../../pwa/src/i18n/officer");
    const dates = await import("../../pwa/src/i18n/dates");
    await i18n.langReady();
    expect(flows.tFlows().scan.live).toBe("Scan QR code");
    expect(officer.tOfficer().track.title).toBe("Track an application");
    expect(i18n.sharedText(OFFICER_FIELD_MESSAGES.reason)).toContain("reason for rejection");
    await i18n.setLang("vi");
    expect(flows.tFlows().scan.live).toBe("Quét mã QR");
    expect(officer.tOfficer().track.title).toBe("Tra cứu hồ sơ");
    expect(dates.vnDateTime("2026-07-06T07:05:00Z")).toBe("06/07/2026 14:05");
    expect(dates.vnWeekday("2026-07-06")).toBe("Thứ Hai, 06/07/2026");
    expect(i18n.sharedText(OFFICER_FIELD_MESSAGES.reason)).toBe(OFFICER_FIELD_MESSAGES.reason);
  });
});
