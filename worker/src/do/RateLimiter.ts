import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

/** The answer to {@link RateLimiter.take}. */
export type TakeResult = { ok: true; token: number } | { ok: false; retryAfter: number };

/**
 * An exact sliding-window counter for one key (a client IP, an ID number…), one instance per key. `take` reserves
 * a slot atomically (no await between the count and the write), so concurrent requests cannot exceed the limit;
 * `give back` returns a slot whose action did not happen.
 */
export class RateLimiter extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL)");
  }

  /** Takes one slot of `limit` per `windowSeconds`, or says how long until one frees up. */
  async take(limit: number, windowSeconds: number, now: number): Promise<TakeResult> {
    this.sql.exec("DELETE FROM hits WHERE at <= ?", now - windowSeconds);
    const hits = this.sql.exec<{ at: number }>("SELECT at FROM hits ORDER BY at").toArray();
    if (hits.length >= limit) {
      const oldest = hits[hits.length - limit]?.at ?? now;
      return { ok: false, retryAfter: Math.max(1, oldest + windowSeconds - now) };
    }
    const row = this.sql.exec<{ id: number }>("INSERT INTO hits (at) VALUES (?) RETURNING id", now).one();
    await this.ctx.storage.setAlarm(Date.now() + (windowSeconds + 60) * 1000);
    return { ok: true, token: row.id };
  }

  /** Returns a slot taken by {@link take} for an action that did not happen. */
  async giveBack(token: number): Promise<void> {
    this.sql.exec("DELETE FROM hits WHERE id = ?", token);
  }

  /** The window has passed since the last hit: forget them all. */
  override async alarm(): Promise<void> {
    this.sql.exec("DELETE FROM hits");
  }
}
