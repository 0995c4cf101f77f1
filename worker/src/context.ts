import { type PhotoStore, R2Photos } from "./adapters/photos";
import { type RegistryAdapter, registryAdapter } from "./adapters/registry";
import { type SmsSender, type TextQueue, smsSender, textQueueOf } from "./adapters/sms";
import { type Clock, requestClock } from "./clock";
import { configuredIterations, parsePeppers } from "./crypto";
import type { OtpGuard } from "./do/OtpGuard";
import type { RateLimiter } from "./do/RateLimiter";
import { type ThrottleKind, limitsOf } from "./domain/throttle";
import type { Env } from "./env";
import { requestIdOf } from "./request-log";

/** Deployment settings that domain code reads; each is checked where it is used, as before. */
export interface Config {
  /** The province's 3-digit code (`PROVINCE_CODE`). */
  provinceCode: string;
  /** Each throttled action's limit as configured, `count/seconds` (parsed when the action is throttled). */
  limits: Record<ThrottleKind, string | undefined>;
  /** The `INTAKE_SEAL_KEY` secret, or "" when it is not set. */
  intakeSealKey: string;
  /** The `IDENTITY_SIGNING_KEY` secret. */
  identitySigningKey: string;
  /** The `BOOTSTRAP_TOKEN` secret, or "" when it is not set. */
  bootstrapToken: string;
  /** The host OTP texts are bound to (`OTP_ORIGIN_HOST`), or `null` when unset (development). */
  otpOriginHost: string | null;
}

/** Everything a domain function may touch, built once per request. */
export interface Ctx {
  db: D1Database;
  clock: Clock;
  /** Texts sent in the request (the OTP); see `domain/texts.ts`. */
  sms: SmsSender;
  /** Texts queued after a commit (every other text); see `domain/texts.ts`. */
  texts: TextQueue;
  registry: RegistryAdapter;
  photos: PhotoStore;
  /** The OtpGuard Durable Objects (see `domain/otp.ts`). */
  otp: DurableObjectNamespace<OtpGuard>;
  /** The RateLimiter Durable Objects (see `domain/throttle.ts`). */
  limiter: DurableObjectNamespace<RateLimiter>;
  config: Config;
  /** The current pepper: every new hash is made with it. */
  pepper: string;
  /** Earlier peppers (`PEPPER_PREVIOUS`) that still verify the hashes they made; a login rehashes those. */
  previousPeppers: readonly string[];
  iterations: number;
  /** The client's IP address (`CF-Connecting-IP`, set by Cloudflare and passed through by local dev). */
  clientIp: string;
}

/** Builds the request context; fails loudly on a missing pepper or an iteration count over the cap. */
export async function createCtx(env: Env, overrides: Partial<Ctx> = {}, request?: Request): Promise<Ctx> {
  if (!env.PEPPER || env.PEPPER.length < 16) throw new Error("PEPPER secret is missing or too short");
  const clock = overrides.clock ?? (await requestClock(env, request));
  return {
    db: env.DB,
    clock,
    sms: overrides.sms ?? smsSender(env, clock),
    texts: overrides.texts ?? textQueueOf(env),
    registry: overrides.registry ?? registryAdapter(env, clock, requestIdOf(request)),
    photos: overrides.photos ?? new R2Photos(env.PHOTOS),
    otp: env.OTP,
    limiter: env.LIMITER,
    config: {
      provinceCode: env.PROVINCE_CODE,
      limits: limitsOf(env),
      intakeSealKey: env.INTAKE_SEAL_KEY ?? "",
      identitySigningKey: env.IDENTITY_SIGNING_KEY ?? "",
      bootstrapToken: env.BOOTSTRAP_TOKEN ?? "",
      otpOriginHost: env.OTP_ORIGIN_HOST || null,
    },
    pepper: env.PEPPER,
    previousPeppers: parsePeppers(env.PEPPER_PREVIOUS),
    iterations: configuredIterations(env.PBKDF2_ITERATIONS),
    clientIp: overrides.clientIp ?? request?.headers.get("cf-connecting-ip") ?? "unknown",
  };
}
