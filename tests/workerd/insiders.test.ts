/**
 * Security round 2 against insiders (issue 17): four eyes on officer approvals and a phone change said out loud
 * (item 1), appointment codes never echoed and cancellation limited and told (item 4), dependant links as requests
 * an officer of the child's unit confirms (item 5).
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { centuryGenderDigit } from "../../shared/citizen";
import { DependantsResponse, NotificationsResponse } from "../../shared/card-api";
import { messageFor } from "../../shared/messages";
import { DependantLinksResponse } from "../../shared/officer-schemas";
import type { RegistryRecordT } from "../../shared/registry-file";
import worker from "../../worker/src/index";
import { advanceClock, loginCookie, post, randomIp, row, snapshotTables } from "./helpers";
import {
  HUU_LIEN,
  PROVINCE,
  TAM_THANH,
  addDays,
  as,
  bookableDay,
  importUnits,
  intake,
  queuedTexts,
  readyOfficer,
  texts,
  vnToday,
} from "./officer-helpers";

const BASE = "http://127.0.0.1:8787";
const PASSWORD = "Matkhau@Ins2026";
type Officer = { cookie: string; username: string };
let ward: Officer;
let ward2: Officer;
let commune: Officer;
let admin: Officer;

beforeAll(async () => {
  await importUnits();
  [ward, ward2, commune, admin] = await Promise.all([
    readyOfficer(TAM_THANH, "officer", "Hoàng Thị Thanh"),
    readyOfficer(TAM_THANH, "officer", "Lăng Văn Hùng"),
    readyOfficer(HUU_LIEN, "officer", "Nông Thị Liên"),
    readyOfficer(PROVINCE, "province_admin", "Lương Văn Tỉnh"),
  ]);
});

let serial = 0;
/** A citizen made for one test: a registry record and, unless `level` is null, an account with a password. */
async function craft(opts: {
  dob: string;
  level?: 1 | 2 | null;
  status?: "approved" | "active";
  address?: string;
  phoneEnd?: string;
  guardianIds?: string[];
}): Promise<{ record: RegistryRecordT; id: string; phone: string; cookie(): Promise<string> }> {
  serial += 1;
  const year = Number(opts.dob.slice(0, 4));
  const id = `001${centuryGenderDigit(year, "Nam")}${String(year % 100).padStart(2, "0")}${String(300_000 + serial * 41 + Math.floor(Math.random() * 40)).slice(-6)}`;
  const digits = String(4_000_000 + serial * 7919 + Math.floor(Math.random() * 7000)).slice(-7);
  const phone = `092${opts.phoneEnd ? digits.slice(0, 7 - opts.phoneEnd.length) + opts.phoneEnd : digits}`;
  const record = {
    id,
    oldId: "",
    fullName: `Đinh Văn Thử ${serial}`,
    dob: opts.dob,
    gender: "Nam" as const,
    address: opts.address ?? "Phường Tam Thanh, Tỉnh Lạng Sơn",
    phone,
    cardType: "cancuoc-2024" as const,
    cardIssued: addDays(opts.dob, 1),
    ...(opts.guardianIds && { guardianIds: opts.guardianIds }),
  };
  const level = opts.level === undefined ? 2 : opts.level;
  const accounts = level === null ? [] : [{ id, phone, level, status: opts.status ?? "approved", password: PASSWORD }];
  const res = await post("/api/dev/registry/import", { registry: [record], accounts });
  if (res.status !== 200) throw new Error(`craft failed: ${JSON.stringify(res.body)}`);
  return {
    record: record as RegistryRecordT,
    id,
    phone,
    cookie: async () => {
      const { cookie, res: login } = await loginCookie(id, PASSWORD);
      if (!cookie) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
      return cookie;
    },
  };
}

const fileOf = (reference: string) =>
  row<Record<string, any>>("SELECT * FROM applications WHERE reference = ?1", reference);
const approve = (o: Officer, id: number) => as(o.cookie).post(`/api/officer/applications/${id}/approve`, {});
const e164 = (national: string) => `+84${national.slice(1)}`;
let phoneCounter = 0;
const ownPhone = () => `0987${String(Date.now() % 1000).padStart(3, "0")}${String(++phoneCounter).padStart(3, "0")}`;

/** A request through the worker with some configuration changed (as a deployment sets it). */
async function callWith(vars: Record<string, string>, path: string, body: unknown, cookie: string) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, "cf-connecting-ip": randomIp(), cookie },
      body: JSON.stringify(body),
    }),
    { ...env, ...vars } as typeof env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("four eyes (item 1)", () => {
  it("the officer who took a file cannot approve it (SELF_APPROVAL); another officer of the unit can; rejecting one's own file stays allowed", async () => {
    const a = await craft({ dob: "1980-01-01", level: null });
    const taken = await intake(ward.cookie, a.record);
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const id = (await fileOf(taken.body.reference))?.id as number;
    const before = await snapshotTables(["officer_sessions", "sms_outbox"]);
    const self = await approve(ward, id);
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ code: "SELF_APPROVAL", message: messageFor("SELF_APPROVAL") });
    expect(await snapshotTables(["officer_sessions", "sms_outbox"])).toEqual(before);
    const other = await approve(ward2, id);
    expect(other.status).toBe(200);
    expect(await fileOf(taken.body.reference)).toMatchObject({
      status: "approved",
      intake_by: ward.username,
      decided_by: ward2.username,
    });

    const b = await craft({ dob: "1981-01-01", level: null });
    const mine = await intake(ward.cookie, b.record);
    const mineId = (await fileOf(mine.body.reference))?.id as number;
    const rejected = await as(ward.cookie).post(`/api/officer/applications/${mineId}/reject`, {
      reason: "Ảnh không rõ",
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe("rejected");
  });
});

describe("a phone change is said out loud (item 1)", () => {
  it("the file says so; approval texts the old phone (ASCII, the unit to object to) first; the change is in Thông báo, Hoạt động của tôi and the audit", async () => {
    const c = await craft({ dob: "1979-03-03", level: 1, status: "active" });
    const newPhone = ownPhone();
    const taken = await intake(ward.cookie, c.record, { phone: newPhone });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const id = (await fileOf(taken.body.reference))?.id as number;
    const detail = await as(ward2.cookie).get(`/api/officer/applications/${id}`);
    expect(detail.body.phoneChange).toEqual({
      accountPhone: expect.stringMatching(/^092\*{4}\d{3}$/),
      message: "Số điện thoại khác với số đang dùng cho tài khoản",
    });
    // The same phone as the account's: nothing to say.
    const same = await craft({ dob: "1979-04-04", level: null });
    const sameFile = await intake(ward.cookie, same.record);
    const sameDetail = await as(ward2.cookie).get(
      `/api/officer/applications/${(await fileOf(sameFile.body.reference))?.id}`,
    );
    expect(sameDetail.body.phoneChange).toBeUndefined();

    expect((await approve(ward, id)).body.code).toBe("SELF_APPROVAL");
    expect(await texts(c.phone)).toEqual([]);
    const ok = await approve(ward2, id);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const old = await texts(c.phone);
    expect(old).toHaveLength(1);
    expect(old[0]).toMatch(/^[\x20-\x7e]+$/);
    expect(old[0]).toContain("Cong an phuong Tam Thanh");
    expect(old[0]).toContain(taken.body.reference);
    expect(old[0]).toContain("phan doi");
    expect(await row("SELECT phone FROM accounts WHERE id = ?1", c.id)).toEqual({ phone: e164(newPhone) });

    const audit = await row<{ officer: string; detail: string }>(
      "SELECT officer, detail FROM audit_log WHERE event = 'phone.changed' AND account_id = ?1",
      c.id,
    );
    expect(audit?.officer).toBe(ward2.username);
    expect(JSON.parse(audit?.detail ?? "{}")).toMatchObject({
      intakeBy: ward.username,
      approvedBy: ward2.username,
      from: e164(c.phone),
      to: e164(newPhone),
    });
    const cookie = await c.cookie();
    const notes = NotificationsResponse.parse((await as(cookie).get("/api/me/notifications")).body);
    expect(notes.notifications.find((n) => n.kind === "phone")?.detail).toMatchObject({
      reference: taken.body.reference,
    });
    const activity = await as(cookie).get("/api/me/activity");
    expect(activity.body.items.map((i: { event: string }) => i.event)).toContain("phone.changed");
    const officerAudit = await as(admin.cookie).get("/api/officer/audit?event=phone.changed");
    expect(officerAudit.status).toBe(200);
    expect(JSON.stringify(officerAudit.body)).toContain(ward.username);
  });

  it("if the old phone cannot be told, the approval answers 503 and nothing changes", async () => {
    // The fake provider answers 500 for numbers ending in 0500.
    const c = await craft({ dob: "1978-05-05", level: 1, status: "active", phoneEnd: "0500" });
    const taken = await intake(ward.cookie, c.record, { phone: ownPhone() });
    const id = (await fileOf(taken.body.reference))?.id as number;
    await as(ward2.cookie).get(`/api/officer/applications/${id}`);
    // (sms_outbox left out: earlier tests' texts reach it through the SMS queue at any moment)
    const before = await snapshotTables(["audit_log", "officer_sessions", "sms_outbox"]);
    const http = {
      SMS_ADAPTER: "http",
      SMS_HTTP_URL: "https://sms.provider.example/v1/messages",
      SMS_HTTP_TOKEN: "test-bearer-token",
    };
    const res = await callWith(http, `/api/officer/applications/${id}/approve`, {}, ward2.cookie);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe("SMS_UNAVAILABLE");
    expect(await snapshotTables(["audit_log", "officer_sessions", "sms_outbox"])).toEqual(before);
    expect(await row("SELECT phone FROM accounts WHERE id = ?1", c.id)).toEqual({ phone: e164(c.phone) });
    expect(await row("SELECT status FROM applications WHERE id = ?1", id)).toEqual({ status: "pending" });
  });
});

describe("appointments (item 4)", () => {
  const book = (r: { id: string; phone: string }, day: string, time: string, ip = randomIp()) =>
    post(
      "/api/appointments",
      { unitCode: TAM_THANH, day, time, citizenId: r.id, phone: r.phone },
      { "cf-connecting-ip": ip },
    );

  it("a second booking never echoes the code: it is texted again to the phone on file, at most once in 10 minutes", async () => {
    const c = await craft({ dob: "1990-06-06", level: null });
    const first = await book(c, bookableDay(5), "08:30");
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const code = first.body.code as string;
    const second = await book(c, bookableDay(6), "09:30");
    expect(second.status).toBe(409);
    expect(second.body.code).toBe("APPOINTMENT_EXISTS");
    expect(JSON.stringify(second.body)).not.toContain(code);
    const sent = await queuedTexts(c.phone, 2);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toContain(code);
    expect((await book(c, bookableDay(6), "10:30")).status).toBe(409);
    expect(await texts(c.phone)).toHaveLength(2);
  });

  it("cancelling needs the code and the ID number, texts the citizen, and is limited per client IP", async () => {
    const c = await craft({ dob: "1991-07-07", level: null });
    const day = bookableDay(7);
    const booked = await book(c, day, "10:30");
    const code = booked.body.code as string;
    const ip = randomIp();
    const cancel = (body: unknown) => post("/api/appointments/cancel", body, { "cf-connecting-ip": ip });
    expect((await cancel({ code, citizenId: "001090999999" })).status).toBe(404);
    expect((await cancel({ code: "LH-ZZZZZZ", citizenId: c.id })).status).toBe(404);
    const ok = await cancel({ code, citizenId: c.id });
    expect(ok.status).toBe(200);
    const [latest] = await queuedTexts(c.phone, 2);
    expect(latest).toMatch(/^[\x20-\x7e]+$/);
    expect(latest).toContain(`Lich hen ${code}`);
    expect(latest).toContain("da duoc huy");
    // LIMIT_CANCEL_PER_IP = 10/3600: the 11th try from one IP waits.
    const results = [];
    for (let i = 0; i < 8; i++)
      results.push((await cancel({ code: `LH-${"ABCDEFGH"[i]}BCDEF`, citizenId: c.id })).status);
    expect(results).toEqual([404, 404, 404, 404, 404, 404, 404, 429]);
    const limited = await cancel({ code, citizenId: c.id });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe("RATE_LIMITED");
  });
});

describe("dependants (item 5)", () => {
  const childDob = () => `${Number(vnToday().slice(0, 4)) - 8}-03-15`;
  const add = (cookie: string, child: { id: string; dob: string }) =>
    as(cookie).post("/api/me/dependants", { childId: child.id, dob: child.dob });
  const list = async (cookie: string) =>
    DependantsResponse.parse((await as(cookie).get("/api/me/dependants")).body).dependants;
  const links = async (o: Officer, q = "") =>
    DependantLinksResponse.parse((await as(o.cookie).get(`/api/officer/dependants${q}`)).body).links;

  it("a link the registry does not back is a request: nothing about the child shows, and it never blocks the real parents", async () => {
    const [mother, father, stranger, stranger2] = [
      await craft({ dob: "1987-01-01" }),
      await craft({ dob: "1986-01-01", status: "active" }),
      await craft({ dob: "1975-01-01" }),
      await craft({ dob: "1976-01-01" }),
    ];
    const child = await craft({ dob: childDob(), level: null, guardianIds: [mother.id, father.id] });
    const s = await stranger.cookie();
    const res = await add(s, child.record);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.dependants).toEqual([{ status: "pending", citizenId: child.id, addedAt: expect.any(String) }]);
    expect(JSON.stringify(res.body)).not.toContain(child.record.fullName);
    expect((await add(await stranger2.cookie(), child.record)).status).toBe(200);
    expect(await row("SELECT status, unit_code FROM dependants WHERE guardian_id = ?1", stranger.id)).toEqual({
      status: "pending",
      unit_code: TAM_THANH,
    });

    // The parents the registry lists are linked at once; two strangers' requests do not count.
    const m = await mother.cookie();
    const f = await father.cookie();
    expect((await add(m, child.record)).body.dependants).toEqual([
      expect.objectContaining({ status: "approved", citizenId: child.id, fullName: child.record.fullName }),
    ]);
    expect((await add(f, child.record)).status).toBe(200);
    // The mother is told that the father was linked.
    const notes = NotificationsResponse.parse((await as(m).get("/api/me/notifications")).body).notifications;
    expect(notes.find((n) => n.kind === "dependant")?.detail).toMatchObject({
      event: "linked",
      child: child.record.fullName,
      guardian: father.record.fullName,
    });

    // The officer of the child's unit sees the requests; a stranger's cannot be approved past the 2 parents.
    const waiting = (await links(ward)).filter((l) => l.child.id === child.id);
    expect(waiting.map((l) => l.guardian.id).sort()).toEqual([stranger.id, stranger2.id].sort());
    expect(await links(commune)).not.toContainEqual(expect.objectContaining({ id: waiting[0]?.id }));
    const foreign = await as(commune.cookie).post(`/api/officer/dependants/${waiting[0]?.id}/approve`, {});
    expect(foreign.status).toBe(403);
    const full = await as(ward.cookie).post(`/api/officer/dependants/${waiting[0]?.id}/approve`, {});
    expect(full.status).toBe(409);
    expect(full.body.code).toBe("DEPENDANT_LIMIT");
    const refused = await as(ward.cookie).post(`/api/officer/dependants/${waiting[0]?.id}/refuse`, {});
    expect(refused.status).toBe(200);
    expect(await list(waiting[0]?.guardian.id === stranger.id ? s : await stranger2.cookie())).toEqual([]);
  });

  it("an officer of the child's unit approves a request; the parent then sees the child, the other guardian is told; links can be removed", async () => {
    const [mother, father] = [await craft({ dob: "1989-02-02" }), await craft({ dob: "1988-02-02" })];
    const child = await craft({ dob: childDob(), level: null, guardianIds: [mother.id] });
    const m = await mother.cookie();
    const f = await father.cookie();
    expect((await add(m, child.record)).status).toBe(200);
    expect((await add(f, child.record)).body.dependants).toEqual([expect.objectContaining({ status: "pending" })]);
    const [link] = (await links(ward)).filter((l) => l.child.id === child.id);
    expect(link).toMatchObject({
      status: "pending",
      unitCode: TAM_THANH,
      guardian: { id: father.id, fullName: father.record.fullName },
      child: { id: child.id },
    });
    const ok = await as(ward.cookie).post(`/api/officer/dependants/${link?.id}/approve`, {});
    expect(ok.status).toBe(200);
    expect((await as(ward2.cookie).post(`/api/officer/dependants/${link?.id}/approve`, {})).body.code).toBe(
      "ALREADY_DECIDED",
    );
    expect(await list(f)).toEqual([
      expect.objectContaining({ status: "approved", citizenId: child.id, fullName: child.record.fullName }),
    ]);
    const fNotes = NotificationsResponse.parse((await as(f).get("/api/me/notifications")).body).notifications;
    expect(fNotes.find((n) => n.kind === "dependant")?.detail).toMatchObject({ event: "approved", childId: child.id });
    const mNotes = NotificationsResponse.parse((await as(m).get("/api/me/notifications")).body).notifications;
    expect(mNotes.find((n) => n.kind === "dependant")?.detail).toMatchObject({
      event: "linked",
      guardian: father.record.fullName,
    });
    expect(
      await row("SELECT officer FROM audit_log WHERE event = 'dependant.approved' AND account_id = ?1", father.id),
    ).toEqual({ officer: ward.username });

    // The father removes his link: the mother is told.
    const removed = await as(f).post("/api/me/dependants/remove", { childId: child.id });
    expect(removed.status).toBe(200);
    expect(removed.body.dependants).toEqual([]);
    const after = NotificationsResponse.parse((await as(m).get("/api/me/notifications")).body).notifications;
    expect(after.filter((n) => n.kind === "dependant").map((n) => n.detail.event)).toContain("unlinked");
    expect((await as(f).post("/api/me/dependants/remove", { childId: child.id })).body.code).toBe(
      "DEPENDANT_LINK_NOT_FOUND",
    );

    // An officer removes a wrong link; the guardian is told.
    const [approved] = (await links(ward, "?status=approved")).filter((l) => l.child.id === child.id);
    expect(approved?.guardian.id).toBe(mother.id);
    expect((await as(ward.cookie).post(`/api/officer/dependants/${approved?.id}/remove`, {})).status).toBe(200);
    expect(await list(m)).toEqual([]);
    const told = NotificationsResponse.parse((await as(m).get("/api/me/notifications")).body).notifications;
    expect(told.find((n) => n.kind === "dependant")?.detail).toMatchObject({ event: "removed", childId: child.id });
    expect(await row("SELECT count(*) AS n FROM dependants WHERE child_id = ?1", child.id)).toEqual({ n: 0 });
  });

  it("a parent has at most 5 requests waiting", async () => {
    const parent = await craft({ dob: "1983-04-04" });
    const cookie = await parent.cookie();
    for (let i = 0; i < 5; i++) {
      const child = await craft({ dob: childDob(), level: null });
      expect((await add(cookie, child.record)).status).toBe(200);
    }
    const sixth = await craft({ dob: childDob(), level: null });
    const res = await add(cookie, sixth.record);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("DEPENDANT_PENDING_LIMIT");
  });
});

describe("the clock (run last)", () => {
  it("after 10 minutes, a lost appointment code is texted again", async () => {
    const c = await craft({ dob: "1992-08-08", level: null });
    const day = bookableDay(8);
    const first = await post("/api/appointments", {
      unitCode: TAM_THANH,
      day,
      time: "07:30",
      citizenId: c.id,
      phone: c.phone,
    });
    expect(first.status).toBe(200);
    await post("/api/appointments", { unitCode: TAM_THANH, day, time: "08:30", citizenId: c.id, phone: c.phone });
    expect(await queuedTexts(c.phone, 2)).toHaveLength(2);
    await advanceClock(601);
    await post("/api/appointments", { unitCode: TAM_THANH, day, time: "08:30", citizenId: c.id, phone: c.phone });
    expect(await queuedTexts(c.phone, 3)).toHaveLength(3);
  });
});
