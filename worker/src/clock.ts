import { addClockOffset, readClockOffset } from "./db/dev";
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
  const clock = readClockOffset(env.DB).then((offset) => offsetClock(offset));
  if (request) perRequest.set(request, clock);
  return clock;
}

/** Moves the development clock forward and returns the new offset. */
export function advanceDevClock(env: Env, seconds: number): Promise<number> {
  return addClockOffset(env.DB, seconds);
}

/** ISO-8601 for a unix-seconds time. */
export function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
