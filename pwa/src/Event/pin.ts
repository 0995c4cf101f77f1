/** The event's PIN: a screen lock against a passer-by, kept as a PBKDF2 hash with its salt (nothing to do with the sealing). */
import { toBase64Url } from "../../../shared/base64url";

const enc = new TextEncoder();

/** PBKDF2-SHA-256 of `pin` with `salt`, base64url. */
export async function hashPin(pin: string, salt: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", enc.encode(pin), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: enc.encode(salt), iterations: 100_000 },
    key,
    256,
  );
  return toBase64Url(new Uint8Array(bits));
}
