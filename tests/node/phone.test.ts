import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskPhone, parseVnMobile } from "../../shared/phone";
import { toVnMobileE164 } from "../../worker/src/domain/phone";

describe("parseVnMobile", () => {
  it.each([
    "0912345678",
    "84912345678",
    "+84912345678",
    "+84 91 234 5678",
    "091.234.5678",
    "091-234-5678",
    "(091) 234 5678",
  ])("reads %j as 0912345678 / +84912345678", (input) => {
    expect(parseVnMobile(input)).toEqual({ e164: "+84912345678", national: "0912345678" });
  });

  it("reads full-width digits the way a phone keyboard may type them", () => {
    expect(parseVnMobile("０９１２３４５６７８")).toEqual({ e164: "+84912345678", national: "0912345678" });
  });

  it.each([
    ["a Hà Nội landline", "0243 826 1234"],
    ["a Hà Nội landline, compact", "02438261234"],
    ["a Hồ Chí Minh City landline", "028 3829 1234"],
    ["9 digits", "091234567"],
    ["11 digits", "09123456789"],
    ["+84 with 8 digits", "+8491234567"],
    ["+84 with 10 digits", "+849123456789"],
    ["another country code (+85…)", "+85912345678"],
    ["the 0084 international prefix", "0084912345678"],
    ["a letter l for 1", "09l2345678"],
    ["a letter O for 0", "O912345678"],
    ["letters only", "abcdefghij"],
    ["empty", ""],
  ])("refuses %s (%j)", (_label, input) => {
    expect(parseVnMobile(input)).toBeNull();
  });
});

describe("maskPhone", () => {
  it("keeps the first three and last three digits", () => {
    expect(maskPhone("0912929292")).toBe("091****292");
  });

  it("hides every digit in between, whatever the length", () => {
    expect(maskPhone("+84912929292")).toBe("+84******292");
  });
});

/**
 * The PWA's light check must accept exactly the numbers the worker's libphonenumber check accepts, or a citizen
 * either passes the form and is refused by the server, or cannot type a number the server would take.
 */

describe("parseVnMobile agrees with the worker's libphonenumber check", () => {
  // A fixed-seed linear congruential generator, so a failure names the same numbers on every run.
  let state = 84;
  const nextDigit = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 16) % 10;
  };
  const digits = (n: number) => Array.from({ length: n }, nextDigit).join("");

  /**
   * For each 2-digit prefix, every 2-digit start of the 7-digit tail (libphonenumber's VN patterns never look
   * further than that), each followed by random digits.
   */
  function disagreementsFor(prefix: number): string[] {
    const found: string[] = [];
    for (let head = 0; head < 100; head++) {
      const national = `0${prefix}${String(head).padStart(2, "0")}${digits(5)}`;
      const light = parseVnMobile(national) !== null;
      const lib = toVnMobileE164(national) !== null;
      if (light !== lib)
        found.push(`${national}: PWA ${light ? "accepts" : "refuses"}, worker ${lib ? "accepts" : "refuses"}`);
    }
    return found;
  }

  it("on every prefix 010-099", () => {
    const found: string[] = [];
    for (let prefix = 10; prefix <= 99; prefix++) {
      found.push(...disagreementsFor(prefix));
    }
    expect(found).toEqual([]);
  });

  it("on both verdict and E.164 form, for numbers written any way", () => {
    const form = fc.constantFrom("0", "84", "+84", "+84 ");
    const subscriber = fc
      .integer({ min: 10, max: 99 })
      .chain((p) => fc.integer({ min: 0, max: 9_999_999 }).map((t) => `${p}${String(t).padStart(7, "0")}`));
    const separator = fc.constantFrom("", " ", ".", "-");
    fc.assert(
      fc.property(form, subscriber, separator, (f, s, sep) => {
        const input = `${f}${s.slice(0, 2)}${sep}${s.slice(2, 5)}${sep}${s.slice(5)}`;
        expect(parseVnMobile(input)?.e164 ?? null).toBe(toVnMobileE164(input));
      }),
      { numRuns: 2000 },
    );
  });
});
