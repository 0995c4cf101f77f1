/** Helpers for route tests inside workerd: requests through the worker's own fetch, as a client would send them. */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import worker from "../../worker/src/index";
import { type DemoCitizen, type DemoKind, generateRegistry } from "../../scripts/demo-registry";

const BASE = "http://127.0.0.1:8787";

/** A random documentation-range client address (203.0.113.0/24 and 198.51.100.0/24). */
export function randomIp(): string {
  return `${Math.random() < 0.5 ? "203.0.113" : "198.51.100"}.${1 + Math.floor(Math.random() * 254)}`;
}

/** A response with its parsed JSON body. */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  /** The parsed body; an error body without its `requestId`, which is {@link ApiResponse.requestId}. */
  body: T;
  headers: Headers;
  /** The `requestId` of an error body (always the `X-Request-Id` header's value). */
  requestId?: string;
}

/**
 * Takes the request id out of a JSON error body, after checking that it is there and is the `X-Request-Id` header's
 * value: tests compare error bodies with what the API promises, and two answers are never the same request.
 */
export function splitRequestId(
  status: number,
  headers: Headers,
  parsed: unknown,
): { body: unknown; requestId?: string } {
  if (status < 400 || !parsed || typeof parsed !== "object" || Array.isArray(parsed) || !("code" in parsed))
    return { body: parsed };
  const { requestId, ...body } = parsed as { requestId?: unknown };
  if (typeof requestId !== "string" || requestId !== headers.get("x-request-id")) {
    throw new Error(`error body without the request id of its X-Request-Id header: ${JSON.stringify(parsed)}`);
  }
  return { body, requestId };
}

/** Sends a request to the worker and parses its JSON answer. */
export async function call<T = any>(
  method: string,
  path: string,
  body?: unknown,
  init: {
    headers?: Record<string, string>;
    raw?: string;
    env?: Partial<typeof env>;
    vars?: Partial<Record<string, string>>;
  } = {},
): Promise<ApiResponse<T>> {
  // A same-origin browser, from a client IP of its own (so that per-IP limits only bite where a test means them to).
  const headers: Record<string, string> = {
    ...(method !== "GET" && { origin: new URL(BASE).origin }),
    "cf-connecting-ip": randomIp(),
    ...init.headers,
  };
  let payload: string | undefined;
  if (init.raw !== undefined) payload = init.raw;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers["content-type"] ??= "application/json";
  }
  // The handler is called directly: the SELF service binding slows down call after call (workers-sdk#15446).
  const ctx = createExecutionContext();
  // `init.env` overrides bindings and vars (production settings, a lower limit) for this request; `init.vars`, vars alone.
  const res = await worker.fetch(
    new Request(`${BASE}${path}`, { method, headers, body: payload }),
    { ...env, ...init.env, ...init.vars } as typeof env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return readAnswer<T>(res);
}

/** A worker's answer with its JSON body parsed (`{ nonJson }` when it is not JSON). */
export async function readAnswer<T = any>(res: Response): Promise<ApiResponse<T>> {
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { nonJson: text };
  }
  const { body, requestId } = splitRequestId(res.status, res.headers, parsed);
  return { status: res.status, body: body as T, headers: res.headers, ...(requestId !== undefined && { requestId }) };
}

/** POST with a JSON body. */
export const post = <T = any>(path: string, body: unknown, headers?: Record<string, string>) =>
  call<T>("POST", path, body, headers ? { headers } : {});

/** POST with a JSON body through the worker with some configuration changed, as a deployment would set it. */
export const callWith = <T = any>(
  vars: Partial<Record<string, string>>,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) => call<T>("POST", path, body, { headers, vars });

/** Seeds a generated registry through the development import route; returns the people in it. */
export async function seedRegistry(seed: number, count: number): Promise<DemoCitizen[]> {
  const { file, citizens } = generateRegistry(seed, count);
  const res = await post("/api/dev/registry/import", file);
  if (res.status !== 200) throw new Error(`seeding failed: ${JSON.stringify(res.body)}`);
  return citizens;
}

/** Hands out seeded citizens of a kind, each once, so that tests do not share phones or accounts. */
export function pool(citizens: DemoCitizen[]) {
  const used = new Set<string>();
  return (kind: DemoKind): DemoCitizen => {
    const c = citizens.find((x) => x.kind === kind && !used.has(x.id));
    if (!c) throw new Error(`no more demo citizens of kind ${kind}`);
    used.add(c.id);
    return c;
  };
}

let devices = 0;
/** A fresh device id, as the PWA would make one. */
export function newDeviceId(): string {
  devices += 1;
  return `web-test-device-${String(devices).padStart(6, "0")}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The newest OTP texted to `phone`, read from the development outbox. */
export async function latestOtp(phone: string): Promise<string> {
  const res = await call<{ messages: Array<{ text: string }> }>(
    "GET",
    `/api/dev/sms?phone=${encodeURIComponent(phone)}`,
  );
  const text = res.body.messages.find((m) => /\b\d{6}\b/.test(m.text))?.text ?? "";
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no OTP in the outbox for ${phone}`);
  return code;
}

/**
 * The newest text to `phone` that matches `pattern`, waiting for it: every text but the OTP is queued after its
 * commit and reaches the development outbox through the queue's consumer (worker/src/domain/texts.ts).
 */
export async function queuedText(phone: string, pattern: RegExp): Promise<string> {
  let found = "";
  await expect
    .poll(
      async () => {
        const res = await call<{ messages: Array<{ text: string }> }>(
          "GET",
          `/api/dev/sms?phone=${encodeURIComponent(phone)}`,
        );
        found = res.body.messages.find((m) => pattern.test(m.text))?.text ?? "";
        return found;
      },
      { timeout: 20_000, interval: 100 },
    )
    .not.toBe("");
  return found;
}

/** Moves the server clock forward. */
export async function advanceClock(seconds: number): Promise<string> {
  const res = await post<{ now: string }>("/api/dev/clock", { advanceSeconds: seconds });
  return res.body.now;
}

/** Starts a flow and sends the first OTP; returns the flow id and the code texted. */
export async function startToOtp(
  c: DemoCitizen,
  deviceId = newDeviceId(),
): Promise<{ flowId: string; otp: string; deviceId: string }> {
  const start = await post("/api/activation/start", { citizenId: c.id, phone: c.phone, deviceId });
  if (start.status !== 200) throw new Error(`start failed: ${JSON.stringify(start.body)}`);
  const flowId = start.body.flowId as string;
  const sent = await post("/api/activation/otp", { flowId });
  if (sent.status !== 200) throw new Error(`otp failed: ${JSON.stringify(sent.body)}`);
  return { flowId, otp: await latestOtp(c.phone), deviceId };
}

/** Runs a whole activation; returns the device id bound. */
export async function activate(
  c: DemoCitizen,
  opts: { deviceId?: string; password?: string; passcode?: string; userAgent?: string } = {},
): Promise<{ deviceId: string; flowId: string }> {
  const { flowId, otp, deviceId } = await startToOtp(c, opts.deviceId);
  const verified = await post("/api/activation/verify", { flowId, otp });
  if (verified.status !== 200) throw new Error(`verify failed: ${JSON.stringify(verified.body)}`);
  if (verified.body.step === "password") {
    const pw = opts.password ?? "Matkhau@2024";
    const r = await post("/api/activation/password", { flowId, password: pw, confirmPassword: pw });
    if (r.status !== 200) throw new Error(`password failed: ${JSON.stringify(r.body)}`);
  }
  const pc = opts.passcode ?? "246810";
  const r1 = await post("/api/activation/passcode", { flowId, passcode: pc, confirmPasscode: pc });
  if (r1.status !== 200) throw new Error(`passcode failed: ${JSON.stringify(r1.body)}`);
  const r2 = await post(
    "/api/activation/security",
    {
      flowId,
      answers: [
        { questionId: 1, answer: "Bình" },
        { questionId: 3, answer: "Cún" },
      ],
    },
    opts.userAgent === undefined ? undefined : { "user-agent": opts.userAgent },
  );
  if (r2.status !== 200) throw new Error(`security failed: ${JSON.stringify(r2.body)}`);
  return { deviceId, flowId };
}

/** Logs in; returns the session cookie pair (`name=value`) or the failed response. */
export async function loginCookie(
  citizenId: string,
  password: string,
): Promise<{ cookie: string | null; res: ApiResponse }> {
  const res = await post("/api/auth/login", { citizenId, password });
  const set = res.headers.get("set-cookie");
  return { cookie: set ? (set.split(";")[0] ?? null) : null, res };
}

/** Row counts and content digests of every table, to show that a request changed nothing. */
export async function snapshotTables(exclude: string[] = []): Promise<Record<string, string>> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' ORDER BY name",
  ).all<{ name: string }>();
  const out: Record<string, string> = {};
  for (const { name } of tables.results) {
    if (exclude.includes(name)) continue;
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    out[name] = JSON.stringify(rows.results);
  }
  return out;
}

/** One row of a table by a column value. */
export async function row<T = Record<string, unknown>>(sql: string, ...binds: unknown[]): Promise<T | null> {
  return env.DB.prepare(sql)
    .bind(...binds)
    .first<T>();
}
