/**
 * Throttling with exact counters in RateLimiter Durable Objects (sharded by key): starts of the activation,
 * registration and password-recovery flows per client IP and per submitted ID number, OTP sends per ID number and
 * per client IP, login attempts (citizens' and officers') per client IP, bookings and tracking look-ups per client
 * IP (cancellations too), portrait uploads per citizen account, `/api/admin/*` requests per province_admin,
 * bootstrap attempts per client IP, and the global SMS budget. Each limit is a wrangler var
 * (`count/seconds`), so a bench can raise it by configuration.
 *
 * Per-IP limits are flood guards sized for carrier NAT (docs/scale.md §7); they key on {@link ipKey}: an IPv4
 * address, or the /64 of an IPv6 one.
 */
import type { Ctx } from "../context";
import { type AuditEvent, audit } from "../db/audit";
import type { Env } from "../env";
import { shardOf } from "../do/shard";
import { type Failure, type Result, fail } from "../errors";

/** The throttled actions and the var that sets each limit. */
const LIMIT_VARS = {
  "start-ip": "LIMIT_START_PER_IP",
  "start-id": "LIMIT_START_PER_ID",
  "otp-id": "LIMIT_OTP_PER_ID",
  "otp-ip": "LIMIT_OTP_PER_IP",
  "login-ip": "LIMIT_LOGIN_PER_IP",
  "booking-ip": "LIMIT_BOOKING_PER_IP",
  "track-ip": "LIMIT_TRACK_PER_IP",
  admin: "LIMIT_ADMIN_PER_OFFICER",
  "bootstrap-ip": "LIMIT_BOOTSTRAP_PER_IP",
  "cancel-ip": "LIMIT_CANCEL_PER_IP",
  "photo-account": "LIMIT_PHOTO_PER_ACCOUNT",
  "sms-budget": "LIMIT_SMS_PER_HOUR",
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

/**
 * The key of a client address for per-IP limits: an IPv4 address as it is; an IPv6 address by its /64 prefix (the
 * first four groups, fully expanded, plus `::/64`), since a subscriber gets a /64 and can rotate inside it; an
 * IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) as its IPv4 address. Anything else (not an address) as it is.
 */
export function ipKey(ip: string): string {
  if (!ip.includes(":") || ip.endsWith("::/64")) return ip;
  const groups = ipv6Groups(ip.replace(/^\[|\]$/g, "").split("%")[0] as string);
  if (!groups) return ip;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi, lo] = [groups[6] as number, groups[7] as number];
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16).padStart(4, "0"))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (`::` and a dotted IPv4 tail allowed), or `null`. */
function ipv6Groups(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === "") return [];
    const out: number[] = [];
    const pieces = part.split(":");
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i] as string;
      if (i === pieces.length - 1 && p.includes(".")) {
        const octets = p.split(".").map((o) => (/^\d{1,3}$/.test(o) ? Number(o) : Number.NaN));
        if (octets.length !== 4 || octets.some((o) => !(o <= 255))) return null;
        const [a, b, c, d] = octets as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(Number.parseInt(p, 16));
      else return null;
    }
    return out;
  };
  const head = parse(halves[0] as string);
  const tail = halves.length === 2 ? parse(halves[1] as string) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...Array<number>(missing).fill(0), ...tail];
}

/** A slot taken; give it back with {@link releaseSlots} if the action did not happen. */
export interface Slot {
  kind: ThrottleKind;
  key: string;
  /** The RateLimiter instance (shard) that holds the slot. */
  shard: number;
  token: number;
}

/** Shards per throttled action (see do/shard.ts); 64 instances per action serve far more than a province sends. */
export const LIMITER_SHARDS = 64;

function limiter(ctx: Ctx, kind: ThrottleKind, shard: number) {
  return ctx.limiter.get(ctx.limiter.idFromName(`${kind}/${shard}`));
}

/** Per-IP actions key on {@link ipKey} of the address they are given. */
function keyOf(kind: ThrottleKind, key: string): string {
  return kind.endsWith("-ip") ? ipKey(key) : key;
}

/** What a refusal of `kind` answers and records. */
function refusal(kind: ThrottleKind): { code: "RATE_LIMITED" | "SMS_BUDGET"; event: AuditEvent } {
  return kind === "sms-budget"
    ? { code: "SMS_BUDGET", event: "sms.budget" }
    : { code: "RATE_LIMITED", event: "ratelimit.hit" };
}

async function take(
  ctx: Ctx,
  kind: ThrottleKind,
  key: string,
  shard: number,
  limit: number,
  window: number,
  accountId: string | null,
): Promise<Result<{ slot: Slot }>> {
  const now = ctx.clock.now();
  const r = await limiter(ctx, kind, shard).take(key, limit, window, now);
  if (r.ok) return { ok: true, slot: { kind, key, shard, token: r.token } };
  const { code, event } = refusal(kind);
  await audit(ctx.db, now, event, accountId, { kind, retryAfter: r.retryAfter });
  return fail(code, { retryAfter: r.retryAfter });
}

/**
 * Takes a slot of `kind` for `key` (for a per-IP kind, the client address: keyed by {@link ipKey}), or fails with
 * 429 `RATE_LIMITED` and the time to wait (audited).
 */
export function takeSlot(
  ctx: Ctx,
  kind: ThrottleKind,
  key: string,
  accountId: string | null = null,
): Promise<Result<{ slot: Slot }>> {
  const { limit, window } = parseLimit(ctx.config.limits[kind], LIMIT_VARS[kind]);
  const k = keyOf(kind, key);
  return take(ctx, kind, k, shardOf(k, LIMITER_SHARDS), limit, window, accountId);
}

/**
 * Counts a start of a flow that checks an ID number and phone (activation, registration, password recovery) per
 * client IP and per submitted ID number, before anything is looked up, so that a known and an unknown ID are
 * throttled alike: 429 `RATE_LIMITED` past either limit (a refused start counts for neither).
 */
export async function takeStartSlots(ctx: Ctx, citizenId: string): Promise<Result<object>> {
  const [ip, id] = await Promise.all([takeSlot(ctx, "start-ip", ctx.clientIp), takeSlot(ctx, "start-id", citizenId)]);
  if (ip.ok && id.ok) return { ok: true };
  await releaseSlots(
    ctx,
    [ip, id].flatMap((r) => (r.ok ? [r.slot] : [])),
  );
  return ip.ok ? (id as Failure) : ip;
}

/** Gives back slots whose action did not happen. */
export async function releaseSlots(ctx: Ctx, slots: readonly Slot[]): Promise<void> {
  await Promise.all(slots.map((s) => limiter(ctx, s.kind, s.shard).giveBack(s.token)));
}

/** Forgets every slot of `key` for `kind` (a proof of ownership, such as a verified OTP, lifts the limit). */
export async function clearSlots(ctx: Ctx, kind: ThrottleKind, key: string): Promise<void> {
  const k = keyOf(kind, key);
  await limiter(ctx, kind, shardOf(k, LIMITER_SHARDS)).forget(k);
}

/**
 * Texts an hour that one budget shard counts at least: below this, one shard holds the whole budget (exact);
 * above, the budget is split evenly over up to {@link LIMITER_SHARDS} shards, picked at random per text, so that no
 * single Durable Object takes every text of the country (1,313 a second at the 10× hour, docs/scale.md §7).
 */
export const SMS_BUDGET_PER_SHARD = 10_000;

/** The shards the global SMS budget `limit` is split over. */
export function smsBudgetShards(limit: number): number {
  return Math.min(LIMITER_SHARDS, Math.max(1, Math.floor(limit / SMS_BUDGET_PER_SHARD)));
}

/**
 * Takes one text of the global SMS budget (`LIMIT_SMS_PER_HOUR`), which protects the provider bill from SMS
 * pumping; when it is spent, fails with 429 `SMS_BUDGET` and writes an `sms.budget` audit line. Every text a
 * request sends takes one: today the OTP sends (domain/otp.ts), the only texts an anonymous request can cause.
 * Texts sent from a queue (notices after a saved change) take theirs in the consumer, just before the provider is
 * called: a spent budget delays such a text (retried after `retryAfter`), it never fails the change that queued it.
 */
export function takeSmsBudget(ctx: Ctx, accountId: string | null = null): Promise<Result<{ slot: Slot }>> {
  const { limit, window } = parseLimit(ctx.config.limits["sms-budget"], LIMIT_VARS["sms-budget"]);
  const shards = smsBudgetShards(limit);
  const shard = Math.floor(Math.random() * shards);
  return take(ctx, "sms-budget", "texts", shard, Math.ceil(limit / shards), window, accountId);
}
