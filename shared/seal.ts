/**
 * Sealed records of offline intake (issue 5): a record captured on an officer's phone is encrypted to the server's
 * public key at once, so that the phone itself can never read it back.
 *
 * Format (version 1): an ephemeral ECDH P-256 key pair per record; the shared secret goes through HKDF-SHA-256
 * (salt: the ephemeral public key, info: `vneid-intake-seal/v1|<kid>|<eventId>`) to an AES-256-GCM key; a random
 * 96-bit IV; the additional data binds the kid, the event session and the record's client id, so that a sealed
 * record cannot be replayed under another record or session. WebCrypto only: runs in browsers, workerd and node.
 */
import { fromBase64Url, toBase64Url } from "./base64url";

/** The codec of the sealed fields (shared/base64url.ts), where the seal's users expect it. */
export { fromBase64Url, toBase64Url };

/** The public half of the server's sealing key, as the event session hands it out. */
export interface SealPublicKey {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
}

/** A record sealed to the server: what the device stores and uploads. */
export interface SealedRecord {
  v: 1;
  kid: string;
  /** The ephemeral public key, uncompressed point, base64url. */
  epk: string;
  iv: string;
  ct: string;
}

/** What the sealing binds besides the plaintext. */
export interface SealContext {
  eventId: string;
  clientId: string;
}

/** A JSON Web Key, as much of it as sealing reads. */
export interface Jwk {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  kid?: string;
  [k: string]: unknown;
}

// shared/ has no DOM or Workers globals: the few WebCrypto calls used here, typed locally (every runtime has them).
/** An opaque WebCrypto key. */
export type Key = { readonly type: string };
type Bytes = Uint8Array<ArrayBuffer>;
interface Subtle {
  importKey(
    format: "raw" | "jwk",
    data: Bytes | Jwk,
    alg: object | string,
    extractable: boolean,
    usages: string[],
  ): Promise<Key>;
  generateKey(alg: object, extractable: boolean, usages: string[]): Promise<{ publicKey: Key; privateKey: Key }>;
  exportKey(format: "raw", key: Key): Promise<ArrayBuffer>;
  exportKey(format: "jwk", key: Key): Promise<Jwk>;
  deriveBits(alg: object, key: Key, length: number): Promise<ArrayBuffer>;
  deriveKey(alg: object, key: Key, derived: object, extractable: boolean, usages: string[]): Promise<Key>;
  encrypt(alg: object, key: Key, data: Bytes): Promise<ArrayBuffer>;
  decrypt(alg: object, key: Key, data: Bytes): Promise<ArrayBuffer>;
}
const webcrypto = () =>
  (globalThis as unknown as { crypto: { subtle: Subtle; getRandomValues<T extends Bytes>(a: T): T } }).crypto;

const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;
/** ASCII text → bytes (the labels bound into a seal are ASCII: a kid and ids). */
function ascii(text: string): Bytes {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0x7f;
  return out;
}

const infoOf = (kid: string, eventId: string) => ascii(`vneid-intake-seal/v1|${kid}|${eventId}`);
const aadOf = (kid: string, ctx: SealContext) => ascii(`vneid-intake-seal/v1|${kid}|${ctx.eventId}|${ctx.clientId}`);

async function aesKey(privateKey: Key, publicKey: Key, epkRaw: Bytes, kid: string, eventId: string): Promise<Key> {
  const subtle = webcrypto().subtle;
  const shared = new Uint8Array(await subtle.deriveBits({ name: "ECDH", public: publicKey }, privateKey, 256));
  const hkdf = await subtle.importKey("raw", shared, "HKDF", false, ["deriveKey"]);
  return subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: epkRaw, info: infoOf(kid, eventId) },
    hkdf,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** Encrypts `plaintext` to the server's public key. The device keeps nothing that could open it again. */
export async function sealRecord(key: SealPublicKey, ctx: SealContext, plaintext: Bytes): Promise<SealedRecord> {
  const { subtle } = webcrypto();
  const server = await subtle.importKey(
    "jwk",
    { kty: "EC", crv: "P-256", x: key.x, y: key.y, ext: true },
    ECDH,
    false,
    [],
  );
  const eph = await subtle.generateKey(ECDH, false, ["deriveBits"]);
  const epkRaw = new Uint8Array(await subtle.exportKey("raw", eph.publicKey));
  const aes = await aesKey(eph.privateKey, server, epkRaw, key.kid, ctx.eventId);
  const iv = webcrypto().getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(
    await subtle.encrypt({ name: "AES-GCM", iv, additionalData: aadOf(key.kid, ctx) }, aes, plaintext),
  );
  return { v: 1, kid: key.kid, epk: toBase64Url(epkRaw), iv: toBase64Url(iv), ct: toBase64Url(ct) };
}

/** The server's private sealing key (a P-256 ECDH JWK with its `kid`), imported once. */
export interface SealPrivateKey {
  kid: string;
  key: Key;
}

/** Imports the private JWK of the `INTAKE_SEAL_KEY` secret. */
export async function importSealPrivateKey(jwk: Jwk): Promise<SealPrivateKey> {
  if (!jwk.kid || !jwk.d) throw new Error("the sealing key is not a private key with a kid");
  const { kty, crv, x, y, d, kid } = jwk;
  const key = await webcrypto().subtle.importKey("jwk", { kty, crv, x, y, d }, ECDH, false, ["deriveBits"]);
  return { kid, key };
}

/** The public half of a private JWK. */
export function publicOf(jwk: Jwk): SealPublicKey {
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.x || !jwk.y || !jwk.kid)
    throw new Error("not a P-256 key with a kid");
  return { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y, kid: jwk.kid };
}

/**
 * Opens a sealed record; `null` when it was not sealed to this key, for this event and record, or was changed in
 * any way (AES-GCM authenticates the ciphertext, the IV and the additional data).
 */
export async function openRecord(key: SealPrivateKey, ctx: SealContext, sealed: SealedRecord): Promise<Bytes | null> {
  if (sealed.v !== 1 || sealed.kid !== key.kid) return null;
  try {
    const epkRaw = fromBase64Url(sealed.epk);
    const iv = fromBase64Url(sealed.iv);
    if (epkRaw.length !== 65 || iv.length !== 12) return null;
    const { subtle } = webcrypto();
    const epk = await subtle.importKey("raw", epkRaw, ECDH, false, []);
    const aes = await aesKey(key.key, epk, epkRaw, key.kid, ctx.eventId);
    const pt = await subtle.decrypt(
      { name: "AES-GCM", iv, additionalData: aadOf(key.kid, ctx) },
      aes,
      fromBase64Url(sealed.ct),
    );
    return new Uint8Array(pt);
  } catch {
    return null;
  }
}

/** A new sealing key pair as a private JWK with a `kid` (for `INTAKE_SEAL_KEY`). */
export async function generateSealKey(kid: string): Promise<Jwk & { kid: string }> {
  const { subtle } = webcrypto();
  const pair = await subtle.generateKey(ECDH, true, ["deriveBits"]);
  const jwk = await subtle.exportKey("jwk", pair.privateKey);
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d, kid };
}
