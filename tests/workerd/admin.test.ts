/**
 * `/api/admin/*` (issue 14, "Bootstrap and administration"): bootstrap with the BOOTSTRAP_TOKEN secret on an empty
 * database, the imports of a province_admin, and "Quản lý cán bộ" (add, reset, lock and unlock, transfer): who may
 * call them, validation, audit lines, rate limits, and what a lock and a transfer do to the officer at once.
 * The file's storage starts empty: the bootstrap tests run first, before any unit is loaded.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { generateRegistry } from "../../scripts/demo-registry";
import { createCtx } from "../../worker/src/context";
import { importRegistryAs } from "../../worker/src/domain/admin";
import { findOfficer } from "../../worker/src/db/officers";
import { call, loginCookie, post, randomIp, row, snapshotTables } from "./helpers";
import { LANG_SON, NEW_PASSWORD, PROVINCE, TAM_THANH, as, officerLogin } from "./officer-helpers";

const TOKEN = env.BOOTSTRAP_TOKEN as string;
const KY_LUA = "CAP-KYLUA";

type Audit = { event: string; officer: string | null; detail: Record<string, unknown> };

/** The audit lines of `event`, oldest first. */
async function auditOf(event: string): Promise<Audit[]> {
  const { results } = await env.DB.prepare("SELECT event, officer, detail FROM audit_log WHERE event = ?1 ORDER BY id")
    .bind(event)
    .all<{ event: string; officer: string | null; detail: string }>();
  return results.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

const bootstrap = (body: Record<string, unknown>, ip = randomIp(), vars: Record<string, string> = {}) =>
  call("POST", "/api/admin/bootstrap", body, { headers: { "cf-connecting-ip": ip }, env: vars });

/** The first province_admin, past the first-login password change: cookie and user name. */
const admin = { cookie: "", username: "" };

describe("bootstrap (POST /api/admin/bootstrap)", () => {
  it("refuses a wrong token with 403 and audits it without the token", async () => {
    const res = await bootstrap({ token: "not-the-token-at-all-but-long-enough-123", province: "020", name: "Kẻ Lạ" });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      code: "BOOTSTRAP_TOKEN_INVALID",
      message: "Mã khởi tạo (BOOTSTRAP_TOKEN) không đúng.",
    });
    const refused = await auditOf("admin.bootstrap.refused");
    expect(refused.at(-1)?.detail).toEqual({ reason: "token", province: "020" });
    const all = await env.DB.prepare("SELECT detail FROM audit_log").all<{ detail: string }>();
    expect(all.results.some((r) => r.detail.includes("not-the-token"))).toBe(false);
    expect(await row("SELECT count(*) AS n FROM officers")).toEqual({ n: 0 });
  });

  it("refuses another province than the deployment's with a clear 422", async () => {
    const res = await bootstrap({ token: TOKEN, province: "001", name: "Lương Văn Tỉnh" });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("PROVINCE_MISMATCH");
    expect(res.body.fields.province).toContain("020");
    expect(await row("SELECT count(*) AS n FROM units")).toEqual({ n: 0 });
  });

  it("with no units loaded, creates the province unit and ONE province_admin, even when two race", async () => {
    expect(await row("SELECT count(*) AS n FROM units")).toEqual({ n: 0 });
    const [a, b] = await Promise.all([
      bootstrap({ token: TOKEN, province: "020", name: "Lương Văn Tỉnh" }),
      bootstrap({ token: TOKEN, province: "020", name: "Hoàng Văn Hai" }),
    ]);
    const won = a.status === 200 ? a : b;
    const lost = a.status === 200 ? b : a;
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(lost.body.code).toBe("BOOTSTRAP_DONE");
    expect(Object.keys(won.body)).toEqual(["username", "password", "unit"]);
    expect(won.body.unit).toEqual({ code: PROVINCE, name: "Công an tỉnh Lạng Sơn", created: true });
    expect(await row("SELECT kind, parent, province_code, slots FROM units WHERE code = ?1", PROVINCE)).toEqual({
      kind: "province",
      parent: null,
      province_code: "020",
      slots: "[]",
    });
    const officers = await env.DB.prepare("SELECT username, role, unit_code, must_change FROM officers").all();
    expect(officers.results).toEqual([
      { username: won.body.username, role: "province_admin", unit_code: PROVINCE, must_change: 1 },
    ]);
    expect((await auditOf("admin.bootstrap")).map((x) => x.detail)).toEqual([
      { username: won.body.username, province: "020", unit: PROVINCE, unitCreated: true },
    ]);

    // The one-time password logs in and must be changed first.
    const { res, cookie } = await officerLogin(won.body.username, won.body.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      mustChangePassword: true,
      officer: { role: "province_admin", unit: { code: PROVINCE } },
    });
    expect((await as(cookie).get("/api/admin/officers")).body.code).toBe("PASSWORD_CHANGE_REQUIRED");
    const changed = await post(
      "/api/officer/password",
      { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { cookie },
    );
    expect(changed.status).toBe(200);
    Object.assign(admin, { cookie, username: won.body.username });
  });

  it("answers 409 BOOTSTRAP_DONE once the province has a province_admin", async () => {
    const res = await bootstrap({ token: TOKEN, province: "020", name: "Người Khác" });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("BOOTSTRAP_DONE");
    expect(await row("SELECT count(*) AS n FROM officers")).toEqual({ n: 1 });
  });

  it("rate-limits repeated wrong tokens per client IP (then even the right one), not other clients", async () => {
    const ip = randomIp();
    const vars = { LIMIT_BOOTSTRAP_PER_IP: "3/3600" };
    const wrong = { token: "wrong-token-wrong-token-wrong-token-000", province: "020", name: "Kẻ Lạ" };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await bootstrap(wrong, ip, vars)).status);
    expect(statuses).toEqual([403, 403, 403, 429]);
    const right = await bootstrap({ ...wrong, token: TOKEN }, ip, vars);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe("RATE_LIMITED");
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await bootstrap(wrong, randomIp(), vars)).status).toBe(403);
    // A right token gives its slot back: the operator is not counted against.
    const operator = randomIp();
    for (let i = 0; i < 4; i++) expect((await bootstrap({ ...wrong, token: TOKEN }, operator, vars)).status).toBe(409);
  });

  it("stays closed while BOOTSTRAP_TOKEN is unset or short, whatever is sent", async () => {
    for (const value of ["", "short-token"]) {
      const res = await bootstrap({ token: value || "x", province: "020", name: "A B" }, randomIp(), {
        BOOTSTRAP_TOKEN: value,
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("BOOTSTRAP_TOKEN_INVALID");
    }
  });
});

describe("imports by a province_admin", () => {
  it("POST /api/admin/units validates the whole file, keeps the province unit's code, and is audited", async () => {
    const other = structuredClone(LANG_SON) as { units: Array<{ code: string; kind: string; parent: string | null }> };
    for (const u of other.units) {
      if (u.code === PROVINCE) u.code = "CA-LS";
      if (u.parent === PROVINCE) u.parent = "CA-LS";
    }
    const before = await snapshotTables(["audit_log", "officer_sessions"]);
    const refused = await as(admin.cookie).post("/api/admin/units", other);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("IMPORT_INVALID");
    expect(JSON.stringify(refused.body.details)).toContain(`the province unit of 020 is ${PROVINCE} already`);
    expect(await snapshotTables(["audit_log", "officer_sessions"])).toEqual(before);

    const res = await as(admin.cookie).post("/api/admin/units", LANG_SON);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ province: "020", units: LANG_SON.units.length });
    expect(
      JSON.parse((await row<{ slots: string }>("SELECT slots FROM units WHERE code = ?1", PROVINCE))?.slots ?? "[]"),
    ).toHaveLength(8);
    expect((await auditOf("units.imported")).at(-1)).toMatchObject({
      officer: admin.username,
      detail: { province: "020" },
    });
  });

  it("POST /api/admin/registry imports all or nothing, reports each bad record, and is audited", async () => {
    const { file } = generateRegistry(1414, 6);
    const bad = structuredClone(file);
    (bad.registry as Array<Record<string, unknown>>)[1]!.dob = "1990-02-30";
    const before = await snapshotTables(["audit_log", "officer_sessions"]);
    const refused = await as(admin.cookie).post("/api/admin/registry", bad);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("IMPORT_INVALID");
    expect(refused.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ section: "registry", index: 1 })]),
    );
    expect(await snapshotTables(["audit_log", "officer_sessions"])).toEqual(before);

    const res = await as(admin.cookie).post("/api/admin/registry", file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ registry: 6 });
    expect((await auditOf("registry.imported")).at(-1)?.officer).toBe(admin.username);
  });

  it("refuses the registry import where the registry is not the local table (409 REGISTRY_NOT_LOCAL)", async () => {
    const ctx = await createCtx(env, { registry: { findCitizen: async () => null } });
    const officer = await findOfficer(env.DB, admin.username);
    if (!officer) throw new Error("fixture");
    expect(await importRegistryAs(ctx, officer, {})).toMatchObject({ ok: false, code: "REGISTRY_NOT_LOCAL" });
  });
});

describe("every /api/admin/* route but bootstrap needs a province_admin", () => {
  const ROUTES: Array<[string, string, unknown]> = [
    ["GET", "/api/admin/officers", undefined],
    ["POST", "/api/admin/officers", { name: "Nguyễn Văn An", role: "officer", unit: TAM_THANH }],
    ["POST", "/api/admin/officers/annv/password", {}],
    ["POST", "/api/admin/officers/annv/lock", {}],
    ["POST", "/api/admin/officers/annv/unlock", {}],
    ["POST", "/api/admin/officers/annv/unit", { unit: KY_LUA }],
    ["POST", "/api/admin/units", LANG_SON],
    ["POST", "/api/admin/registry", {}],
  ];

  it("401 without a session, 403 for an officer or a citizen, and nothing changes", async () => {
    const made = await as(admin.cookie).post("/api/admin/officers", {
      name: "Vi Văn Thường",
      role: "officer",
      unit: TAM_THANH,
    });
    expect(made.status).toBe(200);
    const { cookie } = await officerLogin(made.body.username, made.body.password);
    await post("/api/officer/password", { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, { cookie });
    const citizen = generateRegistry(1414, 6).citizens.find((c) => c.kind === "active");
    const citizenCookie = (await loginCookie(citizen?.id ?? "", citizen?.password ?? "")).cookie ?? "";
    expect(citizenCookie).not.toBe("");
    const before = await snapshotTables(["audit_log", "officer_sessions", "sessions"]);
    for (const [method, path, body] of ROUTES) {
      const anonymous = await call(method, path, body);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.body.code, path).toBe("UNAUTHENTICATED");
      for (const who of [cookie, citizenCookie]) {
        const res = await call(method, path, body, { headers: { cookie: who } });
        expect(res.status, path).toBe(403);
        expect(res.body.code, path).toBe("FORBIDDEN");
      }
    }
    expect(await snapshotTables(["audit_log", "officer_sessions", "sessions"])).toEqual(before);
  });

  it("validates bodies before anything else (422 with the fields), and refuses a cross-origin request", async () => {
    const res = await as(admin.cookie).post("/api/admin/officers", {
      name: "",
      role: "chief",
      unit: "bad code",
      extra: 1,
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields).sort()).toEqual(["extra", "name", "role", "unit"]);
    const transfer = await as(admin.cookie).post("/api/admin/officers/annv/unit", {});
    expect(transfer.body.fields).toHaveProperty("unit");
    const csrf = await call(
      "POST",
      "/api/admin/officers/annv/lock",
      {},
      { headers: { cookie: admin.cookie, origin: "https://evil.example" } },
    );
    expect(csrf.status).toBe(403);
    expect(csrf.body.code).toBe("CSRF");
  });

  it("rate-limits each province_admin's requests", async () => {
    const vars = { LIMIT_ADMIN_PER_OFFICER: "2/300" };
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await call("GET", "/api/admin/officers", undefined, { headers: { cookie: admin.cookie }, env: vars })).status,
      );
    expect(statuses.slice(-1)).toEqual([429]);
    const limited = await call(
      "POST",
      "/api/admin/officers/annv/lock",
      {},
      { headers: { cookie: admin.cookie }, env: vars },
    );
    expect(limited.body.code).toBe("RATE_LIMITED");
  });
});

describe("Quản lý cán bộ", () => {
  /** An officer made in the console, logged in past the password change. */
  async function consoleOfficer(name: string, unit = TAM_THANH) {
    const made = await as(admin.cookie).post("/api/admin/officers", { name, role: "officer", unit });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const { cookie } = await officerLogin(made.body.username, made.body.password);
    const changed = await post(
      "/api/officer/password",
      { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { cookie },
    );
    expect(changed.status).toBe(200);
    return { username: made.body.username as string, cookie };
  }

  it("Thêm cán bộ: a one-time password, an audit line naming the admin; an unknown unit is 404", async () => {
    const res = await as(admin.cookie).post("/api/admin/officers", {
      name: "Nguyễn Văn An",
      role: "officer",
      unit: TAM_THANH,
    });
    expect(res.status).toBe(200);
    expect(res.body.username).toMatch(/^annv\d*$/);
    expect(res.body.password).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    expect(res.body.officer).toMatchObject({
      username: res.body.username,
      name: "Nguyễn Văn An",
      role: "officer",
      unit: { code: TAM_THANH, name: "Công an phường Tam Thanh" },
      mustChangePassword: true,
      locked: false,
      lastLoginAt: null,
    });
    expect((await auditOf("officer.created")).at(-1)).toMatchObject({
      officer: admin.username,
      detail: { username: res.body.username, unit: TAM_THANH, role: "officer" },
    });
    expect((await officerLogin(res.body.username, res.body.password)).res.body.mustChangePassword).toBe(true);
    const unknown = await as(admin.cookie).post("/api/admin/officers", {
      name: "A B",
      role: "officer",
      unit: "CAP-NOWHERE",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("UNIT_NOT_FOUND");
  });

  it("lists every officer with unit, role, state and last login; the viewing is audited", async () => {
    const res = await as(admin.cookie).get("/api/admin/officers");
    expect(res.status).toBe(200);
    const mine = res.body.officers.find((o: { username: string }) => o.username === admin.username);
    expect(mine).toMatchObject({
      role: "province_admin",
      unit: { code: PROVINCE },
      mustChangePassword: false,
      locked: false,
    });
    expect(mine.lastLoginAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(res.body.officers.length).toBeGreaterThanOrEqual(3);
    expect((await auditOf("officers.viewed")).at(-1)).toMatchObject({
      officer: admin.username,
      detail: { count: res.body.officers.length },
    });
  });

  it("Đặt lại mật khẩu: a new one-time password; the officer's sessions end; not for oneself", async () => {
    const o = await consoleOfficer("Đinh Thị Reset");
    const res = await as(admin.cookie).post(`/api/admin/officers/${o.username}/password`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: o.username, officer: { mustChangePassword: true } });
    expect((await as(o.cookie).get("/api/officer/me")).status).toBe(401);
    expect((await officerLogin(o.username, NEW_PASSWORD)).res.status).toBe(401);
    const again = await officerLogin(o.username, res.body.password);
    expect(again.res.status).toBe(200);
    expect(again.res.body.mustChangePassword).toBe(true);
    expect((await auditOf("officer.password.reset")).at(-1)).toEqual({
      event: "officer.password.reset",
      officer: admin.username,
      detail: { username: o.username },
    });

    const self = await as(admin.cookie).post(`/api/admin/officers/${admin.username}/password`, {});
    expect(self.status).toBe(409);
    expect(self.body.code).toBe("OFFICER_SELF");
    const nobody = await as(admin.cookie).post("/api/admin/officers/nobody.here/password", {});
    expect(nobody.status).toBe(404);
    expect(nobody.body.code).toBe("OFFICER_NOT_FOUND");
  });

  it("Khóa: the officer's sessions end at once and login is refused; Mở khóa lets them back; never oneself", async () => {
    const o = await consoleOfficer("Lò Văn Khóa");
    const second = await officerLogin(o.username, NEW_PASSWORD);
    expect((await as(o.cookie).get("/api/officer/me")).status).toBe(200);

    const locked = await as(admin.cookie).post(`/api/admin/officers/${o.username}/lock`, {});
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({ username: o.username, locked: true });
    for (const cookie of [o.cookie, second.cookie]) expect((await as(cookie).get("/api/officer/me")).status).toBe(401);
    expect(
      await row("SELECT count(*) AS n FROM officer_sessions WHERE username = ?1 AND revoked_at IS NULL", o.username),
    ).toEqual({ n: 0 });
    const refused = await officerLogin(o.username, NEW_PASSWORD);
    expect(refused.res.status).toBe(403);
    expect(refused.res.body).toMatchObject({
      code: "OFFICER_DISABLED",
      message: "Tài khoản cán bộ này đã bị khóa. Vui lòng liên hệ cán bộ quản trị cấp tỉnh.",
    });
    expect(refused.cookie).toBe("");
    // A wrong password learns nothing about the lock.
    expect((await officerLogin(o.username, "Sai@Matkhau1")).res.body.code).toBe("OFFICER_LOGIN_FAILED");
    expect((await auditOf("officer.locked")).at(-1)).toEqual({
      event: "officer.locked",
      officer: admin.username,
      detail: { username: o.username, sessions: 2 },
    });
    expect((await auditOf("officer.login.refused")).at(-1)).toMatchObject({
      officer: o.username,
      detail: { reason: "locked" },
    });
    const listed = await as(admin.cookie).get("/api/admin/officers");
    expect(listed.body.officers.find((x: { username: string }) => x.username === o.username).locked).toBe(true);

    const self = await as(admin.cookie).post(`/api/admin/officers/${admin.username}/lock`, {});
    expect(self.status).toBe(409);
    expect(self.body.code).toBe("OFFICER_SELF");
    expect((await as(admin.cookie).get("/api/officer/me")).status).toBe(200);

    const unlocked = await as(admin.cookie).post(`/api/admin/officers/${o.username}/unlock`, {});
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.locked).toBe(false);
    const back = await officerLogin(o.username, NEW_PASSWORD);
    expect(back.res.status).toBe(200);
    expect((await auditOf("officer.unlocked")).at(-1)).toEqual({
      event: "officer.unlocked",
      officer: admin.username,
      detail: { username: o.username },
    });
  });

  it("Chuyển đơn vị: the officer acts for the new unit from their next request; unknown unit or officer is 404", async () => {
    const o = await consoleOfficer("Nông Văn Chuyển");
    const res = await as(admin.cookie).post(`/api/admin/officers/${o.username}/unit`, { unit: KY_LUA.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username: o.username,
      role: "officer",
      unit: { code: KY_LUA, name: "Công an phường Kỳ Lừa" },
    });
    expect((await as(o.cookie).get("/api/officer/me")).body.unit).toEqual({
      code: KY_LUA,
      name: "Công an phường Kỳ Lừa",
    });
    expect((await auditOf("officer.transferred")).at(-1)).toEqual({
      event: "officer.transferred",
      officer: admin.username,
      detail: { username: o.username, from: TAM_THANH, to: KY_LUA },
    });
    const unit = await as(admin.cookie).post(`/api/admin/officers/${o.username}/unit`, { unit: "CAP-NOWHERE" });
    expect(unit.status).toBe(404);
    expect(unit.body.code).toBe("UNIT_NOT_FOUND");
    const nobody = await as(admin.cookie).post("/api/admin/officers/nobody.here/unit", { unit: KY_LUA });
    expect(nobody.body.code).toBe("OFFICER_NOT_FOUND");
  });
});

describe("the development commands keep working", () => {
  beforeAll(async () => {
    expect((await post("/api/dev/units/import", LANG_SON)).status).toBe(200);
  });

  it("officer:add's route still creates an officer, audited as before", async () => {
    const res = await post("/api/dev/officers", { unit: TAM_THANH, role: "officer", name: "Hà Văn Dev" });
    expect(res.status).toBe(200);
    expect((await auditOf("officer.created")).at(-1)).toMatchObject({
      officer: res.body.username,
      detail: { unit: TAM_THANH, role: "officer" },
    });
  });
});
