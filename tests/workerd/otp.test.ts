import { env } from "cloudflare:workers";
import { otpGuardFor } from "../../worker/src/domain/otp";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import {
  advanceClock,
  call,
  latestOtp,
  newDeviceId,
  pool,
  post,
  randomIp,
  row,
  seedRegistry,
  startToOtp,
} from "./helpers";

let take: (kind: DemoKind) => DemoCitizen;

beforeAll(async () => {
  take = pool(await seedRegistry(202, 96));
});

const wrong = (otp: string) => String((Number(otp) + 1) % 1_000_000).padStart(6, "0");

describe("OTP (one Durable Object per phone)", () => {
  it("expires after 180 seconds; 'Gửi lại mã' then sends a fresh code that works", async () => {
    const c = take("approved-new");
    const { flowId, otp } = await startToOtp(c);
    // The real clock moves too while the test runs, so stay a few seconds clear of the boundaries.
    await advanceClock(176);
    // Still valid just before expiry — checked with a wrong guess so that the code survives.
    expect((await post("/api/activation/verify", { flowId, otp: wrong(otp) })).body.code).toBe("OTP_INVALID");
    await advanceClock(4);
    const expired = await post("/api/activation/verify", { flowId, otp });
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ code: "OTP_EXPIRED" });
    expect(expired.body.message).toContain("Gửi lại mã");
    const resent = await post("/api/activation/otp", { flowId });
    expect(resent.status).toBe(200);
    const fresh = await latestOtp(c.phone);
    const ok = await post("/api/activation/verify", { flowId, otp: fresh });
    expect(ok.status).toBe(200);
    expect(ok.body.step).toBe("password");
  });

  it("'Gửi lại mã' waits 60 seconds, with the time to wait in the message", async () => {
    const c = take("approved-new");
    const { flowId } = await startToOtp(c);
    await advanceClock(15);
    const early = await post("/api/activation/otp", { flowId });
    expect(early.status).toBe(429);
    // 45 s left (44 if a real second ticked meanwhile).
    expect(early.body.code).toBe("OTP_COOLDOWN");
    expect([44, 45]).toContain(early.body.retryAfter);
    expect(early.body.message).toBe(`Vui lòng chờ ${early.body.retryAfter} giây trước khi gửi lại mã.`);
    expect(early.headers.get("retry-after")).toBe(String(early.body.retryAfter));
    await advanceClock(45);
    expect((await post("/api/activation/otp", { flowId })).status).toBe(200);
    // The outbox lists the newest text first.
    const { messages } = (await call("GET", `/api/dev/sms?phone=${encodeURIComponent(`+84${c.phone.slice(1)}`)}`)).body;
    expect(messages).toHaveLength(2);
    expect(messages[0].to).toBe(`+84${c.phone.slice(1)}`);
    const gap = Date.parse(messages[0].sentAt) - Date.parse(messages[1].sentAt);
    expect(gap).toBeGreaterThanOrEqual(60_000);
    expect(gap).toBeLessThan(65_000);
  });

  it("sends at most 5 codes per phone in any hour, 3 of them to one client; a refused send waits at most an hour", async () => {
    const c = take("approved-new");
    const one = { "cf-connecting-ip": randomIp() };
    const start = await post(
      "/api/activation/start",
      { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() },
      one,
    );
    const flowId = start.body.flowId;
    for (let i = 1; i <= 3; i++) {
      expect((await post("/api/activation/otp", { flowId }, one)).status, `send ${i}`).toBe(200);
      await advanceClock(61);
    }
    // A fourth from the same client: the phone's per-client cap. The first send was 3 × 61 s ago.
    const fourth = await post("/api/activation/otp", { flowId }, one);
    expect(fourth.status).toBe(429);
    expect(fourth.body.code).toBe("OTP_DAILY_LIMIT");
    expect(fourth.body.retryAfter).toBeLessThanOrEqual(3600 - 3 * 61);
    expect(fourth.body.retryAfter).toBeGreaterThan(3600 - 3 * 61 - 10);
    expect(fourth.body.message).toContain("56 phút");
    // Another client gets two more; then the phone has had its 5 of the hour, whoever asks.
    const other = { "cf-connecting-ip": randomIp() };
    for (let i = 4; i <= 5; i++) {
      expect((await post("/api/activation/otp", { flowId }, other)).status, `send ${i}`).toBe(200);
      await advanceClock(61);
    }
    const sixth = await post("/api/activation/otp", { flowId });
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe("OTP_DAILY_LIMIT");
    // The first send was 5 × 61 s ago, so it leaves the window an hour after it was made.
    expect(sixth.body.retryAfter).toBeLessThanOrEqual(3600 - 5 * 61);
    expect(sixth.body.retryAfter).toBeGreaterThan(3600 - 5 * 61 - 10);
    expect(sixth.body.message).toContain("54 phút");
    // A new flow for the same phone does not reset the count: the limit is per phone.
    const again = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    const blocked = await post("/api/activation/otp", { flowId: again.body.flowId });
    expect(blocked.body.code).toBe("OTP_DAILY_LIMIT");
    const sms = await call("GET", `/api/dev/sms?phone=${c.phone}`);
    expect(sms.body.messages).toHaveLength(5);
    // The three refusals are in the audit log.
    const hits = await row<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ?1 AND event = 'ratelimit.hit' AND json_extract(detail, '$.code') = 'OTP_DAILY_LIMIT'",
      c.id,
    );
    expect(hits?.n).toBe(3);
    // An hour after the first send, a code goes out again (in a new flow: the others have expired).
    await advanceClock(3600 - 5 * 61 + 1);
    const later = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    expect((await post("/api/activation/otp", { flowId: later.body.flowId })).status).toBe(200);
  });

  it("five wrong entries kill the code, even the right one afterwards", async () => {
    const c = take("approved-new");
    const { flowId, otp } = await startToOtp(c);
    const left: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await post("/api/activation/verify", { flowId, otp: wrong(otp) });
      expect(r.status).toBe(422);
      left.push(r.body.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1]);
    const fifth = await post("/api/activation/verify", { flowId, otp: wrong(otp) });
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe("OTP_LOCKED");
    const right = await post("/api/activation/verify", { flowId, otp });
    expect(right.body.code).toBe("OTP_LOCKED");
    // The lockout is in the audit log.
    const lockouts = await row<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ?1 AND event = 'otp.failed' AND json_extract(detail, '$.reason') = 'OTP_LOCKED'",
      c.id,
    );
    expect(lockouts?.n).toBeGreaterThanOrEqual(1);
  });

  it("50 concurrent wrong guesses count no more than the cap, and the code dies", async () => {
    const c = take("approved-new");
    const { flowId, otp } = await startToOtp(c);
    const guesses = Array.from({ length: 50 }, (_, i) => String((Number(otp) + 1 + i) % 1_000_000).padStart(6, "0"));
    const results = await Promise.all(guesses.map((g) => post("/api/activation/verify", { flowId, otp: g })));
    const invalid = results.filter((r) => r.body.code === "OTP_INVALID").length;
    const locked = results.filter((r) => r.body.code === "OTP_LOCKED").length;
    expect(invalid).toBe(4);
    expect(locked).toBe(46);
    expect((await post("/api/activation/verify", { flowId, otp })).body.code).toBe("OTP_LOCKED");
  });

  it("a code is bound to the flow that asked for it, and works once", async () => {
    const c = take("approved-new");
    const a = await startToOtp(c);
    // Another flow for the same phone (the first is ended by the new request, so test the binding in the DO too).
    const phone = `+84${c.phone.slice(1)}`;
    const stub = otpGuardFor(env.OTP, phone);
    const other = await stub.verify({ phone, flowKey: "some-other-flow", purpose: "activation", now: 0, code: a.otp });
    expect(other).toEqual({ ok: false, code: "OTP_NOT_SENT" });
    const otherPurpose = await stub.verify({ phone, flowKey: "x", purpose: "recovery", now: 0, code: a.otp });
    expect(otherPurpose.ok).toBe(false);
    const ok = await post("/api/activation/verify", { flowId: a.flowId, otp: a.otp });
    expect(ok.status).toBe(200);
    // Single use: the same code cannot be verified again, whatever the flow says.
    const replay = await stub.verify({
      phone,
      flowKey: "any",
      purpose: "activation",
      now: Math.floor(Date.now() / 1000),
      code: a.otp,
    });
    expect(replay.ok).toBe(false);
  });

  it("codes are 6 random digits and only their HMAC is stored", async () => {
    const c = take("approved-new");
    const { otp } = await startToOtp(c);
    expect(otp).toMatch(/^\d{6}$/);
    const phone = `+84${c.phone.slice(1)}`;
    const stub = otpGuardFor(env.OTP, phone);
    const { runInDurableObject } = await import("cloudflare:test");
    const stored = await runInDurableObject(stub, (_o, state) =>
      state.storage.sql.exec<{ code_hash: string }>("SELECT code_hash FROM codes WHERE phone = ?", phone).toArray(),
    );
    expect(stored[0]?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.code_hash).not.toContain(otp);
  });
});

describe("OtpGuard shards (many phone numbers per instance)", () => {
  const shard = () => env.OTP.get(env.OTP.idFromName(`test/${crypto.randomUUID()}`));
  const A = "+84912345678";
  const B = "+84987654321";

  it("keeps each number's code, cooldown, hourly count and attempts apart", async () => {
    const g = shard();
    const now = 1_000_000;
    const a = await g.issue({ phone: A, flowKey: "fa", purpose: "activation", now, ip: "a0" });
    const b = await g.issue({ phone: B, flowKey: "fb", purpose: "activation", now, ip: "b0" });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    // A's cooldown does not touch B, and a code answers only for its own number.
    expect(await g.issue({ phone: A, flowKey: "fa", purpose: "activation", now: now + 1, ip: "a0" })).toMatchObject({
      ok: false,
      code: "OTP_COOLDOWN",
    });
    expect(await g.verify({ phone: B, flowKey: "fa", purpose: "activation", now: now + 2, code: a.code })).toEqual({
      ok: false,
      code: "OTP_NOT_SENT",
    });
    // Five wrong guesses lock A's code; B's still works.
    for (let i = 0; i < 5; i++)
      await g.verify({ phone: A, flowKey: "fa", purpose: "activation", now: now + 3, code: wrong(a.code) });
    expect(await g.verify({ phone: A, flowKey: "fa", purpose: "activation", now: now + 4, code: a.code })).toEqual({
      ok: false,
      code: "OTP_LOCKED",
    });
    expect(await g.verify({ phone: B, flowKey: "fb", purpose: "activation", now: now + 4, code: b.code })).toEqual({
      ok: true,
    });
    // The hourly count is per number: A's four more sends (from other clients) leave B all of its own (its right code
    // above cleared its one send).
    for (let i = 1; i <= 4; i++)
      expect(
        (await g.issue({ phone: A, flowKey: "fa", purpose: "activation", now: now + i * 61, ip: `a${i}` })).ok,
      ).toBe(true);
    expect(
      await g.issue({ phone: A, flowKey: "fa", purpose: "activation", now: now + 5 * 61, ip: "a5" }),
    ).toMatchObject({ ok: false, code: "OTP_DAILY_LIMIT" });
    expect(
      await g.issue({ phone: B, flowKey: "fb", purpose: "activation", now: now + 5 * 61, ip: "a5" }),
    ).toMatchObject({ ok: true, sendsLeft: 4 });
  });

  it("a send an hour old no longer counts, and any number's send purges every number's hour-old rows", async () => {
    const g = shard();
    const now = 2_000_000;
    for (let i = 0; i < 5; i++)
      expect(
        (await g.issue({ phone: A, flowKey: "fa", purpose: "activation", now: now + i * 61, ip: `a${i}` })).ok,
      ).toBe(true);
    expect((await g.issue({ phone: B, flowKey: "fb", purpose: "activation", now: now + 3600 + 300, ip: "b" })).ok).toBe(
      true,
    );
    const { runInDurableObject } = await import("cloudflare:test");
    const left = await runInDurableObject(g, (_o, state) => ({
      sends: state.storage.sql
        .exec<{ phone: string }>("SELECT phone FROM phone_sends")
        .toArray()
        .map((r) => r.phone),
      codes: state.storage.sql
        .exec<{ phone: string }>("SELECT phone FROM codes")
        .toArray()
        .map((r) => r.phone),
    }));
    expect(left).toEqual({ sends: [B], codes: [B] });
    expect(
      (await g.issue({ phone: A, flowKey: "fa", purpose: "activation", now: now + 3600 + 301, ip: "a0" })).ok,
    ).toBe(true);
  });

  it("an instance of the old one-per-number layout drops its tables on its last alarm", async () => {
    const g = shard();
    const { runInDurableObject, runDurableObjectAlarm } = await import("cloudflare:test");
    const tables = () =>
      runInDurableObject(g, (_o, state) =>
        state.storage.sql
          .exec<{ name: string }>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name",
          )
          .toArray()
          .map((r) => r.name),
      );
    await runInDurableObject(g, async (_o, state) => {
      state.storage.sql.exec("CREATE TABLE code (id INTEGER PRIMARY KEY, code_hash TEXT)");
      state.storage.sql.exec("CREATE TABLE sends (sent_at INTEGER NOT NULL)");
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await tables()).toEqual(expect.arrayContaining(["code", "sends", "codes", "phone_sends"]));
    expect(await runDurableObjectAlarm(g)).toBe(true);
    const after = await tables();
    expect(after).toEqual(expect.arrayContaining(["codes", "phone_sends"]));
    expect(after).not.toContain("code");
    expect(after).not.toContain("sends");
  });
});
