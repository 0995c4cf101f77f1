/**
 * Hashing and randomness. Secrets (passwords, passcodes, security answers) get PBKDF2-SHA256 over an HMAC of the
 * secret with the pepper; OTPs and tokens, which are random and short-lived, get a single HMAC or SHA-256.
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
  const key = await crypto.subtle.importKey("raw", encoder.encode(pepper), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
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

async function derive(secret: string, pepper: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  // The pepper enters as an HMAC key, so a stolen database without the Worker secret cannot be brute-forced.
  const peppered = await crypto.subtle.sign("HMAC", await hmacKey(pepper), encoder.encode(secret.normalize("NFC")));
  const key = await crypto.subtle.importKey("raw", peppered, "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** Hashes a secret as `pbkdf2-sha256$<iterations>$<salt>$<hash>`, refusing an iteration count over the cap. */
export async function hashSecret(secret: string, pepper: string, iterations: number): Promise<string> {
  checkIterations(iterations);
  const salt = randomBytes(16);
  const hash = await derive(secret, pepper, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${base64url(salt)}$${base64url(hash)}`;
}

/** Checks a secret against a stored hash; a malformed or over-cap hash never verifies. */
export async function verifySecret(secret: string, pepper: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split("$");
  if (scheme !== "pbkdf2-sha256" || !iter || !salt || !hash) return false;
  const iterations = Number(iter);
  try {
    checkIterations(iterations);
  } catch {
    return false;
  }
  const actual = await derive(secret, pepper, fromBase64url(salt), iterations);
  return constantTimeEqual(base64url(actual), hash);
}

/** Iterations configured for this deployment, checked against the cap. */
export function configuredIterations(value: string | undefined): number {
  return checkIterations(Number(value ?? PBKDF2_MAX_ITERATIONS));
}
