/**
 * What each route of the main journeys costs (D1 statements and batches, Durable Object requests, R2 operations),
 * measured through the worker's own fetch with a metered env (cost-meter.ts) and held against
 * docs/scale/statements.json: a route that gets dearer (or cheaper) fails here until the file is rewritten with
 * `UPDATE_STATEMENTS=1 npx vitest run --project workerd tests/workerd/statements.test.ts`.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import expected from "../../docs/scale/statements.json";
import { type DemoCitizen, generateRegistry } from "../../scripts/demo-registry";
import type { EventSessionT } from "../../shared/event-schemas";
import type { RegistryRecordT } from "../../shared/registry-file";
import { sealRecord, toBase64Url } from "../../shared/seal";
import worker from "../../worker/src/index";
import { type Meter, type RouteCost, type RouteDetail, meteredEnv, newMeter } from "./cost-meter";
import { advanceClock, latestOtp, pool, randomIp, row, seedRegistry } from "./helpers";
import {
  NEW_PASSWORD,
  PROVINCE,
  TAM_THANH,
  bookableDay,
  cardOf,
  importUnits,
  jpeg,
  readyOfficer,
  vnToday,
} from "./officer-helpers";

/** What the test hands to tests/workerd/statements-reporter.ts (workerd has no file system). */
declare module "vitest" {
  interface TaskMeta {
    statements?: Record<string, { cost: RouteCost; detail: RouteDetail }>;
  }
}

const BASE = "http://127.0.0.1:8787";
const SEED = 1515;
const COUNT = 72;
const UPDATE = (env as unknown as { UPDATE_STATEMENTS?: string }).UPDATE_STATEMENTS === "1";

let running: Meter | null = null;
const metered = meteredEnv(env, () => running);
/** Every route measured in this file, for the check that the table has no stale keys. */
const measured = new Map<string, { cost: RouteCost; detail: RouteDetail }>();
const table = expected as unknown as Record<string, RouteCost | string[]>;

let take: (kind: DemoCitizen["kind"]) => DemoCitizen;
let records: RegistryRecordT[];
const usedRecords = new Set<string>();

beforeAll(async () => {
  const citizens = await seedRegistry(SEED, COUNT);
  take = pool(citizens);
  const { file } = generateRegistry(SEED, COUNT);
  const withAccount = new Set((file.accounts ?? []).map((a) => a.id));
  records = (file.registry ?? []).filter((r) => !withAccount.has(r.id) && Number(r.dob.slice(0, 4)) < 2008);
  await importUnits();
}, 60_000);

/** A registry citizen (adult) with no account, not used by another test. */
function unregistered(): RegistryRecordT {
  const r = records.find((x) => !usedRecords.has(x.id));
  if (!r) throw new Error("no more unregistered adults in the seeded registry");
  usedRecords.add(r.id);
  return r;
}

interface Answer {
  status: number;
  body: any;
  cookie: string | null;
}

/** The path pattern of a key (`{id}` matches one segment). */
const pathPattern = (path: string) => new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);

/**
 * Sends one request through the worker's fetch with the metered env, counts it under `key`
 * (`"<METHOD> <openapi path>"`), and records the journey step in this test's meta.
 */
async function measure(
  task: { meta: { statements?: Record<string, { cost: RouteCost; detail: RouteDetail }> } },
  key: string,
  path: string,
  init: { body?: unknown; bytes?: Uint8Array; type?: string; cookie?: string; ip?: string } = {},
): Promise<Answer> {
  const [method, keyPath] = key.split(" ") as [string, string];
  expect(new URL(`${BASE}${path}`).pathname, key).toMatch(pathPattern(keyPath));
  const headers: Record<string, string> = { "cf-connecting-ip": init.ip ?? randomIp() };
  if (method !== "GET") headers.origin = BASE;
  if (init.cookie) headers.cookie = init.cookie;
  let body: BodyInit | undefined;
  if (init.bytes) {
    body = init.bytes as BodyInit;
    headers["content-type"] = init.type ?? "image/jpeg";
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] = "application/json";
  }
  const meter = newMeter();
  running = meter;
  const ctx = createExecutionContext();
  let res: Response;
  try {
    res = await worker.fetch(new Request(`${BASE}${path}`, { method, headers, body }), metered, ctx);
    await waitOnExecutionContext(ctx);
  } finally {
    running = null;
  }
  const text = await res.text();
  const answer: Answer = {
    status: res.status,
    body: text ? JSON.parse(text) : null,
    cookie: res.headers.get("set-cookie")?.split(";")[0] ?? null,
  };
  expect(answer.status, `${key}: ${text}`).toBe(200);
  const known = measured.get(key);
  // A route measured twice keeps the dearer of its two counts.
  const merged = known ? maxOf(known, meter) : { cost: meter.cost, detail: meter.detail };
  measured.set(key, merged);
  (task.meta.statements ??= {})[key] = merged;
  return answer;
}

function maxOf(a: { cost: RouteCost; detail: RouteDetail }, b: Meter): { cost: RouteCost; detail: RouteDetail } {
  const total = (c: RouteCost) => c.d1.reads + c.d1.writes + c.d1.batches + c.do + c.r2;
  return total(b.cost) > total(a.cost) ? { cost: b.cost, detail: b.detail } : a;
}

/** Holds the routes measured by one test against the table. */
function check(task: { meta: { statements?: Record<string, { cost: RouteCost }> } }): void {
  if (UPDATE) return;
  const got = task.meta.statements ?? {};
  for (const [key, value] of Object.entries(got)) {
    const want = table[key];
    expect(
      want,
      `${key} is not in docs/scale/statements.json: run UPDATE_STATEMENTS=1 (see the file's _about)`,
    ).toBeDefined();
    expect(
      value.cost,
      `${key} costs something else than docs/scale/statements.json says: if that is meant, rewrite the file with UPDATE_STATEMENTS=1`,
    ).toEqual(want);
  }
}

const SECURITY = [
  { questionId: 1, answer: "Bình" },
  { questionId: 3, answer: "Cún" },
];

describe("statement counts of the main journeys", () => {
  it("activation: start, OTP request and verify, password, passcode, security questions", async ({ task }) => {
    const c = take("approved-new");
    const deviceId = `web-statements-${c.id}`;
    await measure(task, "GET /api/security-questions", "/api/security-questions");
    const start = await measure(task, "POST /api/activation/start", "/api/activation/start", {
      body: { citizenId: c.id, phone: c.phone, deviceId },
    });
    const flowId = start.body.flowId as string;
    await measure(task, "POST /api/activation/status", "/api/activation/status", { body: { flowId } });
    await measure(task, "POST /api/activation/otp", "/api/activation/otp", { body: { flowId } });
    const verified = await measure(task, "POST /api/activation/verify", "/api/activation/verify", {
      body: { flowId, otp: await latestOtp(c.phone) },
    });
    expect(verified.body.step).toBe("password");
    await measure(task, "POST /api/activation/password", "/api/activation/password", {
      body: { flowId, password: "Matkhau@2024", confirmPassword: "Matkhau@2024" },
    });
    await measure(task, "POST /api/activation/passcode", "/api/activation/passcode", {
      body: { flowId, passcode: "246810", confirmPasscode: "246810" },
    });
    const done = await measure(task, "POST /api/activation/security", "/api/activation/security", {
      body: { flowId, answers: SECURITY },
    });
    expect(done.body.step).toBe("done");
    check(task);
  });

  it("login and the account home: me, card, notifications, papers, activity, devices, identity QR, logout", async ({
    task,
  }) => {
    const c = take("active");
    const login = await measure(task, "POST /api/auth/login", "/api/auth/login", {
      body: { citizenId: c.id, password: c.password },
    });
    const cookie = login.cookie as string;
    expect(cookie).toMatch(/=/);
    for (const path of [
      "/api/me",
      "/api/me/card",
      "/api/me/notifications",
      "/api/me/papers",
      "/api/me/dependants",
      "/api/me/activity",
      "/api/me/devices",
    ]) {
      await measure(task, `GET ${path}`, path, { cookie });
    }
    await measure(task, "POST /api/identity/qr", "/api/identity/qr", { body: { passcode: c.passcode }, cookie });
    await measure(task, "POST /api/auth/logout", "/api/auth/logout", { body: {}, cookie });
    check(task);
  });

  it("registration (OTP request, resend and verify), then a level-1 application, its tracking", async ({ task }) => {
    const r = unregistered();
    const start = await measure(task, "POST /api/registration/start", "/api/registration/start", {
      body: { citizenId: r.id, phone: r.phone, card: cardOf(r) },
    });
    const flowId = start.body.flowId as string;
    await advanceClock(61);
    await measure(task, "POST /api/registration/otp", "/api/registration/otp", { body: { flowId } });
    await measure(task, "POST /api/registration/verify", "/api/registration/verify", {
      body: { flowId, otp: await latestOtp(r.phone) },
    });
    await measure(task, "POST /api/registration/password", "/api/registration/password", {
      body: { flowId, password: "Dangky@2026", confirmPassword: "Dangky@2026" },
    });
    const login = await measure(task, "POST /api/auth/login", "/api/auth/login", {
      body: { citizenId: r.id, password: "Dangky@2026" },
    });
    const cookie = login.cookie as string;
    const photo = await measure(task, "POST /api/level1/photo", "/api/level1/photo", { bytes: jpeg(300, 400), cookie });
    const applied = await measure(task, "POST /api/level1/apply", "/api/level1/apply", {
      body: { card: cardOf(r), photoId: photo.body.photoId },
      cookie,
    });
    const reference = applied.body.application.reference as string;
    await measure(task, "POST /api/track", "/api/track", { body: { reference, citizenId: r.id } });
    await measure(task, "GET /api/track/mine", "/api/track/mine", { cookie });
    check(task);
  });

  it("password recovery: start (OTP request), verify, security answer, new password", async ({ task }) => {
    const c = take("active");
    const start = await measure(task, "POST /api/recovery/start", "/api/recovery/start", {
      body: { citizenId: c.id, phone: c.phone },
    });
    const flowId = start.body.flowId as string;
    const verified = await measure(task, "POST /api/recovery/verify", "/api/recovery/verify", {
      body: { flowId, otp: await latestOtp(c.phone) },
    });
    const answer = (c.securityAnswers as Record<number, string>)[verified.body.question.id as number];
    await measure(task, "POST /api/recovery/answer", "/api/recovery/answer", { body: { flowId, answer } });
    await measure(task, "POST /api/recovery/password", "/api/recovery/password", {
      body: { flowId, password: "Quenmk#2025Lan", confirmPassword: "Quenmk#2025Lan" },
    });
    check(task);
  });

  it("level-2 intake at the office, the queue, the file, approval and rejection", async ({ task }) => {
    const ward = await readyOfficer(TAM_THANH, "officer", "Hoàng Thị Thanh");
    const login = await measure(task, "POST /api/officer/login", "/api/officer/login", {
      body: { username: ward.username, password: NEW_PASSWORD },
    });
    const cookie = login.cookie as string;
    await measure(task, "GET /api/officer/me", "/api/officer/me", { cookie });
    await measure(task, "GET /api/units", "/api/units");
    const files: number[] = [];
    for (let i = 0; i < 2; i++) {
      const r = unregistered();
      const photo = await measure(task, "POST /api/officer/photo", "/api/officer/photo", { bytes: jpeg(), cookie });
      const res = await measure(task, "POST /api/officer/intake", "/api/officer/intake", {
        body: { card: cardOf(r), phone: r.phone, photoId: photo.body.photoId, consent: true },
        cookie,
      });
      const file = await row<{ id: number }>("SELECT id FROM applications WHERE reference = ?1", res.body.reference);
      files.push(file?.id as number);
    }
    const [approveId, rejectId] = files as [number, number];
    await measure(task, "GET /api/officer/applications", "/api/officer/applications?status=pending", { cookie });
    await measure(task, "GET /api/officer/applications/{id}", `/api/officer/applications/${approveId}`, { cookie });
    // Four eyes: a second officer of the unit approves.
    const ward2 = await readyOfficer(TAM_THANH, "officer", "Lăng Văn Hùng");
    await measure(
      task,
      "POST /api/officer/applications/{id}/approve",
      `/api/officer/applications/${approveId}/approve`,
      { body: {}, cookie: ward2.cookie },
    );
    await measure(task, "POST /api/officer/applications/{id}/reject", `/api/officer/applications/${rejectId}/reject`, {
      body: { reason: "Ảnh chân dung không rõ mặt" },
      cookie,
    });
    check(task);
  });

  it("booking: units, slots, a booking, its cancellation, the officers' day list", async ({ task }) => {
    const r = unregistered();
    const day = bookableDay(3);
    const slots = await measure(
      task,
      "GET /api/appointments/slots",
      `/api/appointments/slots?unit=${TAM_THANH}&day=${day}`,
    );
    const time = (slots.body.slots as Array<{ time: string }>)[0]?.time as string;
    const booked = await measure(task, "POST /api/appointments", "/api/appointments", {
      body: { unitCode: TAM_THANH, day, time, citizenId: r.id, phone: r.phone },
    });
    await measure(task, "POST /api/appointments/cancel", "/api/appointments/cancel", {
      body: { code: booked.body.code, citizenId: r.id },
    });
    const ward = await readyOfficer(TAM_THANH, "officer", "Lăng Văn Hùng");
    await measure(task, "GET /api/officer/appointments", `/api/officer/appointments?day=${day}`, {
      cookie: ward.cookie,
    });
    check(task);
  });

  it("event sync: an event session, its key, a batch of one sealed record", async ({ task }) => {
    const ward = await readyOfficer(TAM_THANH, "officer", "Nông Thị Liên");
    const event = (
      await measure(task, "POST /api/officer/events", "/api/officer/events", {
        body: { place: "Nhà văn hóa khối 5", firstDay: vnToday(), lastDay: vnToday() },
        cookie: ward.cookie,
      })
    ).body as EventSessionT;
    await measure(task, "GET /api/officer/events/{id}", `/api/officer/events/${event.id}`, { cookie: ward.cookie });
    const r = unregistered();
    const clientId = crypto.randomUUID();
    const capturedAt = Math.floor(Date.now() / 1000);
    const plain = { card: cardOf(r), phone: r.phone, consent: true, capturedAt, photo: toBase64Url(jpeg(300, 360)) };
    const sealed = await sealRecord(
      event.publicKey,
      { eventId: event.id, clientId },
      new TextEncoder().encode(JSON.stringify(plain)),
    );
    const synced = await measure(
      task,
      "POST /api/officer/events/{id}/records",
      `/api/officer/events/${event.id}/records`,
      {
        body: { records: [{ clientId, capturedAt, sealed }] },
        cookie: ward.cookie,
      },
    );
    expect(JSON.stringify(synced.body)).toContain("accepted");
    check(task);
  });

  it("reports and the audit view of a province_admin", async ({ task }) => {
    const admin = await readyOfficer(PROVINCE, "province_admin", "Lương Văn Tỉnh");
    await measure(task, "GET /api/officer/reports", "/api/officer/reports", { cookie: admin.cookie });
    await measure(task, "GET /api/officer/audit", "/api/officer/audit", { cookie: admin.cookie });
    check(task);
  });

  it("every key of docs/scale/statements.json is a measured route, and a route of /api/openapi.json", async () => {
    const res = await worker.fetch(new Request(`${BASE}/api/openapi.json`), env, createExecutionContext());
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    // Today's document writes path parameters as `:id`; after the route declarations land, as `{id}`.
    const routes = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/:(\w+)/g, "{$1}")}`),
      ),
    );
    for (const key of measured.keys()) expect(routes, key).toContain(key);
    if (UPDATE) return;
    const keys = Object.keys(table).filter((k) => !k.startsWith("_"));
    expect(
      keys.filter((k) => !measured.has(k)),
      "keys in docs/scale/statements.json that no journey measures",
    ).toEqual([]);
  });
});
