/**
 * The development-only test contracts behind `/api/dev/*`: the SMS outbox and injected faults. They take the worker's
 * bindings, not a request context, so that they cost no more than the table they read.
 */
import { type OutboxMessage, listOutbox } from "../db/outbox";
import { setFault, takeFaultRow } from "../db/dev";
import { type SmsSender, SmsUnavailableError } from "../adapters/sms";
import { type Env, isDevelopment } from "../env";

/** Routes that take injected faults (`sms-queue`: the deliveries of the queue's consumer, not a route). */
export type FaultRoute = "event-sync" | "sms-queue";

/** How long an injected timeout holds its answer back when the test names no delay (ms). */
const DEFAULT_FAULT_DELAY_MS = 20_000;

/**
 * Takes one injected fault of `route`, if any is left (development only; outside it, never reads the table).
 * Decremented atomically, so that concurrent requests take each fault once.
 */
export async function takeFault(
  env: Env,
  route: FaultRoute,
): Promise<{ mode: "500" | "timeout"; delayMs: number } | null> {
  if (!isDevelopment(env)) return null;
  const row = await takeFaultRow(env.DB, route);
  if (!row) return null;
  // A sequence ("500,500,timeout") is taken from its start: `remaining` counts what is left after this one.
  const modes = row.mode.split(",");
  const mode = modes.length === 1 ? modes[0] : modes[modes.length - 1 - row.remaining];
  return { mode: mode === "timeout" ? "timeout" : "500", delayMs: row.delayMs };
}

/** `POST /api/dev/faults`: the next `failNext` requests of `route` fail by `mode` (one, or a comma-separated sequence). */
export async function injectFault(
  env: Env,
  route: FaultRoute,
  failNext: number,
  mode: string,
  delayMs?: number,
): Promise<void> {
  await setFault(env.DB, route, failNext, mode, delayMs ?? DEFAULT_FAULT_DELAY_MS);
}

/** `GET /api/dev/sms`: the texts the outbox adapter sent to a number, newest first. */
export function devOutbox(env: Env, phone: string): Promise<OutboxMessage[]> {
  return listOutbox(env.DB, phone);
}

/**
 * The queue consumer's provider with the faults injected on `sms-queue` (development only): `500`, the provider
 * answers 503 and keeps nothing; `timeout`, it takes the text and its answer comes too late.
 */
export function withInjectedSmsFaults(env: Env, sender: SmsSender): SmsSender {
  if (!isDevelopment(env)) return sender;
  return {
    async send(toE164, text, key) {
      const fault = await takeFault(env, "sms-queue");
      if (fault?.mode === "500") throw new SmsUnavailableError("HTTP 503");
      await sender.send(toE164, text, key);
      if (fault?.mode === "timeout") throw new SmsUnavailableError("TimeoutError");
    },
  };
}
