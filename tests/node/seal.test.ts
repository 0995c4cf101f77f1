/** The sealing format of offline intake (shared/seal.ts): round trip, binding, tamper detection, in node. */
import { describe, expect, it } from "vitest";
import {
  type SealedRecord,
  fromBase64Url,
  generateSealKey,
  importSealPrivateKey,
  openRecord,
  publicOf,
  sealRecord,
  toBase64Url,
} from "../../shared/seal";

const enc = new TextEncoder();
const dec = new TextDecoder();
const ctx = { eventId: "ev_abc", clientId: "6f1c2a3b-1111-4222-8333-944455556666" };

async function keys(kid = "k1") {
  const jwk = await generateSealKey(kid);
  return { jwk, pub: publicOf(jwk), priv: await importSealPrivateKey(jwk) };
}

/** Flips one bit of a base64url field. */
function flip(field: string, at = 5): string {
  const bytes = fromBase64Url(field);
  bytes[at % bytes.length]! ^= 0x01;
  return toBase64Url(bytes);
}

describe("seal", () => {
  it("base64url round-trips every length", () => {
    for (let n = 0; n < 40; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(text).toBe(Buffer.from(bytes).toString("base64url"));
      expect([...fromBase64Url(text)]).toEqual([...bytes]);
    }
    expect(() => fromBase64Url("a+b/")).toThrow();
  });

  it("opens on the server key only, and the sealed form holds no plaintext", async () => {
    const { pub, priv } = await keys();
    const secret = JSON.stringify({ id: "020095001234", fullName: "Hoàng Văn Nam", phone: "0912345678" });
    const sealed = await sealRecord(pub, ctx, enc.encode(secret));
    expect(sealed.kid).toBe("k1");
    expect(fromBase64Url(sealed.epk)).toHaveLength(65);
    expect(fromBase64Url(sealed.iv)).toHaveLength(12);
    const dump = JSON.stringify(sealed);
    for (const s of ["020095001234", "Nam", "0912345678"]) expect(dump).not.toContain(s);
    expect(dec.decode((await openRecord(priv, ctx, sealed))!)).toBe(secret);
    // every seal is new: a fresh ephemeral key and IV each time
    const again = await sealRecord(pub, ctx, enc.encode(secret));
    expect(again.epk).not.toBe(sealed.epk);
    expect(again.ct).not.toBe(sealed.ct);
    // another key pair with the same kid cannot open it
    const other = await keys("k1");
    expect(await openRecord(other.priv, ctx, sealed)).toBeNull();
  });

  it("detects tampering with the ciphertext, the IV, the ephemeral key or the bound ids", async () => {
    const { pub, priv } = await keys();
    const sealed = await sealRecord(pub, ctx, enc.encode("hồ sơ"));
    const cases: SealedRecord[] = [
      { ...sealed, ct: flip(sealed.ct) },
      { ...sealed, ct: flip(sealed.ct, 10_000) },
      { ...sealed, ct: sealed.ct.slice(0, -4) },
      { ...sealed, iv: flip(sealed.iv) },
      { ...sealed, epk: flip(sealed.epk, 20) },
      { ...sealed, kid: "k2" },
      { ...sealed, epk: "" },
    ];
    for (const bad of cases) expect(await openRecord(priv, ctx, bad)).toBeNull();
    expect(await openRecord(priv, { ...ctx, clientId: "6f1c2a3b-1111-4222-8333-944455556667" }, sealed)).toBeNull();
    expect(await openRecord(priv, { ...ctx, eventId: "ev_other" }, sealed)).toBeNull();
    expect(dec.decode((await openRecord(priv, ctx, sealed))!)).toBe("hồ sơ");
  });

  it("refuses keys that are not P-256 private keys with a kid", async () => {
    const { jwk } = await keys();
    await expect(importSealPrivateKey({ ...jwk, kid: undefined })).rejects.toThrow();
    await expect(importSealPrivateKey({ ...jwk, d: undefined })).rejects.toThrow();
    expect(() => publicOf({ ...jwk, crv: "P-384" })).toThrow();
    expect(publicOf(jwk)).not.toHaveProperty("d");
  });
});
