import { type Env, isDevelopment } from "./env";

/** The Vietnam day of a clock (shared/dates.ts), beside the clocks it reads. */
export { vnToday } from "../../shared/dates";

/** The server's notion of now, in unix seconds. Injected everywhere so expiry and lockout are testable. */
export interface Clock {
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Math.floor(Date.now() / 1000) };

/** A clock shifted by a fixed number of seconds. */
export function offsetClock(offsetSeconds: number, base: Clock = systemClock): Clock {
  return { now: () => base.now() + offsetSeconds };
}

const perRequest = new WeakMap<object, Promise<Clock>>();

/**
 * The clock of one request: the real clock, moved forward by `POST /api/dev/clock` in development. Outside
 * development the offset table is never read; within one request it is read once (keyed by the request).
 */
export function requestClock(env: Env, request?: object): Promise<Clock> {
  if (!isDevelopment(env)) return Promise.resolve(systemClock);
  const known = request && perRequest.get(request);
  if (known) return known;
  const clock = env.DB.prepare("SELECT offset_seconds FROM dev_clock WHERE id = 1")
    .first<{ offset_seconds: number }>()
    .then((row) => offsetClock(row?.offset_seconds ?? 0));
  if (request) perRequest.set(request, clock);
  return clock;
}

/** Moves the development clock forward and returns the new offset. */
export async function advanceDevClock(env: Env, seconds: number): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO dev_clock (id, offset_seconds) VALUES (1, ?1)
     ON CONFLICT(id) DO UPDATE SET offset_seconds = offset_seconds + ?1
     RETURNING offset_seconds`,
  )
    .bind(seconds)
    .first<{ offset_seconds: number }>();
  return row?.offset_seconds ?? seconds;
}

/** ISO-8601 for a unix-seconds time. */
export function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
