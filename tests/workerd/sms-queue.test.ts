/**
 * Texts sent after a commit (worker/src/domain/texts.ts): queued on the real `SMS_QUEUE` binding (miniflare's
 * queue, with its retries and its dead-letter queue), delivered once per idempotency key, listed on "Tin nhắn lỗi"
 * when they keep failing, and sent again by a province_admin with "Gửi lại". The consumer is also driven directly,
 * with the HTTP adapter against the fake provider (tests/workerd/sms-fake.js), for what miniflare cannot fake: a
 * provider that takes a text and answers too late, a Retry-After, a refusal.
 */
import { productionSettings } from "./ops-helpers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import { parseVnMobile } from "../../shared/phone";
import { type FailedTextT, type QueuedTextT, SMS_QUEUE } from "../../shared/sms";
import { HttpSms, OutboxSms, smsSender } from "../../worker/src/adapters/sms";
import { TEXT_TIMING, textKey } from "../../worker/src/domain/texts";
import worker from "../../worker/src/index";
import { call, latestOtp, newDeviceId, pool, post, randomIp, row, seedRegistry } from "./helpers";
import { PROVINCE, TAM_THANH, as, importUnits, queuedTexts, readyOfficer, texts } from "./officer-helpers";

const BASE = "http://127.0.0.1:8787";
const http = {
  SMS_ADAPTER: "http",
  SMS_HTTP_URL: "https://sms.provider.example/v1/messages",
  SMS_HTTP_TOKEN: "test-bearer-token",
  SMS_RETRY_SECONDS: "30",
};

let take: (kind: DemoKind) => DemoCitizen;
let admin: { cookie: string; username: string };
let ward: { cookie: string; username: string };

beforeAll(async () => {
  take = pool(await seedRegistry(1414, 60));
  await importUnits();
  [admin, ward] = await Promise.all([
    readyOfficer(PROVINCE, "province_admin", "Lương Văn Tỉnh"),
    readyOfficer(TAM_THANH),
  ]);
});

let numbers = 0;
/** A fresh test number whose last four digits tell the fake provider how to answer. */
function phone(ending: string): string {
  numbers += 1;
  return `+849${String(numbers).padStart(4, "0")}${ending}`;
}

async function message(to: string, text: string, accountId: string | null = null): Promise<QueuedTextT> {
  return { key: await textKey("application.approved", [to, text]), event: "application.approved", to, text, accountId };
}

/**
 * One delivery of `messages` to the worker's `queue()` (as the queue named would make it), with `vars` changed: what
 * it acknowledged, and what it asked to retry, with the delay (which `getQueueResult` does not report).
 */
async function consume(
  queue: string,
  messages: Array<{ body: QueuedTextT; attempts: number }>,
  vars: Record<string, string> = http,
) {
  const explicitAcks: string[] = [];
  const retryMessages: Array<{ msgId: string; delaySeconds: number | undefined }> = [];
  const batch = {
    queue,
    messages: messages.map((m, i) => {
      const id = `msg-${numbers}-${i}`;
      return {
        id,
        timestamp: new Date(),
        attempts: m.attempts,
        body: m.body,
        ack: () => explicitAcks.push(id),
        retry: (options?: QueueRetryOptions) => retryMessages.push({ msgId: id, delaySeconds: options?.delaySeconds }),
      };
    }),
    ackAll: () => {},
    retryAll: () => {},
  } as unknown as MessageBatch<QueuedTextT>;
  await worker.queue(batch, { ...env, ...vars } as typeof env);
  return { explicitAcks, retryMessages };
}

const upstreamLog = async () =>
  (await (await env.SMS_UPSTREAM?.fetch("http://fake/__log"))?.json()) as {
    log: Array<{ key: string; body: { to: string; text: string } }>;
  };

/** The texts the fake provider sent to `to`. */
const providerSent = async (to: string) => (await upstreamLog()).log.filter((e) => e.body.to === to);

const failedList = async (cookie = admin.cookie) => as(cookie).get("/api/admin/sms/failed");

/** The failed text of `key` on "Tin nhắn lỗi", once it is there. */
async function listedFailure(key: string): Promise<FailedTextT> {
  let item: FailedTextT | undefined;
  await expect
    .poll(
      async () => {
        item = ((await failedList()).body.items as FailedTextT[]).find((x) => x.key === key);
        return item !== undefined;
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(true);
  return item as FailedTextT;
}

const failedAudits = (key: string) =>
  row<{ n: number }>(
    "SELECT count(*) AS n FROM audit_log WHERE event = 'sms.failed' AND json_extract(detail, '$.key') = ?1",
    key,
  );

describe("which texts go when (one table)", () => {
  it("the OTP, and the notice to the old phone of a phone change (issue 17), are sent before their commit; every other text is queued after it", () => {
    const before = Object.entries(TEXT_TIMING).filter(([, when]) => when === "before-commit");
    expect(before).toEqual([
      ["otp", "before-commit"],
      ["phone.change.old", "before-commit"],
    ]);
    expect(Object.keys(TEXT_TIMING).length).toBeGreaterThan(5);
  });

  it("the outbox never runs outside development, whatever SMS_ADAPTER says", async () => {
    const clock = { now: () => 1_800_000_000 };
    expect(smsSender({ ...env, SMS_ADAPTER: "outbox" }, clock)).toBeInstanceOf(OutboxSms);
    expect(smsSender({ ...env, SMS_ADAPTER: "outbox", ENVIRONMENT: "production" }, clock)).toBeInstanceOf(HttpSms);
    expect(smsSender({ ...env, SMS_ADAPTER: "outbox", ENVIRONMENT: "staging" }, clock)).toBeInstanceOf(HttpSms);
    // Through a request: a production worker told "outbox" texts the OTP through the provider, and keeps nothing.
    const c = take("approved-new");
    const start = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId: newDeviceId() });
    const res = await worker.fetch(
      new Request(`${BASE}/api/activation/otp`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE, "cf-connecting-ip": randomIp() },
        body: JSON.stringify({ flowId: start.body.flowId }),
      }),
      // (with keys of its own: a production worker holding the development keys serves nothing)
      {
        ...env,
        ...(await productionSettings()),
        ...http,
        SMS_ADAPTER: "outbox",
        ENVIRONMENT: "production",
      } as typeof env,
      createExecutionContext(),
    );
    expect(res.status).toBe(200);
    const e164 = parseVnMobile(c.phone)?.e164 as string;
    const sent = await providerSent(e164);
    expect(sent).toHaveLength(1);
    // The OTP carries its idempotency key too.
    expect(sent[0]?.key).toMatch(/^otp:[0-9a-f]{32}$/);
    expect(await texts(c.phone)).toEqual([]);
  });
});

describe("the queue vneid-sms (miniflare's, through the SMS_QUEUE binding)", () => {
  it("delivers a queued text to the development outbox, once per idempotency key", async () => {
    const to = phone("0001");
    const first = await message(to, "Tin thu nhat");
    const second = await message(to, "Tin thu hai");
    await env.SMS_QUEUE?.sendBatch([{ body: first }, { body: first }, { body: second }]);
    const got = await queuedTexts(to, 2);
    expect(got.sort()).toEqual(["Tin thu hai", "Tin thu nhat"]);
    const marker = await message(to, "Tin thu ba");
    await env.SMS_QUEUE?.sendBatch([{ body: first }, { body: marker }]);
    expect((await queuedTexts(to, 3)).sort()).toEqual(["Tin thu ba", "Tin thu hai", "Tin thu nhat"]);
  });

  it("a provider that takes the text and answers too late: the queue tries again with the same key, and it is sent once", async () => {
    const to = phone("0002");
    const faults = await post("/api/dev/faults", {
      route: "sms-queue",
      failNext: 2,
      mode: "timeout",
      sequence: ["timeout", "timeout"],
    });
    expect(faults.status).toBe(200);
    await env.SMS_QUEUE?.send(await message(to, "Mot lan thoi"));
    await expect
      .poll(
        async () => (await row<{ n: number }>("SELECT remaining AS n FROM dev_faults WHERE route = 'sms-queue'"))?.n,
        { timeout: 30_000, interval: 100 },
      )
      .toBe(0);
    expect(await queuedTexts(to)).toEqual(["Mot lan thoi"]);
    expect(await row("SELECT count(*) AS n FROM sms_failed WHERE phone = ?1", to)).toEqual({ n: 0 });
  });

  it("a text that keeps failing goes to the dead-letter queue and onto 'Tin nhắn lỗi'; 'Gửi lại' sends it once more, once", async () => {
    const to = phone("0003");
    const text = await message(to, "Ho so da duoc phe duyet", null);
    // The first try and every retry fail: the provider answers 503 (to any text, until the faults are lifted: a
    // retry of an earlier test's text may take some).
    await post("/api/dev/faults", { route: "sms-queue", failNext: 100, mode: "500" });
    await env.SMS_QUEUE?.send(text);
    const item = await listedFailure(text.key);
    await post("/api/dev/faults", { route: "sms-queue", failNext: 0, mode: "500" });
    expect(item).toMatchObject({
      event: "application.approved",
      maskedPhone: `0${to.slice(3, 5)}****${to.slice(-3)}`,
      text: "Ho so da duoc phe duyet",
      reason: "HTTP 503",
      attempts: SMS_QUEUE.maxRetries + 1,
      state: "failed",
      resentAt: null,
      resentBy: null,
    });
    expect(JSON.stringify((await failedList()).body)).not.toContain(to);
    expect(await texts(to)).toEqual([]);
    expect(await failedAudits(text.key)).toEqual({ n: 1 });

    // Only a province_admin sees the list and resends.
    expect((await failedList(ward.cookie)).status).toBe(403);
    expect((await call("GET", "/api/admin/sms/failed")).status).toBe(401);
    expect((await as(ward.cookie).post(`/api/admin/sms/failed/${item.id}/resend`, {})).status).toBe(403);

    const resent = await as(admin.cookie).post(`/api/admin/sms/failed/${item.id}/resend`, {});
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({
      id: item.id,
      state: "resent",
      resentBy: admin.username,
      resentAt: expect.any(String),
    });
    expect(await queuedTexts(to)).toEqual(["Ho so da duoc phe duyet"]);
    const again = await as(admin.cookie).post(`/api/admin/sms/failed/${item.id}/resend`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("SMS_ALREADY_RESENT");
    const unknown = await as(admin.cookie).post("/api/admin/sms/failed/999999/resend", {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("SMS_NOT_FOUND");
    expect(
      await row("SELECT officer, json_extract(detail, '$.key') AS key FROM audit_log WHERE event = 'sms.resent'"),
    ).toEqual({
      officer: admin.username,
      key: text.key,
    });
    expect(((await failedList()).body.items as FailedTextT[]).find((x) => x.id === item.id)).toMatchObject({
      state: "resent",
    });
    expect(await texts(to)).toHaveLength(1);
  });
});

describe("a failed text never fails a saved change", () => {
  it("activation completes (200, account active) with the queue down; the confirmation is listed and audited sms.failed", async () => {
    const c = take("approved-new");
    const deviceId = newDeviceId();
    const start = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId });
    const flowId = start.body.flowId as string;
    await post("/api/activation/otp", { flowId });
    expect((await post("/api/activation/verify", { flowId, otp: await latestOtp(c.phone) })).status).toBe(200);
    await post("/api/activation/password", { flowId, password: "Matkhau@2024", confirmPassword: "Matkhau@2024" });
    await post("/api/activation/passcode", { flowId, passcode: "246810", confirmPasscode: "246810" });
    const down = {
      send: async () => {
        throw new Error("queue unavailable");
      },
      sendBatch: async () => {
        throw new Error("queue unavailable");
      },
    };
    const res = await worker.fetch(
      new Request(`${BASE}/api/activation/security`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE, "cf-connecting-ip": randomIp() },
        body: JSON.stringify({
          flowId,
          answers: [
            { questionId: 1, answer: "Bình" },
            { questionId: 3, answer: "Cún" },
          ],
        }),
      }),
      { ...env, SMS_QUEUE: down } as unknown as typeof env,
      createExecutionContext(),
    );
    expect(res.status).toBe(200);
    expect(await row("SELECT status FROM accounts WHERE id = ?1", c.id)).toEqual({ status: "active" });
    const failed = await row<{ event: string; reason: string; state: string; attempts: number }>(
      "SELECT event, reason, state, attempts FROM sms_failed WHERE account_id = ?1",
      c.id,
    );
    expect(failed).toEqual({
      event: "activation.completed",
      reason: "queue: queue unavailable",
      state: "failed",
      attempts: 0,
    });
    expect(
      await row("SELECT count(*) AS n FROM audit_log WHERE event = 'sms.failed' AND account_id = ?1", c.id),
    ).toEqual({ n: 1 });
  });
});

describe("the consumer against the fake HTTP provider", () => {
  it("a text taken but answered too late is tried again with the same Idempotency-Key, and the provider sends it once", async () => {
    const to = phone("0504");
    const text = await message(to, "Cham nhung da nhan");
    const first = await consume(SMS_QUEUE.name, [{ body: text, attempts: 1 }]);
    expect(first.explicitAcks).toEqual([]);
    expect(first.retryMessages).toEqual([{ msgId: expect.any(String), delaySeconds: 30 }]);
    const second = await consume(SMS_QUEUE.name, [{ body: text, attempts: 2 }]);
    expect(second.explicitAcks).toHaveLength(1);
    expect(second.retryMessages).toEqual([]);
    const sent = await providerSent(to);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.key).toBe(text.key);
    expect(text.key).toMatch(/^application\.approved:[0-9a-f]{32}$/);
  });

  it("backs off, doubling, and honours the provider's Retry-After", async () => {
    const busy = await message(phone("0503"), "Ban");
    expect((await consume(SMS_QUEUE.name, [{ body: busy, attempts: 1 }])).retryMessages).toEqual([
      { msgId: expect.any(String), delaySeconds: 120 },
    ]);
    const down = await message(phone("0500"), "Hong");
    expect((await consume(SMS_QUEUE.name, [{ body: down, attempts: 1 }])).retryMessages[0]?.delaySeconds).toBe(30);
    expect((await consume(SMS_QUEUE.name, [{ body: down, attempts: 3 }])).retryMessages[0]?.delaySeconds).toBe(120);
    expect((await consume(SMS_QUEUE.name, [{ body: down, attempts: 5 }])).retryMessages[0]?.delaySeconds).toBe(480);
  });

  it("a refusal (4xx) is listed at once; the last retry notes why, and the dead-letter queue lists it once", async () => {
    const refused = await message(phone("0400"), "Sai so");
    const res = await consume(SMS_QUEUE.name, [{ body: refused, attempts: 1 }]);
    expect(res.explicitAcks).toHaveLength(1);
    expect(await listedFailure(refused.key)).toMatchObject({ reason: "HTTP 400", attempts: 1, state: "failed" });
    expect(await failedAudits(refused.key)).toEqual({ n: 1 });

    const down = await message(phone("0500"), "Van hong");
    const last = await consume(SMS_QUEUE.name, [{ body: down, attempts: SMS_QUEUE.maxRetries + 1 }]);
    expect(last.retryMessages).toHaveLength(1);
    // On its way to the dead-letter queue: noted, not listed yet.
    expect(await row("SELECT state, reason FROM sms_failed WHERE idem_key = ?1", down.key)).toEqual({
      state: "pending",
      reason: "HTTP 500",
    });
    expect(((await failedList()).body.items as FailedTextT[]).some((x) => x.key === down.key)).toBe(false);
    for (let i = 0; i < 2; i++) {
      const dead = await consume(SMS_QUEUE.deadLetter, [{ body: down, attempts: 1 }]);
      expect(dead.explicitAcks).toHaveLength(1);
    }
    expect(await listedFailure(down.key)).toMatchObject({
      reason: "HTTP 500",
      attempts: SMS_QUEUE.maxRetries + 1,
      state: "failed",
    });
    expect(await failedAudits(down.key)).toEqual({ n: 1 });
  });

  it("drops a malformed message instead of retrying it", async () => {
    const batch = createMessageBatch(SMS_QUEUE.name, [
      { id: "bad-1", timestamp: new Date(), attempts: 1, body: { to: "nobody" } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, { ...env, ...http } as typeof env);
    const res = await getQueueResult(batch, ctx);
    expect(res.explicitAcks).toEqual(["bad-1"]);
  });
});
