/**
 * The population registry over HTTP (`REGISTRY_ADAPTER = "http"`, docs/registry-api.md) against a fake registry
 * in miniflare (tests/workerd/registry-fake.js) that answers, answers slowly, fails, or returns garbage.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { generateRegistry } from "../../scripts/demo-registry";
import type { RegistryRecordT } from "../../shared/registry-file";
import { registryAdapter } from "../../worker/src/adapters/registry";
import { CircuitBreaker, HttpRegistry } from "../../worker/src/adapters/registry-http";
import { AppError } from "../../worker/src/errors";
import { newDeviceId, seedRegistry } from "./helpers";
import { callWith } from "./ops-helpers";

const SEED = 1414;
const COUNT = 48;
const BUSY = "Hệ thống CSDL quốc gia về dân cư đang bận, vui lòng thử lại sau";
let records: RegistryRecordT[];
let noAccount: RegistryRecordT[];

const upstream = (req: Request) => {
  if (!env.REGISTRY_UPSTREAM) throw new Error("REGISTRY_UPSTREAM is not bound (vitest.config.ts)");
  return env.REGISTRY_UPSTREAM.fetch(req);
};
const fakeLog = async () =>
  (
    (await (await upstream(new Request("http://registry.test/__log"))).json()) as {
      log: Array<{
        path: string;
        auth: string | null;
        requestId: string | null;
        type: string | null;
        body: { ids: string[] };
      }>;
    }
  ).log;
const attemptsAt = async (path: string) =>
  (await fakeLog()).filter((e) => e.path === `/${path}/citizens/lookup`).length;

let now = 1_800_000_000;
const clock = { now: () => now };

/** An adapter on a registry of its own (the fake's mode is the URL's path), with short bounds and no sleeping. */
function registry(path: string, extra: Partial<ConstructorParameters<typeof HttpRegistry>[0]> = {}) {
  return new HttpRegistry({
    url: `http://registry.test/${path}`,
    token: "registry-token",
    clock,
    fetcher: upstream,
    sleep: async () => {},
    bounds: { attempts: 2, timeoutMs: 300, backoffMs: 0 },
    breaker: new CircuitBreaker(),
    ...extra,
  });
}

async function unavailable(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe("REGISTRY_UNAVAILABLE");
  return err as AppError;
}

beforeAll(async () => {
  await seedRegistry(SEED, COUNT);
  const { file, citizens } = generateRegistry(SEED, COUNT);
  records = file.registry ?? [];
  const none = new Set(citizens.filter((c) => c.kind === "no-account").map((c) => c.id));
  noAccount = records.filter((r) => none.has(r.id));
  const put = await upstream(
    new Request("http://registry.test/__citizens", { method: "PUT", body: JSON.stringify({ citizens: records }) }),
  );
  expect(put.status).toBe(200);
});

describe("the HTTP registry adapter", () => {
  it("POSTs the ID numbers in the body with the bearer token and request id, and maps the record", async () => {
    const r = records[0] as RegistryRecordT;
    const found = await registry("ok/map", { requestId: "req-123" }).findCitizen(r.id);
    expect(found).toEqual({
      id: r.id,
      oldId: r.oldId ?? "",
      fullName: r.fullName,
      dob: r.dob,
      gender: r.gender,
      address: r.address,
      phone: `+84${r.phone.slice(1)}`,
      cardType: r.cardType,
      cardIssued: r.cardIssued,
    });
    const entry = (await fakeLog()).find((e) => e.path === "/ok/map/citizens/lookup");
    expect(entry).toMatchObject({
      auth: "Bearer registry-token",
      requestId: "req-123",
      type: "application/json",
      body: { ids: [r.id] },
    });
    expect(entry?.path).not.toContain(r.id);
  });

  it("an ID the registry does not know is null; many IDs go in one request", async () => {
    const reg = registry("ok/many");
    expect(await reg.findCitizen("001099000001")).toBeNull();
    const ids = records.slice(0, 5).map((r) => r.id);
    const found = await reg.findCitizens([...ids, "001099000001"]);
    expect([...found.keys()].sort()).toEqual([...ids].sort());
    expect(await attemptsAt("ok/many")).toBe(2);
  });

  it("a registry that answers too slowly times out, is retried a bounded number of times, then answers 503", async () => {
    const reg = registry("slow/2000/a");
    const err = await unavailable(reg.findCitizen((records[1] as RegistryRecordT).id));
    expect(err.extras.retryAfter).toBeGreaterThanOrEqual(1);
    expect(await attemptsAt("slow/2000/a")).toBe(2);
  });

  it("a 5xx is retried and a retry that succeeds answers; Retry-After of the registry is passed on", async () => {
    const r = records[2] as RegistryRecordT;
    expect((await registry("flaky/a").findCitizen(r.id))?.fullName).toBe(r.fullName);
    expect(await attemptsAt("flaky/a")).toBe(2);
    const err = await unavailable(registry("down/a").findCitizen(r.id));
    expect(err.extras.retryAfter).toBeGreaterThanOrEqual(7);
    expect(await attemptsAt("down/a")).toBe(2);
    await unavailable(registry("fail/a").findCitizen(r.id));
  });

  it("garbage (not JSON, the wrong shape, an ID that was not asked) is a failure, never 'not found', and is not retried", async () => {
    const r = records[3] as RegistryRecordT;
    for (const kind of ["text", "shape", "stranger"]) {
      await unavailable(registry(`garbage/${kind}/a`).findCitizen(r.id));
      expect(await attemptsAt(`garbage/${kind}/a`), kind).toBe(1);
    }
    // Another 4xx is final too.
    await unavailable(registry("nonsense/a").findCitizen(r.id));
    expect(await attemptsAt("nonsense/a")).toBe(1);
  });

  it("a best-effort lookup (a name on a screen) gets null at once, after one attempt", async () => {
    expect(
      await registry("fail/best").findCitizen((records[4] as RegistryRecordT).id, { bestEffort: true }),
    ).toBeNull();
    expect(await attemptsAt("fail/best")).toBe(1);
  });

  it("the circuit breaker opens after failures in a row, fails at once while open, probes, and closes on success", async () => {
    const breaker = new CircuitBreaker({ failures: 3, openSeconds: 30 });
    let broken = true;
    const r = records[5] as RegistryRecordT;
    const switching = (req: Request) =>
      upstream(broken ? new Request(req.url.replace("/ok/cb/", "/fail/cb/"), req) : req);
    const reg = registry("ok/cb", { breaker, fetcher: switching });
    for (let i = 0; i < 3; i++) await unavailable(reg.findCitizen(r.id));
    expect(breaker.state(now)).toBe("open");
    const sent = await attemptsAt("fail/cb");
    const err = await unavailable(reg.findCitizen(r.id));
    expect(await attemptsAt("fail/cb")).toBe(sent);
    expect(err.extras.retryAfter).toBeGreaterThan(0);
    expect(err.extras.retryAfter).toBeLessThanOrEqual(30);
    now += 31;
    expect(breaker.state(now)).toBe("half-open");
    broken = false;
    expect((await reg.findCitizen(r.id))?.id).toBe(r.id);
    expect(breaker.state(now)).toBe("closed");
  });

  it("a misconfigured registry answers 503 and names what is missing", async () => {
    const base = { ...env, REGISTRY_ADAPTER: "http" };
    for (const [vars, reason] of [
      [{ REGISTRY_HTTP_URL: "" }, /REGISTRY_HTTP_URL/],
      [{ REGISTRY_HTTP_URL: "ftp://x" }, /http\(s\)/],
      [{ REGISTRY_HTTP_URL: "https://registry.test", REGISTRY_HTTP_TOKEN: "" }, /REGISTRY_HTTP_TOKEN/],
      [{ REGISTRY_ADAPTER: "ldap" }, /neither/],
    ] as const) {
      const reg = registryAdapter({ ...base, ...vars } as typeof env, clock);
      expect((reg as { reason?: string }).reason).toMatch(reason);
      await unavailable(reg.findCitizen("001099000001"));
    }
    expect(registryAdapter({ ...env, REGISTRY_ADAPTER: "d1" } as typeof env, clock).constructor.name).toBe(
      "D1Registry",
    );
  });
});

describe("citizens while the registry is down (REGISTRY_ADAPTER = http)", () => {
  const http = (path: string) => ({
    REGISTRY_ADAPTER: "http",
    REGISTRY_HTTP_URL: `http://registry.test/${path}`,
    REGISTRY_HTTP_TOKEN: "registry-token",
  });
  const start = (path: string, r: RegistryRecordT) =>
    callWith(http(path), "POST", "/api/activation/start", { citizenId: r.id, phone: r.phone, deviceId: newDeviceId() });

  it("a registry that answers: the lookup goes over HTTP", async () => {
    const r = noAccount[0] as RegistryRecordT;
    const res = await start("ok/route", r);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("NOT_IDENTIFIED");
    expect(await attemptsAt("ok/route")).toBe(1);
  });

  for (const [what, path] of [
    ["fails", "fail/route"],
    ["is down for maintenance", "down/route"],
    ["returns garbage", "garbage/shape/route"],
    ["returns a page that is not JSON", "garbage/text/route"],
    ["answers too slowly", "slow/6000/route"],
  ] as const) {
    it(`a registry that ${what}: 503 REGISTRY_UNAVAILABLE with Retry-After, never a 500 or a wrong refusal`, async () => {
      const r = noAccount[1] as RegistryRecordT;
      const res = await start(path, r);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: "REGISTRY_UNAVAILABLE", message: BUSY });
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(res.body.retryAfter).toBe(Number(res.headers.get("retry-after")));
      expect(res.requestId).toBe(res.headers.get("x-request-id"));
    });
  }

  it("a registry that is not configured: 503 REGISTRY_UNAVAILABLE", async () => {
    const res = await callWith({ REGISTRY_ADAPTER: "http", REGISTRY_HTTP_URL: "" }, "POST", "/api/activation/start", {
      citizenId: (noAccount[2] as RegistryRecordT).id,
      phone: (noAccount[2] as RegistryRecordT).phone,
      deviceId: newDeviceId(),
    });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe("REGISTRY_UNAVAILABLE");
  });
});
