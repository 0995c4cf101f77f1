/**
 * Development keys never serve production. `.dev.vars` is committed, so its pepper and keys are public: a
 * deployment that is not `ENVIRONMENT = "development"` and holds one of them answers every API route but the health
 * checks with 503 `DEVELOPMENT_KEY_IN_PRODUCTION`, its error log names the variable, and readiness fails on it.
 *
 * Keys are compared by fingerprint (SHA-256 of their key material), never by value, so this file holds no secret.
 */
import { fingerprint } from "./crypto";
import { isDevelopment } from "./env";

/**
 * The development secrets of `.dev.vars`: the SHA-256 of each one's key material ({@link keyMaterial}), and the other
 * variables that must not hold it either (older keys that would still be trusted). A new development secret is one
 * more line; `tests/node/dev-keys.test.ts` checks this list against `.dev.vars`.
 */
export const DEVELOPMENT_KEYS: readonly { secret: string; sha256: string; alsoIn?: readonly string[] }[] = [
  {
    secret: "PEPPER",
    sha256: "0c406c13821c3d72357d81dea969c4fc24d92eb67acf7bfeb1fa1b4c65b20e96",
    alsoIn: ["PEPPER_PREVIOUS"],
  },
  // Of the public key, which IDENTITY_PREVIOUS_KEYS publishes to verifiers: a token signed with it would verify.
  {
    secret: "IDENTITY_SIGNING_KEY",
    sha256: "1c179c0d9610a269ca309e817c20d5b081a0c01209e1a30f40758acfe9e67e31",
    alsoIn: ["IDENTITY_PREVIOUS_KEYS"],
  },
  { secret: "INTAKE_SEAL_KEY", sha256: "553ca96f75347250c9816398af38119fb4ae86086073033705e3b16b596c75d0" },
  // Bootstrap with the public development token would hand a stranger the province's first administrator.
  { secret: "BOOTSTRAP_TOKEN", sha256: "1472125b456e1aaa7e24058dc937c8a750e67d0a5b4b7af5e620057f15d087a7" },
];

/** Health checks that still answer in that state (readiness names the key; liveness says the worker runs). */
export const HEALTH_PATHS: readonly string[] = ["/api/health", "/api/health/ready"];

/** What a key is fingerprinted by: a JWK by its public point (`x.y`, the same in its private and public forms), else the text. */
export function keyMaterial(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { x?: unknown }).x === "string") {
    const { x, y } = value as { x: string; y?: unknown };
    return `${x}.${typeof y === "string" ? y : ""}`;
  }
  return null;
}

/** Every key a variable holds: the value itself, or the JWK, list of peppers or keys, or JWKS it parses to. */
function materials(value: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [value];
  }
  const list = Array.isArray(parsed)
    ? parsed
    : Array.isArray((parsed as { keys?: unknown } | null)?.keys)
      ? (parsed as { keys: unknown[] }).keys
      : [parsed];
  return [value, ...list.map(keyMaterial).filter((m): m is string => m !== null)];
}

/** The variables of `env` that hold a development key (whatever the environment). */
export async function developmentKeysIn(env: object): Promise<string[]> {
  const vars = env as Record<string, unknown>;
  const found: string[] = [];
  for (const key of DEVELOPMENT_KEYS) {
    for (const name of [key.secret, ...(key.alsoIn ?? [])]) {
      const value = vars[name];
      if (typeof value !== "string" || !value) continue;
      const prints = await Promise.all(materials(value).map(fingerprint));
      if (prints.includes(key.sha256)) found.push(name);
    }
  }
  return found;
}

const checked = new WeakMap<object, Promise<string[]>>();

/**
 * The variables that hold a development key in a deployment that is not development (empty in development, and
 * when none does). Worked out once per `env` object; the first time, the error log names them.
 */
export function refusedKeys(env: { ENVIRONMENT: string }): Promise<string[]> {
  if (isDevelopment(env)) return Promise.resolve([]);
  let found = checked.get(env);
  if (!found) {
    found = developmentKeysIn(env).then((names) => {
      if (names.length) {
        console.error(
          JSON.stringify({
            type: "config",
            event: "development-key-in-production",
            variables: names,
            answer: "503 DEVELOPMENT_KEY_IN_PRODUCTION",
          }),
        );
      }
      return names;
    });
    checked.set(env, found);
  }
  return found;
}
