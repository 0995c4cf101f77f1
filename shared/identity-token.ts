/**
 * "Mã QR định danh": the compact signed token an identity QR code carries, and its verification. Runs in the
 * worker (signing), the PWA's verifier page (offline verification with cached keys) and node (tests): WebCrypto
 * only, no DOM or Workers types.
 *
 * Why not a JWS string: base64url text in a QR code's byte mode costs 8 bits per 6 bits of data, and Vietnamese
 * letters cost 2–3 bytes each in UTF-8, so a level-2 share (long address, three papers) would need version 20+.
 * Here the token is binary and written in base45 (RFC 9285), whose alphabet is exactly the QR alphanumeric set
 * (5.5 bits per character, about 3 % over raw bytes), and Vietnamese letters take one byte each (VN8 below). The
 * largest level-2 share then fits version 15 at error-correction level M (`tests/node/identity-token.test.ts`).
 *
 * Layout (big-endian), before base45: version 1 | kid length, kid (ASCII) | iat u32 | exp u32 | jti (8 random
 * bytes) | account level | fields as (tag, length, VN8 bytes)… | ES256 signature (raw r‖s, 64 bytes) over every
 * byte before it. The QR text is `VNEID1:` followed by the base45 text.
 */

/** What the QR text starts with. */
export const IDENTITY_PREFIX = "VNEID1:";
/** Seconds a token is valid. */
export const IDENTITY_TTL_SECONDS = 60;
/** The longest lifetime (`exp − iat`) a verifier accepts: a token signed for longer is refused as `altered`. */
export const IDENTITY_MAX_LIFETIME_SECONDS = 90;
/** How far in the future `iat` may be on the verifier's clock before the token is "not yet valid" (clock skew). */
export const IDENTITY_FUTURE_LEEWAY_SECONDS = 120;
/** Characters a QR code of version 15 at level M holds in alphanumeric mode: the ceiling of a token. */
export const IDENTITY_MAX_CHARS = 600;

/** The fields a citizen can share, in the order the token and the screens show them. */
export const IDENTITY_FIELDS = [
  "fullName",
  "citizenId",
  "dob",
  "gender",
  "address",
  "driverLicence",
  "healthInsurance",
  "vehicleRegistration",
] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
/** What a level-1 account shows (always all three). */
export const LEVEL1_FIELDS: readonly IdentityField[] = ["fullName", "citizenId", "dob"];
/** The papers recorded at level-2 intake. */
export const PAPER_FIELDS: readonly IdentityField[] = ["driverLicence", "healthInsurance", "vehicleRegistration"];

/** The shared values, by field. */
export type IdentityValues = Partial<Record<IdentityField, string>>;

/** The claims of a token. */
export interface IdentityClaims {
  kid: string;
  /** Issued at, unix seconds (server clock). */
  iat: number;
  /** Expires at, unix seconds. */
  exp: number;
  /** A random id (16 hex digits). */
  jti: string;
  /** The account's level (1 or 2). */
  level: number;
  values: IdentityValues;
}

/** Why a token was refused. `altered`: malformed or a bad signature; `unknown-key`: its kid is not published. */
export type IdentityFailure = "not-identity" | "altered" | "unknown-key" | "expired" | "not-yet-valid";

export type IdentityVerification =
  | { ok: true; claims: IdentityClaims }
  | { ok: false; reason: IdentityFailure; claims?: IdentityClaims };

/** A public EC P-256 JSON Web Key, as `/.well-known/jwks.json` publishes it. */
export interface PublicJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
  alg?: string;
  use?: string;
}
/** The private JWK of the signing key (the `IDENTITY_SIGNING_KEY` secret). */
export interface PrivateJwk extends PublicJwk {
  d: string;
}

// ---------------------------------------------------------------------------------------------------------------
// WebCrypto, typed here (shared/ has no DOM or Workers types).

interface Subtle {
  importKey(format: "jwk", key: object, algorithm: object, extractable: boolean, usages: string[]): Promise<unknown>;
  sign(algorithm: object, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: object, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}
interface WebCrypto {
  subtle: Subtle;
  getRandomValues<T extends Uint8Array>(array: T): T;
}
const webCrypto = (): WebCrypto => (globalThis as unknown as { crypto: WebCrypto }).crypto;
const ECDSA = { name: "ECDSA", namedCurve: "P-256" };
const ES256 = { name: "ECDSA", hash: "SHA-256" };

/** The public half of a signing key, with `alg` and `use`. */
export function publicJwk(jwk: PublicJwk): PublicJwk {
  return { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y, kid: jwk.kid, alg: "ES256", use: "sig" };
}

/** True when `value` looks like a public P-256 JWK with a kid. */
export function isPublicJwk(value: unknown): value is PublicJwk {
  const k = value as Partial<PublicJwk> | null;
  return (
    !!k &&
    typeof k === "object" &&
    k.kty === "EC" &&
    k.crv === "P-256" &&
    typeof k.x === "string" &&
    typeof k.y === "string" &&
    typeof k.kid === "string" &&
    /^[\x21-\x7e]{1,32}$/.test(k.kid)
  );
}

/** Imports the private signing key. */
export function importSigningKey(jwk: PrivateJwk): Promise<unknown> {
  const { kty, crv, x, y, d } = jwk;
  return webCrypto().subtle.importKey("jwk", { kty, crv, x, y, d }, ECDSA, false, ["sign"]);
}

// ---------------------------------------------------------------------------------------------------------------
// base45 (RFC 9285).

const B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/** Bytes as base45 text. */
export function base45Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 < bytes.length) {
      let n = bytes[i]! * 256 + bytes[i + 1]!;
      const c = n % 45;
      n = (n - c) / 45;
      out += B45[c]! + B45[n % 45]! + B45[(n - (n % 45)) / 45]!;
    } else {
      const n = bytes[i]!;
      out += B45[n % 45]! + B45[(n - (n % 45)) / 45]!;
    }
  }
  return out;
}

/** base45 text as bytes, or `null` when it is not base45. */
export function base45Decode(text: string): Uint8Array | null {
  if (text.length % 3 === 1) return null;
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 3) {
    const chunk = text.slice(i, i + 3);
    const digits = [...chunk].map((ch) => B45.indexOf(ch));
    if (digits.some((d) => d < 0)) return null;
    const n = digits.reduce((sum, d, k) => sum + d * 45 ** k, 0);
    if (chunk.length === 3) {
      if (n > 0xffff) return null;
      out.push(n >> 8, n & 0xff);
    } else {
      if (n > 0xff) return null;
      out.push(n);
    }
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------------------------
// VN8: printable ASCII as itself, the 134 precomposed Vietnamese letters as one byte each (0x80–0xFF, then
// 0x01–0x06), anything else as 0x00 and its code point in three bytes.

const VN_LETTERS: string[] = (() => {
  const lower: string[] = [];
  for (const base of "aăâeêioôơuưy") {
    for (const tone of ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]) {
      const ch = (base + tone).normalize("NFC");
      if (ch.length === 1 && ch.charCodeAt(0) > 0x7f) lower.push(ch);
    }
  }
  lower.push("đ");
  return [...lower, ...lower.map((c) => c.toUpperCase())];
})();
const VN_CODES = [...Array.from({ length: 128 }, (_, i) => 0x80 + i), 1, 2, 3, 4, 5, 6];
const VN_TO_BYTE = new Map<string, number>(VN_LETTERS.map((ch, i) => [ch, VN_CODES[i]!]));
const BYTE_TO_VN = new Map<number, string>(VN_LETTERS.map((ch, i) => [VN_CODES[i]!, ch]));

/** Text as VN8 bytes (NFC first). */
export function vn8Encode(text: string): number[] {
  const out: number[] = [];
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0)!;
    const mapped = VN_TO_BYTE.get(ch);
    if (mapped !== undefined) out.push(mapped);
    else if (code >= 0x07 && code <= 0x7f) out.push(code);
    else out.push(0, (code >> 16) & 0xff, (code >> 8) & 0xff, code & 0xff);
  }
  return out;
}

/** VN8 bytes as text, or `null` when they are not VN8. */
export function vn8Decode(bytes: Uint8Array): string | null {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0) {
      if (i + 3 >= bytes.length) return null;
      const code = (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
      out += String.fromCodePoint(code);
      i += 3;
    } else {
      const vn = BYTE_TO_VN.get(b);
      if (vn !== undefined) out += vn;
      else if (b >= 0x07 && b <= 0x7f) out += String.fromCharCode(b);
      else return null;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The token.

const VERSION = 1;
const SIGNATURE_BYTES = 64;
const TAG: Record<IdentityField, number> = {
  fullName: 1,
  citizenId: 2,
  dob: 3,
  gender: 4,
  address: 5,
  driverLicence: 6,
  healthInsurance: 7,
  vehicleRegistration: 8,
};
const FIELD_OF = new Map<number, IdentityField>(IDENTITY_FIELDS.map((f) => [TAG[f], f]));

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => (b < 16 ? "0" : "") + b.toString(16)).join("");

/** The bytes that are signed. Throws a RangeError when a value is over 255 bytes. */
function claimBytes(claims: IdentityClaims): Uint8Array {
  const kid = [...claims.kid].map((c) => c.charCodeAt(0));
  const jti = claims.jti.match(/../g)?.map((h) => parseInt(h, 16)) ?? [];
  if (jti.length !== 8 || jti.some((n) => Number.isNaN(n))) throw new RangeError("jti must be 16 hex digits");
  const out = [VERSION, kid.length, ...kid, ...u32(claims.iat), ...u32(claims.exp), ...jti, claims.level];
  for (const field of IDENTITY_FIELDS) {
    const value = claims.values[field];
    if (value === undefined) continue;
    const bytes = vn8Encode(value);
    if (bytes.length > 255) throw new RangeError(`${field} is too long for an identity QR`);
    out.push(TAG[field], bytes.length, ...bytes);
  }
  return Uint8Array.from(out);
}

/** 8 random bytes as 16 hex digits, for `jti`. */
export function randomJti(): string {
  return hex(webCrypto().getRandomValues(new Uint8Array(8)));
}

/**
 * Signs `claims` with `key` (from {@link importSigningKey}); returns the QR text. Throws a RangeError when the
 * token would not fit a version-15 QR code at level M.
 */
export async function signIdentityToken(claims: IdentityClaims, key: unknown): Promise<string> {
  const data = claimBytes(claims);
  const signature = new Uint8Array(await webCrypto().subtle.sign(ES256, key, data));
  const all = new Uint8Array(data.length + signature.length);
  all.set(data);
  all.set(signature, data.length);
  const text = IDENTITY_PREFIX + base45Encode(all);
  if (text.length > IDENTITY_MAX_CHARS) throw new RangeError("the identity token does not fit a version-15 QR code");
  return text;
}

/** Reads the claims of a token without checking anything; `null` when it is malformed. */
export function decodeIdentityToken(
  text: string,
): { claims: IdentityClaims; signed: Uint8Array; signature: Uint8Array } | null {
  if (!text.startsWith(IDENTITY_PREFIX)) return null;
  const bytes = base45Decode(text.slice(IDENTITY_PREFIX.length));
  if (!bytes || bytes.length < 2 + 4 + 4 + 8 + 1 + SIGNATURE_BYTES || bytes[0] !== VERSION) return null;
  const signed = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
  const signature = bytes.subarray(bytes.length - SIGNATURE_BYTES);
  let p = 1;
  const kidLength = signed[p++]!;
  if (p + kidLength + 17 > signed.length) return null;
  const kid = String.fromCharCode(...signed.subarray(p, p + kidLength));
  p += kidLength;
  const readU32 = () => {
    const n = ((signed[p]! << 24) | (signed[p + 1]! << 16) | (signed[p + 2]! << 8) | signed[p + 3]!) >>> 0;
    p += 4;
    return n;
  };
  const iat = readU32();
  const exp = readU32();
  const jti = hex(signed.subarray(p, p + 8));
  p += 8;
  const level = signed[p++]!;
  const values: IdentityValues = {};
  while (p < signed.length) {
    const field = FIELD_OF.get(signed[p]!);
    const length = signed[p + 1];
    if (!field || length === undefined || p + 2 + length > signed.length || values[field] !== undefined) return null;
    const value = vn8Decode(signed.subarray(p + 2, p + 2 + length));
    if (value === null) return null;
    values[field] = value;
    p += 2 + length;
  }
  return { claims: { kid, iat, exp, jti, level, values }, signed, signature };
}

/**
 * Verifies a scanned QR text against the published keys at `now` (unix seconds, the verifier's own clock): the
 * signature first (malformed or bad: `altered`; a kid not among `keys`: `unknown-key`), then the time.
 */
export async function verifyIdentityToken(
  text: string,
  keys: readonly PublicJwk[],
  now: number,
): Promise<IdentityVerification> {
  if (!text.startsWith(IDENTITY_PREFIX)) return { ok: false, reason: "not-identity" };
  const decoded = decodeIdentityToken(text);
  if (!decoded) return { ok: false, reason: "altered" };
  const { claims, signed, signature } = decoded;
  const jwk = keys.find((k) => k.kid === claims.kid);
  if (!jwk) return { ok: false, reason: "unknown-key", claims };
  let valid = false;
  try {
    const key = await webCrypto().subtle.importKey(
      "jwk",
      { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y },
      ECDSA,
      false,
      ["verify"],
    );
    valid = await webCrypto().subtle.verify(ES256, key, signature, signed);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "altered", claims };
  if (claims.exp <= claims.iat || claims.exp - claims.iat > IDENTITY_MAX_LIFETIME_SECONDS)
    return { ok: false, reason: "altered", claims };
  if (now >= claims.exp) return { ok: false, reason: "expired", claims };
  if (claims.iat > now + IDENTITY_FUTURE_LEEWAY_SECONDS) return { ok: false, reason: "not-yet-valid", claims };
  return { ok: true, claims };
}
