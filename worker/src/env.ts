import type { OtpGuard } from "./do/OtpGuard";
import type { RateLimiter } from "./do/RateLimiter";

/** The worker's bindings, as `wrangler.toml` and `.dev.vars` declare them. */
export interface Env {
  DB: D1Database;
  OTP: DurableObjectNamespace<OtpGuard>;
  LIMITER: DurableObjectNamespace<RateLimiter>;
  ASSETS: Fetcher;
  /** Portrait photos (R2). */
  PHOTOS: R2Bucket;
  /** `development` enables the `/api/dev/*` routes and the movable clock. */
  ENVIRONMENT: string;
  /** Which SMS adapter sends texts: `outbox` (local D1 outbox) or `http` (the provider at SMS_HTTP_URL). */
  SMS_ADAPTER: string;
  /** The HTTP SMS provider's endpoint. */
  SMS_HTTP_URL?: string;
  /** The HTTP SMS provider's bearer token (a secret). */
  SMS_HTTP_TOKEN?: string;
  /** Optional service binding that carries the provider's requests (an internal SMS gateway; a fake in tests). */
  SMS_UPSTREAM?: Fetcher;
  /** OTP sends per ID number, `count/seconds`. */
  LIMIT_OTP_PER_ID: string;
  /** OTP sends per client IP, `count/seconds`. */
  LIMIT_OTP_PER_IP: string;
  /** Login attempts per client IP, `count/seconds`. */
  LIMIT_LOGIN_PER_IP: string;
  /** Booking requests per client IP, `count/seconds`. */
  LIMIT_BOOKING_PER_IP: string;
  /** Tracking look-ups per client IP, `count/seconds`. */
  LIMIT_TRACK_PER_IP: string;
  /** Starts of activation, registration and password recovery per client IP, `count/seconds`. */
  LIMIT_START_PER_IP: string;
  /** Starts of activation, registration and password recovery per submitted ID number, `count/seconds`. */
  LIMIT_START_PER_ID: string;
  /** Portrait uploads per citizen account, `count/seconds`. */
  LIMIT_PHOTO_PER_ACCOUNT: string;
  /** The global SMS budget (texts per hour, `count/3600`): protects the provider bill from SMS pumping. */
  LIMIT_SMS_PER_HOUR: string;
  /**
   * The app's host name (e.g. `vneid.example.gov.vn`): when set, every OTP text ends with the WebOTP origin-bound
   * line `@<host> #<code>`. Unset in development.
   */
  OTP_ORIGIN_HOST?: string;
  /** The province's 3-digit code (its ID-number prefix, `020` for Lạng Sơn): part of every reference number. */
  PROVINCE_CODE: string;
  /** PBKDF2 iterations for new hashes; never above 100,000 (Cloudflare's production cap). */
  PBKDF2_ITERATIONS: string;
  /**
   * Offline intake: the P-256 private JWK (with `kid`) that opens records sealed on officers' phones, or a JSON
   * array of them, newest first (a secret; `npm run seal:key`).
   */
  INTAKE_SEAL_KEY?: string;
  /** Secret pepper mixed into every password, passcode, answer and OTP hash. */
  PEPPER: string;
  /** The identity QR signing key (a secret): a P-256 private JWK with its `kid`, as JSON. */
  IDENTITY_SIGNING_KEY: string;
  /** Earlier identity QR keys still published for verifiers (a secret or var): a JSON array of public JWKs. */
  IDENTITY_PREVIOUS_KEYS?: string;
}

/** True when the development-only routes and clock are enabled. */
export function isDevelopment(env: Pick<Env, "ENVIRONMENT">): boolean {
  return env.ENVIRONMENT === "development";
}
