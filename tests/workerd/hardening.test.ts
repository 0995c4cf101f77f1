/**
 * Issue 17, item 6 ("Smaller holes"): the lock of an unknown ID or user name answers as an account's does; at most
 * 5 portrait uploads per account an hour, and unused portraits swept by the cron trigger a day later; the identity
 * QR verifier refuses a lifetime over 90 s, and a locked passcode ends the share grant. Time moves with the dev clock.
 */
import { createScheduledController } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import {
  type PrivateJwk,
  importSigningKey,
  randomJti,
  signIdentityToken,
  verifyIdentityToken,
} from "../../shared/identity-token";
import { advanceClock, call, loginCookie, pool, post, row, seedRegistry } from "./helpers";
import worker from "../../worker/src/index";
import { TAM_THANH, addOfficer, importUnits, jpeg } from "./officer-helpers";

let take: (kind: DemoKind) => DemoCitizen;

beforeAll(async () => {
  take = pool(await seedRegistry(1766, 96));
  await importUnits();
});

/** The answer without what differs by the second (the wait in `retryAfter` and its words). */
function shape(res: { status: number; body: Record<string, unknown> }) {
  const { requestId: _r, retryAfter, message, ...rest } = res.body;
  return {
    status: res.status,
    ...rest,
    retryAfter: typeof retryAfter,
    message: String(message).replace(/\d+ phút( \d+ giây)?|\d+ giây/, "…"),
  };
}

describe("lockout oracle: an unknown ID is counted and locked like an account", () => {
  it("citizens: five wrong passwords lock an unknown ID and a real one alike, by status and body", async () => {
    const real = take("active");
    const unknown = "020199017017";
    const tries = async (citizenId: string) => {
      const out = [];
      for (let i = 1; i <= 6; i++) out.push(await post("/api/auth/login", { citizenId, password: `Sai@matkhau${i}` }));
      return out;
    };
    const [a, b] = [await tries(real.id), await tries(unknown)];
    expect(a.map((r) => r.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(b.map(shape)).toEqual(a.map(shape));
    expect(b[4]?.body.message).toContain("tạm khóa");
    expect(b[4]?.body.retryAfter).toBe(a[4]?.body.retryAfter);
    // After the 15 minutes, both answer "wrong" again, not "locked".
    await advanceClock(15 * 60 + 1);
    expect((await post("/api/auth/login", { citizenId: unknown, password: "Sai@matkhau7" })).status).toBe(401);
    expect((await post("/api/auth/login", { citizenId: real.id, password: real.password })).status).toBe(200);
  });

  it("an account without a password is counted per submitted ID too", async () => {
    const noPassword = take("approved-new");
    const answers = [];
    for (let i = 1; i <= 5; i++)
      answers.push(await post("/api/auth/login", { citizenId: noPassword.id, password: `Sai@matkhau${i}` }));
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 423]);
  });

  it("officers: an unknown user name locks like a real one", async () => {
    const { username } = await addOfficer(TAM_THANH);
    const tries = async (name: string) => {
      const out = [];
      for (let i = 1; i <= 6; i++)
        out.push(await post("/api/officer/login", { username: name, password: `Sai@matkhau${i}` }));
      return out;
    };
    const [a, b] = [await tries(username), await tries("khongco.ai17")];
    expect(a.map((r) => r.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(b.map(shape)).toEqual(a.map(shape));
  });

  it("the cron trigger forgets idle counts of unknown IDs after a day, never a running lock", async () => {
    await post("/api/auth/login", { citizenId: "020199017099", password: "Sai@matkhau1" });
    expect(await row("SELECT 1 FROM login_failures WHERE subject = 'citizen:020199017099'")).not.toBeNull();
    await advanceClock(86_401);
    await runCron();
    expect(await row("SELECT 1 FROM login_failures WHERE subject = 'citizen:020199017099'")).toBeNull();
  });
});

/** Runs the worker's `scheduled` handler, as the hourly cron trigger does. */
async function runCron(): Promise<void> {
  await worker.scheduled(createScheduledController({ cron: "17 * * * *" }), env);
}

/** Uploads a level-1 portrait with the session `cookie`. */
async function upload(cookie: string) {
  const res = await exports.default.fetch("http://127.0.0.1:8787/api/level1/photo", {
    method: "POST",
    headers: {
      cookie,
      "content-type": "image/jpeg",
      origin: "http://127.0.0.1:8787",
      "cf-connecting-ip": "198.51.100.66",
    },
    body: jpeg(300, 400) as BodyInit,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("portrait uploads", () => {
  it("at most 5 per account an hour; the sixth answers 429 with the wait, and stores nothing", async () => {
    const c = take("app");
    const { cookie } = await loginCookie(c.id, c.password as string);
    for (let i = 1; i <= 5; i++) {
      const r = await upload(cookie as string);
      expect(r.status, `upload ${i}: ${JSON.stringify(r.body)}`).toBe(200);
    }
    const stored = (await env.PHOTOS.list()).objects.length;
    const sixth = await upload(cookie as string);
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe("RATE_LIMITED");
    expect(sixth.body.message).toMatch(/Vui lòng thử lại sau \d+ (phút|giờ)/);
    expect((await env.PHOTOS.list()).objects.length).toBe(stored);
    await advanceClock(3601);
    const again = await loginCookie(c.id, c.password as string); // the first session has been idle too long
    expect((await upload(again.cookie as string)).status).toBe(200);
  });

  it("the cron trigger deletes a portrait no file used within a day (row and object), and keeps the one a file uses", async () => {
    const c = take("app");
    const { cookie } = await loginCookie(c.id, c.password as string);
    const unused = (await upload(cookie as string)).body.photoId as string;
    const used = (await upload(cookie as string)).body.photoId as string;
    const record = await row<Record<string, string>>("SELECT * FROM registry WHERE id = ?1", c.id);
    const card = {
      id: c.id,
      oldId: record?.old_id ?? "",
      fullName: record?.full_name,
      dob: record?.dob,
      gender: record?.gender,
      address: record?.address,
      issued: record?.card_issued,
    };
    const applied = await call(
      "POST",
      "/api/level1/apply",
      { card, photoId: used },
      { headers: { cookie: cookie as string } },
    );
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const keyOf = async (id: string) =>
      (await row<{ r2_key: string }>("SELECT r2_key FROM photos WHERE id = ?1", id))?.r2_key;
    const [unusedKey, usedKey] = [await keyOf(unused), await keyOf(used)];
    await advanceClock(3600);
    await runCron();
    expect(await keyOf(unused)).toBe(unusedKey); // not a day old yet
    await advanceClock(86_400 - 3600 + 1);
    await runCron();
    expect(await keyOf(unused)).toBeUndefined();
    expect(await env.PHOTOS.head(unusedKey as string)).toBeNull();
    expect(await keyOf(used)).toBe(usedKey);
    expect(await env.PHOTOS.head(usedKey as string)).not.toBeNull();
  });
});

describe("identity QR", () => {
  it("the verifier refuses a token whose lifetime (exp − iat) exceeds 90 s", async () => {
    const jwk = JSON.parse(env.IDENTITY_SIGNING_KEY as string) as PrivateJwk;
    const keys = (await call<{ keys: Parameters<typeof verifyIdentityToken>[1] }>("GET", "/.well-known/jwks.json")).body
      .keys;
    const key = await importSigningKey(jwk);
    const iat = Math.floor(Date.now() / 1000);
    const make = (lifetime: number) =>
      signIdentityToken(
        { kid: jwk.kid, iat, exp: iat + lifetime, jti: randomJti(), level: 1, values: { citizenId: "020195001234" } },
        key,
      );
    expect((await verifyIdentityToken(await make(90), keys, iat + 1)).ok).toBe(true);
    expect(await verifyIdentityToken(await make(91), keys, iat + 1)).toMatchObject({ ok: false, reason: "altered" });
    expect(await verifyIdentityToken(await make(86_400), keys, iat + 1)).toMatchObject({
      ok: false,
      reason: "altered",
    });
  });

  it("the share grant ends when the passcode locks", async () => {
    const c = take("active");
    const { cookie } = await loginCookie(c.id, c.password as string);
    const qr = (body: unknown) => post("/api/identity/qr", body, { cookie: cookie as string });
    const opened = await qr({ passcode: c.passcode });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const grant = opened.body.grant as string;
    expect((await qr({ grant })).status).toBe(200);
    const wrong = String((Number(c.passcode) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++) await qr({ passcode: wrong });
    const refused = await qr({ grant });
    expect(refused.status).toBe(423);
    expect(refused.body.code).toBe("PASSCODE_LOCKED");
  });
});
