/**
 * `GET /api/health/ready`: can this deployment serve? Each part is checked, in parallel, each within a time limit:
 * - every D1 binding answers one query (the app's `DB` says at the same time whether the local registry has records);
 * - a Durable Object round trip (a `RateLimiter` of its own name: nothing is counted);
 * - R2 answers a `head`;
 * - the SMS queue binding `SMS_QUEUE`, where it is bound, is a queue producer;
 * - the population registry is configured (and, for `d1`, not empty; for `http`, its circuit is not open);
 * - the required secrets are present, well formed, and (outside development) not the development ones.
 * A part that fails is named, with why ("missing", "development key", …), never with a secret's value.
 * `GET /api/health` stays a liveness check that touches nothing.
 */
import { registryConfigProblem } from "./adapters/registry";
import { breakerFor } from "./adapters/registry-http";
import { requestClock } from "./clock";
import { parsePeppers } from "./crypto";
import { pingDatabase } from "./db/health";
import { registryHasRecords } from "./db/registry";
import { developmentKeysIn } from "./dev-keys";
import { signingKey } from "./domain/identity";
import { type Env, isDevelopment } from "./env";

/** Each check's time limit. */
export const READINESS_TIMEOUT_MS = 3000;

/** The outcome: every part's state (`ok` or why not) and the parts that fail. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
  failing: string[];
}

/** A D1 binding. Service bindings (RPC stubs) answer every property name with a function, so they are told apart by `fetch`. */
function isD1(value: unknown): value is D1Database {
  if (!value || typeof value !== "object" || typeof (value as { fetch?: unknown }).fetch === "function") return false;
  const v = value as Partial<D1Database>;
  return typeof v.prepare === "function" && typeof v.batch === "function" && typeof v.exec === "function";
}

/** Runs a check within the time limit: its own verdict, "timeout", or "error" (logged, not answered). */
async function within(part: string, check: () => Promise<string>): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve("timeout"), READINESS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check(), late]);
  } catch (err) {
    console.error(JSON.stringify({ type: "readiness", part, error: err instanceof Error ? err.name : "error" }));
    return "error";
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

const isJwk = (k: unknown, priv: boolean) => {
  const j = k as Record<string, unknown> | null;
  return (
    j?.kty === "EC" &&
    j.crv === "P-256" &&
    typeof j.x === "string" &&
    typeof j.y === "string" &&
    (!priv || typeof j.d === "string")
  );
};

/** A list of JWKs (an array, one key, or `{ keys }`; only a list of earlier public keys may be empty), or null. */
function jwkList(text: string, priv: boolean): unknown[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    const list = Array.isArray(parsed)
      ? parsed
      : Array.isArray((parsed as { keys?: unknown })?.keys)
        ? (parsed as { keys: unknown[] }).keys
        : [parsed];
    return (list.length || !priv) && list.every((k) => isJwk(k, priv)) ? list : null;
  } catch {
    return null;
  }
}

/** The secrets' states: required ones must be present and well formed, optional ones well formed when present. */
function secretChecks(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  out["secret:PEPPER"] = !env.PEPPER ? "missing" : env.PEPPER.length < 16 ? "too short" : "ok";
  out["secret:INTAKE_SEAL_KEY"] = !env.INTAKE_SEAL_KEY
    ? "missing"
    : jwkList(env.INTAKE_SEAL_KEY, true)
      ? "ok"
      : "malformed";
  if (env.PEPPER_PREVIOUS !== undefined && env.PEPPER_PREVIOUS !== "") {
    out["secret:PEPPER_PREVIOUS"] = parsePeppers(env.PEPPER_PREVIOUS).length ? "ok" : "malformed";
  }
  if (env.IDENTITY_PREVIOUS_KEYS) {
    out["secret:IDENTITY_PREVIOUS_KEYS"] = jwkList(env.IDENTITY_PREVIOUS_KEYS, false) ? "ok" : "malformed";
  }
  if (env.SMS_ADAPTER === "http") {
    out["config:SMS_HTTP_URL"] = env.SMS_HTTP_URL ? "ok" : "missing";
    out["secret:SMS_HTTP_TOKEN"] = env.SMS_HTTP_TOKEN ? "ok" : "missing";
  } else if (!isDevelopment(env)) {
    out["config:SMS_ADAPTER"] = `"${env.SMS_ADAPTER}" outside development`;
  }
  return out;
}

/** The registry's state: configured, and able to answer as far as this isolate knows. */
async function registryCheck(env: Env, hasRecords: Promise<boolean | null>, now: number): Promise<string> {
  const problem = registryConfigProblem(env);
  if (problem) return problem;
  if ((env.REGISTRY_ADAPTER || "http") === "d1") {
    const has = await hasRecords;
    return has === null ? "error" : has ? "ok" : "the local registry table is empty";
  }
  const breaker = breakerFor(env.REGISTRY_HTTP_URL as string);
  return breaker.state(now) === "open" ? `circuit open (${breaker.retryAfter(now)} s left)` : "ok";
}

/** Checks every part (see the module comment). */
export async function checkReadiness(env: Env, req: Request): Promise<Readiness> {
  const vars = env as unknown as Record<string, unknown>;
  const checks: Record<string, string> = {};
  const tasks: Array<Promise<void>> = [];
  const run = (part: string, check: () => Promise<string>) =>
    tasks.push(within(part, check).then((v) => void (checks[part] = v)));

  let hasRecords: Promise<boolean | null> = Promise.resolve(null);
  for (const [name, value] of Object.entries(vars)) {
    if (!isD1(value)) continue;
    if (name === "DB") {
      hasRecords = registryHasRecords(value).catch(() => null);
      run(`d1:${name}`, async () => ((await hasRecords) === null ? "error" : "ok"));
    } else {
      run(`d1:${name}`, async () => (await pingDatabase(value), "ok"));
    }
  }
  run("durable-object:LIMITER", async () => {
    await env.LIMITER.get(env.LIMITER.idFromName("readiness")).giveBack(0);
    return "ok";
  });
  run("r2:PHOTOS", async () => (await env.PHOTOS.head("readiness-probe"), "ok"));
  const queue = vars.SMS_QUEUE as Partial<Queue> | undefined;
  if (queue !== undefined) checks["queue:SMS_QUEUE"] = typeof queue?.send === "function" ? "ok" : "not a queue";
  const clock = await requestClock(env, req).catch(() => null);
  run("registry", () => registryCheck(env, hasRecords, clock?.now() ?? Math.floor(Date.now() / 1000)));
  run("secret:IDENTITY_SIGNING_KEY", async () => {
    if (!env.IDENTITY_SIGNING_KEY) return "missing";
    return signingKey(env.IDENTITY_SIGNING_KEY).then(
      () => "ok",
      () => "malformed",
    );
  });
  Object.assign(checks, secretChecks(env));
  await Promise.all(tasks);
  if (!isDevelopment(env))
    for (const name of await developmentKeysIn(env)) checks[`secret:${name}`] = "development key";

  const sorted = Object.fromEntries(Object.entries(checks).sort(([a], [b]) => a.localeCompare(b)));
  const failing = Object.keys(sorted).filter((k) => sorted[k] !== "ok");
  return { ready: failing.length === 0, checks: sorted, failing };
}
