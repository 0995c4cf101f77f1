import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import { configuredIterations, hashSecret } from "../../worker/src/crypto";
import { advanceClock, call, loginCookie, pool, post, row, seedRegistry } from "./helpers";
import { productionSettings } from "./ops-helpers";

let take: (kind: DemoKind) => DemoCitizen;

beforeAll(async () => {
  take = pool(await seedRegistry(303, 72));
});

describe("Đăng nhập (seed 000, step 5)", () => {
  it("any account with a password may log in, whatever its state", async () => {
    for (const kind of ["app", "pending", "approved-with-password", "active"] as const) {
      const c = take(kind);
      const { res, cookie } = await loginCookie(c.id, c.password as string);
      expect(res.status, kind).toBe(200);
      expect(cookie).toMatch(/^vneid_session=[A-Za-z0-9_-]{43}$/);
      expect(res.body).toMatchObject({ citizenId: c.id, fullName: c.fullName });
    }
  });

  it("sets a random 256-bit token in an HttpOnly, SameSite=Strict cookie and stores only its hash", async () => {
    const c = take("active");
    const { res, cookie } = await loginCookie(c.id, c.password as string);
    const header = res.headers.get("set-cookie") as string;
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Strict");
    expect(header).toContain("Path=/");
    const token = (cookie as string).split("=")[1] as string;
    expect(await row("SELECT 1 FROM sessions WHERE token_hash = ?1", token)).toBeNull();
    const digest = [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)))]
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("");
    expect(await row("SELECT account_id FROM sessions WHERE token_hash = ?1", digest)).toEqual({ account_id: c.id });
  });

  it("home shows the full name, level, state and bound device; Đăng xuất ends the session", async () => {
    const c = take("active");
    const { cookie } = await loginCookie(c.id, c.password as string);
    const me = await call("GET", "/api/me", undefined, { headers: { cookie: cookie as string } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ citizenId: c.id, fullName: c.fullName, status: "active" });
    expect([1, 2]).toContain(me.body.level);
    expect(me.body.device.deviceId).toBe(c.deviceId);
    const out = await post("/api/auth/logout", {}, { cookie: cookie as string });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    expect((await call("GET", "/api/me", undefined, { headers: { cookie: cookie as string } })).status).toBe(401);
  });

  it("an unknown ID, an account without a password and a wrong password get the same answer", async () => {
    const c = take("approved-new");
    const a = await post("/api/auth/login", { citizenId: "020199000001", password: "Whatever@1" });
    const b = await post("/api/auth/login", { citizenId: c.id, password: "Whatever@1" });
    const d = take("app");
    const e = await post("/api/auth/login", { citizenId: d.id, password: "Whatever@1" });
    for (const r of [a, b, e]) {
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ code: "LOGIN_FAILED", message: "Số định danh cá nhân hoặc mật khẩu không đúng" });
    }
  });

  it("5 wrong passwords lock the account for 15 minutes; the right one is refused meanwhile", async () => {
    const c = take("active");
    for (let i = 1; i <= 4; i++) {
      expect((await post("/api/auth/login", { citizenId: c.id, password: `Wrong@${i}xx` })).status).toBe(401);
    }
    const fifth = await post("/api/auth/login", { citizenId: c.id, password: "Wrong@5xx" });
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe("ACCOUNT_LOCKED");
    expect(fifth.body.message).toContain("tạm khóa");
    expect(fifth.body.message).toContain("15 phút");
    const right = await post("/api/auth/login", { citizenId: c.id, password: c.password });
    expect(right.status).toBe(423);
    await advanceClock(10 * 60);
    const later = await post("/api/auth/login", { citizenId: c.id, password: c.password });
    expect(later.status).toBe(423);
    expect(later.body.message).toContain("5 phút");
    await advanceClock(5 * 60);
    expect((await post("/api/auth/login", { citizenId: c.id, password: c.password })).status).toBe(200);
    const audit = await row<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE event = 'login.locked' AND account_id = ?1",
      c.id,
    );
    expect(audit?.n).toBe(1);
  });

  it("concurrent wrong passwords cannot outrun the lockout", async () => {
    const c = take("active");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post("/api/auth/login", { citizenId: c.id, password: `Wrong@${i}yy` })),
    );
    expect(results.filter((r) => r.status === 401).length).toBeLessThanOrEqual(4);
    expect(results.every((r) => r.status === 401 || r.status === 423)).toBe(true);
    expect((await post("/api/auth/login", { citizenId: c.id, password: c.password })).status).toBe(423);
  });

  it("a session ends after 30 idle minutes", async () => {
    const c = take("active");
    const { cookie } = await loginCookie(c.id, c.password as string);
    await advanceClock(29 * 60);
    expect((await call("GET", "/api/me", undefined, { headers: { cookie: cookie as string } })).status).toBe(200);
    await advanceClock(30 * 60);
    expect((await call("GET", "/api/me", undefined, { headers: { cookie: cookie as string } })).status).toBe(401);
  });

  it("a session ends 12 hours after login even when it is kept busy", async () => {
    const c = take("active");
    const { cookie } = await loginCookie(c.id, c.password as string);
    const me = () => call("GET", "/api/me", undefined, { headers: { cookie: cookie as string } });
    for (let minutes = 0; minutes + 29 < 12 * 60; minutes += 29) {
      expect((await me()).status, `after ${minutes} min`).toBe(200);
      await advanceClock(29 * 60);
    }
    await advanceClock(29 * 60);
    expect((await me()).status).toBe(401);
  });

  it("the cookie is Secure except over plain http in development", async () => {
    const c = take("active");
    const { env } = await import("cloudflare:workers");
    const { default: handler } = await import("../../worker/src/index");
    const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
    const login = (url: string, vars: Record<string, string> = {}) =>
      handler.fetch(
        new Request(url, {
          method: "POST",
          headers: { "content-type": "application/json", origin: new URL(url).origin },
          body: JSON.stringify({ citizenId: c.id, password: c.password }),
        }),
        { ...env, ...vars } as typeof env,
        ctx,
      );
    const devHttp = (await login("http://127.0.0.1:8787/api/auth/login")).headers.get("set-cookie") ?? "";
    expect(devHttp).not.toContain("Secure");
    const devHttps = (await login("https://vneid.example.vn/api/auth/login")).headers.get("set-cookie") ?? "";
    expect(devHttps).toContain("; Secure");
    // A production deployment has keys of its own (with the development ones it serves nothing): its pepper made the hash.
    const prod = await productionSettings();
    const hash = await hashSecret(
      c.password as string,
      prod.PEPPER as string,
      configuredIterations(env.PBKDF2_ITERATIONS),
    );
    await env.DB.prepare("UPDATE accounts SET password_hash = ?2 WHERE id = ?1").bind(c.id, hash).run();
    const prodHttp = (await login("http://vneid.example.vn/api/auth/login", prod)).headers.get("set-cookie") ?? "";
    expect(prodHttp).toContain("; Secure");
    expect(prodHttp).toContain("HttpOnly");
    expect(prodHttp).toContain("SameSite=Strict");
  });
});
