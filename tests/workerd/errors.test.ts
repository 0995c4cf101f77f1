import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, newDeviceId, post, seedRegistry, snapshotTables } from "./helpers";
import { productionSettings } from "./ops-helpers";

beforeAll(async () => {
  await seedRegistry(404, 24);
});

const ROUTES = [
  "/api/activation/start",
  "/api/activation/status",
  "/api/activation/otp",
  "/api/activation/verify",
  "/api/activation/password",
  "/api/activation/passcode",
  "/api/activation/security",
  "/api/activation/cancel",
  "/api/auth/login",
  "/api/dev/clock",
];

describe("a malformed body gets 400, 413, 415 or 422 with a code and a Vietnamese message, and writes nothing", () => {
  const cases: Array<[string, { raw: string; headers?: Record<string, string> }, number, string]> = [
    ["bad JSON", { raw: '{"citizenId": ', headers: { "content-type": "application/json" } }, 400, "INVALID_JSON"],
    ["invalid UTF-8", { raw: "\u00ff", headers: { "content-type": "application/json" } }, 400, "INVALID_JSON"],
    ["empty body", { raw: "", headers: { "content-type": "application/json" } }, 400, "INVALID_JSON"],
    ["wrong content type", { raw: "{}", headers: { "content-type": "text/plain" } }, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["no content type", { raw: "{}" }, 415, "UNSUPPORTED_MEDIA_TYPE"],
    [
      "over 64 kB",
      { raw: JSON.stringify({ pad: "x".repeat(70_000) }), headers: { "content-type": "application/json" } },
      413,
      "PAYLOAD_TOO_LARGE",
    ],
    [
      "wrong types",
      {
        raw: JSON.stringify({ citizenId: 12, phone: [], deviceId: null, flowId: 5, otp: 1 }),
        headers: { "content-type": "application/json" },
      },
      422,
      "VALIDATION_FAILED",
    ],
    ["missing fields", { raw: "{}", headers: { "content-type": "application/json" } }, 422, "VALIDATION_FAILED"],
    ["an array", { raw: "[]", headers: { "content-type": "application/json" } }, 422, "VALIDATION_FAILED"],
  ];
  for (const [name, init, status, code] of cases) {
    it(`${name} → ${status} ${code} on every route`, async () => {
      const before = await snapshotTables();
      for (const route of ROUTES) {
        const res = await call("POST", route, undefined, init);
        expect(res.status, route).toBe(status);
        expect(res.body.code, route).toBe(code);
        expect(res.body.message, route).toMatch(/[À-ỹ]/u);
      }
      expect(await snapshotTables()).toEqual(before);
    });
  }

  it("413 is given from Content-Length without reading the body", async () => {
    const res = await exports.default.fetch("http://x/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "10000000", origin: "http://x" },
      body: "{}",
    });
    expect(res.status).toBe(413);
  });

  it("extra fields are refused, with the field named", async () => {
    const res = await post("/api/activation/start", {
      citizenId: "020190000001",
      phone: "0912345678",
      deviceId: newDeviceId(),
      isAdmin: true,
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.fields)).toContain("isAdmin");
  });

  it("field errors name the field in Vietnamese", async () => {
    const res = await post("/api/activation/start", {
      citizenId: "12345",
      phone: "0243826123",
      deviceId: newDeviceId(),
    });
    expect(res.status).toBe(422);
    expect(res.body.fields).toEqual({
      citizenId: "Số định danh cá nhân gồm 12 chữ số",
      phone: "Số điện thoại di động không hợp lệ (ví dụ 0912345678 hoặc +84912345678)",
    });
  });
});

describe("routes", () => {
  it("an unknown API route is a JSON 404", async () => {
    const res = await call("GET", "/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
  });

  it("the dev routes answer 404 outside development", async () => {
    // A production deployment with keys of its own (with the development ones it would serve nothing at all).
    const prod = { ...env, ...(await productionSettings()) };
    const worker = (await import("../../worker/src/index")).default;
    const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
    const sms = await worker.fetch(new Request("http://x/api/dev/sms?phone=0912345678"), prod, ctx);
    expect(sms.status).toBe(404);
    const clock = await worker.fetch(
      new Request("http://x/api/dev/clock", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"advanceSeconds":600}',
      }),
      prod,
      ctx,
    );
    expect(clock.status).toBe(404);
    const imp = await worker.fetch(
      new Request("http://x/api/dev/registry/import", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }),
      prod,
      ctx,
    );
    expect(imp.status).toBe(404);
    // …and the moved clock is ignored there.
    await post("/api/dev/clock", { advanceSeconds: 3600 });
    const health = await worker.fetch(new Request("http://x/api/health"), prod, ctx);
    expect(Math.abs(Date.parse(health.headers.get("date") as string) - Date.now())).toBeLessThan(120_000);
  });

  it("POST /api/dev/clock answers the new server time, and GET /api/dev/sms takes any phone form", async () => {
    const before = Date.now();
    const res = await post("/api/dev/clock", { advanceSeconds: 600 });
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.now) - before).toBeGreaterThanOrEqual(600_000 - 2000);
    for (const phone of ["0912345678", "84912345678", "+84912345678"]) {
      const sms = await call("GET", `/api/dev/sms?phone=${encodeURIComponent(phone)}`);
      expect(sms.status).toBe(200);
      expect(sms.body).toEqual({ messages: [] });
    }
  });
});

describe("field names that are Object.prototype members", () => {
  it("an unknown field called __proto__ or constructor is named like any other", async () => {
    for (const key of ["__proto__", "constructor", "toString"]) {
      const res = await call("POST", "/api/activation/status", undefined, {
        raw: `{"flowId":"q1Z8mN4pR7sT0vX3yB6cD9fG2hJ5kL8nP1rS4uW7xZ0","${key}":1}`,
        headers: { "content-type": "application/json" },
      });
      expect(res.status, key).toBe(422);
      expect(Object.keys(res.body.fields), key).toEqual([key]);
    }
  });
});
