import { DurableObject } from "cloudflare:workers";
import { LIMITS } from "../../../shared/limits";
import { constantTimeEqual, hmacHex, randomDigits } from "../crypto";
import type { Env } from "../env";

/** What asks for a code: the flow it is bound to and what it is for. */
export interface OtpBinding {
  /** A stable, non-secret key of the flow (the SHA-256 of its bearer id). */
  flowKey: string;
  /** What the code authorises, e.g. `activation`. */
  purpose: string;
  /** The caller's clock, unix seconds. */
  now: number;
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

const DAY = 86_400;

/**
 * One-time codes for one phone number (one instance per number). Holds the current code's HMAC, its flow binding,
 * attempts and the send history, in the object's SQLite storage. Each check-and-update runs synchronously, so
 * concurrent guesses are serialised and can never beat the attempt cap.
 */
export class OtpGuard extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS code (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      code_hash TEXT NOT NULL, flow_key TEXT NOT NULL, purpose TEXT NOT NULL,
      issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL, used INTEGER NOT NULL)`);
    this.sql.exec("CREATE TABLE IF NOT EXISTS sends (sent_at INTEGER NOT NULL)");
  }

  private hash(binding: OtpBinding, code: string): Promise<string> {
    return hmacHex(this.env.PEPPER, `otp:${binding.purpose}:${binding.flowKey}:${code}`);
  }

  /**
   * Issues a fresh code bound to the flow, replacing any earlier one, unless the resend cooldown or the daily send
   * limit says no. Returns the code so that the caller can send it; only its HMAC is kept.
   */
  async issue(binding: OtpBinding): Promise<IssueResult> {
    const code = randomDigits(6);
    const codeHash = await this.hash(binding, code);
    // From here on, no await: the checks and the writes are one atomic step.
    const { now } = binding;
    const last = this.sql.exec<CodeRow>("SELECT * FROM code WHERE id = 1").toArray()[0];
    if (last && now < last.issued_at + LIMITS.otpResendCooldownSeconds) {
      return { ok: false, code: "OTP_COOLDOWN", retryAfter: last.issued_at + LIMITS.otpResendCooldownSeconds - now };
    }
    this.sql.exec("DELETE FROM sends WHERE sent_at <= ?", now - DAY);
    const sends = this.sql.exec<{ sent_at: number }>("SELECT sent_at FROM sends ORDER BY sent_at").toArray();
    if (sends.length >= LIMITS.otpMaxSendsPerDay) {
      const oldest = sends[sends.length - LIMITS.otpMaxSendsPerDay]?.sent_at ?? now;
      return { ok: false, code: "OTP_DAILY_LIMIT", retryAfter: Math.max(1, oldest + DAY - now) };
    }
    const expiresAt = now + LIMITS.otpTtlSeconds;
    this.sql.exec(
      `INSERT OR REPLACE INTO code (id, code_hash, flow_key, purpose, issued_at, expires_at, attempts, used)
       VALUES (1, ?, ?, ?, ?, ?, 0, 0)`,
      codeHash,
      binding.flowKey,
      binding.purpose,
      now,
      expiresAt,
    );
    const sendId = this.sql.exec<{ id: number }>("INSERT INTO sends (sent_at) VALUES (?) RETURNING rowid AS id", now).one().id;
    await this.ctx.storage.setAlarm(Date.now() + DAY * 1000 + 60_000);
    return {
      ok: true,
      code,
      sendId,
      expiresAt,
      resendAt: now + LIMITS.otpResendCooldownSeconds,
      sendsLeft: LIMITS.otpMaxSendsPerDay - sends.length - 1,
    };
  }

  /**
   * Checks a guess. A code works once, only for the flow and purpose it was issued to, and only before it expires;
   * the fifth wrong guess kills it.
   */
  async verify(binding: OtpBinding & { code: string }): Promise<VerifyResult> {
    const guessHash = await this.hash(binding, binding.code);
    // From here on, no await: read, compare and count as one atomic step.
    const row = this.sql.exec<CodeRow>("SELECT * FROM code WHERE id = 1").toArray()[0];
    if (!row || row.used || row.flow_key !== binding.flowKey || row.purpose !== binding.purpose) {
      return { ok: false, code: "OTP_NOT_SENT" };
    }
    if (row.attempts >= LIMITS.otpMaxAttempts) return { ok: false, code: "OTP_LOCKED" };
    if (binding.now >= row.expires_at) return { ok: false, code: "OTP_EXPIRED" };
    if (constantTimeEqual(guessHash, row.code_hash)) {
      this.sql.exec("UPDATE code SET used = 1 WHERE id = 1");
      return { ok: true };
    }
    const attempts = row.attempts + 1;
    this.sql.exec("UPDATE code SET attempts = ? WHERE id = 1", attempts);
    if (attempts >= LIMITS.otpMaxAttempts) return { ok: false, code: "OTP_LOCKED" };
    return { ok: false, code: "OTP_INVALID", attemptsLeft: LIMITS.otpMaxAttempts - attempts };
  }

  /**
   * Takes back an issue whose text could not be sent: the code is forgotten and the send does not count, so the
   * citizen may ask again at once and loses nothing.
   */
  async revoke(binding: { flowKey: string; sendId: number }): Promise<void> {
    const send = this.sql.exec<{ sent_at: number }>("SELECT sent_at FROM sends WHERE rowid = ?", binding.sendId).toArray()[0];
    if (!send) return;
    this.sql.exec("DELETE FROM sends WHERE rowid = ?", binding.sendId);
    this.sql.exec("DELETE FROM code WHERE flow_key = ? AND issued_at = ?", binding.flowKey, send.sent_at);
  }

  /** A day after the last send nothing here matters any more: forget the code and the send history. */
  override async alarm(): Promise<void> {
    this.sql.exec("DELETE FROM code");
    this.sql.exec("DELETE FROM sends");
  }
}
