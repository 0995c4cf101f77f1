/**
 * "Quản lý thiết bị" and "Hoạt động của tôi": the bound device and live sessions (opaque ids, never token hashes),
 * "Đăng xuất các phiên khác", "Hủy liên kết thiết bị" with the passcode (every session revoked, the old cookie
 * gets 401), and the activity list (newest first, at most 50, citizen-facing events only).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import { parseVnMobile } from "../../shared/phone";
import { ActivityResponse, DevicesResponse } from "../../shared/account-schemas";
import { generateRegistry } from "../../scripts/demo-registry";
import { activate, advanceClock, call, loginCookie, pool, post, queuedText, row, seedRegistry } from "./helpers";
import { TAM_THANH, importUnits, intake, readyOfficer } from "./officer-helpers";

let take: (kind: DemoKind) => DemoCitizen;

beforeAll(async () => {
  take = pool(await seedRegistry(8018, 48));
});

const get = (path: string, cookie: string) => call("GET", path, undefined, { headers: { cookie } });
const login = async (c: DemoCitizen) => (await loginCookie(c.id, c.password as string)).cookie as string;

describe("Quản lý thiết bị", () => {
  it("lists the bound device and the live sessions by opaque id, marking the current one; no token hash", async () => {
    const c = take("active");
    const a = await login(c);
    const b = await login(c);
    const res = await get("/api/me/devices", a);
    expect(res.status).toBe(200);
    expect(DevicesResponse.safeParse(res.body).success).toBe(true);
    expect(res.body.device.deviceId).toBe(c.deviceId);
    expect(res.body.sessions).toHaveLength(2);
    expect(res.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const fromB = await get("/api/me/devices", b);
    expect(fromB.body.sessions.find((s: { current: boolean }) => s.current).id).not.toBe(
      res.body.sessions.find((s: { current: boolean }) => s.current).id,
    );
    const { results } = await env.DB.prepare("SELECT token_hash, public_id FROM sessions WHERE account_id = ?1")
      .bind(c.id)
      .all<{
        token_hash: string;
        public_id: string;
      }>();
    const text = JSON.stringify(res.body);
    for (const s of results) {
      expect(text).not.toContain(s.token_hash);
      expect(text).not.toContain(s.token_hash.slice(0, 12));
      expect(s.public_id).toMatch(/^[0-9a-f]{24}$/);
    }
    for (const cookie of [a, b]) expect(text).not.toContain(cookie.split("=")[1]);
    expect((await call("GET", "/api/me/devices")).status).toBe(401);
  });

  it("'Đăng xuất các phiên khác' ends the other sessions, not the current one", async () => {
    const c = take("active");
    const a = await login(c);
    const b = await login(c);
    const d = await login(c);
    const res = await post("/api/me/sessions/logout-others", {}, { cookie: a });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: 2 });
    expect((await get("/api/me", a)).status).toBe(200);
    expect((await get("/api/me", b)).status).toBe(401);
    expect((await get("/api/me", d)).status).toBe(401);
    expect((await get("/api/me/devices", a)).body.sessions).toHaveLength(1);
    expect(
      await row(
        "SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ?1 AND event = 'session.revoked' AND detail LIKE '%logout-others%'",
        c.id,
      ),
    ).toEqual({ n: 2 });
  });

  it("'Hủy liên kết thiết bị' needs the passcode, then unbinds and revokes every session, this one too", async () => {
    const c = take("active");
    const a = await login(c);
    const b = await login(c);
    const wrong = String((Number(c.passcode) + 1) % 1_000_000).padStart(6, "0");
    const refused = await post("/api/me/device/unlink", { passcode: wrong }, { cookie: a });
    expect(refused.status).toBe(422);
    expect(`${refused.body.code}:${refused.body.attemptsLeft}`).toBe("PASSCODE_WRONG:4");
    expect(await row("SELECT device_id FROM devices WHERE account_id = ?1", c.id)).toEqual({ device_id: c.deviceId });

    const res = await post("/api/me/device/unlink", { passcode: c.passcode }, { cookie: a });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/^vneid_session=; .*Max-Age=0/);
    expect((await get("/api/me", a)).status).toBe(401);
    expect((await get("/api/me", b)).status).toBe(401);
    expect(await row("SELECT device_id FROM devices WHERE account_id = ?1", c.id)).toBeNull();
    expect(
      await row("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ?1 AND event = 'device.unbound'", c.id),
    ).toEqual({ n: 1 });
    expect(
      await row("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ?1 AND event = 'session.revoked'", c.id),
    ).toEqual({ n: 2 });
    expect(await row("SELECT kind, detail FROM notifications WHERE account_id = ?1", c.id)).toEqual({
      kind: "device",
      // Named by its browser and system (none known for this imported binding), never by its id.
      detail: JSON.stringify({ event: "unbound", browser: "", os: "" }),
    });
    const phone = parseVnMobile(c.phone)?.e164;
    await queuedText(c.phone, /huy lien ket thiet bi/);
    expect(
      await row(
        "SELECT COUNT(*) AS n FROM sms_outbox WHERE to_phone = ?1 AND text LIKE '%huy lien ket thiet bi%'",
        phone,
      ),
    ).toEqual({ n: 1 });

    // Logged in again: no device any more.
    const again = await login(c);
    expect((await get("/api/me/devices", again)).body.device).toBeNull();
    expect((await post("/api/me/device/unlink", { passcode: c.passcode }, { cookie: again })).body.code).toBe(
      "DEVICE_NOT_BOUND",
    );
  });

  it("a new device binding at activation is audited and notified, and revokes the account's sessions", async () => {
    const c = take("approved-with-password");
    const before = await login(c);
    const { deviceId } = await activate(c, { password: c.password as string });
    expect((await get("/api/me", before)).status).toBe(401);
    expect(await row("SELECT detail FROM audit_log WHERE account_id = ?1 AND event = 'device.bound'", c.id)).toEqual({
      detail: JSON.stringify({ deviceId }),
    });
    expect(await row("SELECT kind FROM notifications WHERE account_id = ?1", c.id)).toEqual({ kind: "device" });
  });
});

const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
const WINDOWS_FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0";

describe("device notices and names (issue 19, items 1 and 5)", () => {
  const notices = async (cookie: string) => (await get("/api/me/notifications", cookie)).body;

  it("a first activation says so on this device, already read: no alarm, no unread badge", async () => {
    const c = take("approved-new");
    await activate(c, { userAgent: ANDROID_CHROME });
    const cookie = (await loginCookie(c.id, "Matkhau@2024")).cookie as string;
    const me = await get("/api/me", cookie);
    expect(me.body.unreadNotifications).toBe(0);
    expect(me.body.device).toMatchObject({ browser: "Chrome", os: "Android" });
    const list = await notices(cookie);
    expect(list.unread).toBe(0);
    expect(list.notifications).toHaveLength(1);
    expect(list.notifications[0]).toMatchObject({
      kind: "device",
      read: true,
      detail: { event: "bound", browser: "Chrome", os: "Android" },
    });
    expect(JSON.stringify(list)).not.toContain("web-test-device");
    const devices = await get("/api/me/devices", cookie);
    expect(DevicesResponse.safeParse(devices.body).success).toBe(true);
    expect(devices.body.device).toMatchObject({ browser: "Chrome", os: "Android" });
  });

  it("a browser the User-Agent does not name is kept as unknown", async () => {
    const c = take("approved-new");
    await activate(c, { userAgent: "curl/8.5.0" });
    const cookie = (await loginCookie(c.id, "Matkhau@2024")).cookie as string;
    expect((await get("/api/me/devices", cookie)).body.device).toMatchObject({ browser: null, os: null });
  });

  it("a new device replacing the old one says so, naming both, unread", async () => {
    const c = take("active");
    // Approved again (a level-2 file after level 1), then activated on a phone, and again on a computer.
    const approveAgain = () => env.DB.prepare("UPDATE accounts SET status = 'approved' WHERE id = ?1").bind(c.id).run();
    await approveAgain();
    await activate(c, { userAgent: ANDROID_CHROME });
    await approveAgain();
    await advanceClock(61); // past the OTP resend cooldown of the phone
    await activate(c, { userAgent: WINDOWS_FIREFOX });
    const list = await notices(await login(c));
    expect(list.unread).toBe(2);
    expect(list.notifications[1]).toMatchObject({
      detail: { event: "replaced", browser: "Chrome", os: "Android", previousBrowser: "", previousOs: "" },
    });
    expect(list.notifications[0]).toMatchObject({
      kind: "device",
      read: false,
      detail: {
        event: "replaced",
        browser: "Firefox",
        os: "Windows",
        previousBrowser: "Chrome",
        previousOs: "Android",
      },
    });
  });

  it("an account whose device is taken for another account is told it is bound to it no more", async () => {
    const owner = take("active");
    const other = take("approved-new");
    await activate(other, { deviceId: owner.deviceId as string, userAgent: ANDROID_CHROME });
    const list = await notices(await login(owner));
    expect(list.unread).toBe(1);
    expect(list.notifications[0]).toMatchObject({
      kind: "device",
      read: false,
      detail: { event: "released", browser: "", os: "" },
    });
  });
});

describe("Hoạt động của tôi", () => {
  it("lists the account's citizen-facing events, newest first, with Vietnamese labels, at most 50", async () => {
    const c = take("active");
    const cookie = await login(c);
    await loginCookie(c.id, "Sai@matkhau1");
    await post("/api/me/sessions/logout-others", {}, { cookie });
    let res = await get("/api/me/activity", cookie);
    expect(res.status).toBe(200);
    expect(ActivityResponse.safeParse(res.body).success).toBe(true);
    expect(res.body.items.map((i: { event: string }) => i.event)).toEqual(["login.failed", "login.succeeded"]);
    expect(res.body.items[1].label).toBe("Đăng nhập");
    expect(res.body.items[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Sixty more events (and some that are not the citizen's to see, or another account's).
    const other = take("active");
    const stmts = [];
    for (let i = 0; i < 60; i++) {
      stmts.push(
        env.DB.prepare(
          "INSERT INTO audit_log (at, event, account_id, detail) VALUES (?1, 'identity.shared', ?2, '{}')",
        ).bind(1_800_000_000 + i, c.id),
      );
      stmts.push(
        env.DB.prepare("INSERT INTO audit_log (at, event, account_id, detail) VALUES (?1, 'otp.sent', ?2, '{}')").bind(
          1_800_000_000 + i,
          c.id,
        ),
      );
      stmts.push(
        env.DB.prepare(
          "INSERT INTO audit_log (at, event, account_id, detail) VALUES (?1, 'login.succeeded', ?2, '{}')",
        ).bind(1_800_000_000 + i, other.id),
      );
    }
    await env.DB.batch(stmts);
    res = await get("/api/me/activity", cookie);
    const items = res.body.items as Array<{ id: number; event: string; label: string }>;
    expect(items).toHaveLength(50);
    expect(new Set(items.map((i) => i.event))).toEqual(new Set(["identity.shared"]));
    expect(items[0]?.label).toBe("Chia sẻ mã QR định danh");
    const ids = items.map((i) => i.id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect((await call("GET", "/api/me/activity")).status).toBe(401);
  });
});

describe("Thông báo of an approval", () => {
  it("an officer's approval of a level-2 file adds an 'approval' notification with the reference", async () => {
    await importUnits();
    const officer = await readyOfficer(TAM_THANH, "officer", "Hoàng Văn Duyệt");
    // Four eyes: a second officer of the unit approves.
    const approver = await readyOfficer(TAM_THANH, "officer", "Lăng Thị Hai");
    const { file, citizens } = generateRegistry(8018, 48);
    const r = (file.registry ?? []).find(
      (x) => citizens.find((c) => c.id === x.id)?.kind === "no-account" && Number(x.dob.slice(0, 4)) < 2008,
    );
    if (!r) throw new Error("no adult without an account in the seeded registry");
    const taken = await intake(officer.cookie, r);
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const app = await row<{ id: number }>("SELECT id FROM applications WHERE reference = ?1", taken.body.reference);
    const approved = await post(`/api/officer/applications/${app?.id}/approve`, {}, { cookie: approver.cookie });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const notice = await row<{ kind: string; detail: string }>(
      "SELECT kind, detail FROM notifications WHERE account_id = ?1",
      r.id,
    );
    expect(notice?.kind).toBe("approval");
    expect(JSON.parse(notice?.detail ?? "{}")).toEqual({
      decision: "approved",
      level: "2",
      reference: taken.body.reference,
    });
  });
});
