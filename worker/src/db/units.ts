/** Police units (`units`), loaded from a data file. */

/** A police unit. */
export interface Unit {
  code: string;
  name: string;
  kind: "province" | "ward" | "commune";
  parent: string | null;
  provinceCode: string;
  /** The folded place name ("phường tam thanh") that routes online applications by address. */
  place: string;
  /** "HH:MM" start times of the appointment slots. */
  slots: string[];
  capacityPerSlot: number;
}

interface UnitRow {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  province_code: string;
  place: string;
  slots: string;
  capacity_per_slot: number;
}

function parseSlots(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

function toUnit(r: UnitRow): Unit {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind as Unit["kind"],
    parent: r.parent,
    provinceCode: r.province_code,
    place: r.place,
    slots: parseSlots(r.slots),
    capacityPerSlot: r.capacity_per_slot,
  };
}

/** The unit with this code, or `null`. */
export async function findUnit(db: D1Database, code: string): Promise<Unit | null> {
  const row = await db.prepare("SELECT * FROM units WHERE code = ?1").bind(code).first<UnitRow>();
  return row ? toUnit(row) : null;
}

/** The province unit of `provinceCode` (the first by code, should there be more), or `null`. */
export async function findProvinceUnit(db: D1Database, provinceCode: string): Promise<Unit | null> {
  const row = await db
    .prepare("SELECT * FROM units WHERE kind = 'province' AND province_code = ?1 ORDER BY code LIMIT 1")
    .bind(provinceCode)
    .first<UnitRow>();
  return row ? toUnit(row) : null;
}

/** Every unit: the province units first, then by name. */
export async function listUnits(db: D1Database): Promise<Unit[]> {
  const { results } = await db
    .prepare("SELECT * FROM units ORDER BY kind = 'province' DESC, name COLLATE NOCASE, code")
    .all<UnitRow>();
  return results.map(toUnit);
}

/** A statement that inserts a unit or replaces its fields. */
export function upsertUnitStatement(db: D1Database, u: Unit, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO units (code, name, kind, parent, province_code, place, slots, capacity_per_slot, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind, parent = excluded.parent,
         province_code = excluded.province_code, place = excluded.place, slots = excluded.slots,
         capacity_per_slot = excluded.capacity_per_slot, updated_at = excluded.updated_at`,
    )
    .bind(u.code, u.name, u.kind, u.parent, u.provinceCode, u.place, JSON.stringify(u.slots), u.capacityPerSlot, now);
}
