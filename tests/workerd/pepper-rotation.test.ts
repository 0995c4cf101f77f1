/**
 * Rotating the pepper (docs/operations.md): each hash names the pepper that made it; with `PEPPER` new and the old
 * one in `PEPPER_PREVIOUS`, old hashes still verify and a successful login, passcode or recovery answer rehashes
 * them; OTPs and share grants issued just before the rotation still work.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import { checkSecret, hashSecret, parsePeppers, pepperId, verifySecret } from "../../worker/src/crypto";
import { latestOtp, newDeviceId, pool, post, row, seedRegistry } from "./helpers";
import { addOfficer } from "./officer-helpers";
import { callWith } from "./ops-helpers";

const OLD = env.PEPPER;
const NEW = "rotated-pepper-2026-12-aa55aa55aa55";
const rotated = { PEPPER: NEW, PEPPER_PREVIOUS: JSON.stringify([OLD]) };
const idOf = (hash: unknown) => String(hash).split("$")[4];
let take: (kind: DemoKind) => DemoCitizen;

beforeAll(async () => {
  take = pool(await seedRegistry(1403, 48));
  await post("/api/dev/units/import", (await import("../../data/units/lang-son.json")).default);
});

const passwordHash = async (id: string) =>
  (await row<{ password_hash: string }>("SELECT password_hash FROM accounts WHERE id = ?1", id))?.password_hash;

describe("hashes name their pepper", () => {
  it("a new hash ends with the pepper id; the id is the first 8 hex digits of the pepper's SHA-256", async () => {
    const h = await hashSecret("Matkhau@1", NEW, 1000);
    expect(h.split("$")).toHaveLength(5);
    expect(idOf(h)).toBe(await pepperId(NEW));
    expect(await pepperId(NEW)).toMatch(/^[0-9a-f]{8}$/);
    expect(await verifySecret("Matkhau@1", NEW, h)).toBe(true);
    // Made with the old pepper: verifies only where the old one is a previous pepper.
    const old = await hashSecret("Matkhau@1", OLD, 1000);
    expect(await verifySecret("Matkhau@1", NEW, old)).toBe(false);
    expect(await verifySecret("Matkhau@1", NEW, old, [OLD])).toBe(true);
    expect(await verifySecret("Sai@1", NEW, old, [OLD])).toBe(false);
    expect(
      await checkSecret("Matkhau@1", old, { pepper: NEW, previousPeppers: [OLD], iterations: 1000 }),
    ).toMatchObject({
      ok: true,
      rehash: expect.stringMatching(new RegExp(`\\$${await pepperId(NEW)}$`)),
    });
    expect(await checkSecret("Matkhau@1", h, { pepper: NEW, previousPeppers: [OLD], iterations: 1000 })).toEqual({
      ok: true,
      rehash: null,
    });
  });

  it("a hash of before pepper ids (four parts) is tried with the current pepper, then the previous ones", async () => {
    const legacy = (await hashSecret("Matkhau@1", OLD, 1000)).split("$").slice(0, 4).join("$");
    expect(await verifySecret("Matkhau@1", OLD, legacy)).toBe(true);
    expect(await verifySecret("Matkhau@1", NEW, legacy, [OLD])).toBe(true);
    expect(await verifySecret("Matkhau@1", NEW, legacy)).toBe(false);
    expect(await verifySecret("Matkhau@1", OLD, `${legacy}$`)).toBe(false);
  });

  it("PEPPER_PREVIOUS is a JSON array of peppers or one pepper; short or malformed values are left out", () => {
    expect(parsePeppers(JSON.stringify([OLD, "short", 5]))).toEqual([OLD]);
    expect(parsePeppers(OLD)).toEqual([OLD]);
    expect(parsePeppers("")).toEqual([]);
    expect(parsePeppers("[not json")).toEqual([]);
  });
});

describe("rotating the pepper of a running deployment", () => {
  it("a citizen logs in with a hash of the old pepper, which is then rehashed; without PEPPER_PREVIOUS it would not verify", async () => {
    const c = take("active");
    const password = c.password as string;
    expect(idOf(await passwordHash(c.id))).toBe(await pepperId(OLD));
    const other = take("active");
    const refused = await callWith({ PEPPER: NEW }, "POST", "/api/auth/login", {
      citizenId: other.id,
      password: other.password,
    });
    expect(refused.status).toBe(401);

    const first = await callWith(rotated, "POST", "/api/auth/login", { citizenId: c.id, password });
    expect(first.status).toBe(200);
    expect(idOf(await passwordHash(c.id))).toBe(await pepperId(NEW));
    // Rehashed: the new pepper alone verifies it now, and the old one no longer does.
    expect((await callWith({ PEPPER: NEW }, "POST", "/api/auth/login", { citizenId: c.id, password })).status).toBe(
      200,
    );
    expect((await post("/api/auth/login", { citizenId: c.id, password })).status).toBe(401);
  });

  it("the passcode is verified with the old pepper and rehashed; a share grant of before the rotation still holds", async () => {
    const c = take("active");
    const login = await post("/api/auth/login", { citizenId: c.id, password: c.password });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const before = await post("/api/identity/qr", { passcode: c.passcode }, { cookie });
    expect(before.status).toBe(200);
    const grant = before.body.grant as string;
    const qr = await callWith(rotated, "POST", "/api/identity/qr", { passcode: c.passcode }, { cookie });
    expect(qr.status).toBe(200);
    const stored = await row<{ passcode_hash: string }>("SELECT passcode_hash FROM accounts WHERE id = ?1", c.id);
    expect(idOf(stored?.passcode_hash)).toBe(await pepperId(NEW));
    expect((await callWith(rotated, "POST", "/api/identity/qr", { grant }, { cookie })).status).toBe(200);
  });

  it("an OTP texted just before the rotation is accepted just after it", async () => {
    const c = take("approved-new");
    const start = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    const flowId = start.body.flowId as string;
    expect((await post("/api/activation/otp", { flowId })).status).toBe(200);
    const outbox = await callWith({}, "GET", `/api/dev/sms?phone=${encodeURIComponent(c.phone)}`);
    const otp = /\b(\d{6})\b/.exec((outbox.body.messages as Array<{ text: string }>)[0]?.text ?? "")?.[1];
    const verified = await callWith(rotated, "POST", "/api/activation/verify", { flowId, otp });
    expect(verified.status).toBe(200);
  });

  it("a security answer is verified with the old pepper in password recovery, and rehashed", async () => {
    const c = take("active");
    const start = await callWith(rotated, "POST", "/api/recovery/start", { citizenId: c.id, phone: c.phone });
    expect(start.status).toBe(200);
    const flowId = start.body.flowId as string;
    const verified = await callWith(rotated, "POST", "/api/recovery/verify", { flowId, otp: await latestOtp(c.phone) });
    expect(verified.status).toBe(200);
    const questionId = verified.body.question.id as number;
    const slotOf = await row<{ slot: number; answer_hash: string }>(
      "SELECT slot, answer_hash FROM security_answers WHERE account_id = ?1 AND question_id = ?2",
      c.id,
      questionId,
    );
    expect(idOf(slotOf?.answer_hash)).toBe(await pepperId(OLD));
    const answer = (c.securityAnswers as Record<number, string>)[questionId];
    const answered = await callWith(rotated, "POST", "/api/recovery/answer", { flowId, answer });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const after = await row<{ answer_hash: string }>(
      "SELECT answer_hash FROM security_answers WHERE account_id = ?1 AND slot = ?2",
      c.id,
      slotOf?.slot,
    );
    expect(idOf(after?.answer_hash)).toBe(await pepperId(NEW));
  });

  it("an officer logs in with a hash of the old pepper, which is then rehashed", async () => {
    const { username, password } = await addOfficer("CAT-LANGSON");
    const stored = async () =>
      (await row<{ password_hash: string }>("SELECT password_hash FROM officers WHERE username = ?1", username))
        ?.password_hash;
    expect(idOf(await stored())).toBe(await pepperId(OLD));
    const res = await callWith(rotated, "POST", "/api/officer/login", { username, password });
    expect(res.status).toBe(200);
    expect(idOf(await stored())).toBe(await pepperId(NEW));
  });
});
