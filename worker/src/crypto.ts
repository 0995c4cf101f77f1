/**
 * Hashing and randomness. Secrets (passwords, passcodes, security answers) get PBKDF2-SHA256 over an HMAC of the
 * secret with the pepper; OTPs and tokens, which are random and short-lived, get a single HMAC or SHA-256.
 *
 * Pepper rotation (docs/operations.md): each new hash ends with the id of the pepper that made it
 * ({@link pepperId}); the peppers of `PEPPER_PREVIOUS` still verify the hashes they made, and {@link checkSecret}
 * gives the caller the new hash to store when a secret it has just verified was hashed with an earlier one.
 */
import { fromBase64Url as fromBase64url, toBase64Url as base64url } from "../../shared/base64url";

/** Cloudflare's production runtime refuses PBKDF2 above this many iterations; local workerd does not. */
export const PBKDF2_MAX_ITERATIONS = 100_000;
/** Fewer iterations than this would be a misconfiguration, not a speed-up. */
export const PBKDF2_MIN_ITERATIONS = 1_000;

const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** `n` random bytes from the platform CSPRNG. */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** A random bearer token of `bytes` bytes (default 32 = 256 bits), base64url. */
export function randomToken(bytes = 32): string {
  return base64url(randomBytes(bytes));
}

/** A uniformly random string of `digits` decimal digits (rejection sampling, no modulo bias). */
export function randomDigits(digits: number): string {
  const range = 10 ** digits;
  const limit = Math.floor(0x1_0000_0000 / range) * range;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    const v = buf[0] as number;
    if (v < limit) return String(v % range).padStart(digits, "0");
  }
}

/** Hex SHA-256 of a string; used to store session tokens and flow ids. */
export async function sha256Hex(value: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", encoder.encode(value)));
}

/** The pepper's HMAC key, imported once per isolate (non-extractable; the pepper is fixed for a deployment). */
const hmacKeys = new Map<string, CryptoKey>();

async function hmacKey(pepper: string): Promise<CryptoKey> {
  const known = hmacKeys.get(pepper);
  if (known) return known;
  const key = await crypto.subtle.importKey("raw", encoder.encode(pepper), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  if (hmacKeys.size >= 4) hmacKeys.clear();
  hmacKeys.set(pepper, key);
  return key;
}

/** Hex HMAC-SHA-256 of `message` keyed with the pepper. */
export async function hmacHex(pepper: string, message: string): Promise<string> {
  return hex(await crypto.subtle.sign("HMAC", await hmacKey(pepper), encoder.encode(message)));
}

/** Compares two strings in time that depends only on their length. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Throws unless `iterations` is a whole number within [PBKDF2_MIN_ITERATIONS, PBKDF2_MAX_ITERATIONS]. */
export function checkIterations(iterations: number): number {
  if (!Number.isInteger(iterations) || iterations < PBKDF2_MIN_ITERATIONS || iterations > PBKDF2_MAX_ITERATIONS) {
    throw new RangeError(
      `PBKDF2 iterations must be an integer from ${PBKDF2_MIN_ITERATIONS} to ${PBKDF2_MAX_ITERATIONS}, got ${iterations}`,
    );
  }
  return iterations;
}

async function derive(
  secret: string,
  pepper: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  // The pepper enters as an HMAC key, so a stolen database without the Worker secret cannot be brute-forced.
  const peppered = await crypto.subtle.sign("HMAC", await hmacKey(pepper), encoder.encode(secret.normalize("NFC")));
  const key = await crypto.subtle.importKey("raw", peppered, "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** The SHA-256 fingerprint of a secret's value (hex): how logs, configuration checks and pepper ids name a key. */
export const fingerprint = sha256Hex;

const pepperIds = new Map<string, Promise<string>>();

/** A pepper's id: the first 8 hex digits of its SHA-256 (`printf %s "$PEPPER" | sha256sum | cut -c1-8`). */
export function pepperId(pepper: string): Promise<string> {
  let id = pepperIds.get(pepper);
  if (!id) {
    if (pepperIds.size >= 8) pepperIds.clear();
    id = fingerprint(pepper).then((h) => h.slice(0, 8));
    pepperIds.set(pepper, id);
  }
  return id;
}

/**
 * The peppers of `PEPPER_PREVIOUS`: a JSON array of strings, or one pepper. Values shorter than 16 characters are
 * left out, as `PEPPER` itself would be refused (readiness names a malformed value).
 */
export function parsePeppers(value: string | undefined): string[] {
  const text = (value ?? "").trim();
  if (!text) return [];
  let list: unknown = [text];
  if (text.startsWith("[")) {
    try {
      list = JSON.parse(text);
    } catch {
      return [];
    }
  }
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === "string" && p.length >= 16) : [];
}

/**
 * Hashes a secret as `pbkdf2-sha256$<iterations>$<salt>$<hash>$<pepper id>`, refusing an iteration count over the
 * cap.
 */
export async function hashSecret(secret: string, pepper: string, iterations: number): Promise<string> {
  checkIterations(iterations);
  const salt = randomBytes(16);
  const hash = await derive(secret, pepper, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${base64url(salt)}$${base64url(hash)}$${await pepperId(pepper)}`;
}

/**
 * Checks a secret against a stored hash; a malformed or over-cap hash never verifies. A hash that names its pepper
 * is checked with that pepper (the current one or one of `previous`); one made before pepper ids existed is tried
 * with the current pepper, then the previous ones.
 */
export async function verifySecret(
  secret: string,
  pepper: string,
  stored: string,
  previous: readonly string[] = [],
): Promise<boolean> {
  const [scheme, iter, salt, hash, id, ...rest] = stored.split("$");
  if (scheme !== "pbkdf2-sha256" || !iter || !salt || !hash || id === "" || rest.length) return false;
  const iterations = Number(iter);
  try {
    checkIterations(iterations);
  } catch {
    return false;
  }
  const all = [pepper, ...previous];
  const candidates = id === undefined ? all : await peppersWithId(all, id);
  // An unknown pepper id still costs one derivation, so that the answer takes the usual time.
  for (const p of candidates.length ? candidates : [pepper]) {
    const actual = await derive(secret, p, fromBase64url(salt), iterations);
    if (constantTimeEqual(base64url(actual), hash) && candidates.length) return true;
  }
  return false;
}

async function peppersWithId(peppers: readonly string[], id: string): Promise<string[]> {
  const ids = await Promise.all(peppers.map(pepperId));
  return peppers.filter((_, i) => ids[i] === id);
}

/** True when a stored hash was made with `pepper` (false for one made before pepper ids existed): no rehash needed. */
export async function isCurrentPepper(stored: string, pepper: string): Promise<boolean> {
  return stored.split("$")[4] === (await pepperId(pepper));
}

/** The peppers and work factor a request hashes with (the request context has them). */
export interface Peppers {
  pepper: string;
  previousPeppers: readonly string[];
  iterations: number;
}

/**
 * Verifies a secret with the current and earlier peppers. When it is right, `rehash` is its hash with the current
 * pepper if `stored` was made with another one (the caller stores it, guarded on `stored`), else null.
 */
export async function checkSecret(
  secret: string,
  stored: string,
  p: Peppers,
): Promise<{ ok: false } | { ok: true; rehash: string | null }> {
  if (!(await verifySecret(secret, p.pepper, stored, p.previousPeppers))) return { ok: false };
  return {
    ok: true,
    rehash: (await isCurrentPepper(stored, p.pepper)) ? null : await hashSecret(secret, p.pepper, p.iterations),
  };
}

/** Iterations configured for this deployment, checked against the cap. */
export function configuredIterations(value: string | undefined): number {
  return checkIterations(Number(value ?? PBKDF2_MAX_ITERATIONS));
}
