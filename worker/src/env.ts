import type { OtpGuard } from "./do/OtpGuard";

/** The worker's bindings, as `wrangler.toml` and `.dev.vars` declare them. */
export interface Env {
  DB: D1Database;
  OTP: DurableObjectNamespace<OtpGuard>;
  ASSETS: Fetcher;
  /** Portrait photos (R2). */
  PHOTOS: R2Bucket;
  /** `development` enables the `/api/dev/*` routes and the movable clock. */
  ENVIRONMENT: string;
  /** Which SMS adapter sends texts: `outbox` (local D1 outbox). */
  SMS_ADAPTER: string;
  /** PBKDF2 iterations for new hashes; never above 100,000 (Cloudflare's production cap). */
  PBKDF2_ITERATIONS: string;
  /** Secret pepper mixed into every password, passcode, answer and OTP hash. */
  PEPPER: string;
}

/** True when the development-only routes and clock are enabled. */
export function isDevelopment(env: Pick<Env, "ENVIRONMENT">): boolean {
  return env.ENVIRONMENT === "development";
}
