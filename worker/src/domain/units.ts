/**
 * Police units since the 2025 reform (no district level): the province police and the commune and ward police,
 * loaded from a data file (`data/units/*.json`, `npm run units:import`). Each unit has a code, appointment slots
 * and a capacity per slot; online level-1 applications are routed to the unit of the citizen's commune or ward.
 */
import provinces from "../../../data/provinces.json";
import { foldAscii } from "../../../shared/ascii";
import { type UnitsFileT, UnitsFile } from "../../../shared/officer-schemas";
import type { Ctx } from "../context";
import { officerAuditStatement } from "../db/audit";
import { type Unit, findProvinceUnit, listUnits, upsertUnitStatement } from "../db/units";

/** One refused part of a units file: where it is and why. */
export interface UnitsProblem {
  section: "file" | "province" | "units";
  index: number;
  id?: string;
  reason: string;
}

/** Folds a place name the way addresses are compared: NFC, lower case, single spaces. */
export function foldPlace(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/gu, " ").toLocaleLowerCase("vi-VN");
}

/** The place a unit serves, from its name: "Công an phường Tam Thanh" → "phường tam thanh". */
export function placeOf(name: string): string {
  return foldPlace(name).replace(/^công an\s+/u, "");
}

/** The cities under the central government since 2025 (data/provinces.json codes): "Công an thành phố …". */
const CITY_CODES = new Set(["001", "031", "046", "048", "079", "092"]);

/**
 * The province police unit that bootstrap creates when no units are loaded, from `data/provinces.json`: `020` →
 * `CAT-LANGSON` "Công an tỉnh Lạng Sơn" (the code the sample units file uses), a city → `CATP-…` "Công an thành phố
 * …". No appointment slots until a units file gives them. `null` for a code that is not a province.
 */
export function provinceUnitOf(provinceCode: string): Unit | null {
  const province = provinces.provinces.find((p) => p.code === provinceCode);
  if (!province) return null;
  const city = CITY_CODES.has(provinceCode);
  const bare = province.name.replace(/^Thành phố\s+/u, "");
  const name = `Công an ${city ? "thành phố" : "tỉnh"} ${bare}`;
  const letters = foldAscii(bare)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
  return {
    code: `${city ? "CATP" : "CAT"}-${letters}`.slice(0, 32),
    name,
    kind: "province",
    parent: null,
    provinceCode,
    place: placeOf(name),
    slots: [],
    capacityPerSlot: 1,
  };
}

/** Checks a whole file; every problem found, or none. */
function validate(file: UnitsFileT, provinceCode: string): UnitsProblem[] {
  const problems: UnitsProblem[] = [];
  if (file.province.code !== provinceCode) {
    problems.push({
      section: "province",
      index: -1,
      reason: `province.code ${file.province.code} is not this deployment's PROVINCE_CODE ${provinceCode}`,
    });
  }
  const codes = new Set<string>();
  const places = new Map<string, string>();
  file.units.forEach((u, i) => {
    if (codes.has(u.code)) problems.push({ section: "units", index: i, id: u.code, reason: "duplicate unit code" });
    codes.add(u.code);
    const place = placeOf(u.name);
    const other = places.get(place);
    if (other !== undefined)
      problems.push({ section: "units", index: i, id: u.code, reason: `same place as unit ${other}` });
    places.set(place, u.code);
    if (new Set(u.slots).size !== u.slots.length)
      problems.push({ section: "units", index: i, id: u.code, reason: "duplicate slot time" });
  });
  const provinces = file.units.filter((u) => u.kind === "province");
  if (provinces.length !== 1) {
    problems.push({
      section: "units",
      index: -1,
      reason: `exactly one unit of kind "province" is needed, found ${provinces.length}`,
    });
  }
  file.units.forEach((u, i) => {
    if (u.kind === "province" && u.parent !== null)
      problems.push({ section: "units", index: i, id: u.code, reason: "the province unit has no parent" });
    if (u.kind !== "province") {
      const parent = file.units.find((p) => p.code === u.parent);
      if (!parent || parent.kind !== "province") {
        problems.push({
          section: "units",
          index: i,
          id: u.code,
          reason: "parent must be the code of the province unit (no district level since 2025)",
        });
      }
    }
  });
  return problems;
}

/** The outcome of an import. */
export type UnitsImportOutcome =
  | { ok: true; summary: { province: string; units: number } }
  | { ok: false; problems: UnitsProblem[] };

/**
 * Imports a units file: validates all of it (shape, one province unit, parents, unique codes, places and slot
 * times, the province being this deployment's, its province unit the one already loaded if any), then upserts every
 * unit by code in one batch, audited as the action of `by` (a province_admin; `null` for the development route).
 * Units missing from the file are kept (officers and files refer to them).
 */
export async function importUnits(ctx: Ctx, raw: unknown, by: string | null = null): Promise<UnitsImportOutcome> {
  const parsed = UnitsFile.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const [section, index] = issue.path;
        return {
          section: section === "units" || section === "province" ? section : "file",
          index: typeof index === "number" ? index : -1,
          reason: `${issue.path.map(String).join(".") || "file"}: ${issue.message}`,
        };
      }),
    };
  }
  const file = parsed.data;
  const problems = validate(file, ctx.config.provinceCode);
  // One province unit per province: the file's must be the one already loaded (by bootstrap or an earlier file).
  const loaded = problems.length ? null : await findProvinceUnit(ctx.db, file.province.code);
  const index = file.units.findIndex((u) => u.kind === "province");
  if (loaded && loaded.code !== file.units[index]?.code) {
    problems.push({
      section: "units",
      index,
      id: file.units[index]?.code ?? "",
      reason: `the province unit of ${file.province.code} is ${loaded.code} already (created by bootstrap or an earlier import): use that code`,
    });
  }
  if (problems.length) return { ok: false, problems };
  const now = ctx.clock.now();
  const units: Unit[] = file.units.map((u) => ({
    code: u.code,
    name: u.name.normalize("NFC").trim(),
    kind: u.kind,
    parent: u.parent,
    provinceCode: file.province.code,
    place: placeOf(u.name),
    slots: [...u.slots].sort(),
    capacityPerSlot: u.capacityPerSlot,
  }));
  await ctx.db.batch([
    ...units.map((u) => upsertUnitStatement(ctx.db, u, now)),
    officerAuditStatement(ctx.db, now, "units.imported", by, null, {
      province: file.province.code,
      units: units.length,
    }),
  ]);
  return { ok: true, summary: { province: file.province.code, units: units.length } };
}

/**
 * The unit an online application goes to: the commune or ward whose place ("phường Tam Thanh") is one of the
 * comma-separated parts of the registry address (or ends one), else the province unit; `null` with no units.
 */
export async function routeUnit(ctx: Ctx, address: string): Promise<string | null> {
  const units = (await listUnits(ctx.db)).filter((u) => u.provinceCode === ctx.config.provinceCode);
  const parts = address.split(",").map(foldPlace);
  const local = units.find(
    (u) => u.kind !== "province" && parts.some((p) => p === u.place || p.endsWith(` ${u.place}`)),
  );
  return local?.code ?? units.find((u) => u.kind === "province")?.code ?? null;
}

/** Every unit, as the booking screen lists them: the province police first, then by name. */
export async function unitViews(
  ctx: Ctx,
): Promise<{ units: Array<{ code: string; name: string; kind: Unit["kind"] }> }> {
  const units = await listUnits(ctx.db);
  return { units: units.map((u) => ({ code: u.code, name: u.name, kind: u.kind })) };
}
