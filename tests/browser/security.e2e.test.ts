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
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), `${path} ${name}`).toBe(value);
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
  async function ratio(a: () => Promise<{ ms: number; status: number }>, b: () => Promise<{ ms: number; status: number }>, n = 15) {
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
    // Different IDs each time for the wrong password, so that no account reaches its lockout.
    const accounts = Array.from({ length: 4 }, () => take("app"));
    let i = 0;
    const r = await ratio(
      () => post("/api/auth/login", { citizenId: "020199000001", password: "Sai@matkhau1" }),
      () => post("/api/auth/login", { citizenId: (accounts[i++ % accounts.length] as { id: string }).id, password: "Sai@matkhau1" }),
      12,
    );
    expect(r.ratio, JSON.stringify(r)).toBeGreaterThan(0.6);
    expect(r.ratio, JSON.stringify(r)).toBeLessThan(1.67);
  });

  it("activation: an unknown ID costs about the same as a wrong phone", async () => {
    const r = await ratio(
      () => post("/api/activation/start", { citizenId: "020199000001", phone: active.phone, deviceId: "web-timing-000001" }),
      () => post("/api/activation/start", { citizenId: active.id, phone: "0987000111", deviceId: "web-timing-000001" }),
    );
    expect(r.ratio, JSON.stringify(r)).toBeGreaterThan(0.5);
    expect(r.ratio, JSON.stringify(r)).toBeLessThan(2);
  });
});
