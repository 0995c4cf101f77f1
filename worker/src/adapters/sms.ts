import type { QueuedTextT } from "../../../shared/sms";
import type { Clock } from "../clock";
import { insertOutbox } from "../db/outbox";
import { type Env, isDevelopment } from "../env";

/**
 * Sends a text message. Production plugs in an HTTP provider; development keeps an outbox in D1. `key` is the
 * idempotency key (`domain/texts.ts`): a second send with the same key never reaches the phone twice.
 */
export interface SmsSender {
  send(toE164: string, text: string, key: string): Promise<void>;
}

/** The confirmation text sent after activation. */
export const ACTIVATED_TEXT =
  "Tai khoan dinh danh dien tu cua ban da duoc kich hoat thanh cong. Neu khong phai ban thuc hien, hay lien he Cong an xa, phuong noi cu tru.";

/** The confirmation text sent after registration. */
export const REGISTERED_TEXT =
  "Ban da dang ky tai khoan VNeID thanh cong. Neu khong phai ban thuc hien, hay lien he Cong an xa, phuong noi cu tru.";

/** The local adapter: stores each message in the `sms_outbox` table (once per key, as the provider would) and logs it. */
export class OutboxSms implements SmsSender {
  constructor(
    private readonly db: D1Database,
    private readonly clock: Clock,
  ) {}

  async send(toE164: string, text: string, key: string): Promise<void> {
    assertAscii(text);
    if (await insertOutbox(this.db, toE164, text, this.clock.now(), key))
      console.log(`[sms outbox] to ${toE164}: ${text}`);
  }
}

/**
 * The provider could not take the message. `permanent`: it refused the message itself (a 4xx other than 408 and
 * 429), so trying again cannot help; `retryAfter`: the provider's `Retry-After`, in seconds.
 */
export class SmsUnavailableError extends Error {
  constructor(
    readonly reason: string,
    readonly permanent = false,
    readonly retryAfter: number | null = null,
  ) {
    super(`SMS provider unavailable: ${reason}`);
    this.name = "SmsUnavailableError";
  }
}

/**
 * Texts are ASCII only: providers bill and split anything else differently. Line feeds are allowed (GSM 7-bit has
 * them): the WebOTP line of an OTP text must stand on its own last line.
 */
export function assertAscii(text: string): void {
  if (!/^[\x20-\x7e\n]*$/.test(text)) throw new Error("SMS text must be printable ASCII");
}

/** Bounds of the HTTP provider adapter, per send: attempts, each one's timeout, the wait between them. */
export interface HttpSmsBounds {
  attempts: number;
  timeoutMs: number;
  backoffMs: number;
  /** A `Retry-After` longer than this ends the send at once (nobody waits that long in a request). */
  maxWaitMs: number;
}

/** In a request (the OTP): a few quick attempts, since the citizen is waiting. */
export const HTTP_SMS: HttpSmsBounds = { attempts: 3, timeoutMs: 4000, backoffMs: 250, maxWaitMs: 2000 };

/** In the queue consumer: one attempt per delivery, with the same timeout; the queue retries, with backoff. */
export const QUEUED_HTTP_SMS: HttpSmsBounds = { ...HTTP_SMS, attempts: 1 };

/** `Retry-After` (seconds, or an HTTP date) in whole seconds from `nowMs`, or null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * The production adapter: `POST` JSON `{to, text}` to the provider URL with a bearer token and an
 * `Idempotency-Key` header. Each attempt has a timeout; 5xx, 408, 429 answers and network failures are tried again
 * (up to `bounds.attempts`, honouring `Retry-After`) with the same key, so that a provider that took the text but
 * answered too late does not send it twice; another 4xx is final.
 */
export class HttpSms implements SmsSender {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly fetcher: (req: Request) => Promise<Response> = (req) => fetch(req),
    private readonly sleep: (ms: number) => Promise<unknown> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly bounds: HttpSmsBounds = HTTP_SMS,
  ) {}

  async send(toE164: string, text: string, key: string): Promise<void> {
    assertAscii(text);
    if (!this.url || !this.token) throw new SmsUnavailableError("not configured");
    let reason = "";
    let retryAfter: number | null = null;
    const { attempts, timeoutMs, backoffMs, maxWaitMs } = this.bounds;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      retryAfter = null;
      try {
        const res = await this.fetcher(
          new Request(this.url, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              authorization: `Bearer ${this.token}`,
              "idempotency-key": key,
            },
            body: JSON.stringify({ to: toE164, text }),
            signal: AbortSignal.timeout(timeoutMs),
          }),
        );
        await res.body?.cancel();
        if (res.ok) return;
        reason = `HTTP ${res.status}`;
        retryAfter = parseRetryAfter(res.headers.get("retry-after"), Date.now());
        if (res.status < 500 && res.status !== 408 && res.status !== 429) throw new SmsUnavailableError(reason, true);
      } catch (err) {
        if (err instanceof SmsUnavailableError) throw err;
        reason = err instanceof Error ? err.name : "network error";
      }
      const wait = Math.max(backoffMs * attempt, (retryAfter ?? 0) * 1000);
      if (attempt === attempts || wait > maxWaitMs) break;
      await this.sleep(wait);
    }
    throw new SmsUnavailableError(reason, false, retryAfter);
  }
}

/** Where texts sent after a commit go (`domain/texts.ts`): the queue `vneid-sms`. */
export interface TextQueue {
  enqueue(text: QueuedTextT): Promise<void>;
}

/** The `SMS_QUEUE` producer; without the binding, every enqueue fails (and the text is listed as failed). */
export function textQueueOf(env: Pick<Env, "SMS_QUEUE">): TextQueue {
  const queue = env.SMS_QUEUE;
  return {
    async enqueue(text) {
      if (!queue) throw new Error("no SMS_QUEUE binding");
      await queue.send(text, { contentType: "json" });
    },
  };
}

let outboxRefusalLogged = false;

/**
 * The adapter `SMS_ADAPTER` names. The outbox runs only in development: anywhere else texts go to the HTTP provider
 * whatever `SMS_ADAPTER` says, so that a deployment can never keep citizens' texts in a table instead of sending
 * them. `bounds`: the HTTP adapter's (the queue consumer passes {@link QUEUED_HTTP_SMS}).
 */
export function smsSender(env: Env, clock: Clock, bounds: HttpSmsBounds = HTTP_SMS): SmsSender {
  if (env.SMS_ADAPTER !== "outbox" && env.SMS_ADAPTER !== "http")
    throw new Error(`unknown SMS_ADAPTER ${env.SMS_ADAPTER}`);
  if (env.SMS_ADAPTER === "outbox" && isDevelopment(env)) return new OutboxSms(env.DB, clock);
  if (env.SMS_ADAPTER === "outbox" && !outboxRefusalLogged) {
    outboxRefusalLogged = true;
    console.error(
      `SMS_ADAPTER "outbox" refused outside development (ENVIRONMENT=${env.ENVIRONMENT}): texts go to the HTTP provider`,
    );
  }
  const upstream = env.SMS_UPSTREAM;
  return new HttpSms(
    env.SMS_HTTP_URL ?? "",
    env.SMS_HTTP_TOKEN ?? "",
    upstream ? (req) => upstream.fetch(req) : undefined,
    undefined,
    bounds,
  );
}
