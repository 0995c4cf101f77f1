/**
 * `GET /api/health/ready`: D1, a Durable Object round trip, R2, the SMS queue binding where bound, the registry and
 * the secrets; 200 or 503 naming the failing parts, never a secret's value. `GET /api/health` stays liveness.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { breakerFor } from "../../worker/src/adapters/registry-http";
import { call, seedRegistry } from "./helpers";
import { callWith, productionSettings } from "./ops-helpers";

const ready = (overrides: Record<string, unknown>) => callWith(overrides, "GET", "/api/health/ready");

/** Every secret value of a settings object and of the test pool's `.dev.vars`, as they must never appear. */
function secretValues(settings: Record<string, unknown>): string[] {
  const names = [
    "PEPPER",
    "IDENTITY_SIGNING_KEY",
    "INTAKE_SEAL_KEY",
    "SMS_HTTP_TOKEN",
    "REGISTRY_HTTP_TOKEN",
    "PEPPER_PREVIOUS",
  ];
  const vars = { ...env, ...settings } as unknown as Record<string, unknown>;
  const out: string[] = [];
  for (const n of names) {
    const v = vars[n];
    if (typeof v !== "string" || v.length < 8) continue;
    out.push(v);
    try {
      const jwk = JSON.parse(v) as Record<string, unknown>;
      for (const k of ["d", "x", "y"]) if (typeof jwk[k] === "string") out.push(jwk[k] as string);
    } catch {
      // not JSON
    }
  }
  return out;
}

describe("readiness", () => {
  it("fails while the local registry table is empty, then answers 200 with every part ok", async () => {
    const empty = await call("GET", "/api/health/ready");
    expect(empty.status).toBe(503);
    expect(empty.body).toMatchObject({ code: "NOT_READY", ready: false, failing: ["registry"] });
    expect(empty.body.checks.registry).toBe("the local registry table is empty");
    await seedRegistry(1402, 12);
    const res = await call("GET", "/api/health/ready");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ready: true,
      checks: {
        "d1:DB": "ok",
        "durable-object:LIMITER": "ok",
        "queue:SMS_QUEUE": "ok",
        "r2:PHOTOS": "ok",
        "secret:IDENTITY_SIGNING_KEY": "ok",
        "secret:INTAKE_SEAL_KEY": "ok",
        "secret:PEPPER": "ok",
        registry: "ok",
      },
    });
  });

  it("a production deployment with its own keys, the HTTP SMS provider and the HTTP registry is ready", async () => {
    const prod = await productionSettings();
    const res = await ready(prod);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.checks).toMatchObject({
      registry: "ok",
      "config:SMS_HTTP_URL": "ok",
      "secret:SMS_HTTP_TOKEN": "ok",
      "secret:PEPPER": "ok",
    });
  });

  it("production with the development keys and the outbox: 503 naming each, and never a secret's value", async () => {
    const settings = { ENVIRONMENT: "production", PEPPER_PREVIOUS: JSON.stringify([env.PEPPER]) };
    const res = await ready(settings);
    expect(res.status).toBe(503);
    expect(res.body.ready).toBe(false);
    expect(res.body.failing).toEqual(
      expect.arrayContaining([
        "config:SMS_ADAPTER",
        "secret:PEPPER",
        "secret:PEPPER_PREVIOUS",
        "secret:IDENTITY_SIGNING_KEY",
        "secret:INTAKE_SEAL_KEY",
      ]),
    );
    expect(res.body.checks["secret:PEPPER"]).toBe("development key");
    expect(res.body.checks["secret:INTAKE_SEAL_KEY"]).toBe("development key");
    const text = JSON.stringify(res.body);
    for (const secret of secretValues(settings)) expect(text).not.toContain(secret);
    // Liveness still answers: the worker runs.
    const live = await callWith(settings, "GET", "/api/health");
    expect(live.status).toBe(200);
  });

  it("missing and malformed secrets are named", async () => {
    const prod = await productionSettings();
    const res = await ready({
      ...prod,
      PEPPER: "",
      INTAKE_SEAL_KEY: "not json",
      IDENTITY_SIGNING_KEY: '{"kty":"EC"}',
      SMS_HTTP_TOKEN: "",
      PEPPER_PREVIOUS: "[1,2]",
    });
    expect(res.status).toBe(503);
    expect(res.body.checks).toMatchObject({
      "secret:PEPPER": "missing",
      "secret:INTAKE_SEAL_KEY": "malformed",
      "secret:IDENTITY_SIGNING_KEY": "malformed",
      "secret:SMS_HTTP_TOKEN": "missing",
      "secret:PEPPER_PREVIOUS": "malformed",
    });
    expect(JSON.stringify(res.body)).not.toContain(prod.INTAKE_SEAL_KEY);
  });

  it("names a D1 database, the R2 bucket or a Durable Object that fails, and checks every D1 binding", async () => {
    const prod = await productionSettings();
    const broken = {
      prepare: () => {
        throw new Error("D1_ERROR: no such database");
      },
      batch: async () => [],
      exec: async () => ({}),
    };
    const res = await ready({
      ...prod,
      CITIZEN_0: broken,
      CITIZEN_1: env.DB,
      PHOTOS: {
        head: async () => {
          throw new Error("R2 down");
        },
      },
      LIMITER: {
        idFromName: () => {
          throw new Error("DO down");
        },
      },
    });
    expect(res.status).toBe(503);
    expect(res.body.checks).toMatchObject({
      "d1:DB": "ok",
      "d1:CITIZEN_0": "error",
      "d1:CITIZEN_1": "ok",
      "r2:PHOTOS": "error",
      "durable-object:LIMITER": "error",
    });
    expect(res.body.failing).toEqual(["d1:CITIZEN_0", "durable-object:LIMITER", "r2:PHOTOS"]);
  });

  it("checks the SMS queue binding where it is bound", async () => {
    const prod = await productionSettings();
    const good = await ready({ ...prod, SMS_QUEUE: { send: async () => {}, sendBatch: async () => {} } });
    expect(good.body.checks["queue:SMS_QUEUE"]).toBe("ok");
    const bad = await ready({ ...prod, SMS_QUEUE: {} });
    expect(bad.status).toBe(503);
    expect(bad.body.checks["queue:SMS_QUEUE"]).toBe("not a queue");
  });

  it("names an unconfigured registry, and one whose circuit is open", async () => {
    const prod = await productionSettings();
    const unset = await ready({ ...prod, REGISTRY_HTTP_URL: "" });
    expect(unset.body.checks.registry).toBe("REGISTRY_HTTP_URL is not set");
    const url = "http://registry.test/fail/readiness";
    const breaker = breakerFor(url);
    for (let i = 0; i < 5; i++) breaker.failure(Math.floor(Date.now() / 1000));
    const open = await ready({ ...prod, REGISTRY_HTTP_URL: url });
    expect(open.status).toBe(503);
    expect(open.body.checks.registry).toMatch(/^circuit open \(\d+ s left\)$/);
    expect(open.body.failing).toEqual(["registry"]);
  });

  it("is listed in the OpenAPI document next to liveness", async () => {
    const doc = await call("GET", "/api/openapi.json");
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(["/api/health", "/api/health/ready"]));
  });
});
