/**
 * Issue 17, items 2 and 3, the carrier-NAT keys of docs/scale.md §7, and the WebOTP line: the start routes are
 * throttled before any look-up, a phone's OTPs can be delayed by an attacker but never blocked for a day, the global
 * SMS budget, per-IP limits keyed by the IPv6 /64, and codes bound to the real site. Time moves with the dev clock.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import { ipKey } from "../../worker/src/domain/throttle";
import { advanceClock, call, callWith, latestOtp, newDeviceId, pool, post, row, seedRegistry } from "./helpers";

let take: (kind: DemoKind) => DemoCitizen;

beforeAll(async () => {
  take = pool(await seedRegistry(1717, 96));
});

/** A 12-digit ID number that no registry record has. */
function unknownId(): string {
  return `099${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;
}

/** The parts of an answer a client sees, without the per-request id. */
function seen(res: { status: number; body: Record<string, unknown> }) {
  const { requestId: _ignored, ...body } = res.body;
  return { status: res.status, body };
}

describe("start routes: limited per IP and per ID before any look-up (item 2)", () => {
  it("a wrong pair and an unknown ID answer identically on activation and password recovery", async () => {
    const c = take("active");
    for (const path of ["/api/activation/start", "/api/recovery/start"]) {
      const extra = path === "/api/activation/start" ? { deviceId: newDeviceId() } : {};
      const wrongPair = await post(path, { citizenId: c.id, phone: "0399999999", ...extra });
      const unknown = await post(path, { citizenId: unknownId(), phone: c.phone, ...extra });
      expect(wrongPair.body.code).toBe("INVALID_ID_OR_PHONE");
      expect(seen(unknown), path).toEqual(seen(wrongPair));
    }
  });

  it("the 11th start for one ID in an hour, from any address and any start route, answers 429 with the wait", async () => {
    const c = take("approved-new");
    const starts = [
      () => post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() }),
      () => post("/api/recovery/start", { citizenId: c.id, phone: "0399999999" }),
    ];
    for (let i = 0; i < 10; i++) expect((await starts[i % 2]!()).status, `start ${i + 1}`).not.toBe(429);
    for (const start of starts) {
      const refused = await start();
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe("RATE_LIMITED");
      expect(refused.body.retryAfter).toBeGreaterThan(3000);
      expect(refused.body.message).toMatch(/Vui lòng thử lại sau \d+ (phút|giờ)/);
    }
    // An unknown ID is refused alike once it has had its 10: the limit counts before anything is looked up.
    const id = unknownId();
    for (let i = 0; i < 10; i++) await post("/api/recovery/start", { citizenId: id, phone: c.phone });
    expect((await post("/api/recovery/start", { citizenId: id, phone: c.phone })).body.code).toBe("RATE_LIMITED");
    // An hour later the ID starts again.
    await advanceClock(3601);
    expect((await starts[0]!()).status).toBe(200);
  });

  it("LIMIT_START_PER_IP counts every start route of one address, keyed by the IPv6 /64", async () => {
    const vars = { LIMIT_START_PER_IP: "4/300" };
    const a = { "cf-connecting-ip": "2001:db8:17:1::a" };
    const sameSlash64 = { "cf-connecting-ip": "2001:db8:17:1:ffff:1:2:3" };
    const otherSlash64 = { "cf-connecting-ip": "2001:db8:17:2::a" };
    const regId = `099090${unknownId().slice(6)}`; // province 099, a man born in 1990, as the card says
    const card = {
      id: regId,
      oldId: "",
      fullName: "Nguyễn Văn An",
      dob: "1990-01-01",
      gender: "Nam",
      address: "Lạng Sơn",
      issued: "2021-01-01",
    };
    const answers = [
      await callWith(
        vars,
        "/api/activation/start",
        { citizenId: unknownId(), phone: "0399999999", deviceId: newDeviceId() },
        a,
      ),
      await callWith(vars, "/api/recovery/start", { citizenId: unknownId(), phone: "0399999999" }, a),
      await callWith(vars, "/api/registration/start", { citizenId: regId, phone: "0399999999", card }, sameSlash64),
      await callWith(vars, "/api/recovery/start", { citizenId: unknownId(), phone: "0399999999" }, sameSlash64),
    ];
    expect(answers.map((r) => r.body.code)).toEqual([
      "INVALID_ID_OR_PHONE",
      "INVALID_ID_OR_PHONE",
      "REGISTRY_MISMATCH",
      "INVALID_ID_OR_PHONE",
    ]);
    const fifth = await callWith(
      vars,
      "/api/activation/start",
      { citizenId: unknownId(), phone: "0399999999", deviceId: newDeviceId() },
      a,
    );
    expect(fifth.status, JSON.stringify(fifth.body)).toBe(429);
    expect(fifth.body.code).toBe("RATE_LIMITED");
    expect(fifth.body.message).toMatch(/Vui lòng thử lại sau/);
    expect(
      (await callWith(vars, "/api/recovery/start", { citizenId: unknownId(), phone: "0399999999" }, sameSlash64))
        .status,
    ).toBe(429);
    expect(
      (await callWith(vars, "/api/recovery/start", { citizenId: unknownId(), phone: "0399999999" }, otherSlash64))
        .status,
    ).not.toBe(429);
  });
});

describe("per-IP keys (docs/scale.md §7)", () => {
  it("an IPv4 address is its own key; an IPv6 address is keyed by its /64", () => {
    expect(ipKey("203.0.113.7")).toBe("203.0.113.7");
    expect(ipKey("2001:db8:1:2:a:b:c:d")).toBe("2001:0db8:0001:0002::/64");
    expect(ipKey("2001:db8:1:2::1")).toBe(ipKey("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    expect(ipKey("2001:db8:1:2::1")).not.toBe(ipKey("2001:db8:1:3::1"));
    expect(ipKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(ipKey("[2001:DB8::1]")).toBe("2001:0db8:0000:0000::/64");
  });

  it("two addresses of one /64 share the OTP per-IP limit, and another /64 does not", async () => {
    const vars = { LIMIT_OTP_PER_IP: "1/300" };
    const [c1, c2, c3] = [take("approved-new"), take("approved-new"), take("approved-new")];
    const flowOf = async (c: DemoCitizen) =>
      (await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() })).body
        .flowId as string;
    const [f1, f2, f3] = [await flowOf(c1), await flowOf(c2), await flowOf(c3)];
    expect(
      (await callWith(vars, "/api/activation/otp", { flowId: f1 }, { "cf-connecting-ip": "2001:db8:64:1::1" })).status,
    ).toBe(200);
    const shared = await callWith(
      vars,
      "/api/activation/otp",
      { flowId: f2 },
      { "cf-connecting-ip": "2001:db8:64:1:9:9:9:9" },
    );
    expect(shared.body.code).toBe("RATE_LIMITED");
    expect(
      (await callWith(vars, "/api/activation/otp", { flowId: f3 }, { "cf-connecting-ip": "2001:db8:64:2::1" })).status,
    ).toBe(200);
  });
});

describe("OTP sends: an attacker delays the owner, never locks them out (item 3)", () => {
  it("five IPs send until refused; the owner, from a sixth, waits at most 60 minutes, then gets a code", async () => {
    const c = take("approved-new");
    const attackers = Array.from({ length: 5 }, (_, i) => ({ "cf-connecting-ip": `198.18.17.${10 + i}` }));
    let sent = 0;
    for (const ip of attackers) {
      const { flowId } = (
        await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() }, ip)
      ).body;
      for (;;) {
        const r = await post("/api/activation/otp", { flowId }, ip);
        await advanceClock(61);
        if (r.status !== 200) {
          expect(r.status).toBe(429);
          expect(r.body.retryAfter).toBeLessThanOrEqual(3600);
          break;
        }
        sent += 1;
      }
    }
    // 3 from the first address (its cap for this phone), 2 from the second (the phone's 5 an hour), none after.
    expect(sent).toBe(5);
    const owner = { "cf-connecting-ip": "192.0.2.200" };
    const { flowId } = (
      await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() }, owner)
    ).body;
    const refused = await post("/api/activation/otp", { flowId }, owner);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe("OTP_DAILY_LIMIT");
    expect(refused.body.retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.body.message).toMatch(/Vui lòng thử lại sau \d+ phút( \d+ giây)?\.$/);
    expect(refused.body.message).not.toContain("giờ.");
    await advanceClock(3600);
    const again = (
      await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() }, owner)
    ).body;
    const got = await post("/api/activation/otp", { flowId: again.flowId }, owner);
    expect(got.status).toBe(200);
    const sms = await call("GET", `/api/dev/sms?phone=${c.phone}`);
    expect(sms.body.messages).toHaveLength(6);
  });

  it("a verified OTP clears the phone's counts (and the ID's)", async () => {
    const c = take("approved-new");
    const { flowId } = (
      await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() })
    ).body;
    for (let i = 0; i < 5; i++) {
      expect((await post("/api/activation/otp", { flowId })).status, `send ${i + 1}`).toBe(200);
      await advanceClock(61);
    }
    expect((await post("/api/activation/otp", { flowId })).body.code).toBe("OTP_DAILY_LIMIT");
    expect((await post("/api/activation/verify", { flowId, otp: await latestOtp(c.phone) })).status).toBe(200);
    await advanceClock(61);
    const after = (await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() }))
      .body.flowId;
    expect((await post("/api/activation/otp", { flowId: after })).status).toBe(200);
  });

  it("the global SMS budget answers 429 SMS_BUDGET when spent, sends nothing, and writes an audit line", async () => {
    await advanceClock(3601); // earlier texts of this file leave the budget's hour
    const vars = { LIMIT_SMS_PER_HOUR: "2/3600" };
    const people = [take("approved-new"), take("approved-new"), take("approved-new")];
    const answers = [];
    for (const c of people) {
      const { flowId } = (
        await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() })
      ).body;
      answers.push(await callWith(vars, "/api/activation/otp", { flowId }));
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[2]?.body.code).toBe("SMS_BUDGET");
    expect(answers[2]?.body.message).toMatch(/tạm ngừng gửi tin nhắn SMS.*Vui lòng thử lại sau/);
    expect((await call("GET", `/api/dev/sms?phone=${people[2]?.phone}`)).body.messages).toHaveLength(0);
    const line = await row<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE event = 'sms.budget'");
    expect(line?.n).toBe(1);
    // The refused send burnt nothing: with the budget back, the same citizen gets a code at once.
    const { flowId } = (
      await post("/api/activation/start", {
        citizenId: people[2]!.id,
        phone: people[2]!.phone,
        deviceId: newDeviceId(),
      })
    ).body;
    expect((await post("/api/activation/otp", { flowId })).status).toBe(200);
  });
});

describe("codes bound to the real site (Phishing)", () => {
  it("with OTP_ORIGIN_HOST, the text keeps its ASCII message first and ends with the WebOTP line", async () => {
    const c = take("approved-new");
    const { flowId } = (
      await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() })
    ).body;
    expect(
      (await callWith({ OTP_ORIGIN_HOST: "vneid.example.gov.vn" }, "/api/activation/otp", { flowId })).status,
    ).toBe(200);
    const [text] = (await call("GET", `/api/dev/sms?phone=${c.phone}`)).body.messages.map(
      (m: { text: string }) => m.text,
    );
    const code = await latestOtp(c.phone);
    expect(text).toMatch(/^Ma OTP [\x20-\x7e]+\n/);
    expect(text.split("\n").at(-1)).toBe(`@vneid.example.gov.vn #${code}`);
  });

  it("unset (npm start), the text is as before", async () => {
    const c = take("approved-new");
    const { flowId } = (
      await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() })
    ).body;
    expect((await post("/api/activation/otp", { flowId })).status).toBe(200);
    const [text] = (await call("GET", `/api/dev/sms?phone=${c.phone}`)).body.messages.map(
      (m: { text: string }) => m.text,
    );
    expect(text).toMatch(/^[\x20-\x7e]+$/);
    expect(text).not.toContain("@");
  });
});
