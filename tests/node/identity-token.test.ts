/**
 * The identity QR token in node: base45 and VN8 round trips, signing and verification with WebCrypto, and the size
 * contract: the largest level-2 share is a QR code of version 15 or lower at level M, drawn by the PWA's own
 * encoder exactly as the qrcode package draws it, and read back by jsQR.
 */
import jsQR from "jsqr";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { encodeQr, qrCapacity } from "../../pwa/src/qr/encode";
import {
  IDENTITY_MAX_CHARS,
  IDENTITY_PREFIX,
  type IdentityValues,
  type PrivateJwk,
  base45Decode,
  base45Encode,
  importSigningKey,
  publicJwk,
  randomJti,
  signIdentityToken,
  verifyIdentityToken,
  vn8Decode,
  vn8Encode,
} from "../../shared/identity-token";

async function newKey(kid: string) {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const jwk = { ...(await crypto.subtle.exportKey("jwk", pair.privateKey)), kid } as unknown as PrivateJwk;
  return { jwk, key: await importSigningKey(jwk), pub: publicJwk(jwk) };
}

/** The largest level-2 share: every field, a long Vietnamese name and address, all three papers at their longest. */
const WORST: IdentityValues = {
  fullName: "Nguyễn Hoàng Thị Phương Quỳnh Nguyệt Ánh Tuyết",
  citizenId: "020195001234",
  dob: "1995-03-08",
  gender: "Nữ",
  address:
    "Số nhà 128, ngõ 45, đường Nguyễn Thái Học, khối Đồng Tiến 7, phường Tam Thanh, tỉnh Lạng Sơn; thôn Khuổi Mỏ, xã Hữu Liên, huyện Hữu Lũng cũ",
  driverLicence: "AB1234567890123456 X",
  healthInsurance: "DN4010123456789",
  vehicleRegistration: "12A-345.67 ABCDEFGH9",
};

describe("encodings", () => {
  it("base45 round-trips any bytes (RFC 9285 examples included)", () => {
    expect(base45Encode(new TextEncoder().encode("AB"))).toBe("BB8");
    expect(base45Encode(new TextEncoder().encode("Hello!!"))).toBe("%69 VD92EX0");
    for (let n = 0; n < 40; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      expect(base45Decode(base45Encode(bytes))).toEqual(bytes);
    }
    expect(base45Decode("GGW")).toBeNull(); // over 65535
    expect(base45Decode("a")).toBeNull();
  });

  it("VN8 writes every Vietnamese letter in one byte and round-trips any text", () => {
    const letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
    const all = letters + letters.toUpperCase();
    expect(vn8Encode(all)).toHaveLength(all.length);
    for (const text of [all, WORST.address as string, "Ω ✓ 😀 tab\tend", "Nguye\u0302\u0303n (NFD)"]) {
      expect(vn8Decode(Uint8Array.from(vn8Encode(text)))).toBe(text.normalize("NFC"));
    }
  });
});

describe("the token", () => {
  it("verifies with the right key until exp, and says why it does not otherwise", async () => {
    const { key, pub } = await newKey("k1");
    const other = await newKey("k2");
    const iat = 1_780_000_000;
    const token = await signIdentityToken(
      { kid: "k1", iat, exp: iat + 60, jti: randomJti(), level: 2, values: WORST },
      key,
    );
    expect(token.startsWith(IDENTITY_PREFIX)).toBe(true);
    expect(await verifyIdentityToken(token, [other.pub, pub], iat)).toMatchObject({
      ok: true,
      claims: { values: WORST, level: 2 },
    });
    expect(await verifyIdentityToken(token, [pub], iat + 60)).toMatchObject({ ok: false, reason: "expired" });
    expect(await verifyIdentityToken(token, [other.pub], iat)).toMatchObject({ ok: false, reason: "unknown-key" });
    expect(await verifyIdentityToken(token, [{ ...other.pub, kid: "k1" }], iat)).toMatchObject({
      ok: false,
      reason: "altered",
    });
    expect(await verifyIdentityToken(token.replace("VNEID1:", "VNEID1:0"), [pub], iat)).toMatchObject({ ok: false });
  });

  it("the largest level-2 share fits a version-15 QR code at level M; the PWA's encoder draws it like the qrcode package", async () => {
    const { key } = await newKey("vneid-20260701");
    const iat = 1_780_000_000;
    const token = await signIdentityToken(
      { kid: "vneid-20260701", iat, exp: iat + 60, jti: randomJti(), level: 2, values: WORST },
      key,
    );
    expect(token.length).toBeLessThanOrEqual(IDENTITY_MAX_CHARS);
    expect(QRCode.create(token, { errorCorrectionLevel: "M" }).version).toBeLessThanOrEqual(15);
    expect(qrCapacity(15, true)).toBe(IDENTITY_MAX_CHARS);

    const mine = encodeQr(token);
    expect(mine.version).toBeLessThanOrEqual(15);
    const ref = QRCode.create([{ data: token, mode: "alphanumeric" }] as never, {
      errorCorrectionLevel: "M",
      version: mine.version,
      maskPattern: mine.mask as never,
    });
    expect(mine.modules.every((row, y) => row.every((dark, x) => dark === !!ref.modules.get(y, x)))).toBe(true);
    // Drawn at 3 px per module with a 4-module quiet zone, jsQR reads it back.
    const side = (mine.size + 8) * 3;
    const px = new Uint8ClampedArray(side * side * 4).fill(255);
    mine.modules.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (!dark) return;
        for (let dy = 0; dy < 3; dy++)
          for (let dx = 0; dx < 3; dx++) {
            const o = (((y + 4) * 3 + dy) * side + (x + 4) * 3 + dx) * 4;
            px[o] = px[o + 1] = px[o + 2] = 0;
          }
      }),
    );
    expect(jsQR(px, side, side)?.data).toBe(token);
  });

  it("refuses to sign what would not fit", async () => {
    const { key } = await newKey("k1");
    const values = { ...WORST, address: `${WORST.address} ${WORST.address}`.slice(0, 250) };
    await expect(
      signIdentityToken({ kid: "k1", iat: 1, exp: 61, jti: randomJti(), level: 2, values }, key),
    ).rejects.toThrow(RangeError);
  });
});

describe("the PWA's QR encoder beyond version 10", () => {
  it("matches the qrcode package for byte and alphanumeric payloads up to version 15", () => {
    const samples = [
      ...Array.from({ length: 12 }, (_, i) => `VNEID1:${"ABC123 $%*+-./:".repeat(20 + i * 3).slice(0, 250 + i * 28)}`),
      ...Array.from({ length: 6 }, (_, i) => "Lạng Sơn ".repeat(8 + i * 5)),
    ];
    for (const text of samples) {
      const mine = encodeQr(text);
      const alnum = /^[0-9A-Z $%*+\-./:]*$/.test(text);
      const ref = QRCode.create(
        [{ data: alnum ? text : Buffer.from(text, "utf8"), mode: alnum ? "alphanumeric" : "byte" }] as never,
        {
          errorCorrectionLevel: "M",
          version: mine.version,
          maskPattern: mine.mask as never,
        },
      );
      expect(ref.modules.size, text).toBe(mine.size);
      expect(
        mine.modules.every((row, y) => row.every((dark, x) => dark === !!ref.modules.get(y, x))),
        text,
      ).toBe(true);
    }
    expect(() => encodeQr("A".repeat(IDENTITY_MAX_CHARS + 1))).toThrow(RangeError);
  });
});
