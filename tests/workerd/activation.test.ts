import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import {
  activate,
  latestOtp,
  loginCookie,
  newDeviceId,
  pool,
  post,
  queuedText,
  call,
  row,
  seedRegistry,
  snapshotTables,
  startToOtp,
} from "./helpers";

let take: (kind: DemoKind) => DemoCitizen;
let all: DemoCitizen[];

beforeAll(async () => {
  all = await seedRegistry(101, 96);
  take = pool(all);
});

const NOT_IDENTIFIED = "Tài khoản của bạn chưa được định danh điện tử";
const ALREADY = "Tài khoản của bạn đã thực hiện kích hoạt";
const WRONG = "Số định danh cá nhân hoặc số điện thoại không đúng";

describe("Gửi yêu cầu: the account check (seed 001, step 6)", () => {
  it("an app account (level 0) is not identified", async () => {
    const c = take("app");
    const res = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "NOT_IDENTIFIED", message: NOT_IDENTIFIED });
    expect(res.body.hint).toBeUndefined();
    // The next step (issue 19, item 2): "Đăng ký tài khoản mức 1".
    expect(res.body.next).toBe("level1");
  });

  it("a pending application is not identified, and says it waits for approval", async () => {
    const c = take("pending");
    const res = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: "PENDING_APPROVAL",
      message: NOT_IDENTIFIED,
      hint: "Hồ sơ của bạn đang chờ phê duyệt",
    });
  });

  it("a registry record with no account is not identified", async () => {
    const c = all.find((x) => x.kind === "no-account") as DemoCitizen;
    const res = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(NOT_IDENTIFIED);
    // The next step (issue 19, item 2): "Đăng ký".
    expect(res.body.next).toBe("register");
  });

  it("an active account has already been activated", async () => {
    const c = take("active");
    const res = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "ALREADY_ACTIVATED", message: ALREADY });
  });

  it("an unknown ID and a wrong phone get the same status and body, and no SMS", async () => {
    const c = take("approved-new");
    const unknown = await post("/api/activation/start", {
      citizenId: "020199000001",
      phone: c.phone,
      deviceId: newDeviceId(),
    });
    const wrongPhone = await post("/api/activation/start", {
      citizenId: c.id,
      phone: "0987000111",
      deviceId: newDeviceId(),
    });
    expect(unknown.status).toBe(404);
    expect(wrongPhone.status).toBe(unknown.status);
    expect(wrongPhone.body).toEqual(unknown.body);
    expect(unknown.body).toEqual({ code: "INVALID_ID_OR_PHONE", message: WRONG });
    const sms = await call("GET", `/api/dev/sms?phone=${c.phone}`);
    expect(sms.body.messages).toEqual([]);
  });

  it("accepts the phone as 0…, 84… or +84…", async () => {
    const c = take("approved-new");
    for (const phone of [
      c.phone,
      `84${c.phone.slice(1)}`,
      `+84${c.phone.slice(1)}`,
      `+84 ${c.phone.slice(1, 4)} ${c.phone.slice(4)}`,
    ]) {
      const res = await post("/api/activation/start", { citizenId: c.id, phone, deviceId: newDeviceId() });
      expect(res.status, phone).toBe(200);
      expect(res.body.step).toBe("device");
    }
  });

  it("an approved account goes on to the device check, with the number masked", async () => {
    const c = take("approved-new");
    const res = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ step: "device", device: "free", needsPassword: true });
    expect(res.body.maskedPhone).toBe(`${c.phone.slice(0, 3)}****${c.phone.slice(-3)}`);
    expect(res.body.flowId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await row<{ id_hash: string }>("SELECT id_hash FROM activation_flows WHERE account_id = ?1", c.id);
    expect(stored?.id_hash).not.toBe(res.body.flowId);
  });
});

describe("the whole flow (seed 000, steps 2–4)", () => {
  it("activates an account that had no password: OTP → password → passcode → questions", async () => {
    const c = take("approved-new");
    const deviceId = newDeviceId();
    const start = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId });
    const flowId = start.body.flowId;
    const sent = await post("/api/activation/otp", { flowId });
    expect(sent.status).toBe(200);
    expect(sent.body.step).toBe("otp");
    const expires = Date.parse(sent.body.otp.expiresAt);
    const resend = Date.parse(sent.body.otp.resendAt);
    expect(expires - resend).toBe(120_000); // 180 s validity, 60 s cooldown
    const text = (await call("GET", `/api/dev/sms?phone=${c.phone}`)).body.messages[0].text as string;
    expect(text).toMatch(/^Ma OTP kich hoat tai khoan cua ban la \d{6}\. Ma co hieu luc trong 3 phut\.$/);
    const verified = await post("/api/activation/verify", { flowId, otp: await latestOtp(c.phone) });
    expect(verified.body.step).toBe("password");
    const weak = await post("/api/activation/password", {
      flowId,
      password: "matkhau123",
      confirmPassword: "matkhau123",
    });
    expect(weak.status).toBe(422);
    expect(weak.body.fields.password).toBeDefined();
    const mismatch = await post("/api/activation/password", {
      flowId,
      password: "Matkhau@1",
      confirmPassword: "Matkhau@2",
    });
    expect(mismatch.body.fields.confirmPassword).toBe("Mật khẩu nhập lại không khớp");
    expect(
      (await post("/api/activation/password", { flowId, password: "Matkhau@1", confirmPassword: "Matkhau@1" })).body
        .step,
    ).toBe("passcode");
    const badPasscode = await post("/api/activation/passcode", {
      flowId,
      passcode: "12345a",
      confirmPasscode: "12345a",
    });
    expect(badPasscode.status).toBe(422);
    expect(
      (await post("/api/activation/passcode", { flowId, passcode: "135790", confirmPasscode: "135790" })).body.step,
    ).toBe("security");
    const same = await post("/api/activation/security", {
      flowId,
      answers: [
        { questionId: 2, answer: "Trường Kim Đồng" },
        { questionId: 2, answer: "Phở" },
      ],
    });
    expect(same.status).toBe(422);
    expect(same.body.fields["answers.1.questionId"]).toBe("Hai câu hỏi bảo mật phải khác nhau");
    const done = await post("/api/activation/security", {
      flowId,
      answers: [
        { questionId: 2, answer: "  Trường   KIM Đồng " },
        { questionId: 6, answer: "Phở" },
      ],
    });
    expect(done.status).toBe(200);
    expect(done.body.step).toBe("done");

    const account = await row<Record<string, unknown>>("SELECT * FROM accounts WHERE id = ?1", c.id);
    expect(account).toMatchObject({ status: "active" });
    expect(String(account?.password_hash)).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(String(account?.passcode_hash)).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(String(account?.passcode_hash)).not.toContain("135790");
    const answers = await call("GET", "/api/health"); // keeps the worker warm; the rows below are what matter
    expect(answers.status).toBe(200);
    const stored = await row<{ n: number; q: string }>(
      "SELECT count(*) AS n, group_concat(question_id) AS q FROM security_answers WHERE account_id = ?1",
      c.id,
    );
    expect(stored).toEqual({ n: 2, q: "2,6" });
    const device = await row("SELECT device_id FROM devices WHERE account_id = ?1", c.id);
    expect(device).toEqual({ device_id: deviceId });
    const confirmation = await queuedText(c.phone, /thanh cong/);
    expect(confirmation).toContain("kich hoat thanh cong");
    expect(confirmation).not.toMatch(/\d{6}/);
    // The password chosen works for login; the activation cannot be replayed.
    expect((await loginCookie(c.id, "Matkhau@1")).res.status).toBe(200);
    const again = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    expect(again.body.code).toBe("ALREADY_ACTIVATED");
  });

  it("skips the password step for an account that already has one, and keeps that password", async () => {
    const c = take("approved-with-password");
    const { flowId, otp } = await startToOtp(c);
    const verified = await post("/api/activation/verify", { flowId, otp });
    expect(verified.body).toMatchObject({ step: "passcode", needsPassword: false });
    const refused = await post("/api/activation/password", {
      flowId,
      password: "Khac@12345",
      confirmPassword: "Khac@12345",
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("FLOW_STEP");
    await post("/api/activation/passcode", { flowId, passcode: "112233", confirmPasscode: "112233" });
    const done = await post("/api/activation/security", {
      flowId,
      answers: [
        { questionId: 1, answer: "Lan" },
        { questionId: 8, answer: "Nà Sla" },
      ],
    });
    expect(done.body.step).toBe("done");
    expect((await loginCookie(c.id, c.password as string)).res.status).toBe(200);
    expect((await loginCookie(c.id, "Khac@12345")).res.status).toBe(401);
  });

  it("allows each step only in order", async () => {
    const c = take("approved-new");
    const start = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    const flowId = start.body.flowId;
    for (const [path, body] of [
      ["/api/activation/verify", { flowId, otp: "123456" }],
      ["/api/activation/password", { flowId, password: "Matkhau@1", confirmPassword: "Matkhau@1" }],
      ["/api/activation/passcode", { flowId, passcode: "123456", confirmPasscode: "123456" }],
      [
        "/api/activation/security",
        {
          flowId,
          answers: [
            { questionId: 1, answer: "a" },
            { questionId: 2, answer: "b" },
          ],
        },
      ],
    ] as const) {
      const res = await post(path, body);
      expect(res.status, path).toBe(409);
      expect(res.body.code).toBe("FLOW_STEP");
    }
    expect((await row("SELECT status FROM accounts WHERE id = ?1", c.id))?.status).toBe("approved");
  });

  it("an unknown flow id, or a cancelled flow, is refused", async () => {
    const unknown = await post("/api/activation/otp", { flowId: "A".repeat(43) });
    expect(unknown.status).toBe(410);
    expect(unknown.body.code).toBe("FLOW_EXPIRED");
    const c = take("approved-new");
    const { flowId } = await startToOtp(c);
    expect((await post("/api/activation/cancel", { flowId })).status).toBe(200);
    const after = await post("/api/activation/verify", { flowId, otp: await latestOtp(c.phone) });
    expect(after.body.code).toBe("FLOW_EXPIRED");
  });

  it("a new request ends the account's earlier flow", async () => {
    const c = take("approved-new");
    const first = await startToOtp(c);
    const second = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    expect(second.status).toBe(200);
    const stale = await post("/api/activation/verify", { flowId: first.flowId, otp: first.otp });
    expect(stale.body.code).toBe("FLOW_EXPIRED");
  });

  it("a failed final step writes nothing: unknown question id", async () => {
    const c = take("approved-new");
    const { flowId, otp } = await startToOtp(c);
    await post("/api/activation/verify", { flowId, otp });
    await post("/api/activation/password", { flowId, password: "Matkhau@1", confirmPassword: "Matkhau@1" });
    await post("/api/activation/passcode", { flowId, passcode: "123456", confirmPasscode: "123456" });
    const before = await snapshotTables(["audit_log"]);
    const res = await post("/api/activation/security", {
      flowId,
      answers: [
        { questionId: 1, answer: "a" },
        { questionId: 999, answer: "b" },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("QUESTION_UNKNOWN");
    expect(await snapshotTables(["audit_log"])).toEqual(before);
  });
});

describe("device check and binding (seed 001, step 7)", () => {
  it("says when the device is bound to another account, and moves it on activation, revoking that account's sessions", async () => {
    const owner = take("active");
    const ownerSession = await loginCookie(owner.id, owner.password as string);
    expect(ownerSession.res.status).toBe(200);
    const c = take("approved-with-password");
    const mySession = await loginCookie(c.id, c.password as string);
    expect(mySession.res.status).toBe(200);

    const start = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: owner.deviceId });
    expect(start.body.device).toBe("other-account");
    await activate(c, { deviceId: owner.deviceId as string });

    expect(await row("SELECT account_id FROM devices WHERE device_id = ?1", owner.deviceId)).toEqual({
      account_id: c.id,
    });
    expect(await row("SELECT device_id FROM devices WHERE account_id = ?1", owner.id)).toBeNull();
    const ownerMe = await call("GET", "/api/me", undefined, { headers: { cookie: ownerSession.cookie as string } });
    expect(ownerMe.status).toBe(401);
    const myOldMe = await call("GET", "/api/me", undefined, { headers: { cookie: mySession.cookie as string } });
    expect(myOldMe.status).toBe(401);
    const audit = await row<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE event = 'device.unbound' AND account_id = ?1",
      owner.id,
    );
    expect(audit?.n).toBe(1);
    const revoked = await row<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE event = 'session.revoked' AND account_id IN (?1, ?2)",
      owner.id,
      c.id,
    );
    expect(revoked?.n).toBe(2);
  });

  it("a free device is reported free", async () => {
    const c = take("approved-new");
    const start = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    expect(start.body.device).toBe("free");
  });
});

describe("two activations of one account at once", () => {
  it("exactly one wins; the other gets a clear answer and writes nothing", async () => {
    const c = take("approved-with-password");
    // Two flows for one account: the second start ends the first, so race two completions of the same flow.
    const { flowId, otp, deviceId } = await startToOtp(c);
    await post("/api/activation/verify", { flowId, otp });
    await post("/api/activation/passcode", { flowId, passcode: "123456", confirmPasscode: "123456" });
    const body = {
      flowId,
      answers: [
        { questionId: 1, answer: "x" },
        { questionId: 2, answer: "y" },
      ],
    };
    const results = await Promise.all([post("/api/activation/security", body), post("/api/activation/security", body)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    expect(statuses[1]).toBeLessThan(500);
    const n = await row<{ n: number }>("SELECT count(*) AS n FROM security_answers WHERE account_id = ?1", c.id);
    expect(n?.n).toBe(2);
    expect(await row("SELECT device_id FROM devices WHERE account_id = ?1", c.id)).toEqual({ device_id: deviceId });
    const completed = await row<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE event = 'activation.completed' AND account_id = ?1",
      c.id,
    );
    expect(completed?.n, "the loser must not have written anything").toBe(1);
  });
});

describe("the flow lives 15 minutes on the server", () => {
  it("a step after 15 minutes is refused as expired, and writes nothing", async () => {
    const c = take("approved-new");
    const { flowId, otp } = await startToOtp(c);
    await post("/api/activation/verify", { flowId, otp });
    const { advanceClock } = await import("./helpers");
    await advanceClock(14 * 60);
    expect((await post("/api/activation/status", { flowId })).status).toBe(200);
    await advanceClock(60);
    const before = await snapshotTables(["audit_log"]);
    const late = await post("/api/activation/password", {
      flowId,
      password: "Matkhau@1",
      confirmPassword: "Matkhau@1",
    });
    expect(late.status).toBe(410);
    expect(late.body.code).toBe("FLOW_EXPIRED");
    expect(late.body.message).toContain("hết hạn");
    expect(await snapshotTables(["audit_log"])).toEqual(before);
  });
});
