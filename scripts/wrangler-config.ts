/**
 * `npm run wrangler:config`: writes `wrangler.toml` from the one description below, so that each binding is written
 * once and every environment gets the same list:
 * - the top level is production, so that a plain `wrangler deploy` can never ship development mode;
 * - `[env.production]` is an identical copy (bindings are not inherited by environments), for
 *   `wrangler deploy --env production`, which `npm run deploy` insists on;
 * - `[env.dev]` is development (`/api/dev/*`, the movable clock, the SMS outbox), used by `npm start`, the browser
 *   tests and the workerd tests, and never deployed (no workers.dev URL, no route).
 *
 * `tests/node/wrangler-config.test.ts` fails when `wrangler.toml` is not what this script writes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SMS_QUEUE } from "../shared/sms";
import { ROOT } from "./dev-server";

/** The file this script writes. */
export const WRANGLER_TOML = join(ROOT, "wrangler.toml");

type Vars = Record<string, { value: string; comment?: string }>;

/** Throttling and hashing settings: the same in every environment (tests raise them with `--var` where they must). */
const COMMON_VARS: Vars = {
  PBKDF2_ITERATIONS: {
    value: "100000",
    comment: "PBKDF2 iterations of new hashes; never above 100,000 (Cloudflare's cap).",
  },
  LIMIT_OTP_PER_ID: {
    value: "5/3600",
    comment:
      'Throttling: each limit is "count/window-seconds". Per-IP limits key on the IPv4 address or the IPv6 /64 and are\n' +
      "flood guards sized for carrier NAT: twice the 99.9th-percentile 300-s window of a 20,000-subscriber address at\n" +
      "the 10x hour (docs/scale.md section 7). Per-ID and per-phone limits protect the citizen; none waits over an hour.",
  },
  LIMIT_OTP_PER_IP: { value: "150/300" },
  LIMIT_LOGIN_PER_IP: { value: "500/300" },
  LIMIT_BOOKING_PER_IP: { value: "20/300" },
  LIMIT_TRACK_PER_IP: { value: "60/300" },
  LIMIT_ADMIN_PER_OFFICER: { value: "120/300" },
  LIMIT_BOOTSTRAP_PER_IP: { value: "5/3600" },
  LIMIT_CANCEL_PER_IP: { value: "10/3600", comment: "Appointment cancellations (code + ID number) per client IP." },
  LIMIT_START_PER_IP: { value: "120/300", comment: "Activation, registration and password-recovery starts." },
  LIMIT_START_PER_ID: { value: "10/3600" },
  LIMIT_PHOTO_PER_ACCOUNT: {
    value: "5/3600",
    comment: "Portrait uploads of a citizen's level-1 application, per account.",
  },
  LIMIT_SMS_PER_HOUR: {
    value: "5000000/3600",
    comment:
      "The global SMS budget: the 10x hour's 4.7 M texts (docs/scale.md section 7), rounded up. Spent: 429 SMS_BUDGET.",
  },
  PROVINCE_CODE: {
    value: "020",
    comment:
      "The province this deployment serves: its 3-digit code (the ID-number prefix) is part of every reference number.",
  },
};

/** Production's host name: its custom domain, and the origin that OTP texts are bound to. */
const PRODUCTION_HOST = "vneid.example.gov.vn";

/** What differs between production and development. */
const ENVIRONMENTS = {
  production: {
    vars: {
      ENVIRONMENT: { value: "production", comment: "`development` would open /api/dev/*: only [env.dev] says so." },
      SMS_ADAPTER: { value: "http" },
      ...COMMON_VARS,
      SMS_RETRY_SECONDS: {
        value: String(SMS_QUEUE.retrySeconds),
        comment:
          "The queue's first retry of a text waits this long, doubling each time (the provider's Retry-After when longer).",
      },
      OTP_ORIGIN_HOST: {
        value: PRODUCTION_HOST,
        comment: "OTP texts end with the WebOTP line `@<host> #<code>`: browsers offer the code on this host only.",
      },
      SMS_HTTP_URL: {
        value: "",
        comment:
          "The HTTP SMS provider's endpoint: set it before deploying; its bearer token is the secret SMS_HTTP_TOKEN.",
      },
      REGISTRY_ADAPTER: {
        value: "http",
        comment: [
          "The national population registry over HTTP (docs/registry-api.md). Until REGISTRY_HTTP_URL and the secret",
          'REGISTRY_HTTP_TOKEN are set, lookups answer 503 REGISTRY_UNAVAILABLE and /api/health/ready fails. "d1" (the',
          "local table, `npm run admin -- registry:import`) fails readiness while that table is empty.",
        ].join("\n"),
      },
      REGISTRY_HTTP_URL: { value: "", comment: "The registry's base URL: set it before deploying." },
    } satisfies Vars,
  },
  dev: {
    vars: {
      ENVIRONMENT: { value: "development" },
      SMS_ADAPTER: { value: "outbox", comment: "Texts go to the local outbox (/api/dev/sms), never to a phone." },
      ...COMMON_VARS,
      SMS_RETRY_SECONDS: {
        value: "0",
        comment: "Retries at once, so that a failing text reaches the dead-letter queue in seconds.",
      },
      OTP_ORIGIN_HOST: { value: "", comment: "Unset: local OTP texts carry no WebOTP line." },
      SMS_HTTP_URL: { value: "" },
      REGISTRY_ADAPTER: {
        value: "d1",
        comment: "The local registry table (npm start seeds it; `npm run registry:import` loads more).",
      },
      REGISTRY_HTTP_URL: { value: "" },
    } satisfies Vars,
  },
} as const;

/** The bindings (and Durable Object migrations) every environment has; `prefix` is `""` or `"env.<name>."`. */
function bindings(prefix: string): string {
  return `[[${prefix}d1_databases]]
binding = "DB"
database_name = "vneid"
database_id = "00000000-0000-4000-8000-000000000000"
migrations_dir = "worker/migrations"

[[${prefix}durable_objects.bindings]]
name = "OTP"
class_name = "OtpGuard"

[[${prefix}durable_objects.bindings]]
name = "LIMITER"
class_name = "RateLimiter"

# Portrait photos of level-1 and level-2 files, under keys that cannot be guessed.
[[${prefix}r2_buckets]]
binding = "PHOTOS"
bucket_name = "vneid-photos"

# Texts sent after a commit (every text but the OTP): the request enqueues, this worker's queue() sends them through
# the provider and retries; what keeps failing goes to the dead-letter queue, whose consumer lists it for
# "Tin nhắn lỗi" (worker/src/domain/texts.ts).
[[${prefix}queues.producers]]
binding = "SMS_QUEUE"
queue = "${SMS_QUEUE.name}"

[[${prefix}queues.consumers]]
queue = "${SMS_QUEUE.name}"
max_batch_size = ${SMS_QUEUE.batchSize}
max_batch_timeout = ${SMS_QUEUE.batchTimeoutSeconds}
max_retries = ${SMS_QUEUE.maxRetries}
dead_letter_queue = "${SMS_QUEUE.deadLetter}"

[[${prefix}queues.consumers]]
queue = "${SMS_QUEUE.deadLetter}"
max_batch_size = ${SMS_QUEUE.batchSize}
max_batch_timeout = ${SMS_QUEUE.batchTimeoutSeconds}
max_retries = ${SMS_QUEUE.maxRetries}

# Durable Object classes, in the order they were introduced (never edit a landed tag).
[[${prefix}migrations]]
tag = "v1"
new_sqlite_classes = ["OtpGuard"]

[[${prefix}migrations]]
tag = "v2"
new_sqlite_classes = ["RateLimiter"]`;
}

/** Production's URL: a custom domain that the operator sets (README, "Deploy to Cloudflare"). */
const PRODUCTION_ROUTES = `workers_dev = false
# Replace with the domain the police IT team serves the app on (README, "Deploy to Cloudflare"), and OTP_ORIGIN_HOST.
routes = [{ pattern = "${PRODUCTION_HOST}", custom_domain = true }]`;

/** The cron trigger (the worker's \`scheduled\` handler): hourly clean-up of unused portraits and stale login counts. */
function triggers(prefix: string): string {
  return `[${prefix}triggers]
crons = ["17 * * * *"]`;
}

function varsBlock(prefix: string, vars: Vars): string {
  const lines = [`[${prefix}vars]`];
  for (const [key, { value, comment }] of Object.entries(vars)) {
    if (comment) lines.push(...comment.split("\n").map((line) => `# ${line}`));
    lines.push(`${key} = ${JSON.stringify(value)}`);
  }
  return lines.join("\n");
}

/** The text of `wrangler.toml`. */
export function wranglerToml(): string {
  const production = ENVIRONMENTS.production.vars;
  return `# Written by \`npm run wrangler:config\` (scripts/wrangler-config.ts): edit that script, not this file.
#
# The top level is PRODUCTION, so that a plain \`wrangler deploy\` can never ship development mode. [env.production]
# is the same, for \`npm run deploy\` (which insists on --env production). [env.dev] is development: \`npm start\`,
# the browser tests and the workerd tests use it; it is never deployed (no workers.dev URL, no route).
name = "vneid-web"
main = "worker/src/index.ts"
compatibility_date = "2026-04-20"
${PRODUCTION_ROUTES}

[observability]
enabled = true

[assets]
directory = "./pwa/dist"
binding = "ASSETS"
not_found_handling = "single-page-application"
run_worker_first = ["/api/*", "/.well-known/*"]

${varsBlock("", production)}

${bindings("")}

${triggers("")}

# ---------------------------------------------------------------------------------------------------------------
# Production, again: bindings are not inherited by environments. Create the database with \`wrangler d1 create vneid\`
# and put its id here and above; docs/operations.md gives the whole first deployment.
[env.production]
name = "vneid-web"
${PRODUCTION_ROUTES}

${varsBlock("env.production.", production)}

${bindings("env.production.")}

${triggers("env.production.")}

# ---------------------------------------------------------------------------------------------------------------
# Development: local only (wrangler's dev engine with miniflare's D1, Durable Objects and R2).
[env.dev]
name = "vneid-web-dev"
workers_dev = false
routes = []

${varsBlock("env.dev.", ENVIRONMENTS.dev.vars)}

${bindings("env.dev.")}

${triggers("env.dev.")}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const next = wranglerToml();
  const changed = readFileSync(WRANGLER_TOML, "utf8") !== next;
  if (changed) writeFileSync(WRANGLER_TOML, next);
  console.log(changed ? "wrangler.toml written" : "wrangler.toml is up to date");
}
