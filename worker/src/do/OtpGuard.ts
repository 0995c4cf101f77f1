import { DurableObject } from "cloudflare:workers";
import { LIMITS } from "../../../shared/limits";
import { constantTimeEqual, hmacHex, parsePeppers, randomDigits } from "../crypto";
import type { Env } from "../env";
import { keepAlarmUntil } from "./shard";

/** What asks for a code: the phone it goes to, the flow it is bound to and what it is for. */
export interface OtpBinding {
  /** The phone number (E.164): the key of everything here. */
  phone: string;
  /** A stable, non-secret key of the flow (the SHA-256 of its bearer id). */
  flowKey: string;
  /** What the code authorises, e.g. `activation`. */
  purpose: string;
  /** The caller's clock, unix seconds. */
  now: number;
}

/** A send's binding and where it comes from. */
export interface OtpSend extends OtpBinding {
  /** The client address that asked, keyed like the per-IP limits (`ipKey`: IPv4, or the IPv6 /64). */
  ip: string;
}

/** The answer to {@link OtpGuard.issue}. */
export type IssueResult =
  | { ok: true; code: string; expiresAt: number; resendAt: number; sendsLeft: number; sendId: number }
  | { ok: false; code: "OTP_COOLDOWN" | "OTP_DAILY_LIMIT"; retryAfter: number };

/** The answer to {@link OtpGuard.verify}. */
export type VerifyResult =
  | { ok: true }
  | { ok: false; code: "OTP_INVALID"; attemptsLeft: number }
  | { ok: false; code: "OTP_EXPIRED" | "OTP_LOCKED" | "OTP_NOT_SENT" };

interface CodeRow {
  code_hash: string;
  flow_key: string;
  purpose: string;
  issued_at: number;
  expires_at: number;
  attempts: number;
  used: number;
  [key: string]: SqlStorageValue;
}

/** The window of the send limits: no refused send waits longer. */
const HOUR = 3600;

/** How long until `sends` (oldest first) hold fewer than `max` sends of the last hour; 0 when they already do. */
function waitFor(sends: readonly { sent_at: number }[], max: number, now: number): number {
  if (sends.length < max) return 0;
  const freeing = sends[sends.length - max]?.sent_at ?? now;
  return Math.max(1, freeing + HOUR - now);
}

/**
 * One-time codes for the phone numbers of one shard (see do/shard.ts; every number lives in exactly one instance).
 * Per number: the current code's HMAC, its flow binding and attempts, and the send history, in the object's SQLite
 * storage. Each check-and-update runs synchronously, so concurrent guesses are serialised and can never beat the
 * attempt cap.
 */
export class OtpGuard extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly alarmState: { alarmAt?: number | null } = {};

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS codes (
      phone TEXT PRIMARY KEY,
      code_hash TEXT NOT NULL, flow_key TEXT NOT NULL, purpose TEXT NOT NULL,
      issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL, used INTEGER NOT NULL)`);
    this.sql.exec(
      "CREATE TABLE IF NOT EXISTS phone_sends (id INTEGER PRIMARY KEY AUTOINCREMENT, phone TEXT NOT NULL, sent_at INTEGER NOT NULL, ip TEXT NOT NULL DEFAULT '')",
    );
    // An instance made before sends were counted per client address gets the column (its old rows count for no address).
    if (
      !this.sql
        .exec<{ name: string }>("PRAGMA table_info(phone_sends)")
        .toArray()
        .some((c) => c.name === "ip")
    ) {
      this.sql.exec("ALTER TABLE phone_sends ADD COLUMN ip TEXT NOT NULL DEFAULT ''");
    }
    this.sql.exec("CREATE INDEX IF NOT EXISTS sends_phone ON phone_sends (phone, sent_at)");
    this.sql.exec("CREATE INDEX IF NOT EXISTS sends_at ON phone_sends (sent_at)");
  }

  private hash(binding: OtpBinding, code: string, pepper: string = this.env.PEPPER): Promise<string> {
    return hmacHex(pepper, `otp:${binding.purpose}:${binding.flowKey}:${code}`);
  }

  private current(phone: string): CodeRow | undefined {
    return this.sql.exec<CodeRow>("SELECT * FROM codes WHERE phone = ?", phone).toArray()[0];
  }

  /**
   * Issues a fresh code bound to the flow, replacing any earlier one for the number, unless the resend cooldown or
   * a send limit says no: at most 5 sends to the number in any hour, at most 3 of them for one client address
   * (`OTP_DAILY_LIMIT`, a stable code that now waits at most an hour). Returns the code so that the caller can send
   * it; only its HMAC is kept.
   */
  async issue(binding: OtpSend): Promise<IssueResult> {
    const code = randomDigits(6);
    const codeHash = await this.hash(binding, code);
    // From here on, no await until the writes are done: the checks and the writes are one atomic step.
    const { now, phone } = binding;
    const last = this.current(phone);
    if (last && now < last.issued_at + LIMITS.otpResendCooldownSeconds) {
      return { ok: false, code: "OTP_COOLDOWN", retryAfter: last.issued_at + LIMITS.otpResendCooldownSeconds - now };
    }
    // An hour-old send or code no longer matters, for any number of this shard.
    this.sql.exec("DELETE FROM phone_sends WHERE sent_at <= ?", now - HOUR);
    this.sql.exec("DELETE FROM codes WHERE issued_at <= ?", now - HOUR);
    const sends = this.sql
      .exec<{ sent_at: number; ip: string }>(
        "SELECT sent_at, ip FROM phone_sends WHERE phone = ? ORDER BY sent_at, id",
        phone,
      )
      .toArray();
    const wait = Math.max(
      waitFor(sends, LIMITS.otpMaxSendsPerHour, now),
      waitFor(
        sends.filter((s) => s.ip === binding.ip),
        LIMITS.otpMaxSendsPerHourPerIp,
        now,
      ),
    );
    if (wait > 0) return { ok: false, code: "OTP_DAILY_LIMIT", retryAfter: wait };
    const expiresAt = now + LIMITS.otpTtlSeconds;
    this.sql.exec(
      `INSERT OR REPLACE INTO codes (phone, code_hash, flow_key, purpose, issued_at, expires_at, attempts, used)
       VALUES (?, ?, ?, ?, ?, ?, 0, 0)`,
      phone,
      codeHash,
      binding.flowKey,
      binding.purpose,
      now,
      expiresAt,
    );
    const sendId = this.sql
      .exec<{ id: number }>(
        "INSERT INTO phone_sends (phone, sent_at, ip) VALUES (?, ?, ?) RETURNING id",
        phone,
        now,
        binding.ip,
      )
      .one().id;
    await keepAlarmUntil(this.ctx.storage, this.alarmState, Date.now() + HOUR * 1000);
    return {
      ok: true,
      code,
      sendId,
      expiresAt,
      resendAt: now + LIMITS.otpResendCooldownSeconds,
      sendsLeft: LIMITS.otpMaxSendsPerHour - sends.length - 1,
    };
  }

  /**
   * Checks a guess. A code works once, only for the flow and purpose it was issued to, and only before it expires;
   * the fifth wrong guess kills it. A right code clears the number's send counts: its owner has it in hand.
   */
  async verify(binding: OtpBinding & { code: string }): Promise<VerifyResult> {
    // A code texted just before a pepper rotation still works: its hash may be of a `PEPPER_PREVIOUS`.
    const peppers = [this.env.PEPPER, ...parsePeppers(this.env.PEPPER_PREVIOUS)];
    const guessHashes = await Promise.all(peppers.map((p) => this.hash(binding, binding.code, p)));
    // From here on, no await: read, compare and count as one atomic step.
    const row = this.current(binding.phone);
    if (!row || row.used || row.flow_key !== binding.flowKey || row.purpose !== binding.purpose) {
      return { ok: false, code: "OTP_NOT_SENT" };
    }
    if (row.attempts >= LIMITS.otpMaxAttempts) return { ok: false, code: "OTP_LOCKED" };
    if (binding.now >= row.expires_at) return { ok: false, code: "OTP_EXPIRED" };
    if (guessHashes.some((h) => constantTimeEqual(h, row.code_hash))) {
      this.sql.exec("UPDATE codes SET used = 1 WHERE phone = ?", binding.phone);
      this.sql.exec("DELETE FROM phone_sends WHERE phone = ?", binding.phone);
      return { ok: true };
    }
    const attempts = row.attempts + 1;
    this.sql.exec("UPDATE codes SET attempts = ? WHERE phone = ?", attempts, binding.phone);
    if (attempts >= LIMITS.otpMaxAttempts) return { ok: false, code: "OTP_LOCKED" };
    return { ok: false, code: "OTP_INVALID", attemptsLeft: LIMITS.otpMaxAttempts - attempts };
  }

  /**
   * Takes back an issue whose text could not be sent: the code is forgotten and the send does not count, so the
   * citizen may ask again at once and loses nothing.
   */
  async revoke(binding: { phone: string; flowKey: string; sendId: number }): Promise<void> {
    const send = this.sql
      .exec<{ sent_at: number }>(
        "SELECT sent_at FROM phone_sends WHERE id = ? AND phone = ?",
        binding.sendId,
        binding.phone,
      )
      .toArray()[0];
    if (!send) return;
    this.sql.exec("DELETE FROM phone_sends WHERE id = ?", binding.sendId);
    this.sql.exec(
      "DELETE FROM codes WHERE phone = ? AND flow_key = ? AND issued_at = ?",
      binding.phone,
      binding.flowKey,
      send.sent_at,
    );
  }

  /** An hour after the last send of this shard nothing here matters any more: forget every code and send. */
  override async alarm(): Promise<void> {
    this.alarmState.alarmAt = null;
    this.sql.exec("DELETE FROM codes");
    this.sql.exec("DELETE FROM phone_sends");
    // An instance of the one-per-number layout (tables `code` and `sends`) ends here on its last alarm.
    this.sql.exec("DROP TABLE IF EXISTS code");
    this.sql.exec("DROP TABLE IF EXISTS sends");
  }
}
