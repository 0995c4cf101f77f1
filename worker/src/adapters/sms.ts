import type { Clock } from "../clock";
import { insertOutbox } from "../db/outbox";
import type { Env } from "../env";

/** Sends a text message. Production plugs in an HTTP provider; development keeps an outbox in D1. */
export interface SmsSender {
  send(toE164: string, text: string): Promise<void>;
}

/** The confirmation text sent after activation. */
export const ACTIVATED_TEXT =
  "Tai khoan dinh danh dien tu cua ban da duoc kich hoat thanh cong. Neu khong phai ban thuc hien, hay lien he Cong an xa, phuong noi cu tru.";

/** The confirmation text sent after registration. */
export const REGISTERED_TEXT =
  "Ban da dang ky tai khoan VNeID thanh cong. Neu khong phai ban thuc hien, hay lien he Cong an xa, phuong noi cu tru.";

/** The local adapter: stores each message in the `sms_outbox` table and logs it. */
export class OutboxSms implements SmsSender {
  constructor(
    private readonly db: D1Database,
    private readonly clock: Clock,
  ) {}

  async send(toE164: string, text: string): Promise<void> {
    assertAscii(text);
    await insertOutbox(this.db, toE164, text, this.clock.now());
    console.log(`[sms outbox] to ${toE164}: ${text}`);
  }
}

/** The provider could not take the message; the caller undoes what the message was for. */
export class SmsUnavailableError extends Error {
  constructor(readonly reason: string) {
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

/** Bounds of the HTTP provider adapter. */
export const HTTP_SMS = { attempts: 3, timeoutMs: 4000, backoffMs: 250 } as const;

/**
 * The production adapter: `POST` JSON `{to, text}` to the provider URL with a bearer token. Each attempt has a
 * timeout; 5xx answers and network failures are retried a bounded number of times; a 4xx is final.
 */
export class HttpSms implements SmsSender {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly fetcher: (req: Request) => Promise<Response> = (req) => fetch(req),
    private readonly sleep: (ms: number) => Promise<unknown> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly bounds: { attempts: number; timeoutMs: number; backoffMs: number } = HTTP_SMS,
  ) {}

  async send(toE164: string, text: string): Promise<void> {
    assertAscii(text);
    if (!this.url || !this.token) throw new SmsUnavailableError("not configured");
    let reason = "";
    const { attempts, timeoutMs, backoffMs } = this.bounds;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await this.fetcher(
          new Request(this.url, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${this.token}` },
            body: JSON.stringify({ to: toE164, text }),
            signal: AbortSignal.timeout(timeoutMs),
          }),
        );
        await res.body?.cancel();
        if (res.ok) return;
        reason = `HTTP ${res.status}`;
        if (res.status < 500 && res.status !== 429) break;
      } catch (err) {
        reason = err instanceof Error ? err.name : "network error";
      }
      if (attempt < attempts) await this.sleep(backoffMs * attempt);
    }
    throw new SmsUnavailableError(reason);
  }
}

/** The adapter `SMS_ADAPTER` names. */
export function smsSender(env: Env, clock: Clock): SmsSender {
  switch (env.SMS_ADAPTER) {
    case "outbox":
      return new OutboxSms(env.DB, clock);
    case "http": {
      const upstream = env.SMS_UPSTREAM;
      return new HttpSms(env.SMS_HTTP_URL ?? "", env.SMS_HTTP_TOKEN ?? "", upstream ? (req) => upstream.fetch(req) : undefined);
    }
    default:
      throw new Error(`unknown SMS_ADAPTER ${env.SMS_ADAPTER}`);
  }
}
