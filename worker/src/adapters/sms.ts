import type { Clock } from "../clock";
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
    await this.db
      .prepare("INSERT INTO sms_outbox (to_phone, text, sent_at) VALUES (?1, ?2, ?3)")
      .bind(toE164, text, this.clock.now())
      .run();
    console.log(`[sms outbox] to ${toE164}: ${text}`);
  }
}

/** The adapter `SMS_ADAPTER` names. */
export function smsSender(env: Env, clock: Clock): SmsSender {
  switch (env.SMS_ADAPTER) {
    case "outbox":
      return new OutboxSms(env.DB, clock);
    default:
      throw new Error(`unknown SMS_ADAPTER ${env.SMS_ADAPTER}`);
  }
}
