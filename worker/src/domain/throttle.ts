/**
 * Throttling with exact counters in RateLimiter Durable Objects (sharded by key): OTP sends per ID number and per
 * client IP, login attempts (citizens' and officers') per client IP, bookings, cancellations and tracking look-ups
 * per client IP, `/api/admin/*` requests per province_admin and bootstrap attempts per client IP.
 * Each limit is a wrangler var (`count/seconds`), so a bench can raise it by configuration.
 */
import type { Ctx } from "../context";
import { audit } from "../db/audit";
import type { Env } from "../env";
import { shardOf } from "../do/shard";
import { type Result, fail } from "../errors";

/** The throttled actions and the var that sets each limit. */
const LIMIT_VARS = {
  "otp-id": "LIMIT_OTP_PER_ID",
  "otp-ip": "LIMIT_OTP_PER_IP",
  "login-ip": "LIMIT_LOGIN_PER_IP",
  "booking-ip": "LIMIT_BOOKING_PER_IP",
  "track-ip": "LIMIT_TRACK_PER_IP",
  admin: "LIMIT_ADMIN_PER_OFFICER",
  "bootstrap-ip": "LIMIT_BOOTSTRAP_PER_IP",
  "cancel-ip": "LIMIT_CANCEL_PER_IP",
} as const satisfies Record<string, keyof Env>;

/** A throttled action. */
export type ThrottleKind = keyof typeof LIMIT_VARS;

/** Each action's limit as the deployment configures it (read from the vars named above). */
export function limitsOf(env: Env): Record<ThrottleKind, string | undefined> {
  const limits = {} as Record<ThrottleKind, string | undefined>;
  for (const kind of Object.keys(LIMIT_VARS) as ThrottleKind[]) limits[kind] = env[LIMIT_VARS[kind]];
  return limits;
}

/** Parses `count/seconds`; a malformed value is a deployment error, not a request error. */
export function parseLimit(value: string | undefined, name: string): { limit: number; window: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value ?? "");
  if (!m) throw new Error(`${name} must look like "count/seconds", got ${JSON.stringify(value)}`);
  return { limit: Number(m[1]), window: Number(m[2]) };
}

/** A slot taken; give it back with {@link releaseSlot} if the action did not happen. */
export interface Slot {
  kind: ThrottleKind;
  key: string;
  token: number;
}

/** Shards per throttled action (see do/shard.ts); 64 instances per action serve far more than a province sends. */
export const LIMITER_SHARDS = 64;

function limiter(ctx: Ctx, kind: ThrottleKind, key: string) {
  return ctx.limiter.get(ctx.limiter.idFromName(`${kind}/${shardOf(key, LIMITER_SHARDS)}`));
}

/** Takes a slot of `kind` for `key`, or fails with 429 `RATE_LIMITED` and the time to wait (audited). */
export async function takeSlot(ctx: Ctx, kind: ThrottleKind, key: string, accountId: string | null = null): Promise<Result<{ slot: Slot }>> {
  const { limit, window } = parseLimit(ctx.config.limits[kind], LIMIT_VARS[kind]);
  const now = ctx.clock.now();
  const r = await limiter(ctx, kind, key).take(key, limit, window, now);
  if (r.ok) return { ok: true, slot: { kind, key, token: r.token } };
  await audit(ctx.db, now, "ratelimit.hit", accountId, { kind, retryAfter: r.retryAfter });
  return fail("RATE_LIMITED", { retryAfter: r.retryAfter });
}

/** Gives back slots whose action did not happen. */
export async function releaseSlots(ctx: Ctx, slots: readonly Slot[]): Promise<void> {
  await Promise.all(slots.map((s) => limiter(ctx, s.kind, s.key).giveBack(s.token)));
}
