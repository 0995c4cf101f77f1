/**
 * "Quên mật khẩu" and "Quên mã passcode": the whole password recovery (every session revoked), the 24-hour lock
 * after five wrong security answers across flows, the OTP bound to its purpose, and the passcode recovery that
 * lifts the passcode lock.
 */
import { env } from "cloudflare:workers";
import { otpGuardFor } from "../../worker/src/domain/otp";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import { parseVnMobile } from "../../shared/phone";
import { sha256Hex } from "../../worker/src/crypto";
import { advanceClock, call, latestOtp, loginCookie, pool, post, queuedText, row, seedRegistry } from "./helpers";

let take: (kind: DemoKind) => DemoCitizen;

beforeAll(async () => {
  take = pool(await seedRegistry(8008, 48));
});

const NEW_PASSWORD = "Quenmk#2025Lan";
const me = (cookie: string) => call("GET", "/api/me", undefined, { headers: { cookie } });
const e164 = (phone: string) => parseVnMobile(phone)?.e164 ?? phone;
const wrongAnswer = "không phải câu trả lời này";

/** Starts a password recovery and passes the OTP; returns the flow id and the question asked. */
async function toQuestion(c: DemoCitizen): Promise<{ flowId: string; questionId: number }> {
  const start = await post("/api/recovery/start", { citizenId: c.id, phone: c.phone });
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  expect(start.body.step).toBe("otp");
  const flowId = start.body.flowId as string;
  const verified = await post("/api/recovery/verify", { flowId, otp: await latestOtp(c.phone) });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  expect(verified.body.step).toBe("question");
  return { flowId, questionId: verified.body.question.id as number };
}

const rightAnswer = (c: DemoCitizen, questionId: number) =>
  (c.securityAnswers as Record<number, string>)[questionId] as string;

describe("Quên mật khẩu", () => {
  it("ID + phone → OTP → one of the two questions → new password; every session is revoked", async () => {
    const c = take("active");
    const a = await loginCookie(c.id, c.password as string);
    const b = await loginCookie(c.id, c.password as string);
    expect((await me(a.cookie as string)).status).toBe(200);

    const { flowId, questionId } = await toQuestion(c);
    expect(Object.keys(c.securityAnswers ?? {}).map(Number)).toContain(questionId);
    // The question is kept for the flow: a reload shows the same one.
    const status = await post("/api/recovery/status", { flowId });
    expect(status.body.question.id).toBe(questionId);
    expect(typeof status.body.question.text).toBe("string");

    // Answers are compared like at activation: case and spacing do not matter.
    const answer = `  ${rightAnswer(c, questionId).toUpperCase()} `;
    const answered = await post("/api/recovery/answer", { flowId, answer });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.step).toBe("password");

    const weak = await post("/api/recovery/password", {
      flowId,
      password: `Ab#${c.id}`,
      confirmPassword: `Ab#${c.id}`,
    });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe("PASSWORD_PERSONAL");

    const done = await post("/api/recovery/password", {
      flowId,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.step).toBe("done");

    // Both old sessions are gone; the old password no longer works, the new one does.
    expect((await me(a.cookie as string)).status).toBe(401);
    expect((await me(b.cookie as string)).status).toBe(401);
    expect((await loginCookie(c.id, c.password as string)).res.body.code).toBe("LOGIN_FAILED");
    const fresh = await loginCookie(c.id, NEW_PASSWORD);
    expect(fresh.res.status).toBe(200);
    expect((await me(fresh.cookie as string)).status).toBe(200);

    // The flow is over; audited, notified and texted.
    expect(
      (await post("/api/recovery/password", { flowId, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).body
        .code,
    ).toBe("FLOW_EXPIRED");
    expect(
      await row("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ?1 AND event = 'recovery.password'", c.id),
    ).toEqual({ n: 1 });
    expect(
      await row("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ?1 AND event = 'session.revoked'", c.id),
    ).toEqual({ n: 2 });
    expect(await row("SELECT kind, detail FROM notifications WHERE account_id = ?1", c.id)).toEqual({
      kind: "recovery",
      detail: '{"what":"password"}',
    });
    await queuedText(c.phone, /^Mat khau tai khoan dinh danh dien tu cua ban vua duoc dat lai/);
    const sms = await call("GET", `/api/dev/sms?phone=${c.phone}`);
    expect(
      sms.body.messages.some((m: { text: string }) =>
        m.text.startsWith("Mat khau tai khoan dinh danh dien tu cua ban vua duoc dat lai"),
      ),
    ).toBe(true);
  });

  it("refuses a wrong pair with activation's neutral answer, and explains an account that cannot recover", async () => {
    const c = take("active");
    const wrong = await post("/api/recovery/start", { citizenId: c.id, phone: "0399999999" });
    expect(wrong.status).toBe(404);
    expect(wrong.body.code).toBe("INVALID_ID_OR_PHONE");
    const nobody = take("no-account");
    expect((await post("/api/recovery/start", { citizenId: nobody.id, phone: nobody.phone })).body.code).toBe(
      "NOT_IDENTIFIED",
    );
    const app = take("app");
    const unavailable = await post("/api/recovery/start", { citizenId: app.id, phone: app.phone });
    expect(unavailable.status).toBe(409);
    expect(unavailable.body.code).toBe("RECOVERY_UNAVAILABLE");
    expect(
      await row("SELECT COUNT(*) AS n FROM sms_outbox WHERE to_phone IN (?1, ?2)", e164(nobody.phone), e164(app.phone)),
    ).toEqual({ n: 0 });
  });

  it("an activation code bound to the same flow does not open a recovery: the OTP is bound to its purpose", async () => {
    const c = take("active");
    const start = await post("/api/recovery/start", { citizenId: c.id, phone: c.phone });
    const flowId = start.body.flowId as string;
    const now = Math.floor(Date.parse(await advanceClock(61)) / 1000);
    const guard = otpGuardFor(env.OTP, e164(c.phone));
    const issued = await guard.issue({
      phone: e164(c.phone),
      flowKey: await sha256Hex(flowId),
      purpose: "activation",
      now,
      ip: "203.0.113.9",
    });
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    const res = await post("/api/recovery/verify", { flowId, otp: issued.code });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("OTP_NOT_SENT");
    expect((await post("/api/recovery/status", { flowId })).body.step).toBe("otp");
  });

  it("five wrong answers, across flows, lock password recovery for 24 hours; then it works again", async () => {
    const c = take("active");
    const first = await toQuestion(c);
    const seen: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await post("/api/recovery/answer", { flowId: first.flowId, answer: wrongAnswer });
      seen.push(`${r.status} ${r.body.code}:${r.body.attemptsLeft}`);
    }
    await advanceClock(61); // the resend cooldown of the phone
    const second = await toQuestion(c);
    for (let i = 0; i < 3; i++) {
      const r = await post("/api/recovery/answer", { flowId: second.flowId, answer: wrongAnswer });
      seen.push(`${r.status} ${r.body.code}:${r.body.attemptsLeft ?? r.body.retryAfter}`);
    }
    expect(seen).toEqual([
      "422 ANSWER_WRONG:4",
      "422 ANSWER_WRONG:3",
      "422 ANSWER_WRONG:2",
      "422 ANSWER_WRONG:1",
      "423 RECOVERY_LOCKED:86400",
    ]);
    // The flow is over, and a new one is refused with the wait, in Vietnamese; no code is texted.
    expect(
      (await post("/api/recovery/answer", { flowId: second.flowId, answer: rightAnswer(c, second.questionId) })).body
        .code,
    ).toBe("FLOW_EXPIRED");
    await advanceClock(3600);
    const sent = (await row<{ n: number }>("SELECT COUNT(*) AS n FROM sms_outbox WHERE to_phone = ?1", e164(c.phone)))
      ?.n;
    const locked = await post("/api/recovery/start", { citizenId: c.id, phone: c.phone });
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe("RECOVERY_LOCKED");
    // The server clock is the real one moved forward: a second may have passed since the lock.
    expect(locked.body.retryAfter).toBeGreaterThanOrEqual(86400 - 3600 - 5);
    expect(locked.body.retryAfter).toBeLessThanOrEqual(86400 - 3600);
    expect(locked.body.message).toContain("23 giờ");
    expect(locked.headers.get("retry-after")).toBe(String(locked.body.retryAfter));
    expect(
      (await row<{ n: number }>("SELECT COUNT(*) AS n FROM sms_outbox WHERE to_phone = ?1", e164(c.phone)))?.n,
    ).toBe(sent);
    expect(
      await row("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ?1 AND event = 'recovery.locked'", c.id),
    ).toEqual({ n: 1 });

    // 24 hours later the lock has lifted, with a fresh count.
    await advanceClock(86400 - 3600);
    const third = await toQuestion(c);
    const once = await post("/api/recovery/answer", { flowId: third.flowId, answer: wrongAnswer });
    expect(`${once.body.code}:${once.body.attemptsLeft}`).toBe("ANSWER_WRONG:4");
    const right = await post("/api/recovery/answer", {
      flowId: third.flowId,
      answer: rightAnswer(c, third.questionId),
    });
    expect(right.body.step).toBe("password");
    expect(await row("SELECT recovery_failures, recovery_locked_until FROM accounts WHERE id = ?1", c.id)).toEqual({
      recovery_failures: 0,
      recovery_locked_until: 0,
    });
  });
});

describe("Quên mã passcode", () => {
  it("OTP → new passcode: lifts the passcode lock, ends the other sessions, keeps this one", async () => {
    const c = take("active");
    const a = (await loginCookie(c.id, c.password as string)).cookie as string;
    const other = (await loginCookie(c.id, c.password as string)).cookie as string;
    const wrong = String((Number(c.passcode) + 1) % 1_000_000).padStart(6, "0");
    let last = "";
    for (let i = 0; i < 5; i++)
      last = (await post("/api/me/device/unlink", { passcode: wrong }, { cookie: a })).body.code;
    expect(last).toBe("PASSCODE_LOCKED");
    expect((await post("/api/me/device/unlink", { passcode: c.passcode }, { cookie: a })).body.code).toBe(
      "PASSCODE_LOCKED",
    );

    // Not logged in: 401. Logged in: the code goes to the account's own phone.
    expect((await post("/api/me/passcode-recovery/start", {})).status).toBe(401);
    const start = await post("/api/me/passcode-recovery/start", {}, { cookie: a });
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    const flowId = start.body.flowId as string;
    // Another account's session cannot drive this flow.
    const stranger = take("active");
    const strangerCookie = (await loginCookie(stranger.id, stranger.password as string)).cookie as string;
    expect((await post("/api/me/passcode-recovery/status", { flowId }, { cookie: strangerCookie })).body.code).toBe(
      "FLOW_EXPIRED",
    );

    const verified = await post(
      "/api/me/passcode-recovery/verify",
      { flowId, otp: await latestOtp(c.phone) },
      { cookie: a },
    );
    expect(verified.body.step).toBe("passcode");
    const done = await post(
      "/api/me/passcode-recovery/passcode",
      { flowId, passcode: "135790", confirmPasscode: "135790" },
      { cookie: a },
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.step).toBe("done");

    expect((await me(a)).status).toBe(200);
    expect((await me(other)).status).toBe(401);
    // The lock is lifted: the old passcode is merely wrong now.
    const old = await post("/api/me/device/unlink", { passcode: c.passcode }, { cookie: a });
    expect(`${old.body.code}:${old.body.attemptsLeft}`).toBe("PASSCODE_WRONG:4");
    expect(
      await row("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ?1 AND event = 'recovery.passcode'", c.id),
    ).toEqual({ n: 1 });
    expect(await row("SELECT kind, detail FROM notifications WHERE account_id = ?1", c.id)).toEqual({
      kind: "recovery",
      detail: '{"what":"passcode"}',
    });
    await queuedText(c.phone, /^Ma passcode tai khoan dinh danh dien tu cua ban vua duoc dat lai/);
    const sms = await call("GET", `/api/dev/sms?phone=${c.phone}`);
    expect(
      sms.body.messages.some((m: { text: string }) =>
        m.text.startsWith("Ma passcode tai khoan dinh danh dien tu cua ban vua duoc dat lai"),
      ),
    ).toBe(true);
  });

  it("a password-recovery code does not work in the passcode flow", async () => {
    const c = take("active");
    const cookie = (await loginCookie(c.id, c.password as string)).cookie as string;
    const start = await post("/api/me/passcode-recovery/start", {}, { cookie });
    const flowId = start.body.flowId as string;
    const now = Math.floor(Date.parse(await advanceClock(61)) / 1000);
    const guard = otpGuardFor(env.OTP, e164(c.phone));
    const issued = await guard.issue({
      phone: e164(c.phone),
      flowKey: await sha256Hex(flowId),
      purpose: "recovery-password",
      now,
      ip: "203.0.113.9",
    });
    if (!issued.ok) throw new Error("not issued");
    const res = await post("/api/me/passcode-recovery/verify", { flowId, otp: issued.code }, { cookie });
    expect(res.body.code).toBe("OTP_NOT_SENT");
  });

  it("an account without a passcode cannot start it", async () => {
    const app = take("app");
    const cookie = (await loginCookie(app.id, app.password as string)).cookie as string;
    const res = await post("/api/me/passcode-recovery/start", {}, { cookie });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
  });
});
