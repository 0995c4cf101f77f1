/**
 * Level 2 at the police office: intake, the approval queue, decisions (and their race), the SMS texts, the account
 * states through the shared lifecycle, and tracking.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type DemoCitizen, generateRegistry } from "../../scripts/demo-registry";
import { foldAsciiUpper } from "../../shared/ascii";
import { bookingText } from "../../worker/src/domain/booking";
import { approvedText, rejectedText } from "../../worker/src/domain/review";
import type { RegistryAccountT, RegistryRecordT } from "../../shared/registry-file";
import { activate, call, loginCookie, post, row, seedRegistry, snapshotTables } from "./helpers";
import {
  HUU_LIEN,
  PROVINCE,
  TAM_THANH,
  as,
  cardOf,
  importUnits,
  intake,
  jpeg,
  queuedTexts,
  readyOfficer,
  texts,
  uploadIntakePhoto,
} from "./officer-helpers";

const SEED = 808;
const COUNT = 240;
const BASE = "http://127.0.0.1:8787";

type Person = { r: RegistryRecordT; c: DemoCitizen; account: RegistryAccountT | undefined };
let people: Person[];
const used = new Set<string>();

let ward: { cookie: string; username: string };
let ward2: { cookie: string; username: string };
/** A third officer of the ward: takes the files that the others race to decide (four eyes). */
let ward3: { cookie: string; username: string };
let admin: { cookie: string; username: string };
let commune: { cookie: string; username: string };

beforeAll(async () => {
  await seedRegistry(SEED, COUNT);
  const { file, citizens } = generateRegistry(SEED, COUNT);
  people = (file.registry ?? []).map((r) => ({
    r,
    c: citizens.find((c) => c.id === r.id) as DemoCitizen,
    account: (file.accounts ?? []).find((a) => a.id === r.id),
  }));
  await importUnits();
  [ward, ward2, ward3, admin, commune] = await Promise.all([
    readyOfficer(TAM_THANH, "officer", "Hoàng Thị Thanh"),
    readyOfficer(TAM_THANH, "officer", "Lăng Văn Hùng"),
    readyOfficer(TAM_THANH, "officer", "Chu Thị Mai"),
    readyOfficer(PROVINCE, "province_admin", "Lương Văn Tỉnh"),
    readyOfficer(HUU_LIEN, "officer", "Nông Thị Liên"),
  ]);
});

/** A seeded person not used by another test. */
function person(pred: (p: Person) => boolean): Person {
  const p = people.find((x) => !used.has(x.r.id) && Number(x.r.dob.slice(0, 4)) < 2008 && pred(x));
  if (!p) throw new Error("no such person in the seeded registry");
  used.add(p.r.id);
  return p;
}
const noAccount = () => person((p) => !p.account);
const withAccount = (level: number, status: string) =>
  person((p) => p.account?.level === level && p.account.status === status);

let phoneCounter = 0;
/** A mobile number of the citizen's own, not the registry's. */
function ownPhone(): string {
  phoneCounter += 1;
  return `0986${String(Date.now() % 1000).padStart(3, "0")}${String(phoneCounter).padStart(3, "0")}`;
}

const REFERENCE = /^L2-020-(\d{4})-(\d{6})$/;
const vnYear = () => new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const accountOf = (id: string) =>
  row<{ level: number; status: string }>("SELECT level, status FROM accounts WHERE id = ?1", id);
const fileOf = (reference: string) =>
  row<Record<string, any>>("SELECT * FROM applications WHERE reference = ?1", reference);

/** An online level-1 application by an app account (password known), as the PWA makes it; its reference. */
async function applyOnline(p: Person): Promise<string> {
  const { cookie } = await loginCookie(p.r.id, p.c.password as string);
  const up = await exports.default.fetch(`${BASE}/api/level1/photo`, {
    method: "POST",
    headers: { cookie: cookie as string, "content-type": "image/jpeg", origin: BASE },
    body: jpeg(300, 400) as BodyInit,
  });
  const { photoId } = (await up.json()) as { photoId: string };
  const applied = await call(
    "POST",
    "/api/level1/apply",
    { card: cardOf(p.r), photoId },
    { headers: { cookie: cookie as string } },
  );
  expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  expect(applied.body.application.reference).toMatch(/^L1-020-\d{4}-\d{6}$/);
  expect(applied.body.application.trackingCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  return applied.body.application.reference as string;
}

const approve = (cookie: string, id: number) => as(cookie).post(`/api/officer/applications/${id}/approve`, {});
const reject = (cookie: string, id: number, reason: string) =>
  as(cookie).post(`/api/officer/applications/${id}/reject`, { reason });

describe("SMS texts (ASCII)", () => {
  it("approval, rejection and booking texts, word for word", () => {
    expect(approvedText("Nguyễn Văn Đạt", "https://vneid.example.vn/kich-hoat")).toBe(
      "Ho so dang ky tai khoan dinh danh dien tu cua cong dan NGUYEN VAN DAT da duoc phe duyet. De nghi truy cap https://vneid.example.vn/kich-hoat de kich hoat tai khoan.",
    );
    expect(rejectedText("Lăng Thị Nhung", "Ảnh chân dung không rõ mặt.")).toBe(
      "Ho so dang ky tai khoan dinh danh dien tu cua cong dan LANG THI NHUNG khong duoc phe duyet. Ly do: Anh chan dung khong ro mat.",
    );
    expect(bookingText("Công an phường Tam Thanh", "2026-07-15", "08:30", "LH-7KQ2MX")).toBe(
      "Lich hen dang ky dinh danh dien tu muc 2 tai Cong an phuong Tam Thanh ngay 15/07/2026 luc 08:30. Ma lich hen: LH-7KQ2MX. Vui long mang theo the Can cuoc.",
    );
  });
});

describe("level-2 intake", () => {
  it("a citizen with no account: a numbered level-2 file with a tracking code, and an account (level 2, pending, no password)", async () => {
    const p = noAccount();
    const phone = ownPhone();
    const res = await intake(ward.cookie, p.r, {
      phone,
      driverLicence: "200123456789",
      healthInsurance: "dn4200123456789",
      vehicleRegistration: "12A-345.67",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [, year] = REFERENCE.exec(res.body.reference) ?? [];
    expect(Number(year)).toBe(vnYear());
    expect(res.body).toEqual({
      reference: expect.stringMatching(REFERENCE),
      trackingCode: expect.stringMatching(/^[A-HJ-NP-Z2-9]{8}$/),
      trackingUrl: `${BASE}/tra-cuu?ref=${res.body.reference}&code=${res.body.trackingCode}`,
      citizen: { id: p.r.id, fullName: p.r.fullName },
      account: { level: 2, status: "pending" },
    });
    // The phone is the citizen's own, not the registry's; the account has no password until activation.
    expect(await row("SELECT level, status, phone, password_hash FROM accounts WHERE id = ?1", p.r.id)).toEqual({
      level: 2,
      status: "pending",
      phone: `+84${phone.slice(1)}`,
      password_hash: null,
    });
    const file = await fileOf(res.body.reference);
    expect(file).toMatchObject({
      account_id: p.r.id,
      level: 2,
      channel: "office",
      status: "pending",
      unit_code: TAM_THANH,
      phone: `+84${phone.slice(1)}`,
      prior_level: 0,
      prior_status: "app",
      intake_by: ward.username,
      tracking_code: res.body.trackingCode,
    });
    expect(JSON.parse(file?.papers)).toEqual({
      driverLicence: "200123456789",
      healthInsurance: "DN4200123456789",
      vehicleRegistration: "12A-345.67",
    });
    expect(file?.consent_at).toBeGreaterThan(0);
    const photo = await row<{ r2_key: string }>(
      "SELECT r2_key FROM intake_photos WHERE id = ?1",
      file?.intake_photo_id,
    );
    expect(photo?.r2_key).toMatch(/^portraits\/[A-Za-z0-9_-]{32}\.jpg$/);
    expect(await env.PHOTOS.head(photo?.r2_key as string)).not.toBeNull();
    expect(
      await row(
        "SELECT officer, account_id FROM audit_log WHERE event = 'application.intake' AND account_id = ?1",
        p.r.id,
      ),
    ).toEqual({
      officer: ward.username,
      account_id: p.r.id,
    });
    // Activation now says the file waits for approval.
    const act = await post("/api/activation/start", { citizenId: p.r.id, phone, deviceId: "web-officer-test-0001" });
    expect(act.body).toMatchObject({ code: "PENDING_APPROVAL", hint: "Hồ sơ của bạn đang chờ phê duyệt" });
  });

  it("reference numbers are unique in the province and follow each other; level 1 counts apart", async () => {
    const a = await intake(ward.cookie, noAccount().r);
    const b = await intake(admin.cookie, noAccount().r, { unitCode: HUU_LIEN });
    const seq = (ref: string) => Number(REFERENCE.exec(ref)?.[2]);
    expect(seq(b.body.reference)).toBe(seq(a.body.reference) + 1);
    const l1 = await applyOnline(withAccount(0, "app"));
    expect(l1).toMatch(new RegExp(`^L1-020-${vnYear()}-\\d{6}$`));
    const all = await env.DB.prepare("SELECT reference FROM applications WHERE reference IS NOT NULL").all<{
      reference: string;
    }>();
    const refs = all.results.map((r) => r.reference);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it("takes a name typed without accents, and the file carries the registry's spelling (issue 19, item 3)", async () => {
    const p = person((x) => !x.account && /[^\p{ASCII}]/u.test(x.r.fullName));
    const plain = p.r.fullName
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase();
    const res = await intake(ward.cookie, { ...p.r, fullName: plain });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(JSON.parse((await fileOf(res.body.reference))?.card_json).fullName).toBe(p.r.fullName);
    // Only the name is folded: another date of birth is still refused.
    const q = person((x) => !x.account && /[^\p{ASCII}]/u.test(x.r.fullName));
    const otherDay = `${q.r.dob.slice(0, 8)}${q.r.dob.slice(8) === "01" ? "02" : "01"}`;
    expect(
      (
        await intake(ward.cookie, {
          ...q.r,
          fullName: q.r.fullName.normalize("NFD").replace(/\p{M}/gu, ""),
          dob: otherDay,
        })
      ).body.code,
    ).toBe("REGISTRY_MISMATCH");
  });

  it("refuses without consent, on a registry mismatch, an invalid card or a missing photo, and writes nothing", async () => {
    const p = noAccount();
    const photo = await uploadIntakePhoto(ward.cookie);
    const otherOfficersPhoto = await uploadIntakePhoto(ward2.cookie);
    const body = { card: cardOf(p.r), phone: p.r.phone, photoId: photo.body.photoId, consent: true };
    const before = await snapshotTables(["audit_log", "officer_sessions"]);
    const noConsent = await as(ward.cookie).post("/api/officer/intake", { ...body, consent: false });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body).toMatchObject({
      code: "CONSENT_REQUIRED",
      message: "Cần có sự đồng ý của công dân trước khi tiếp nhận hồ sơ.",
    });
    const mismatch = await as(ward.cookie).post("/api/officer/intake", {
      ...body,
      card: { ...body.card, fullName: "Người Khác" },
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe("REGISTRY_MISMATCH");
    const future = await as(ward.cookie).post("/api/officer/intake", {
      ...body,
      card: { ...body.card, issued: "2099-01-01" },
    });
    expect(future.body).toMatchObject({
      code: "CARD_INVALID",
      fields: { "card.issued": "Ngày cấp không thể sau ngày hôm nay." },
    });
    const missing = await as(ward.cookie).post("/api/officer/intake", { ...body, photoId: "AAAAAAAAAAAAAAAAAAAAAA" });
    expect(missing.body.code).toBe("PHOTO_NOT_FOUND");
    const notMine = await as(ward.cookie).post("/api/officer/intake", {
      ...body,
      photoId: otherOfficersPhoto.body.photoId,
    });
    expect(notMine.body.code).toBe("PHOTO_NOT_FOUND");
    const noPhone = await as(ward.cookie).post("/api/officer/intake", { ...body, phone: "" });
    expect(noPhone.status).toBe(422);
    expect(Object.keys(noPhone.body.fields)).toEqual(["phone"]);
    expect(await snapshotTables(["audit_log", "officer_sessions"])).toEqual(before);
    // The same photo serves one file only.
    expect((await as(ward.cookie).post("/api/officer/intake", body)).status).toBe(200);
    const second = await as(ward.cookie).post("/api/officer/intake", { ...body, card: cardOf(noAccount().r) });
    expect(second.body.code).toBe("PHOTO_NOT_FOUND");
  });

  it("an ID with a live level-2 file or a level-2 account gets no second file, and is told so", async () => {
    const p = noAccount();
    const first = await intake(ward.cookie, p.r);
    const again = await intake(ward2.cookie, p.r);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("LEVEL2_EXISTS");
    expect(again.body.hint).toBe(first.body.reference);
    expect(again.body.message).toContain("đã có hồ sơ/tài khoản định danh mức 2");
    // (A pending level-2 file is the case above; the demo registry holds level-2 accounts active or approved.)
    for (const status of ["active", "approved"]) {
      const q = withAccount(2, status);
      const res = await intake(ward.cookie, q.r);
      expect(res.status, status).toBe(409);
      expect(res.body.code).toBe("LEVEL2_EXISTS");
    }
    expect(await row<{ n: number }>("SELECT count(*) AS n FROM applications WHERE account_id = ?1", p.r.id)).toEqual({
      n: 1,
    });
  });

  it("two officers taking the same citizen at once make exactly one file", async () => {
    const p = noAccount();
    const [a, b] = await Promise.all([intake(ward.cookie, p.r), intake(ward2.cookie, p.r)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((x) => x.status === 409)?.body.code).toBe("LEVEL2_EXISTS");
    expect(await row<{ n: number }>("SELECT count(*) AS n FROM applications WHERE account_id = ?1", p.r.id)).toEqual({
      n: 1,
    });
    expect(await accountOf(p.r.id)).toEqual({ level: 2, status: "pending" });
  });

  it("an officer takes files for their own unit only; a province_admin for any unit", async () => {
    const p = noAccount();
    const forbidden = await intake(ward.cookie, p.r, { unitCode: HUU_LIEN });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe("FORBIDDEN");
    const unknown = await intake(admin.cookie, p.r, { unitCode: "CAX-NOWHERE" });
    expect(unknown.body.code).toBe("UNIT_NOT_FOUND");
    const ok = await intake(admin.cookie, p.r, { unitCode: HUU_LIEN });
    expect(ok.status).toBe(200);
    expect((await fileOf(ok.body.reference))?.unit_code).toBe(HUU_LIEN);
  });

  it("the portrait is a JPEG within 150 kB and 640 px, stored under a key nobody can guess", async () => {
    const ok = await uploadIntakePhoto(ward.cookie, jpeg(480, 640, 20_000));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ photoId: expect.any(String), bytes: 20_000, width: 480, height: 640 });
    expect((await uploadIntakePhoto(ward.cookie, jpeg(641, 480))).body.code).toBe("PHOTO_TOO_LARGE");
    expect((await uploadIntakePhoto(ward.cookie, jpeg(100, 100, 150 * 1024 + 1))).status).toBe(413);
    expect((await uploadIntakePhoto(ward.cookie, jpeg(), "image/png")).body.code).toBe("PHOTO_TYPE");
    expect((await uploadIntakePhoto("vneid_officer=nope", jpeg())).status).toBe(401);
  });
});

describe("the account through the shared lifecycle", () => {
  it("a level-0 app account applies for level 2 (and keeps its password); rejection gives it back", async () => {
    const p = withAccount(0, "app");
    const file = await intake(ward.cookie, p.r);
    expect(file.body.account).toEqual({ level: 2, status: "pending" });
    expect(await fileOf(file.body.reference)).toMatchObject({ prior_level: 0, prior_status: "app" });
    const id = (await fileOf(file.body.reference))?.id as number;
    expect((await reject(ward.cookie, id, "Ảnh không rõ")).status).toBe(200);
    expect(await accountOf(p.r.id)).toEqual({ level: 0, status: "app" });
    expect((await loginCookie(p.r.id, p.c.password as string)).res.status).toBe(200);
  });

  it("supersedes a pending level-1 application; rejecting the level-2 file brings it back to the queue", async () => {
    const p = withAccount(0, "app");
    const l1 = await applyOnline(p);
    expect(await accountOf(p.r.id)).toEqual({ level: 1, status: "pending" });
    const l2 = await intake(ward.cookie, p.r);
    expect(l2.status).toBe(200);
    expect(await accountOf(p.r.id)).toEqual({ level: 2, status: "pending" });
    expect(await fileOf(l1)).toMatchObject({
      status: "superseded",
      reason: `Thay thế bởi hồ sơ mức 2 ${l2.body.reference}`,
    });
    const tracked = await post("/api/track", { reference: l1, citizenId: p.r.id });
    expect(tracked.body.status).toBe("superseded");
    expect(tracked.body.timeline.map((s: { step: string }) => s.step)).toEqual(["received", "superseded"]);
    // The superseded application can no longer be decided.
    const l1Id = (await fileOf(l1))?.id as number;
    expect((await approve(admin.cookie, l1Id)).body.code).toBe("ALREADY_DECIDED");

    const l2Id = (await fileOf(l2.body.reference))?.id as number;
    expect((await reject(ward.cookie, l2Id, "Sai thông tin")).status).toBe(200);
    expect(await accountOf(p.r.id)).toEqual({ level: 1, status: "pending" });
    expect(await fileOf(l1)).toMatchObject({ status: "pending", reason: null, decided_at: null });
    // …and approving it now is the ordinary level-1 approval.
    expect((await approve(admin.cookie, l1Id)).status).toBe(200);
    expect(await accountOf(p.r.id)).toEqual({ level: 1, status: "approved" });
  });

  it("an approved level-1 account applies for level 2: rejection restores approved level 1, approval gives approved level 2", async () => {
    const a = withAccount(1, "approved");
    const fa = await intake(ward.cookie, a.r);
    expect(fa.body.account).toEqual({ level: 2, status: "pending" });
    await reject(ward.cookie, (await fileOf(fa.body.reference))?.id, "Thiếu giấy tờ");
    expect(await accountOf(a.r.id)).toEqual({ level: 1, status: "approved" });
    const b = withAccount(1, "approved");
    const fb = await intake(ward.cookie, b.r);
    await approve(ward2.cookie, (await fileOf(fb.body.reference))?.id);
    expect(await accountOf(b.r.id)).toEqual({ level: 2, status: "approved" });
  });

  it("an active level-1 account stays active during intake; approval makes it level 2 at once, with no new activation", async () => {
    const p = withAccount(1, "active");
    const phone = ownPhone();
    const file = await intake(ward.cookie, p.r, { phone });
    expect(file.body.account).toEqual({ level: 1, status: "active" });
    expect(await accountOf(p.r.id)).toEqual({ level: 1, status: "active" });
    const id = (await fileOf(file.body.reference))?.id as number;
    expect((await approve(ward2.cookie, id)).status).toBe(200);
    expect(await accountOf(p.r.id)).toEqual({ level: 2, status: "active" });
    // Still bound to its device, still logged in with its password, and activation says it is done.
    expect(await row("SELECT device_id FROM devices WHERE account_id = ?1", p.r.id)).toEqual({
      device_id: p.c.deviceId,
    });
    const login = await loginCookie(p.r.id, p.c.password as string);
    expect(login.res.body).toMatchObject({ level: 2, status: "active" });
    const act = await post("/api/activation/start", { citizenId: p.r.id, phone, deviceId: "web-officer-test-0002" });
    expect(act.body.code).toBe("ALREADY_ACTIVATED");
    expect(await queuedTexts(phone)).toHaveLength(1);
  });

  it("a rejected level-2 file of an active level-1 account leaves it active at level 1", async () => {
    const p = withAccount(1, "active");
    const file = await intake(ward.cookie, p.r);
    await reject(ward.cookie, (await fileOf(file.body.reference))?.id, "Ảnh mờ");
    expect(await accountOf(p.r.id)).toEqual({ level: 1, status: "active" });
  });

  it("an account created at the office and rejected can still register online (Đăng ký)", async () => {
    const p = noAccount();
    const file = await intake(ward.cookie, p.r, { phone: ownPhone() });
    await reject(ward.cookie, (await fileOf(file.body.reference))?.id, "Không đúng người");
    expect(await row("SELECT level, status, password_hash FROM accounts WHERE id = ?1", p.r.id)).toEqual({
      level: 0,
      status: "app",
      password_hash: null,
    });
    const start = await post("/api/registration/start", { citizenId: p.r.id, phone: p.r.phone, card: cardOf(p.r) });
    expect(start.status, JSON.stringify(start.body)).toBe(200);
  });
});

describe("the approval queue", () => {
  it("online level-1 applications go to the unit of the registry address, else to the province; each officer sees their unit", async () => {
    const local = person((p) => p.account?.level === 0 && p.r.address.startsWith("Xã Hữu Liên"));
    const elsewhere = person((p) => p.account?.level === 0 && p.r.address.includes("Hà Nội"));
    const refLocal = await applyOnline(local);
    const refElsewhere = await applyOnline(elsewhere);
    expect((await fileOf(refLocal))?.unit_code).toBe(HUU_LIEN);
    expect((await fileOf(refElsewhere))?.unit_code).toBe(PROVINCE);

    const refsOf = async (cookie: string, query = "") =>
      (
        (await as(cookie).get(`/api/officer/applications${query}`)).body.applications as Array<{ reference: string }>
      ).map((a) => a.reference);
    expect(await refsOf(commune.cookie)).toContain(refLocal);
    expect(await refsOf(commune.cookie)).not.toContain(refElsewhere);
    expect(await refsOf(ward.cookie)).not.toContain(refLocal);
    expect(await refsOf(admin.cookie)).toEqual(expect.arrayContaining([refLocal, refElsewhere]));
    expect(await refsOf(admin.cookie, `?unit=${HUU_LIEN}`)).not.toContain(refElsewhere);

    const list = await as(commune.cookie).get("/api/officer/applications?level=1&status=pending&unit=&from=&to=");
    expect(list.status).toBe(200);
    const item = (list.body.applications as Array<Record<string, unknown>>).find((a) => a.reference === refLocal);
    expect(item).toEqual({
      id: expect.any(Number),
      reference: refLocal,
      level: 1,
      channel: "online",
      status: "pending",
      unitCode: HUU_LIEN,
      unitName: "Công an xã Hữu Liên",
      citizen: { id: local.r.id, fullName: local.r.fullName },
      submittedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(await refsOf(admin.cookie, "?level=2")).not.toContain(refLocal);
    expect(await refsOf(admin.cookie, "?status=approved")).not.toContain(refLocal);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(await refsOf(admin.cookie, `?from=${today}&to=${today}`)).toContain(refLocal);
    expect(await refsOf(admin.cookie, "?to=2020-01-01")).not.toContain(refLocal);
    const bad = await as(admin.cookie).get("/api/officer/applications?level=3&from=2026-02-30");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fields).sort()).toEqual(["from", "level"]);
  });

  it("a file opens with its card, phone, papers and photo, and is then under review (once)", async () => {
    const p = noAccount();
    const res = await intake(ward.cookie, p.r, { healthInsurance: "4012345678" });
    const id = (await fileOf(res.body.reference))?.id as number;
    const open = await as(ward2.cookie).get(`/api/officer/applications/${id}`);
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({
      id,
      reference: res.body.reference,
      trackingCode: res.body.trackingCode,
      level: 2,
      channel: "office",
      status: "pending",
      card: { id: p.r.id, fullName: p.r.fullName, dob: p.r.dob },
      phone: `+84${p.r.phone.slice(1)}`,
      papers: { healthInsurance: "4012345678" },
      consent: true,
      photoUrl: `/api/officer/photos/${id}`,
      account: { level: 2, status: "pending" },
      intakeBy: ward.username,
    });
    expect(open.body.timeline.map((s: { step: string }) => s.step)).toEqual(["received", "review"]);
    await as(admin.cookie).get(`/api/officer/applications/${id}`);
    const reviews = await row<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE event = 'application.review' AND account_id = ?1",
      p.r.id,
    );
    expect(reviews).toEqual({ n: 1 });
    expect((await fileOf(res.body.reference))?.reviewing_by).toBe(ward2.username);

    const photo = await exports.default.fetch(`${BASE}${open.body.photoUrl}`, { headers: { cookie: ward.cookie } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/jpeg");
    expect((await photo.arrayBuffer()).byteLength).toBe(jpeg().byteLength);
    expect((await exports.default.fetch(`${BASE}${open.body.photoUrl}`)).status).toBe(401);
    expect(
      (await exports.default.fetch(`${BASE}${open.body.photoUrl}`, { headers: { cookie: commune.cookie } })).status,
    ).toBe(403);
    expect((await as(commune.cookie).get(`/api/officer/applications/${id}`)).status).toBe(403);
    expect((await as(admin.cookie).get("/api/officer/applications/99999999")).body.code).toBe("APPLICATION_NOT_FOUND");
    expect((await as(admin.cookie).get("/api/officer/applications/abc")).body.code).toBe("APPLICATION_NOT_FOUND");
  });
});

describe("decisions", () => {
  it("approval texts the citizen where to activate; the account is approved and activates with the phone given at the office", async () => {
    const p = noAccount();
    const phone = ownPhone();
    const res = await intake(ward.cookie, p.r, { phone });
    const id = (await fileOf(res.body.reference))?.id as number;
    const ok = await approve(ward2.cookie, id);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      id,
      reference: res.body.reference,
      status: "approved",
      decidedAt: expect.any(String),
    });
    expect(await queuedTexts(phone)).toEqual([
      `Ho so dang ky tai khoan dinh danh dien tu cua cong dan ${foldAsciiUpper(p.r.fullName)} da duoc phe duyet. De nghi truy cap ${BASE}/kich-hoat de kich hoat tai khoan.`,
    ]);
    expect((await texts(phone))[0]).toMatch(/^[\x20-\x7e]+$/);
    expect(await accountOf(p.r.id)).toEqual({ level: 2, status: "approved" });
    expect(await fileOf(res.body.reference)).toMatchObject({ decided_by: ward2.username, status: "approved" });
    await activate({ kind: "approved-new", id: p.r.id, phone, fullName: p.r.fullName });
    expect(await accountOf(p.r.id)).toEqual({ level: 2, status: "active" });
  });

  it("rejection texts the reason (in ASCII) and the account goes back to its state before", async () => {
    const p = withAccount(1, "approved");
    const res = await intake(ward.cookie, p.r);
    const id = (await fileOf(res.body.reference))?.id as number;
    const empty = await reject(ward.cookie, id, "   ");
    expect(empty.status).toBe(422);
    expect(empty.body.fields).toEqual({ reason: "Vui lòng nhập lý do từ chối (tối đa 300 ký tự)" });
    expect((await reject(ward.cookie, id, "x".repeat(301))).status).toBe(422);
    const no = await reject(ward.cookie, id, "Ảnh chân dung không rõ mặt, đề nghị đến chụp lại");
    expect(no.status).toBe(200);
    expect(no.body).toMatchObject({ status: "rejected", reason: "Ảnh chân dung không rõ mặt, đề nghị đến chụp lại" });
    expect((await queuedTexts(p.r.phone))[0]).toBe(
      `Ho so dang ky tai khoan dinh danh dien tu cua cong dan ${foldAsciiUpper(p.r.fullName)} khong duoc phe duyet. Ly do: Anh chan dung khong ro mat, de nghi den chup lai.`,
    );
    expect(await accountOf(p.r.id)).toEqual({ level: 1, status: "approved" });
    const again = await approve(ward.cookie, id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: "ALREADY_DECIDED",
      message: "Hồ sơ này đã được xử lý (phê duyệt hoặc từ chối) trước đó.",
    });
  });

  it("two officers approving one file at once: exactly one wins, the other sees ALREADY_DECIDED; one text, one audit entry", async () => {
    for (let round = 0; round < 3; round++) {
      const p = noAccount();
      const phone = ownPhone();
      const res = await intake(ward3.cookie, p.r, { phone });
      const id = (await fileOf(res.body.reference))?.id as number;
      const results = await Promise.all([
        approve(ward.cookie, id),
        approve(ward2.cookie, id),
        approve(admin.cookie, id),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe("ALREADY_DECIDED");
      expect(await queuedTexts(phone)).toHaveLength(1);
      const audits = await row<{ n: number }>(
        "SELECT count(*) AS n FROM audit_log WHERE event = 'application.approved' AND account_id = ?1",
        p.r.id,
      );
      expect(audits).toEqual({ n: 1 });
      expect(await accountOf(p.r.id)).toEqual({ level: 2, status: "approved" });
    }
  });

  it("approve and reject at the same moment: exactly one decision, and the account agrees with it", async () => {
    for (let round = 0; round < 3; round++) {
      const p = withAccount(1, "approved");
      const res = await intake(ward3.cookie, p.r);
      const id = (await fileOf(res.body.reference))?.id as number;
      const [a, r] = await Promise.all([approve(ward.cookie, id), reject(ward2.cookie, id, "Trùng hồ sơ")]);
      expect([a.status, r.status].sort()).toEqual([200, 409]);
      const file = await fileOf(res.body.reference);
      expect(await accountOf(p.r.id)).toEqual(
        file?.status === "approved" ? { level: 2, status: "approved" } : { level: 1, status: "approved" },
      );
      expect(file?.decided_by).toBe(a.status === 200 ? ward.username : ward2.username);
      expect(await queuedTexts(p.r.phone)).toHaveLength(1);
    }
  });
});

describe("Tra cứu hồ sơ", () => {
  it("a reference with the ID number, or with the tracking code, shows the timeline with times", async () => {
    const p = noAccount();
    const res = await intake(ward.cookie, p.r);
    const track = () => post("/api/track", { reference: res.body.reference.toLowerCase(), citizenId: p.r.id });
    const received = await track();
    expect(received.status).toBe(200);
    expect(received.body).toEqual({
      reference: res.body.reference,
      level: 2,
      status: "pending",
      timeline: [{ step: "received", at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/) }],
    });
    const id = (await fileOf(res.body.reference))?.id as number;
    await as(ward.cookie).get(`/api/officer/applications/${id}`);
    expect((await track()).body.timeline.map((s: { step: string }) => s.step)).toEqual(["received", "review"]);
    await reject(ward.cookie, id, "Sai ngày sinh");
    const done = await post("/api/track", {
      reference: res.body.reference,
      trackingCode: res.body.trackingCode.toLowerCase(),
    });
    expect(done.body.status).toBe("rejected");
    expect(done.body.timeline.map((s: { step: string; reason?: string }) => [s.step, s.reason])).toEqual([
      ["received", undefined],
      ["review", undefined],
      ["rejected", "Sai ngày sinh"],
    ]);
    const both = await post("/api/track", {
      reference: res.body.reference,
      citizenId: p.r.id,
      trackingCode: res.body.trackingCode,
    });
    expect(both.status).toBe(422);
  });

  it("an approved file whose account has been activated says so, not 'activate' (issue 19, item 7)", async () => {
    const p = noAccount();
    const res = await intake(ward.cookie, p.r);
    const id = (await fileOf(res.body.reference))?.id as number;
    await as(ward2.cookie).get(`/api/officer/applications/${id}`);
    expect((await approve(ward2.cookie, id)).status).toBe(200);
    const track = () => post("/api/track", { reference: res.body.reference, citizenId: p.r.id });
    expect((await track()).body).toMatchObject({ status: "approved" });
    expect((await track()).body.activated).toBeUndefined();
    const phone = (await row<{ phone: string }>("SELECT phone FROM accounts WHERE id = ?1", p.r.id))?.phone as string;
    await activate({ ...p.c, id: p.r.id, phone: phone.replace(/^\+84/, "0") });
    expect((await track()).body).toMatchObject({ status: "approved", activated: true });
  });

  it("an unknown reference and a wrong ID number get the same answer", async () => {
    const p = noAccount();
    const res = await intake(ward.cookie, p.r);
    const other = noAccount();
    const wrongId = await post("/api/track", { reference: res.body.reference, citizenId: other.r.id });
    const unknownRef = await post("/api/track", { reference: "L2-020-2020-999999", citizenId: p.r.id });
    const wrongCode = await post("/api/track", { reference: res.body.reference, trackingCode: "ABCDEFGH" });
    for (const r of [wrongId, unknownRef, wrongCode]) {
      expect(r.status).toBe(404);
      expect(r.body).toEqual({
        code: "TRACK_NOT_FOUND",
        message: "Không tìm thấy hồ sơ với thông tin đã nhập. Vui lòng kiểm tra mã hồ sơ và số định danh cá nhân.",
      });
    }
  });

  it("a logged-in citizen sees all their files, newest first", async () => {
    const p = withAccount(0, "app");
    const l1 = await applyOnline(p);
    const l2 = await intake(ward.cookie, p.r);
    const { cookie } = await loginCookie(p.r.id, p.c.password as string);
    const mine = await call("GET", "/api/track/mine", undefined, { headers: { cookie: cookie as string } });
    expect(mine.status).toBe(200);
    expect(mine.body.applications.map((a: { reference: string; status: string }) => [a.reference, a.status])).toEqual([
      [l2.body.reference, "pending"],
      [l1, "superseded"],
    ]);
    expect((await call("GET", "/api/track/mine")).status).toBe(401);
  });
});
