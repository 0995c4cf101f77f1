/** Each security control, with a test that fails without it (issue: security hardening). */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import { HttpSms, SmsUnavailableError } from "../../worker/src/adapters/sms";
import { containsIdentity, isCommonPassword } from "../../worker/src/domain/password-policy";
import { SECURITY_HEADERS } from "../../worker/src/security-headers";
import {
  advanceClock,
  callWith,
  latestOtp,
  newDeviceId,
  pool,
  post,
  randomIp,
  row,
  seedRegistry,
  snapshotTables,
} from "./helpers";

let take: (kind: DemoKind) => DemoCitizen;

beforeAll(async () => {
  take = pool(await seedRegistry(606, 240));
});

const worker = exports.default;
const BASE = "http://127.0.0.1:8787";

describe("CSRF", () => {
  const start = (headers: Record<string, string>, url = `${BASE}/api/auth/login`) =>
    worker.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ citizenId: "020190000001", password: "x" }),
    });

  it("refuses a cross-origin or origin-less state change with 403 CSRF, before any other work", async () => {
    const before = await snapshotTables();
    const cases: Array<Record<string, string>> = [
      { origin: "https://evil.example" },
      { origin: "http://127.0.0.1:8788" },
      { origin: "null" },
      {},
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const headers of cases) {
      const res = await start(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toMatchObject({ code: "CSRF" });
    }
    // Even a malformed body is refused as CSRF first.
    const bad = await worker.fetch(`${BASE}/api/activation/start`, {
      method: "POST",
      headers: { origin: "https://evil.example" },
      body: "{",
    });
    expect(bad.status).toBe(403);
    expect(await snapshotTables()).toEqual(before);
  });

  it("accepts the app's own origin on whatever host and port, or Sec-Fetch-Site: same-origin", async () => {
    expect((await start({ origin: BASE })).status).toBe(401);
    expect(
      (await start({ origin: "https://vneid.example.vn:8443" }, "https://vneid.example.vn:8443/api/auth/login")).status,
    ).toBe(401);
    expect((await start({ "sec-fetch-site": "same-origin" })).status).toBe(401);
  });

  it("leaves the development routes and GETs alone", async () => {
    const clock = await worker.fetch(`${BASE}/api/dev/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceSeconds: 0 }),
    });
    expect(clock.status).toBe(200);
    expect((await worker.fetch(`${BASE}/api/health`)).status).toBe(200);
  });
});

describe("security headers", () => {
  it("are on every API answer: success, error and 404", async () => {
    const answers = [
      await worker.fetch(`${BASE}/api/health`),
      await worker.fetch(`${BASE}/api/me`),
      await worker.fetch(`${BASE}/api/nope`),
      await worker.fetch(`${BASE}/api/auth/login`, { method: "POST", headers: { origin: "https://evil.example" } }),
    ];
    for (const res of answers) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    }
    const csp = answers[0]?.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(answers[0]?.headers.get("permissions-policy")).toContain("camera=(self)");
  });
});

describe("throttling (exact counters in Durable Objects)", () => {
  it("the production limits are the development defaults", () => {
    expect(env.LIMIT_OTP_PER_IP).toBe("150/300");
    expect(env.LIMIT_OTP_PER_ID).toBe("5/3600");
    expect(env.LIMIT_LOGIN_PER_IP).toBe("500/300");
    expect(env.LIMIT_START_PER_IP).toBe("120/300");
    expect(env.LIMIT_START_PER_ID).toBe("10/3600");
  });

  it("OTP sends per client IP: exact under concurrency, audited, and other clients are unaffected", async () => {
    const ip = randomIp();
    const people = Array.from({ length: 8 }, () => take("approved-new"));
    const flows = await Promise.all(
      people.map((c) => post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() })),
    );
    const vars = { LIMIT_OTP_PER_IP: "5/300" };
    const sends = await Promise.all(
      flows.map((f) => callWith(vars, "/api/activation/otp", { flowId: f.body.flowId }, { "cf-connecting-ip": ip })),
    );
    expect(sends.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = sends.filter((r) => r.status === 429);
    expect(refused).toHaveLength(3);
    expect(refused[0]?.body.code).toBe("RATE_LIMITED");
    expect(refused[0]?.body.message).toMatch(/Vui lòng thử lại sau \d+ phút/);
    expect(Number(refused[0]?.headers.get("retry-after"))).toBeGreaterThan(0);
    // A refused send texted nothing, and the same flow goes through from another client.
    const refusedFlow = flows[sends.findIndex((r) => r.status === 429)]?.body.flowId;
    expect((await callWith(vars, "/api/activation/otp", { flowId: refusedFlow })).status).toBe(200);
    const hits = await row<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE event = 'ratelimit.hit'");
    expect(hits?.n).toBeGreaterThanOrEqual(3);
  });

  it("OTP sends per ID number, and a refused send costs the phone nothing", async () => {
    const c = take("approved-new");
    const vars = { LIMIT_OTP_PER_ID: "2/86400" };
    const start = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    const flowId = start.body.flowId;
    expect((await callWith(vars, "/api/activation/otp", { flowId })).status).toBe(200);
    await advanceClock(61);
    expect((await callWith(vars, "/api/activation/otp", { flowId })).status).toBe(200);
    await advanceClock(61);
    const third = await callWith(vars, "/api/activation/otp", { flowId });
    expect(third.status).toBe(429);
    expect(third.body.code).toBe("RATE_LIMITED");
    // The phone's own guard did not count the refused send: with the default limit it goes at once, no cooldown.
    const fourth = await post("/api/activation/otp", { flowId });
    expect(fourth.status).toBe(200);
  });

  it("login attempts per client IP, besides the per-account lockout", async () => {
    const ip = randomIp();
    const vars = { LIMIT_LOGIN_PER_IP: "3/300" };
    const people = Array.from({ length: 4 }, () => take("active"));
    const results = [];
    for (const c of people) {
      results.push(
        await callWith(vars, "/api/auth/login", { citizenId: c.id, password: c.password }, { "cf-connecting-ip": ip }),
      );
    }
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(results[3]?.body.code).toBe("RATE_LIMITED");
    const other = await callWith(vars, "/api/auth/login", { citizenId: people[3]?.id, password: people[3]?.password });
    expect(other.status).toBe(200);
  });
});

describe("the HTTP SMS provider adapter (against a fake upstream in miniflare)", () => {
  const http = {
    SMS_ADAPTER: "http",
    SMS_HTTP_URL: "https://sms.provider.example/v1/messages",
    SMS_HTTP_TOKEN: "test-bearer-token",
  };
  const upstreamLog = async () =>
    (await (await env.SMS_UPSTREAM?.fetch("http://fake/__log"))?.json()) as {
      log: Array<{ auth: string; type: string; body: { to: string; text: string } }>;
      attempts: number;
    };

  it("POSTs JSON with the bearer token; the OTP it carries works", async () => {
    const c = take("approved-new");
    const start = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    const sent = await callWith(http, "/api/activation/otp", { flowId: start.body.flowId });
    expect(sent.status).toBe(200);
    const entry = (await upstreamLog()).log.find((e) => e.body.to === `+84${c.phone.slice(1)}`);
    expect(entry).toMatchObject({ auth: "Bearer test-bearer-token", type: "application/json" });
    expect(entry?.body.text).toMatch(/^[\x20-\x7e]+$/);
    const code = /\b(\d{6})\b/.exec(entry?.body.text ?? "")?.[1];
    const verified = await post("/api/activation/verify", { flowId: start.body.flowId, otp: code });
    expect(verified.status).toBe(200);
  });

  it("a provider failure says 'try again', retries a bounded number of times, and burns nothing", async () => {
    const { citizens } = await import("../../scripts/demo-registry").then((m) => m.generateRegistry(606, 240));
    // The fake answers 500 for numbers ending in 0500: seed such a citizen through the import.
    const base = citizens.find((x) => x.kind === "approved-new" && !x.phone.endsWith("0500"));
    if (!base) throw new Error("fixture");
    const id = `${base.id.slice(0, 6)}990500`;
    const phone = `${base.phone.slice(0, 6)}0500`;
    const { file } = await import("../../scripts/demo-registry").then((m) => m.generateRegistry(606, 240));
    const record = file.registry?.find((r) => r.id === base.id);
    if (!record) throw new Error("fixture");
    const imported = await post("/api/dev/registry/import", {
      registry: [{ ...record, id, phone }],
      accounts: [{ id, phone, level: 1, status: "approved" }],
    });
    expect(imported.status).toBe(200);
    const start = await post("/api/activation/start", { citizenId: id, phone, deviceId: newDeviceId() });
    const before = (await upstreamLog()).attempts;
    const failed = await callWith(http, "/api/activation/otp", { flowId: start.body.flowId });
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ code: "SMS_UNAVAILABLE" });
    expect(failed.body.message).toContain("thử lại");
    expect((await upstreamLog()).attempts - before).toBe(3);
    // Nothing burnt: no cooldown, no daily count, no code — the next try (provider back) goes at once.
    for (let i = 0; i < 5; i++) {
      const again = await post("/api/activation/otp", { flowId: start.body.flowId });
      expect(again.status, `send ${i + 1}`).toBe(200);
      await advanceClock(61);
    }
    expect(await row<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE event = 'sms.failed'")).toEqual({
      n: 1,
    });
  });

  it("does not retry a 4xx, gives up on a provider that never answers, and sends only ASCII", async () => {
    let calls = 0;
    const counting = (req: Request) => {
      calls += 1;
      return env.SMS_UPSTREAM ? env.SMS_UPSTREAM.fetch(req) : fetch(req);
    };
    const sms = new HttpSms(http.SMS_HTTP_URL, http.SMS_HTTP_TOKEN, counting, async () => {}, {
      attempts: 3,
      timeoutMs: 50,
      backoffMs: 0,
      maxWaitMs: 0,
    });
    await expect(sms.send("+84912340400", "hello", "test:400")).rejects.toBeInstanceOf(SmsUnavailableError);
    expect(calls).toBe(1);
    calls = 0;
    await expect(sms.send("+84912340408", "hello", "test:408")).rejects.toBeInstanceOf(SmsUnavailableError);
    expect(calls).toBe(3);
    await expect(sms.send("+84912340001", "Mã OTP", "test:ascii")).rejects.toThrow(/ASCII/);
    await expect(new HttpSms("", "").send("+84912340001", "x", "test:unset")).rejects.toBeInstanceOf(
      SmsUnavailableError,
    );
  });
});

describe("passwords beyond the composition rules (NIST SP 800-63B)", () => {
  it("refuses common passwords dressed up to pass the rules, and ones with the ID or phone", async () => {
    expect(isCommonPassword("Password@123")).toBe(true);
    expect(isCommonPassword("Dragon!2024")).toBe(true);
    expect(isCommonPassword("Qwerty@1")).toBe(true);
    expect(isCommonPassword("Kichhoat@2026")).toBe(false);
    expect(containsIdentity("Ab@020190000001", "020190000001", "+84912345678")).toBe(true);
    expect(containsIdentity("Ab@0912-345-678", "020190000001", "+84912345678")).toBe(true);
    expect(containsIdentity("Ab@912345670", "020190000001", "+84912345678")).toBe(false);

    const c = take("approved-new");
    const { flowId } = await (async () => {
      const start = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
      await post("/api/activation/otp", { flowId: start.body.flowId });
      await post("/api/activation/verify", { flowId: start.body.flowId, otp: await latestOtp(c.phone) });
      return start.body;
    })();
    const common = await post("/api/activation/password", {
      flowId,
      password: "Password@123",
      confirmPassword: "Password@123",
    });
    expect(common.status).toBe(422);
    expect(common.body).toMatchObject({ code: "PASSWORD_COMMON" });
    expect(common.body.fields.password).toContain("phổ biến");
    const personal = `Aa@${c.phone}`;
    const mine = await post("/api/activation/password", { flowId, password: personal, confirmPassword: personal });
    expect(mine.body.code).toBe("PASSWORD_PERSONAL");
    const ok = await post("/api/activation/password", {
      flowId,
      password: "Kichhoat@2026",
      confirmPassword: "Kichhoat@2026",
    });
    expect(ok.status).toBe(200);
  });
});

describe("secrets stay out of logs, error bodies and the outbox", () => {
  it("a whole activation and login log no password, passcode, answer or pepper", async () => {
    const lines: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(" "));
      }),
    );
    try {
      const c = take("approved-new");
      const start = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
      const flowId = start.body.flowId;
      await post("/api/activation/otp", { flowId });
      await post("/api/activation/verify", { flowId, otp: await latestOtp(c.phone) });
      await post("/api/activation/password", { flowId, password: "Bimat@2026x", confirmPassword: "Bimat@2026x" });
      await post("/api/activation/passcode", { flowId, passcode: "864209", confirmPasscode: "864209" });
      await post("/api/activation/security", {
        flowId,
        answers: [
          { questionId: 1, answer: "Cây đa đầu làng" },
          { questionId: 2, answer: "Trường Tiểu học Kim Đồng" },
        ],
      });
      await post("/api/auth/login", { citizenId: c.id, password: "Bimat@2026x" });
      await post("/api/auth/login", { citizenId: c.id, password: "Sai@matkhau1" });
      const all = lines.join("\n");
      for (const secret of ["Bimat@2026x", "Sai@matkhau1", "864209", "Cây đa", "Kim Đồng", env.PEPPER, flowId]) {
        expect(all, secret).not.toContain(secret);
      }
      const outbox = await env.DB.prepare("SELECT text FROM sms_outbox").all<{ text: string }>();
      const texts = outbox.results.map((r) => r.text).join("\n");
      for (const secret of ["Bimat@2026x", "864209", env.PEPPER]) expect(texts).not.toContain(secret);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});
