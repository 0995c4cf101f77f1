/** `npm run units:import` (POST /api/dev/units/import): the whole file is checked first; units are upserted by code. */
import { describe, expect, it } from "vitest";
import { post, row, snapshotTables } from "./helpers";
import { LANG_SON, PROVINCE, TAM_THANH } from "./officer-helpers";

const copy = () =>
  structuredClone(LANG_SON) as { province: { code: string; name: string }; units: Array<Record<string, unknown>> };

async function expectRefused(file: unknown, reason: RegExp) {
  const before = await snapshotTables(["audit_log"]);
  const res = await post("/api/dev/units/import", file);
  expect(res.status).toBe(422);
  expect(res.body.code).toBe("IMPORT_INVALID");
  const reasons = (res.body.details as Array<{ reason: string }>).map((p) => p.reason);
  expect(
    reasons.some((r) => reason.test(r)),
    JSON.stringify(reasons),
  ).toBe(true);
  expect(await snapshotTables(["audit_log"]), "nothing may be written").toEqual(before);
}

describe("units import", () => {
  it("imports every unit with its place, slots and capacity; a second run changes nothing", async () => {
    const res = await post("/api/dev/units/import", LANG_SON);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ province: "020", units: LANG_SON.units.length });
    expect(
      await row(
        "SELECT name, kind, parent, province_code, place, slots, capacity_per_slot FROM units WHERE code = ?1",
        TAM_THANH,
      ),
    ).toEqual({
      name: "Công an phường Tam Thanh",
      kind: "ward",
      parent: PROVINCE,
      province_code: "020",
      place: "phường tam thanh",
      slots: JSON.stringify(LANG_SON.units.find((u) => u.code === TAM_THANH)?.slots),
      capacity_per_slot: 5,
    });
    const before = await snapshotTables(["audit_log", "units"]);
    const again = await post("/api/dev/units/import", LANG_SON);
    expect(again.status).toBe(200);
    expect(await snapshotTables(["audit_log", "units"])).toEqual(before);
    expect(await row<{ n: number }>("SELECT count(*) AS n FROM units")).toEqual({ n: LANG_SON.units.length });
  });

  it("updates a unit by its code", async () => {
    const f = copy();
    const unit = f.units.find((u) => u.code === TAM_THANH) as Record<string, unknown>;
    unit.capacityPerSlot = 7;
    unit.slots = ["09:00", "08:00"];
    expect((await post("/api/dev/units/import", f)).status).toBe(200);
    expect(await row("SELECT slots, capacity_per_slot FROM units WHERE code = ?1", TAM_THANH)).toEqual({
      slots: '["08:00","09:00"]',
      capacity_per_slot: 7,
    });
    await post("/api/dev/units/import", LANG_SON);
  });

  it("refuses another province's file, a second province unit, a district-level parent, duplicates", async () => {
    await expectRefused({ ...copy(), province: { code: "001", name: "Hà Nội" } }, /PROVINCE_CODE 020/);
    const twoProvinces = copy();
    (twoProvinces.units[1] as Record<string, unknown>).kind = "province";
    await expectRefused(twoProvinces, /exactly one unit of kind "province"/);
    const district = copy();
    (district.units[2] as Record<string, unknown>).parent = TAM_THANH;
    await expectRefused(district, /parent must be the code of the province unit/);
    const duplicate = copy();
    duplicate.units.push({ ...duplicate.units[1], name: "Công an phường Mới" });
    await expectRefused(duplicate, /duplicate unit code/);
    const samePlace = copy();
    samePlace.units.push({ ...samePlace.units[1], code: "CAP-KHAC" });
    await expectRefused(samePlace, /same place as unit/);
    const slots = copy();
    (slots.units[1] as Record<string, unknown>).slots = ["08:00", "08:00"];
    await expectRefused(slots, /duplicate slot time/);
  });

  it("refuses a file of the wrong shape with per-field messages", async () => {
    const res = await post("/api/dev/units/import", {
      province: { code: "20", name: "" },
      units: [{ code: "bad code", kind: "district" }],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(res.body.fields)).toEqual(
      expect.arrayContaining(["province.code", "units.0.code", "units.0.kind"]),
    );
  });
});
