/** Reports, the CSV export and the audit log, for the province_admin. */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { generateRegistry } from "../../scripts/demo-registry";
import { AUDIT_DETAIL_LABELS, AUDIT_EVENT_LABELS } from "../../shared/audit-events";
import type { RegistryRecordT } from "../../shared/registry-file";
import { activate, row, seedRegistry } from "./helpers";
import { HUU_LIEN, PROVINCE, TAM_THANH, as, importUnits, intake, readyOfficer, vnToday } from "./officer-helpers";

const SEED = 1010;
const COUNT = 60;
let ward: { cookie: string; username: string };
/** A second officer of the ward: takes the file that `ward` approves (four eyes). */
let ward2: { cookie: string; username: string };
let admin: { cookie: string; username: string };
let approvedRef: string;
let rejectedRef: string;
let pendingRef: string;

const fileId = async (reference: string) =>
  (await row<{ id: number }>("SELECT id FROM applications WHERE reference = ?1", reference))?.id;

beforeAll(async () => {
  await seedRegistry(SEED, COUNT);
  const { file } = generateRegistry(SEED, COUNT);
  const accounts = new Set((file.accounts ?? []).map((a) => a.id));
  const free = (file.registry ?? []).filter((r) => !accounts.has(r.id) && Number(r.dob.slice(0, 4)) < 2008);
  const [a, b, c] = free as [RegistryRecordT, RegistryRecordT, RegistryRecordT];
  await importUnits();
  ward = await readyOfficer(TAM_THANH, "officer", "Hoàng Thị Thanh");
  admin = await readyOfficer(PROVINCE, "province_admin", "Lương Văn Tỉnh");
  ward2 = await readyOfficer(TAM_THANH, "officer", "Lăng Văn Hùng");
  approvedRef = (await intake(ward2.cookie, a)).body.reference;
  rejectedRef = (await intake(ward.cookie, b)).body.reference;
  pendingRef = (await intake(admin.cookie, c, { unitCode: HUU_LIEN })).body.reference;
  await as(ward.cookie).post(`/api/officer/applications/${await fileId(approvedRef)}/approve`, {});
  await as(ward.cookie).post(`/api/officer/applications/${await fileId(rejectedRef)}/reject`, { reason: "Ảnh mờ" });
  await activate({ kind: "approved-new", id: a.id, phone: a.phone, fullName: a.fullName });
});

describe("the dashboard", () => {
  it("counts applications by level and state, by unit and by day, with activations (last 30 days by default)", async () => {
    const res = await as(admin.cookie).get("/api/officer/reports");
    expect(res.status).toBe(200);
    const today = vnToday();
    expect(res.body.to).toBe(today);
    expect(res.body.byDay).toHaveLength(30);
    expect(res.body.byLevelStatus).toEqual([
      { level: 2, status: "approved", count: 1 },
      { level: 2, status: "pending", count: 1 },
      { level: 2, status: "rejected", count: 1 },
    ]);
    expect(res.body.byUnit[0]).toMatchObject({ unitCode: PROVINCE, applications: 0 });
    expect(res.body.byUnit).toContainEqual({
      unitCode: TAM_THANH,
      name: "Công an phường Tam Thanh",
      applications: 2,
      approved: 1,
      rejected: 1,
      activations: 1,
    });
    expect(res.body.byUnit).toContainEqual({
      unitCode: HUU_LIEN,
      name: "Công an xã Hữu Liên",
      applications: 1,
      approved: 0,
      rejected: 0,
      activations: 0,
    });
    expect(res.body.byDay.at(-1)).toEqual({ day: today, applications: 3, approvals: 1, activations: 1 });
    expect(res.body.byDay[0].day < today).toBe(true);
  });

  it("takes a range of days, refusing one that ends before it starts or spans more than 366 days", async () => {
    const past = await as(admin.cookie).get("/api/officer/reports?from=2020-01-01&to=2020-01-07");
    expect(past.body.byLevelStatus).toEqual([]);
    expect(past.body.byDay).toHaveLength(7);
    expect(past.body.byDay.every((d: { applications: number }) => d.applications === 0)).toBe(true);
    const backwards = await as(admin.cookie).get("/api/officer/reports?from=2020-01-07&to=2020-01-01");
    expect(backwards.status).toBe(422);
    expect(backwards.body.fields).toEqual({ to: "Ngày kết thúc không được trước ngày bắt đầu" });
    expect((await as(admin.cookie).get("/api/officer/reports?from=2020-01-01&to=2021-06-01")).status).toBe(422);
  });
});

describe("CSV export", () => {
  it("is UTF-8 CSV with a BOM and a header row, one row per day and unit, and the export is audited", async () => {
    const res = await exports.default.fetch("http://127.0.0.1:8787/api/officer/reports.csv", {
      headers: { cookie: admin.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="bao-cao-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Ngày,Mã đơn vị,Đơn vị,Hồ sơ mức 1,Hồ sơ mức 2,Phê duyệt,Từ chối,Kích hoạt");
    const today = vnToday();
    expect(lines).toContain(`${today},${TAM_THANH},Công an phường Tam Thanh,0,2,1,1,1`);
    expect(lines).toContain(`${today},${HUU_LIEN},Công an xã Hữu Liên,0,1,0,0,0`);
    expect(lines).toHaveLength(3);
    const audit = await row<{ officer: string; detail: string }>(
      "SELECT officer, detail FROM audit_log WHERE event = 'report.exported'",
    );
    expect(audit?.officer).toBe(admin.username);
    expect(JSON.parse(audit?.detail ?? "{}")).toMatchObject({ rows: 2, to: today });
  });
});

describe("the audit log", () => {
  it("records every officer action: login, password change, intake, approval, rejection, export", async () => {
    const res = await as(admin.cookie).get(`/api/officer/audit?officer=${ward.username}`);
    expect(res.status).toBe(200);
    const events = new Set(res.body.entries.map((e: { event: string }) => e.event));
    for (const e of [
      "officer.created",
      "officer.login.succeeded",
      "officer.password.changed",
      "application.intake",
      "application.approved",
      "application.rejected",
    ]) {
      expect(events, e).toContain(e);
    }
    for (const entry of res.body.entries) expect(entry.officer).toBe(ward.username);
    const rejected = res.body.entries.find((e: { event: string }) => e.event === "application.rejected");
    expect(rejected).toMatchObject({
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      accountId: expect.stringMatching(/^\d{12}$/),
      detail: { reference: rejectedRef, reason: "Ảnh mờ", from: "2/pending", to: "0/app" },
    });
    expect(JSON.stringify(res.body.entries)).not.toContain(pendingRef); // the admin's own intake is not the ward's
  });

  it("filters by event (an event and the ones under it), officer and days; newest first", async () => {
    const approved = await as(admin.cookie).get("/api/officer/audit?event=application.approved");
    expect(approved.body.entries.map((e: { event: string }) => e.event)).toEqual(["application.approved"]);
    const logins = await as(admin.cookie).get("/api/officer/audit?event=officer.login");
    expect(logins.body.entries.length).toBeGreaterThanOrEqual(2);
    expect(logins.body.entries.every((e: { event: string }) => e.event.startsWith("officer.login."))).toBe(true);
    const all = await as(admin.cookie).get("/api/officer/audit");
    const ats = all.body.entries.map((e: { at: string }) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(all.body.entries.some((e: { event: string }) => e.event === "activation.completed")).toBe(true);
    const old = await as(admin.cookie).get("/api/officer/audit?from=2020-01-01&to=2020-01-02");
    expect(old.body.entries).toEqual([]);
    const today = vnToday();
    expect((await as(admin.cookie).get(`/api/officer/audit?from=${today}&to=${today}`)).body.entries.length).toBe(
      all.body.entries.length,
    );
    expect((await as(admin.cookie).get("/api/officer/audit?event=DROP%20TABLE")).status).toBe(422);
  });

  it("carries only labelled events and detail fields, and names the officer (Nhật ký shows no code)", async () => {
    const all = await as(admin.cookie).get("/api/officer/audit");
    expect(all.body.entries.length).toBeGreaterThan(10);
    for (const entry of all.body.entries) {
      expect(Object.keys(AUDIT_EVENT_LABELS), entry.event).toContain(entry.event);
      for (const key of Object.keys(entry.detail))
        expect(Object.keys(AUDIT_DETAIL_LABELS), `${entry.event}: ${key}`).toContain(key);
      if (entry.officer === ward.username) expect(entry.officerName).toBe("Hoàng Thị Thanh");
    }
  });

  it("is append-only: nobody can change or delete an entry", async () => {
    await expect(env.DB.prepare("UPDATE audit_log SET event = 'x'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM audit_log").run()).rejects.toThrow(/append-only/);
  });
});
