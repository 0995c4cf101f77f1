import { describe, expect, it } from "vitest";
import { generateRegistry } from "../../scripts/demo-registry";
import type { RegistryFileT } from "../../shared/registry-file";
import { call, loginCookie, post, row, snapshotTables } from "./helpers";

const importFile = (file: unknown) => post("/api/dev/registry/import", file);

/** A fresh, valid file; each test changes one thing in its own copy. */
const valid = (seed: number): RegistryFileT => structuredClone(generateRegistry(seed, 24).file);

type Problem = { section: string; index: number; id?: string; reason: string };

async function expectRefused(file: unknown, match: { section?: string; index?: number; id?: string; reason: RegExp }) {
  const before = await snapshotTables();
  const res = await importFile(file);
  expect(res.status).toBe(422);
  expect(res.body.code).toBe("IMPORT_INVALID");
  const problems = res.body.details as Problem[];
  const { reason, ...rest } = match;
  expect(
    problems.some((p) => reason.test(p.reason) && Object.entries(rest).every(([k, v]) => p[k as keyof Problem] === v)),
    JSON.stringify(problems),
  ).toBe(true);
  expect(await snapshotTables(), "nothing may be written").toEqual(before);
}

describe("registry import: validation first, nothing imported on any error", () => {
  it("refuses an ID whose century/gender digit disagrees with the gender", async () => {
    const f = valid(1);
    const r = f.registry?.[3];
    if (!r) throw new Error("fixture");
    r.gender = r.gender === "Nam" ? "Nữ" : "Nam";
    await expectRefused(f, { section: "registry", index: 3, reason: /gender/ });
  });

  it("refuses an ID whose birth-year digits disagree with the DOB", async () => {
    const f = valid(2);
    const r = f.registry?.[5];
    if (!r) throw new Error("fixture");
    r.dob = `${Number(r.dob.slice(0, 4)) + 1}${r.dob.slice(4)}`;
    await expectRefused(f, { section: "registry", index: 5, reason: /birth-year|century/ });
  });

  it("refuses impossible dates", async () => {
    const f = valid(3);
    const r = f.registry?.[0];
    if (!r) throw new Error("fixture");
    r.cardIssued = "2023-02-30";
    await expectRefused(f, { section: "registry", index: 0, reason: /cardIssued/ });
  });

  it("refuses a phone that is not a Vietnamese mobile number (a Hà Nội landline)", async () => {
    const f = valid(4);
    const r = f.registry?.[7];
    if (!r) throw new Error("fixture");
    r.phone = "02438261234";
    await expectRefused(f, { section: "registry", index: 7, reason: /phone/ });
  });

  it("refuses an invalid level/status pair", async () => {
    const f = valid(5);
    const a = f.accounts?.[1];
    if (!a) throw new Error("fixture");
    a.level = 0;
    a.status = "active";
    await expectRefused(f, { section: "accounts", index: 1, reason: /level 0 with status "active"/ });
  });

  it("refuses an account without a registry record, or with another phone", async () => {
    const f = valid(6);
    const a = f.accounts?.[2];
    if (!a || !f.registry) throw new Error("fixture");
    f.registry = f.registry.filter((r) => r.id !== a.id);
    await expectRefused(f, { section: "accounts", index: 2, reason: /no registry record/ });
    const g = valid(7);
    const b = g.accounts?.[0];
    if (!b) throw new Error("fixture");
    b.phone = "0987654321";
    await expectRefused(g, { section: "accounts", index: 0, reason: /phone differs/ });
  });

  it("refuses answer keys that are not question ids", async () => {
    const f = valid(8);
    const a = f.accounts?.find((x) => x.securityAnswers);
    if (!a) throw new Error("fixture");
    a.securityAnswers = { "42": "x", "1": "y" };
    await expectRefused(f, { section: "accounts", id: a.id, reason: /question id/ });
  });

  it("refuses two accounts with one deviceId", async () => {
    const f = valid(9);
    const withDevice = f.accounts?.filter((x) => x.deviceId) ?? [];
    if (withDevice.length < 2) throw new Error("fixture");
    (withDevice[1] as { deviceId?: string }).deviceId = withDevice[0]?.deviceId;
    await expectRefused(f, { section: "accounts", reason: /deviceId/ });
  });

  it("refuses wrong shapes with the record's index", async () => {
    const f = valid(10) as unknown as { registry: Array<Record<string, unknown>> };
    (f.registry[4] as Record<string, unknown>).gender = "M";
    await expectRefused(f, { section: "registry", index: 4, reason: /gender/ });
  });

  it("reports every bad record, not just the first", async () => {
    const f = valid(11);
    if (!f.registry?.[1] || !f.registry[2]) throw new Error("fixture");
    f.registry[1].phone = "123";
    f.registry[2].dob = "1990-13-01";
    const res = await importFile(f);
    const indexes = (res.body.details as Problem[]).map((p) => p.index);
    expect(indexes).toEqual(expect.arrayContaining([1, 2]));
  });
});

describe("registry import: what it writes", () => {
  it("imports, ignores unknown top-level keys, and a second run changes nothing", async () => {
    const { file, citizens } = generateRegistry(12, 24);
    const first = await importFile({ ...file, exportedAt: "2026-11-01", source: { name: "test" } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ registry: 24, accountsCreated: file.accounts?.length, accountsUnchanged: 0 });
    const snapshot = await snapshotTables(["audit_log", "registry"]);
    const second = await importFile(file);
    expect(second.body).toMatchObject({ accountsCreated: 0, accountsUnchanged: file.accounts?.length });
    expect(await snapshotTables(["audit_log", "registry"])).toEqual(snapshot);

    // Secrets are hashed; the imported password works; the device is bound.
    const active = citizens.find((c) => c.kind === "active");
    if (!active?.password) throw new Error("fixture");
    const stored = await row<{ password_hash: string; passcode_hash: string }>(
      "SELECT password_hash, passcode_hash FROM accounts WHERE id = ?1",
      active.id,
    );
    expect(stored?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(stored?.password_hash).not.toContain(active.password);
    expect((await loginCookie(active.id, active.password)).res.status).toBe(200);
    expect(await row("SELECT device_id FROM devices WHERE account_id = ?1", active.id)).toEqual({
      device_id: active.deviceId,
    });
    const answers = await row<{ n: number }>(
      "SELECT count(*) AS n FROM security_answers WHERE account_id = ?1",
      active.id,
    );
    expect(answers?.n).toBe(2);
  });

  it("leaves an existing account untouched even when the file says otherwise", async () => {
    const { file, citizens } = generateRegistry(13, 24);
    await importFile(file);
    const app = citizens.find((c) => c.kind === "app");
    if (!app) throw new Error("fixture");
    const changed = structuredClone(file);
    const acc = changed.accounts?.find((a) => a.id === app.id);
    if (!acc) throw new Error("fixture");
    acc.status = "approved";
    acc.level = 1;
    acc.password = "Doi@Matkhau1";
    const res = await importFile(changed);
    expect(res.status).toBe(200);
    expect(await row("SELECT level, status FROM accounts WHERE id = ?1", app.id)).toEqual({ level: 0, status: "app" });
    expect((await loginCookie(app.id, app.password as string)).res.status).toBe(200);
  });

  it("upserts registry records and questions by id; the app offers every question it holds", async () => {
    const { file } = generateRegistry(14, 6);
    await importFile(file);
    const r0 = file.registry?.[0];
    if (!r0) throw new Error("fixture");
    const update = {
      securityQuestions: [
        { id: 2, text: "Tên trường tiểu học của bạn?" },
        { id: 9, text: "Màu sắc bạn yêu thích nhất là gì?" },
      ],
      registry: [{ ...r0, address: "Xã Mới, Lạng Sơn" }],
    };
    expect((await importFile(update)).status).toBe(200);
    expect(await row("SELECT address FROM registry WHERE id = ?1", r0.id)).toEqual({ address: "Xã Mới, Lạng Sơn" });
    const q = await call("GET", "/api/security-questions");
    expect(q.body.questions).toHaveLength(9);
    expect(q.body.questions[1]).toEqual({ id: 2, text: "Tên trường tiểu học của bạn?" });
  });
});
