/** "Đăng nhập cán bộ": officers, their sessions, and who may call which officer route. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import { ROUTES } from "../../worker/src/index";
import { bodyExample } from "../../worker/src/openapi";
import { advanceClock, call, loginCookie, pool, post, row, seedRegistry } from "./helpers";
import {
  HUU_LIEN,
  NEW_PASSWORD,
  PROVINCE,
  TAM_THANH,
  addOfficer,
  as,
  importUnits,
  officerLogin,
  readyOfficer,
  uploadIntakePhoto,
} from "./officer-helpers";

let take: (kind: DemoKind) => DemoCitizen;

beforeAll(async () => {
  take = pool(await seedRegistry(707, 48));
  await importUnits();
});

const sha256 = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");

describe("npm run officer:add (POST /api/dev/officers)", () => {
  it("creates an officer of a unit with a one-time password that meets the password rules, stored hashed", async () => {
    const res = await post("/api/dev/officers", { unit: TAM_THANH, role: "officer", name: "Nguyễn Văn An" });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["password", "username"]);
    expect(res.body.username).toMatch(/^annv\d*$/);
    expect(res.body.password).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    const stored = await row<Record<string, unknown>>("SELECT * FROM officers WHERE username = ?1", res.body.username);
    expect(stored).toMatchObject({ role: "officer", unit_code: TAM_THANH, must_change: 1, name: "Nguyễn Văn An" });
    expect(String(stored?.password_hash)).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(String(stored?.password_hash)).not.toContain(res.body.password);
    // The same name again gets another user name.
    const again = await post("/api/dev/officers", { unit: TAM_THANH, role: "officer", name: "Nguyễn Văn An" });
    expect(again.body.username).not.toBe(res.body.username);
  });

  it("refuses an unknown unit or role", async () => {
    expect((await post("/api/dev/officers", { unit: "CAP-NOWHERE", role: "officer", name: "A B" })).body.code).toBe(
      "UNIT_NOT_FOUND",
    );
    const role = await post("/api/dev/officers", { unit: TAM_THANH, role: "admin", name: "A B" });
    expect(role.status).toBe(422);
    expect(Object.keys(role.body.fields)).toEqual(["role"]);
  });
});

describe("login and the first-login password change", () => {
  it("logs in with the one-time password, in a cookie of its own that stores only its hash, and must change it", async () => {
    const { username, password } = await addOfficer(TAM_THANH, "officer", "Trần Thị Hương");
    const { res, cookie } = await officerLogin(username, password);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      officer: {
        username,
        name: "Trần Thị Hương",
        role: "officer",
        unit: { code: TAM_THANH, name: "Công an phường Tam Thanh" },
      },
      mustChangePassword: true,
    });
    const header = res.headers.get("set-cookie") as string;
    expect(header).toMatch(/^vneid_officer=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
    const token = cookie.split("=")[1] as string;
    expect(await row("SELECT 1 FROM officer_sessions WHERE token_hash = ?1", token)).toBeNull();
    expect(await row("SELECT username FROM officer_sessions WHERE token_hash = ?1", await sha256(token))).toEqual({
      username,
    });

    // Every route but the password change says the password must be changed first.
    for (const path of ["/api/officer/me", "/api/officer/applications", "/api/officer/appointments?day=2026-07-15"]) {
      const r = await as(cookie).get(path);
      expect(r.status, path).toBe(403);
      expect(r.body.code, path).toBe("PASSWORD_CHANGE_REQUIRED");
    }
    expect(
      (await as(cookie).post("/api/officer/intake", { card: {}, phone: "", photoId: "", consent: true })).status,
    ).toBe(422);

    const weak = await as(cookie).post("/api/officer/password", { newPassword: "abc", confirmPassword: "abc" });
    expect(weak.status).toBe(422);
    expect(weak.body.fields).toEqual({ newPassword: "Mật khẩu mới chưa đáp ứng đủ yêu cầu" });
    const mismatch = await as(cookie).post("/api/officer/password", {
      newPassword: NEW_PASSWORD,
      confirmPassword: "Canbo@2026y",
    });
    expect(mismatch.body.fields).toEqual({ confirmPassword: "Mật khẩu mới nhập lại không khớp" });
    const same = await as(cookie).post("/api/officer/password", { newPassword: password, confirmPassword: password });
    expect(same.body).toMatchObject({
      code: "PASSWORD_UNCHANGED",
      message: "Mật khẩu mới phải khác mật khẩu hiện tại.",
    });
    const common = await as(cookie).post("/api/officer/password", {
      newPassword: "Password@123",
      confirmPassword: "Password@123",
    });
    expect(common.body.code).toBe("PASSWORD_COMMON");

    const done = await as(cookie).post("/api/officer/password", {
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(done.status).toBe(200);
    expect(done.body.mustChangePassword).toBe(false);
    expect((await as(cookie).get("/api/officer/me")).body).toEqual(res.body.officer);
    expect((await officerLogin(username, password)).res.body.code).toBe("OFFICER_LOGIN_FAILED");
    const again = await officerLogin(username, NEW_PASSWORD);
    expect(again.res.body.mustChangePassword).toBe(false);
    const events = await env.DB.prepare("SELECT event FROM audit_log WHERE officer = ?1 ORDER BY id")
      .bind(username)
      .all<{ event: string }>();
    expect(events.results.map((e) => e.event)).toEqual([
      "officer.created",
      "officer.login.succeeded",
      "officer.password.changed",
      "officer.login.failed",
      "officer.login.succeeded",
    ]);
  });

  it("a password change ends the officer's other sessions, audited, and keeps this one", async () => {
    const { username, password } = await addOfficer(TAM_THANH, "officer", "Lê Văn Bình");
    const first = await officerLogin(username, password);
    const second = await officerLogin(username, password);
    const done = await as(second.cookie).post("/api/officer/password", {
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(done.status).toBe(200);
    expect((await as(first.cookie).get("/api/officer/me")).status).toBe(401);
    expect((await as(second.cookie).get("/api/officer/me")).status).toBe(200);
    const revoked = await row<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE officer = ?1 AND event = 'session.revoked'",
      username,
    );
    expect(JSON.parse(revoked?.detail ?? "{}")).toEqual({ reason: "password", sessions: 1 });
  });

  it("gives the same answer for an unknown user name and a wrong password", async () => {
    const { username } = await addOfficer(TAM_THANH);
    const a = await post("/api/officer/login", { username: "khongco.ai", password: "Whatever@1" });
    const b = await post("/api/officer/login", { username, password: "Whatever@1" });
    for (const r of [a, b]) {
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ code: "OFFICER_LOGIN_FAILED", message: "Tên đăng nhập hoặc mật khẩu không đúng" });
      expect(r.headers.get("set-cookie")).toBeNull();
    }
  });

  it("user names are not case-sensitive; Đăng xuất ends the session and clears the cookie", async () => {
    const { cookie, username } = await readyOfficer(TAM_THANH);
    const upper = await officerLogin(username.toUpperCase(), NEW_PASSWORD);
    expect(upper.res.status).toBe(200);
    const out = await as(cookie).post("/api/officer/logout", {});
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/^vneid_officer=; .*Max-Age=0/);
    expect((await as(cookie).get("/api/officer/me")).status).toBe(401);
    expect((await as(upper.cookie).get("/api/officer/me")).status).toBe(200);
  });
});

describe("who may call the officer routes", () => {
  /** Every officer route but login and logout, with a path that names a file and a well-formed body. */
  const officerRoutes = ROUTES.filter((r) => r.path.startsWith("/api/officer/") && !/\/(login|logout)$/.test(r.path));

  async function callRoute(r: (typeof officerRoutes)[number], cookie?: string) {
    const path = r.path.replace("{id}", "1");
    const headers: Record<string, string> = cookie ? { cookie } : {};
    if (r.method === "get") return call("GET", `${path}?day=2026-07-15`, undefined, { headers });
    if (r.body?.kind === "jpeg")
      return call("POST", path, undefined, { headers: { ...headers, "content-type": "image/jpeg" }, raw: "" });
    return call("POST", path, r.body?.kind === "json" ? bodyExample(r) : {}, { headers });
  }

  it("covers every officer route of the API", () => {
    expect(officerRoutes.length).toBeGreaterThanOrEqual(13);
  });

  it("without a session: 401 UNAUTHENTICATED on every officer route", async () => {
    for (const r of officerRoutes) {
      if (r.body?.kind === "jpeg") continue; // an empty body is refused as not a JPEG first
      const res = await callRoute(r);
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expect(res.body.code).toBe("UNAUTHENTICATED");
    }
  });

  it("with a citizen session: 403 FORBIDDEN on every officer route, and nothing else happens", async () => {
    const c = take("active");
    const { cookie } = await loginCookie(c.id, c.password as string);
    for (const r of officerRoutes) {
      if (r.body?.kind === "jpeg") continue;
      const res = await callRoute(r, cookie as string);
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
      expect(res.body).toEqual({ code: "FORBIDDEN", message: "Bạn không có quyền thực hiện chức năng này." });
    }
    const photo = await uploadIntakePhoto(cookie as string);
    expect(photo.status).toBe(403);
    // …and the officer cookie is no citizen session.
    const officer = await readyOfficer(TAM_THANH);
    expect((await call("GET", "/api/me", undefined, { headers: { cookie: officer.cookie } })).status).toBe(401);
  });

  it("an officer is refused the province_admin's reports, export and audit log", async () => {
    const { cookie } = await readyOfficer(TAM_THANH);
    for (const path of ["/api/officer/reports", "/api/officer/reports.csv", "/api/officer/audit"]) {
      const res = await as(cookie).get(path);
      expect(res.status, path).toBe(403);
      expect(res.body.code, path).toBe("FORBIDDEN");
    }
    const admin = await readyOfficer(PROVINCE, "province_admin");
    for (const path of ["/api/officer/reports", "/api/officer/audit"])
      expect((await as(admin.cookie).get(path)).status, path).toBe(200);
  });

  it("an officer acts only for their own unit; a province_admin for every unit", async () => {
    const ward = await readyOfficer(TAM_THANH);
    const admin = await readyOfficer(PROVINCE, "province_admin");
    const other = await as(ward.cookie).get(`/api/officer/applications?unit=${HUU_LIEN}`);
    expect(other.status).toBe(403);
    expect((await as(ward.cookie).get(`/api/officer/applications?unit=${TAM_THANH}`)).status).toBe(200);
    expect((await as(ward.cookie).get(`/api/officer/appointments?day=2026-07-15&unit=${HUU_LIEN}`)).status).toBe(403);
    expect((await as(admin.cookie).get(`/api/officer/applications?unit=${HUU_LIEN}`)).status).toBe(200);
    expect((await as(admin.cookie).get(`/api/officer/appointments?day=2026-07-15&unit=${HUU_LIEN}`)).status).toBe(200);
  });
});

describe("lockout and session lifetimes (these tests move the clock)", () => {
  it("locks the officer for 15 minutes after 5 wrong passwords, even against the right one", async () => {
    const { username } = await readyOfficer(TAM_THANH);
    for (let i = 0; i < 4; i++)
      expect((await officerLogin(username, "Wrong@pass1")).res.body.code).toBe("OFFICER_LOGIN_FAILED");
    const fifth = await officerLogin(username, "Wrong@pass1");
    expect(fifth.res.status).toBe(423);
    expect(fifth.res.body.code).toBe("ACCOUNT_LOCKED");
    expect(fifth.res.body.message).toContain("tạm khóa");
    expect(fifth.res.headers.get("retry-after")).toBe("900");
    expect((await officerLogin(username, NEW_PASSWORD)).res.body.code).toBe("ACCOUNT_LOCKED");
    expect(
      await row("SELECT event FROM audit_log WHERE officer = ?1 AND event = 'officer.login.locked'", username),
    ).toEqual({
      event: "officer.login.locked",
    });
    await advanceClock(15 * 60 + 1);
    expect((await officerLogin(username, NEW_PASSWORD)).res.status).toBe(200);
  });

  it("an officer session ends after 15 minutes idle (a citizen's lasts 30)", async () => {
    const { cookie } = await readyOfficer(TAM_THANH);
    const c = take("active");
    const citizen = (await loginCookie(c.id, c.password as string)).cookie as string;
    await advanceClock(14 * 60);
    expect((await as(cookie).get("/api/officer/me")).status).toBe(200);
    await advanceClock(15 * 60 + 1);
    expect((await as(cookie).get("/api/officer/me")).status).toBe(401);
    expect((await call("GET", "/api/me", undefined, { headers: { cookie: citizen } })).status).toBe(200);
  });

  it("an officer session ends 8 hours after login, however active", async () => {
    const { cookie } = await readyOfficer(TAM_THANH);
    // 32 × 890 s = 7 h 54 min 40 s: never 15 minutes idle, still within 8 hours; 890 s more passes 8 hours.
    for (let i = 0; i < 32; i++) {
      await advanceClock(890);
      expect((await as(cookie).get("/api/officer/me")).status).toBe(200);
    }
    await advanceClock(890);
    expect((await as(cookie).get("/api/officer/me")).status).toBe(401);
  });

  it("the officer cookie is Secure outside plain-http development, like the citizen cookie", async () => {
    const { exports } = await import("cloudflare:workers");
    const { username, password } = await addOfficer(TAM_THANH);
    const secure = await exports.default.fetch("https://vneid.example.vn/api/officer/login", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "https://vneid.example.vn",
        "cf-connecting-ip": "203.0.113.10",
      },
      body: JSON.stringify({ username, password }),
    });
    expect(secure.status).toBe(200);
    expect(secure.headers.get("set-cookie")).toMatch(/; Secure$/);
    const plain = await officerLogin(username, password);
    expect(plain.res.status).toBe(200);
    expect(plain.res.headers.get("set-cookie")).not.toContain("Secure");
  });
});
