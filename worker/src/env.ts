import type { QueuedTextT } from "../../shared/sms";
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
  /** The queue `vneid-sms` of texts sent after a commit (worker/src/domain/texts.ts). */
  SMS_QUEUE?: Queue<QueuedTextT>;
  /** The queue's first retry of a text waits this many seconds, doubled at each retry. */
  SMS_RETRY_SECONDS?: string;
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
  /** Requests to `/api/admin/*` per province_admin, `count/seconds`. */
  LIMIT_ADMIN_PER_OFFICER: string;
  /** Bootstrap attempts per client IP, `count/seconds` (a right token gives its slot back). */
  LIMIT_BOOTSTRAP_PER_IP: string;
  /** Appointment cancellations per client IP, `count/seconds`. */
  LIMIT_CANCEL_PER_IP: string;
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
  /**
   * The secret that `POST /api/admin/bootstrap` (`npm run admin -- bootstrap`) needs to create a province's first
   * province_admin; at least 32 characters, else bootstrap is closed.
   */
  BOOTSTRAP_TOKEN?: string;
  /** Secret pepper mixed into every password, passcode, answer and OTP hash. */
  PEPPER: string;
  /**
   * Earlier peppers (a secret: a JSON array of strings, or one pepper) that still verify the hashes they made, while
   * logins rehash them with `PEPPER` (docs/operations.md, "Rotating the pepper").
   */
  PEPPER_PREVIOUS?: string;
  /** Which population registry answers: `http` (the national registry at REGISTRY_HTTP_URL) or `d1` (the local table). */
  REGISTRY_ADAPTER?: string;
  /** The national registry's base URL (docs/registry-api.md). */
  REGISTRY_HTTP_URL?: string;
  /** The registry's bearer token (a secret). */
  REGISTRY_HTTP_TOKEN?: string;
  /** Optional service binding that carries the registry's requests (an internal gateway; a fake in tests). */
  REGISTRY_UPSTREAM?: Fetcher;
  /** The identity QR signing key (a secret): a P-256 private JWK with its `kid`, as JSON. */
  IDENTITY_SIGNING_KEY: string;
  /** Earlier identity QR keys still published for verifiers (a secret or var): a JSON array of public JWKs. */
  IDENTITY_PREVIOUS_KEYS?: string;
}

/** True when the development-only routes and clock are enabled. */
export function isDevelopment(env: Pick<Env, "ENVIRONMENT">): boolean {
  return env.ENVIRONMENT === "development";
}
