/**
 * The first day of a deployment (issue 14, "Done means"), in workerd with production settings: from an empty
 * database, bootstrap with the BOOTSTRAP_TOKEN → the police units (`POST /api/admin/units`) → a registry extract
 * (`POST /api/admin/registry`) → two officers of one ward added in "Quản lý cán bộ" → a level-2 intake by the first,
 * approved by the SECOND → the citizen activates (the OTP through the HTTP SMS provider) and logs in.
 * No `/api/dev/*` route and no development secret is used: every request runs with `ENVIRONMENT=production`, the
 * HTTP SMS adapter (the fake provider of vitest.config.ts), and secrets made here.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { generateRegistry } from "../../scripts/demo-registry";
import worker from "../../worker/src/index";
import { type ApiResponse, call, row } from "./helpers";
import { LANG_SON, NEW_PASSWORD, PROVINCE, TAM_THANH, cardOf, jpeg, queuedTexts } from "./officer-helpers";

const BASE = "http://127.0.0.1:8787";
const SEED = 1401;
const COUNT = 24;

/** Random bytes as base64url text. */
function randomText(bytes: number): string {
  const b = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...b))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** A fresh P-256 private JWK with a key id, as `npm run keys:identity` and `npm run seal:key` make them. */
async function freshKey(kid: string): Promise<string> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const { kty, crv, x, y, d } = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey;
  return JSON.stringify({ kty, crv, x, y, d, kid });
}

/** Production settings and secrets of this deployment, none of them the development ones. */
let PROD: Record<string, string>;

beforeAll(async () => {
  PROD = {
    ENVIRONMENT: "production",
    SMS_ADAPTER: "http",
    SMS_HTTP_URL: "https://sms.provider.example/v1/messages",
    SMS_HTTP_TOKEN: randomText(24),
    BOOTSTRAP_TOKEN: randomText(32),
    PEPPER: randomText(32),
    IDENTITY_SIGNING_KEY: await freshKey("first-day-identity"),
    INTAKE_SEAL_KEY: await freshKey("first-day-seal"),
  };
  for (const name of ["BOOTSTRAP_TOKEN", "PEPPER", "IDENTITY_SIGNING_KEY", "INTAKE_SEAL_KEY"]) {
    expect(PROD[name], name).not.toBe((env as unknown as Record<string, string>)[name]);
  }
});

/** Every path this test requested: none is a development route. */
const requested: string[] = [];

/** A JSON request to the production-configured worker, with a cookie if given. */
function prod(method: string, path: string, body?: unknown, cookie?: string): Promise<ApiResponse<any>> {
  requested.push(path);
  return call(method, path, body, { headers: cookie ? { cookie } : {}, env: PROD as never });
}

/** The first `name=value` pair a response sets. */
const cookieOf = (res: ApiResponse<unknown>) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

/** Logs an officer in with their one-time password and sets their own: the officer's cookie. */
async function officerReady(username: string, oneTime: string): Promise<string> {
  const login = await prod("POST", "/api/officer/login", { username, password: oneTime });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  expect(login.body.mustChangePassword).toBe(true);
  const cookie = cookieOf(login);
  expect(login.headers.get("set-cookie")).toContain("Secure");
  const changed = await prod(
    "POST",
    "/api/officer/password",
    { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
    cookie,
  );
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  return cookie;
}

/** A portrait taken at the office, uploaded by an officer: its id. */
async function uploadPortrait(cookie: string): Promise<string> {
  requested.push("/api/officer/photo");
  const ctx = createExecutionContext();
  const req = new Request(`${BASE}/api/officer/photo`, {
    method: "POST",
    headers: { cookie, "content-type": "image/jpeg", origin: BASE, "cf-connecting-ip": "203.0.113.14" },
    body: jpeg() as BodyInit,
  });
  const res = await worker.fetch(req, { ...env, ...PROD } as never, ctx);
  await waitOnExecutionContext(ctx);
  const body = (await res.json()) as { photoId?: string };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.photoId as string;
}

/** The texts the (fake) SMS provider accepted for `phone` (0xxxxxxxxx), oldest first. */
async function providerTexts(phone: string): Promise<string[]> {
  const upstream = env.SMS_UPSTREAM;
  if (!upstream) throw new Error("no SMS_UPSTREAM binding (vitest.config.ts)");
  const res = await upstream.fetch("http://fake/__log");
  const { log } = (await res.json()) as { log: Array<{ body: { to: string; text: string } }> };
  return log.filter((e) => e.body.to === `+84${phone.slice(1)}`).map((e) => e.body.text);
}

describe("the first day of a deployment, with production settings", () => {
  it("bootstrap → units → registry → officers in the console → intake, approval by a second officer → activation → login", async () => {
    // An empty production database: no unit, no officer, no registry, no account.
    for (const table of ["units", "officers", "registry", "accounts"]) {
      expect(await row(`SELECT count(*) AS n FROM ${table}`), table).toEqual({ n: 0 });
    }
    // The development routes are closed in production.
    expect((await call("GET", "/api/dev/sms?phone=0912345678", undefined, { env: PROD as never })).status).toBe(404);

    // 1. Bootstrap: the deployment's token gives the province its first province_admin.
    const boot = await prod("POST", "/api/admin/bootstrap", {
      token: PROD.BOOTSTRAP_TOKEN,
      province: "020",
      name: "Lương Văn Tỉnh",
    });
    expect(boot.status, JSON.stringify(boot.body)).toBe(200);
    expect(boot.body.unit).toEqual({ code: PROVINCE, name: "Công an tỉnh Lạng Sơn", created: true });
    // The development token opens nothing here.
    const devToken = await prod("POST", "/api/admin/bootstrap", {
      token: env.BOOTSTRAP_TOKEN,
      province: "020",
      name: "Kẻ Lạ",
    });
    expect(devToken.status).toBe(403);
    const admin = await officerReady(boot.body.username, boot.body.password);

    // 2. The police units of the province.
    const units = await prod("POST", "/api/admin/units", LANG_SON, admin);
    expect(units.status, JSON.stringify(units.body)).toBe(200);
    expect(units.body).toEqual({ province: "020", units: LANG_SON.units.length });

    // 3. The registry extract (the local registry is in use).
    const { file, citizens } = generateRegistry(SEED, COUNT);
    const registry = await prod("POST", "/api/admin/registry", file, admin);
    expect(registry.status, JSON.stringify(registry.body)).toBe(200);
    expect(registry.body.registry).toBe(COUNT);

    // 4. Two officers of the ward, added in "Quản lý cán bộ".
    const added = [];
    for (const name of ["Hoàng Thị Thanh", "Lăng Văn Hùng"]) {
      const res = await prod("POST", "/api/admin/officers", { name, role: "officer", unit: TAM_THANH }, admin);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.officer).toMatchObject({
        name,
        role: "officer",
        unit: { code: TAM_THANH },
        mustChangePassword: true,
        locked: false,
      });
      added.push({
        username: res.body.username as string,
        cookie: await officerReady(res.body.username, res.body.password),
      });
    }
    const [taker, approver] = added as [{ username: string; cookie: string }, { username: string; cookie: string }];
    expect(taker.username).not.toBe(approver.username);
    const listed = await prod("GET", "/api/admin/officers", undefined, admin);
    expect(listed.body.officers.map((o: { username: string }) => o.username).sort()).toEqual(
      [boot.body.username, taker.username, approver.username].sort(),
    );

    // 5. A citizen with no e-ID account comes to the ward: a level-2 intake by the first officer…
    const record = (file.registry ?? []).find(
      (r) => citizens.find((c) => c.id === r.id)?.kind === "no-account" && Number(r.dob.slice(0, 4)) < 2008,
    );
    if (!record) throw new Error("fixture: no adult without an account in the generated registry");
    const phone = record.phone;
    const photoId = await uploadPortrait(taker.cookie);
    const intake = await prod(
      "POST",
      "/api/officer/intake",
      { card: cardOf(record), phone, photoId, consent: true },
      taker.cookie,
    );
    expect(intake.status, JSON.stringify(intake.body)).toBe(200);
    const reference = intake.body.reference as string;
    expect(reference).toMatch(/^L2-020-\d{4}-\d{6}$/);

    // … approved by the SECOND officer of the same unit, who finds it in the queue.
    const queue = await prod("GET", "/api/officer/applications", undefined, approver.cookie);
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    const file2 = (queue.body.applications as Array<{ id: number; reference: string }>).find(
      (a) => a.reference === reference,
    );
    if (!file2) throw new Error(`the file ${reference} is not in the second officer's queue`);
    const approved = await prod("POST", `/api/officer/applications/${file2.id}/approve`, {}, approver.cookie);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ reference, status: "approved" });
    expect(await row("SELECT intake_by, decided_by, status FROM applications WHERE reference = ?1", reference)).toEqual(
      {
        intake_by: taker.username,
        decided_by: approver.username,
        status: "approved",
      },
    );
    // The approval text is queued after its commit (worker/src/domain/texts.ts); the queue's consumer runs with the
    // test pool's own settings, whose SMS adapter is the development outbox, so that is where it arrives here.
    expect((await queuedTexts(phone, 1))[0]).toContain(`${BASE}/kich-hoat`);

    // 6. The citizen activates: the OTP comes through the SMS provider.
    const deviceId = "web-first-day-device-0001";
    const start = await prod("POST", "/api/activation/start", { citizenId: record.id, phone, deviceId });
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    const flowId = start.body.flowId as string;
    expect((await prod("POST", "/api/activation/otp", { flowId })).status).toBe(200);
    const otpText = (await providerTexts(phone)).find((t) => /\b\d{6}\b/.test(t)) ?? "";
    const otp = /\b(\d{6})\b/.exec(otpText)?.[1];
    expect(otp, otpText).toBeDefined();
    const verified = await prod("POST", "/api/activation/verify", { flowId, otp });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.step).toBe("password");
    const password = "Congdan@2026";
    expect(
      (await prod("POST", "/api/activation/password", { flowId, password, confirmPassword: password })).status,
    ).toBe(200);
    expect(
      (await prod("POST", "/api/activation/passcode", { flowId, passcode: "246810", confirmPasscode: "246810" }))
        .status,
    ).toBe(200);
    const questions = (file.securityQuestions ?? []).slice(0, 2).map((q) => q.id);
    const done = await prod("POST", "/api/activation/security", {
      flowId,
      answers: [
        { questionId: questions[0], answer: "Bình" },
        { questionId: questions[1], answer: "Cún" },
      ],
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(await row("SELECT level, status FROM accounts WHERE id = ?1", record.id)).toEqual({
      level: 2,
      status: "active",
    });

    // 7. … and logs in with the password set.
    const login = await prod("POST", "/api/auth/login", { citizenId: record.id, password });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const me = await prod("GET", "/api/me", undefined, cookieOf(login));
    expect(me.status, JSON.stringify(me.body)).toBe(200);

    expect(requested.filter((p) => p.startsWith("/api/dev/"))).toEqual([]);
  });
});
