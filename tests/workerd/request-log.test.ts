/**
 * One JSON log line per request and the request id (`X-Request-Id`, `requestId` in error bodies); a whole
 * activation logs no OTP, password, passcode, security answer, full phone number or full ID number.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import { citizenBucket } from "../../shared/citizen-bucket";
import { call, newDeviceId, pool, post, seedRegistry } from "./helpers";
import { callWith, captureLogs, requestLines } from "./ops-helpers";

let take: (kind: DemoKind) => DemoCitizen;

beforeAll(async () => {
  take = pool(await seedRegistry(1401, 36));
});

describe("the request id", () => {
  it("is on every answer, and in every error body as requestId", async () => {
    const ok = await call("GET", "/api/health");
    expect(ok.headers.get("x-request-id")).toMatch(/^[0-9a-f]{16}$/);
    const bad = await post("/api/activation/start", { citizenId: "12", phone: "x", deviceId: "d" });
    expect(bad.status).toBe(422);
    expect(bad.requestId).toBe(bad.headers.get("x-request-id"));
    const missing = await call("GET", "/api/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.requestId).toBe(missing.headers.get("x-request-id"));
    const other = await call("GET", "/api/health");
    expect(other.headers.get("x-request-id")).not.toBe(ok.headers.get("x-request-id"));
  });

  it("is Cloudflare's ray id where there is one", async () => {
    const res = await call("GET", "/api/nothing-here", undefined, { headers: { "cf-ray": "8f1e2d3c4b5a6978-HAN" } });
    expect(res.headers.get("x-request-id")).toBe("8f1e2d3c4b5a6978-HAN");
    expect(res.requestId).toBe("8f1e2d3c4b5a6978-HAN");
  });
});

describe("the request log", () => {
  it("writes one line per request: id, declared route, status, duration, province, citizen bucket, error code", async () => {
    const c = take("pending");
    const { result: res, lines } = await captureLogs(() =>
      post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() }),
    );
    const logged = requestLines(lines);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toEqual({
      type: "request",
      requestId: res.headers.get("x-request-id"),
      method: "POST",
      route: "/api/activation/start",
      status: 409,
      durationMs: expect.any(Number),
      province: env.PROVINCE_CODE,
      bucket: citizenBucket(c.id),
      code: "PENDING_APPROVAL",
    });
  });

  it("names the declared route, never the URL with its parameters", async () => {
    const { lines } = await captureLogs(() =>
      call("GET", "/api/officer/applications/L2-020-20260101-000123?x=001099000001"),
    );
    const [line] = requestLines(lines);
    expect(line).toMatchObject({ route: "/api/officer/applications/{id}", status: 401, code: "UNAUTHENTICATED" });
    expect(lines.join("\n")).not.toContain("001099000001");
    expect(lines.join("\n")).not.toContain("000123");
  });

  it("a whole activation, login and identity QR log no OTP, password, passcode, answer, full phone or full ID number", async () => {
    const sms = {
      SMS_ADAPTER: "http",
      SMS_HTTP_URL: "https://sms.provider.example/v1/messages",
      SMS_HTTP_TOKEN: "test-bearer-token",
    };
    const c = take("approved-new");
    const e164 = `+84${c.phone.slice(1)}`;
    const password = "Matkhau@2024";
    const passcode = "246810";
    const answers = ["Bình", "Cún"];
    const send = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      callWith(sms, "POST", path, body, headers);
    let otp = "";
    const { lines } = await captureLogs(async () => {
      const start = await send("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
      expect(start.status).toBe(200);
      const flowId = start.body.flowId as string;
      expect((await send("/api/activation/otp", { flowId })).status).toBe(200);
      const texts = (await (await env.SMS_UPSTREAM?.fetch("http://fake/__log"))?.json()) as {
        log: Array<{ body: { to: string; text: string } }>;
      };
      otp = /\b(\d{6})\b/.exec(texts.log.filter((m) => m.body.to === e164).at(-1)?.body.text ?? "")?.[1] ?? "";
      expect(otp).toMatch(/^\d{6}$/);
      expect((await send("/api/activation/verify", { flowId, otp })).status).toBe(200);
      expect((await send("/api/activation/password", { flowId, password, confirmPassword: password })).status).toBe(
        200,
      );
      expect((await send("/api/activation/passcode", { flowId, passcode, confirmPasscode: passcode })).status).toBe(
        200,
      );
      const done = await send("/api/activation/security", {
        flowId,
        answers: [
          { questionId: 1, answer: answers[0] },
          { questionId: 3, answer: answers[1] },
        ],
      });
      expect(done.status).toBe(200);
      const login = await send("/api/auth/login", { citizenId: c.id, password });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const wrong = await send("/api/auth/login", { citizenId: c.id, password: "Sai@12345" });
      expect(wrong.status).toBe(401);
      const qr = await send("/api/identity/qr", { passcode }, { cookie });
      expect(qr.status).toBe(200);
    });
    expect(requestLines(lines).length).toBeGreaterThanOrEqual(9);
    const all = lines.join("\n");
    for (const [what, secret] of [
      ["OTP", otp],
      ["password", password],
      ["wrong password", "Sai@12345"],
      ["passcode", passcode],
      ["ID number", c.id],
      ["phone", c.phone],
      ["phone (E.164)", e164],
      ["phone (national digits)", c.phone.slice(1)],
      ...answers.map((a) => ["security answer", a]),
    ] as const) {
      expect(all, what).not.toContain(secret);
    }
  });
});
