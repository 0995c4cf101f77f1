/**
 * "Mã QR định danh" inside workerd: the passcode (or the share grant) opens it, the token is ES256 over what the
 * account may share, valid 60 s by the server clock, verified with the published key set; expired, altered and
 * unknown-key tokens are refused; level 2 chooses its fields; each share is audited by field name only.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen } from "../../scripts/demo-registry";
import {
  IDENTITY_PREFIX,
  type PrivateJwk,
  type PublicJwk,
  base45Decode,
  base45Encode,
  decodeIdentityToken,
  importSigningKey,
  publicJwk,
  randomJti,
  signIdentityToken,
  verifyIdentityToken,
} from "../../shared/identity-token";
import { advanceClock, call, loginCookie, post, row, seedRegistry } from "./helpers";

let citizens: DemoCitizen[];
const used = new Set<string>();
/** An active citizen of `level`, each once. */
function active(level: 1 | 2): DemoCitizen {
  const c = citizens.find((x) => x.kind === "active" && x.level === level && !used.has(x.id));
  if (!c) throw new Error(`no more active level-${level} citizens`);
  used.add(c.id);
  return c;
}

beforeAll(async () => {
  citizens = await seedRegistry(808, 72);
});

async function session(c: DemoCitizen): Promise<string> {
  const { cookie, res } = await loginCookie(c.id, c.password as string);
  if (!cookie) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return cookie;
}

const qr = (cookie: string, body: unknown) => post("/api/identity/qr", body, { cookie });

async function jwks(): Promise<PublicJwk[]> {
  const res = await call<{ keys: PublicJwk[] }>("GET", "/.well-known/jwks.json");
  expect(res.status).toBe(200);
  return res.body.keys;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;
const wrong = (p: string) => String((Number(p) + 1) % 1_000_000).padStart(6, "0");

describe("the published keys", () => {
  it("GET /.well-known/jwks.json lists the public P-256 key with its kid, cacheable, and no private part", async () => {
    const res = await call("GET", "/.well-known/jwks.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
    const keys = res.body.keys as Array<Record<string, string>>;
    expect(keys[0]).toMatchObject({ kty: "EC", crv: "P-256", kid: "dev-2026", alg: "ES256", use: "sig" });
    expect(keys.every((k) => !("d" in k))).toBe(true);
  });

  it("publishes the previous keys of IDENTITY_PREVIOUS_KEYS after the current one, skipping bad entries", async () => {
    const { identityJwks } = await import("../../worker/src/domain/identity");
    const old = { kty: "EC", crv: "P-256", x: "AAAA", y: "BBBB", kid: "old-2025" };
    const set = await identityJwks({ ...env, IDENTITY_PREVIOUS_KEYS: JSON.stringify([old, { kty: "RSA", kid: "x" }]) });
    expect(set.keys.map((k) => k.kid)).toEqual(["dev-2026", "old-2025"]);
  });
});

describe("level 1: name, ID and date of birth", () => {
  it("the passcode opens it; the token verifies for 60 s by the server clock, then is expired", async () => {
    const c = active(1);
    const cookie = await session(c);
    const res = await qr(cookie, { passcode: c.passcode, fields: ["address", "gender"] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const record = await row<{ full_name: string; dob: string }>(
      "SELECT full_name, dob FROM registry WHERE id = ?1",
      c.id,
    );
    expect(res.body.values).toEqual({ fullName: record?.full_name, citizenId: c.id, dob: record?.dob });
    expect(res.body.available).toEqual(["fullName", "citizenId", "dob"]);
    expect(res.body.level).toBe(1);
    expect(res.body.token.startsWith(IDENTITY_PREFIX)).toBe(true);
    const iat = seconds(res.body.issuedAt);
    expect(seconds(res.body.expiresAt) - iat).toBe(60);

    const keys = await jwks();
    const ok = await verifyIdentityToken(res.body.token, keys, iat + 1);
    expect(ok).toMatchObject({
      ok: true,
      claims: { kid: "dev-2026", iat, exp: iat + 60, level: 1, values: res.body.values },
    });
    expect((await verifyIdentityToken(res.body.token, keys, iat + 59)).ok).toBe(true);
    expect(await verifyIdentityToken(res.body.token, keys, iat + 60)).toMatchObject({ ok: false, reason: "expired" });
    expect(await verifyIdentityToken(res.body.token, keys, iat + 61)).toMatchObject({ ok: false, reason: "expired" });
    // A verifier whose clock is far behind the server's.
    expect(await verifyIdentityToken(res.body.token, keys, iat - 600)).toMatchObject({
      ok: false,
      reason: "not-yet-valid",
    });
  });

  it("records the share in the audit log with the field names only", async () => {
    const c = active(1);
    const res = await qr(await session(c), { passcode: c.passcode });
    expect(res.status).toBe(200);
    const line = await row<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE account_id = ?1 AND event = 'identity.shared' ORDER BY id DESC LIMIT 1",
      c.id,
    );
    const detail = JSON.parse(line?.detail ?? "{}");
    expect(detail.fields).toEqual(["fullName", "citizenId", "dob"]);
    const claims = decodeIdentityToken(res.body.token)?.claims;
    expect(detail.jti).toBe(claims?.jti);
    for (const value of Object.values(res.body.values as Record<string, string>))
      expect(line?.detail).not.toContain(value);
  });

  it("a wrong passcode counts down; five lock it with a pointer to 'Quên mã passcode'", async () => {
    const c = active(1);
    const cookie = await session(c);
    const first = await qr(cookie, { passcode: wrong(c.passcode as string) });
    expect(first.status).toBe(422);
    expect(first.body).toMatchObject({ code: "PASSCODE_WRONG", attemptsLeft: 4 });
    for (let i = 0; i < 4; i++) await qr(cookie, { passcode: wrong(c.passcode as string) });
    const locked = await qr(cookie, { passcode: c.passcode });
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe("PASSCODE_LOCKED");
    expect(locked.body.message).toContain("Quên mã passcode");
    expect(
      await row("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ?1 AND event = 'identity.shared'", c.id),
    ).toEqual({ n: 0 });
  });

  it("only an active account, logged in, may open it", async () => {
    const app = citizens.find((x) => x.kind === "app") as DemoCitizen;
    const res = await qr(await session(app), { passcode: "246810" });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("IDENTITY_NOT_ACTIVE");
    const anonymous = await post("/api/identity/qr", { passcode: "246810" });
    expect(anonymous.status).toBe(401);
    const both = await qr(await session(active(1)), { passcode: "246810", grant: `1.${"0".repeat(64)}` });
    expect(both.status).toBe(422);
  });
});

describe("the share grant", () => {
  it("refreshes without the passcode for 5 minutes, only in the session that got it", async () => {
    const c = active(1);
    const cookie = await session(c);
    const opened = await qr(cookie, { passcode: c.passcode });
    expect(opened.status).toBe(200);
    const again = await qr(cookie, { grant: opened.body.grant });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(decodeIdentityToken(again.body.token)?.claims.jti).not.toBe(
      decodeIdentityToken(opened.body.token)?.claims.jti,
    );
    expect(again.body.grantExpiresAt).toBe(opened.body.grantExpiresAt);

    const other = await qr(await session(c), { grant: opened.body.grant });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe("IDENTITY_GRANT_EXPIRED");
    const [until, mac] = (opened.body.grant as string).split(".");
    const forged = await qr(cookie, { grant: `${Number(until) + 3600}.${mac}` });
    expect(forged.body.code).toBe("IDENTITY_GRANT_EXPIRED");

    await advanceClock(301);
    const late = await qr(cookie, { grant: again.body.grant });
    expect(late.status).toBe(403);
    expect(late.body.code).toBe("IDENTITY_GRANT_EXPIRED");
    expect((await qr(cookie, { passcode: c.passcode })).status).toBe(200);
  });
});

describe("level 2: the citizen chooses the fields", () => {
  let c: DemoCitizen;
  let cookie: string;
  beforeAll(async () => {
    c = active(2);
    // The level-2 file approved at the police office, with its papers (and an older, superseded one).
    const insert = `INSERT INTO applications (account_id, level, channel, status, card_json, submitted_at, decided_at, papers)
      VALUES (?1, 2, 'office', ?2, '{}', 1000, ?3, ?4)`;
    await env.DB.prepare(insert)
      .bind(c.id, "rejected", 1500, JSON.stringify({ driverLicence: "OLD0000001" }))
      .run();
    await env.DB.prepare(insert)
      .bind(
        c.id,
        "approved",
        2000,
        JSON.stringify({ driverLicence: "AB1234567890", healthInsurance: "DN4010123456789" }),
      )
      .run();
    cookie = await session(c);
  });

  it("offers the basic five and the papers recorded at intake; shares exactly what is chosen", async () => {
    const res = await qr(cookie, {
      passcode: c.passcode,
      fields: ["fullName", "address", "healthInsurance", "vehicleRegistration"],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.available).toEqual([
      "fullName",
      "citizenId",
      "dob",
      "gender",
      "address",
      "driverLicence",
      "healthInsurance",
    ]);
    const record = await row<{ full_name: string; address: string }>(
      "SELECT full_name, address FROM registry WHERE id = ?1",
      c.id,
    );
    const expected = { fullName: record?.full_name, address: record?.address, healthInsurance: "DN4010123456789" };
    expect(res.body.values).toEqual(expected);
    const verified = await verifyIdentityToken(res.body.token, await jwks(), seconds(res.body.issuedAt) + 5);
    expect(verified).toMatchObject({ ok: true, claims: { level: 2, values: expected } });
    const line = await row<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE account_id = ?1 AND event = 'identity.shared' ORDER BY id DESC LIMIT 1",
      c.id,
    );
    expect(JSON.parse(line?.detail ?? "{}").fields).toEqual(["fullName", "address", "healthInsurance"]);
  });

  it("shares name, ID and date of birth until something is chosen, and with the grant changes the choice", async () => {
    const first = await qr(cookie, { passcode: c.passcode });
    expect(Object.keys(first.body.values)).toEqual(["fullName", "citizenId", "dob"]);
    const next = await qr(cookie, { grant: first.body.grant, fields: ["gender", "driverLicence"] });
    expect(next.status).toBe(200);
    expect(next.body.values).toEqual({ gender: expect.stringMatching(/^(Nam|Nữ)$/), driverLicence: "AB1234567890" });
  });

  it("refuses a choice too long for a version-15 QR code", async () => {
    const long = "Số nhà 128, ngõ 45, đường Nguyễn Thái Học, khối 7, phường Tam Thanh, tỉnh Lạng Sơn; ".repeat(4);
    await env.DB.prepare("UPDATE registry SET address = ?2 WHERE id = ?1").bind(c.id, long).run();
    const res = await qr(cookie, { passcode: c.passcode, fields: ["fullName", "address"] });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("IDENTITY_TOO_LARGE");
  });
});

describe("verification refuses what it must", () => {
  let token: string;
  let keys: PublicJwk[];
  let iat: number;
  beforeAll(async () => {
    const c = active(1);
    const res = await qr(await session(c), { passcode: c.passcode });
    token = res.body.token;
    iat = seconds(res.body.issuedAt);
    keys = await jwks();
  });

  it("a changed value, a flipped character or a cut token is 'altered'", async () => {
    const decoded = decodeIdentityToken(token);
    const bytes = base45Decode(token.slice(IDENTITY_PREFIX.length)) as Uint8Array;
    // Change the last digit of the ID number inside the signed bytes, keep the signature.
    const idAt = Buffer.from(bytes).indexOf(Buffer.from(decoded?.claims.values.citizenId as string, "latin1"));
    expect(idAt).toBeGreaterThan(0);
    const changed = Uint8Array.from(bytes);
    changed[idAt + 11] = changed[idAt + 11] === 0x30 ? 0x31 : 0x30;
    const tampered = IDENTITY_PREFIX + base45Encode(changed);
    expect(await verifyIdentityToken(tampered, keys, iat + 1)).toMatchObject({ ok: false, reason: "altered" });

    const body = token.slice(IDENTITY_PREFIX.length);
    const flipped = IDENTITY_PREFIX + body.slice(0, 40) + (body[40] === "A" ? "B" : "A") + body.slice(41);
    expect((await verifyIdentityToken(flipped, keys, iat + 1)).ok).toBe(false);
    expect(await verifyIdentityToken(token.slice(0, -6), keys, iat + 1)).toMatchObject({
      ok: false,
      reason: "altered",
    });
    expect(await verifyIdentityToken(`${IDENTITY_PREFIX}%%%`, keys, iat + 1)).toMatchObject({
      ok: false,
      reason: "altered",
    });
    expect(await verifyIdentityToken("https://example.com/", keys, iat + 1)).toMatchObject({
      ok: false,
      reason: "not-identity",
    });
  });

  it("a key that is not published is 'unknown key'; a foreign key under a published kid is 'altered'", async () => {
    const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    const jwk = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as object;
    const claims = {
      iat,
      exp: iat + 60,
      jti: randomJti(),
      level: 1,
      values: { fullName: "Nguyễn Văn A", citizenId: "020195001234" },
    };
    const foreign = await signIdentityToken(
      { ...claims, kid: "rogue-1" },
      await importSigningKey({ ...(jwk as PrivateJwk), kid: "rogue-1" }),
    );
    expect(await verifyIdentityToken(foreign, keys, iat + 1)).toMatchObject({ ok: false, reason: "unknown-key" });
    const sameKid = await signIdentityToken(
      { ...claims, kid: "dev-2026" },
      await importSigningKey({ ...(jwk as PrivateJwk), kid: "dev-2026" }),
    );
    expect(await verifyIdentityToken(sameKid, keys, iat + 1)).toMatchObject({ ok: false, reason: "altered" });
    // And the real token fails against a key set without the server's key.
    const rogue = publicJwk({ ...(jwk as PrivateJwk), kid: "rogue-1" });
    expect(await verifyIdentityToken(token, [rogue], iat + 1)).toMatchObject({ ok: false, reason: "unknown-key" });
  });
});
