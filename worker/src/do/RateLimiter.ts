import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { keepAlarmUntil } from "./shard";

/** The answer to {@link RateLimiter.take}. */
export type TakeResult = { ok: true; token: number } | { ok: false; retryAfter: number };

/**
 * Exact sliding-window counters for the keys of one shard of one throttled action (client IPs, ID numbers…; see
 * `domain/throttle.ts` for the sharding). Every key lives in exactly one instance, and `take` counts and reserves a
 * slot with no await in between, so concurrent requests cannot exceed a key's limit; `giveBack` returns a slot whose
 * action did not happen. Each slot carries its own expiry, so one key's traffic purges every other key's old slots.
 */
export class RateLimiter extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  /** When the clean-up alarm is set for (ms), `null` for none, `undefined` until read from storage. */
  private readonly alarmState: { alarmAt?: number | null } = {};

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS slots (
      id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, at INTEGER NOT NULL, expires INTEGER NOT NULL)`);
    this.sql.exec("CREATE INDEX IF NOT EXISTS slots_key_at ON slots (key, at)");
    this.sql.exec("CREATE INDEX IF NOT EXISTS slots_expires ON slots (expires)");
  }

  /** Takes one of `key`'s `limit` slots per `windowSeconds`, or says how long until one frees up. */
  async take(key: string, limit: number, windowSeconds: number, now: number): Promise<TakeResult> {
    this.sql.exec("DELETE FROM slots WHERE expires <= ?", now);
    const since = now - windowSeconds;
    const count = this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM slots WHERE key = ? AND at > ?", key, since)
      .one().n;
    if (count >= limit) {
      // The slot whose expiry brings the count under the limit: the (count - limit + 1)-th oldest.
      const freeing = this.sql
        .exec<{ at: number }>(
          "SELECT at FROM slots WHERE key = ? AND at > ? ORDER BY at, id LIMIT 1 OFFSET ?",
          key,
          since,
          count - limit,
        )
        .toArray()[0];
      return { ok: false, retryAfter: Math.max(1, (freeing?.at ?? now) + windowSeconds - now) };
    }
    const row = this.sql
      .exec<{ id: number }>(
        "INSERT INTO slots (key, at, expires) VALUES (?, ?, ?) RETURNING id",
        key,
        now,
        now + windowSeconds,
      )
      .one();
    await keepAlarmUntil(this.ctx.storage, this.alarmState, Date.now() + windowSeconds * 1000);
    return { ok: true, token: row.id };
  }

  /** Returns a slot taken by {@link take} for an action that did not happen. */
  async giveBack(token: number): Promise<void> {
    this.sql.exec("DELETE FROM slots WHERE id = ?", token);
  }

  /** Forgets every slot of `key` (its owner proved who they are: the limit starts again). */
  async forget(key: string): Promise<void> {
    this.sql.exec("DELETE FROM slots WHERE key = ?", key);
  }

  /** A full window has passed since the last slot was taken, so every slot has expired: forget them all. */
  override async alarm(): Promise<void> {
    this.alarmState.alarmAt = null;
    this.sql.exec("DELETE FROM slots");
    // An instance of the one-per-key layout (table `hits`) ends here on its last alarm.
    this.sql.exec("DROP TABLE IF EXISTS hits");
  }
}
