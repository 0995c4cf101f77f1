import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createCtx } from "../../worker/src/context";
import {
  PBKDF2_MAX_ITERATIONS,
  checkIterations,
  hashSecret,
  randomDigits,
  verifySecret,
} from "../../worker/src/crypto";

const PEPPER = "a-test-pepper-of-enough-length";

describe("PBKDF2 with a pepper, capped at Cloudflare's 100,000 iterations", () => {
  it("the cap is 100,000 and the configured count is at the cap", async () => {
    expect(PBKDF2_MAX_ITERATIONS).toBe(100_000);
    expect((await createCtx(env)).iterations).toBe(100_000);
  });

  it("refuses to hash above the cap, locally as in production", async () => {
    expect(() => checkIterations(100_001)).toThrow(RangeError);
    await expect(hashSecret("Matkhau@1", PEPPER, 100_001)).rejects.toThrow(RangeError);
    await expect(createCtx({ ...env, PBKDF2_ITERATIONS: "200000" })).rejects.toThrow(RangeError);
    await expect(createCtx({ ...env, PBKDF2_ITERATIONS: "lots" })).rejects.toThrow(RangeError);
  });

  it("never verifies a stored hash above the cap", async () => {
    const h = await hashSecret("Matkhau@1", PEPPER, 100_000);
    expect(await verifySecret("Matkhau@1", PEPPER, h)).toBe(true);
    expect(await verifySecret("Matkhau@1", PEPPER, h.replace("$100000$", "$100001$"))).toBe(false);
  });

  it("depends on the pepper and a random salt", async () => {
    const a = await hashSecret("Matkhau@1", PEPPER, 1000);
    const b = await hashSecret("Matkhau@1", PEPPER, 1000);
    expect(a).not.toBe(b);
    expect(await verifySecret("Matkhau@1", `${PEPPER}-other`, a)).toBe(false);
    expect(await verifySecret("Matkhau@2", PEPPER, a)).toBe(false);
  });

  it("refuses to start without a pepper", async () => {
    await expect(createCtx({ ...env, PEPPER: "" })).rejects.toThrow(/PEPPER/);
  });
});

describe("random codes", () => {
  it("are 6 digits and spread over every position", () => {
    const codes = Array.from({ length: 2000 }, () => randomDigits(6));
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    for (let pos = 0; pos < 6; pos++) {
      const seen = new Set(codes.map((c) => c[pos]));
      expect(seen.size, `position ${pos}`).toBe(10);
    }
    expect(new Set(codes).size).toBeGreaterThan(1900);
  });
});
