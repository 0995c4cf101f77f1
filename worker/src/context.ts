import { type RegistryAdapter, D1Registry } from "./adapters/registry";
import { type SmsSender, smsSender } from "./adapters/sms";
import { type Clock, requestClock } from "./clock";
import { configuredIterations } from "./crypto";
import type { Env } from "./env";

/** Everything a domain function may touch, built once per request. */
export interface Ctx {
  env: Env;
  db: D1Database;
  clock: Clock;
  sms: SmsSender;
  registry: RegistryAdapter;
  pepper: string;
  iterations: number;
  /** The client's IP address (`CF-Connecting-IP`, set by Cloudflare and passed through by local dev). */
  clientIp: string;
}

/** Builds the request context; fails loudly on a missing pepper or an iteration count over the cap. */
export async function createCtx(env: Env, overrides: Partial<Ctx> = {}, request?: Request): Promise<Ctx> {
  if (!env.PEPPER || env.PEPPER.length < 16) throw new Error("PEPPER secret is missing or too short");
  const clock = overrides.clock ?? (await requestClock(env, request));
  return {
    env,
    db: env.DB,
    clock,
    sms: overrides.sms ?? smsSender(env, clock),
    registry: overrides.registry ?? new D1Registry(env.DB),
    pepper: env.PEPPER,
    iterations: configuredIterations(env.PBKDF2_ITERATIONS),
    clientIp: overrides.clientIp ?? request?.headers.get("cf-connecting-ip") ?? "unknown",
  };
}
