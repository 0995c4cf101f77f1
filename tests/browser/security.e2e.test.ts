/** Controls that only the real server shows: headers on static assets, and answers that do not leak by timing. */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SECURITY_HEADERS } from "../../worker/src/security-headers";
import { people } from "./people";

const baseUrl = inject("baseUrl");
const take = people(5);

describe("security headers on static assets", () => {
  it("the shell, a deep link and a script all carry them", async () => {
    const html = await fetch(`${baseUrl}/`);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())?.[1];
    expect(script).toBeDefined();
    for (const path of ["/", "/kich-hoat", script as string]) {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.status, path).toBe(200);
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(res.headers.get(name), `${path} ${name}`).toBe(value);
    }
  });
});

describe("no enumeration by timing", () => {
  const post = async (path: string, body: unknown) => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return { ms: performance.now() - t0, status: res.status };
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

  /** Alternates the two kinds of request so that machine noise falls on both alike; returns the median ratio. */
  async function ratio(
    a: () => Promise<{ ms: number; status: number }>,
    b: () => Promise<{ ms: number; status: number }>,
    n = 15,
  ) {
    const ta: number[] = [];
    const tb: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = await a();
      const y = await b();
      expect(x.status).toBe(y.status);
      ta.push(x.ms);
      tb.push(y.ms);
    }
    return { ratio: median(ta) / median(tb), a: median(ta), b: median(tb) };
  }

  let active: ReturnType<typeof take>;
  beforeAll(() => {
    active = take("active");
  });
  afterAll(() => {});

  it("login: an unknown ID costs about the same as a wrong password (the hash is spent either way)", async () => {
    // Different IDs each time on both sides, so that no ID reaches its lockout (unknown IDs are locked too).
    const accounts = Array.from({ length: 4 }, () => take("app"));
    const unknown = ["020199000001", "020199000002", "020199000003", "020199000004"];
    let i = 0;
    let j = 0;
    const r = await ratio(
      () => post("/api/auth/login", { citizenId: unknown[j++ % unknown.length] as string, password: "Sai@matkhau1" }),
      () =>
        post("/api/auth/login", {
          citizenId: (accounts[i++ % accounts.length] as { id: string }).id,
          password: "Sai@matkhau1",
        }),
      12,
    );
    expect(r.ratio, JSON.stringify(r)).toBeGreaterThan(0.6);
    expect(r.ratio, JSON.stringify(r)).toBeLessThan(1.67);
  });

  it("login: a locked unknown ID answers like a locked account, by status, body and time", async () => {
    const locked = take("active");
    const unknown = "020199000021";
    for (let k = 1; k <= 5; k++) {
      await post("/api/auth/login", { citizenId: locked.id, password: `Sai@matkhau${k}` });
      await post("/api/auth/login", { citizenId: unknown, password: `Sai@matkhau${k}` });
    }
    const bodies = await Promise.all(
      [locked.id, unknown].map(async (citizenId) => {
        const res = await fetch(`${baseUrl}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: baseUrl },
          body: JSON.stringify({ citizenId, password: "Sai@matkhau9" }),
        });
        const { code, message } = (await res.json()) as { code: string; message: string };
        return { status: res.status, code, message: message.replace(/\d+ phút( \d+ giây)?|\d+ giây/, "…") };
      }),
    );
    expect(bodies[0]).toMatchObject({ status: 423, code: "ACCOUNT_LOCKED" });
    expect(bodies[1]).toEqual(bodies[0]);
    const r = await ratio(
      () => post("/api/auth/login", { citizenId: unknown, password: "Sai@matkhau1" }),
      () => post("/api/auth/login", { citizenId: locked.id, password: "Sai@matkhau1" }),
      12,
    );
    expect(r.ratio, JSON.stringify(r)).toBeGreaterThan(0.6);
    expect(r.ratio, JSON.stringify(r)).toBeLessThan(1.67);
  });

  it("activation: an unknown ID costs about the same as a wrong phone", async () => {
    // Spread over IDs, so that none reaches the 10 starts an hour of LIMIT_START_PER_ID.
    const unknown = ["020199000011", "020199000012", "020199000013"];
    const known = [active, take("active")];
    let i = 0;
    let j = 0;
    const r = await ratio(
      () =>
        post("/api/activation/start", {
          citizenId: unknown[j++ % unknown.length] as string,
          phone: active.phone,
          deviceId: "web-timing-000001",
        }),
      () =>
        post("/api/activation/start", {
          citizenId: (known[i++ % known.length] as { id: string }).id,
          phone: "0987000111",
          deviceId: "web-timing-000001",
        }),
    );
    expect(r.ratio, JSON.stringify(r)).toBeGreaterThan(0.5);
    expect(r.ratio, JSON.stringify(r)).toBeLessThan(2);
  });
});
