import { describe, expect, it } from "vitest";
import { PASSWORD_RULES, isPasscode, isStrongPassword, normalizeAnswer } from "../../shared/credentials";

/** The ids of the checklist rules a password does not meet, as the PWA would tick them off. */
const unmet = (password: string) => PASSWORD_RULES.filter((rule) => !rule.test(password)).map((rule) => rule.id);

describe("PASSWORD_RULES", () => {
  it("has the five rules of the checklist, in order", () => {
    expect(PASSWORD_RULES.map((r) => r.id)).toEqual(["length", "digit", "upper", "lower", "special"]);
  });

  it("passes a password that meets every rule", () => {
    expect(unmet("Vn@06001Aa")).toEqual([]);
    expect(isStrongPassword("Vn@06001Aa")).toBe(true);
  });

  it.each([
    ["upper", "vn@06001aa"],
    ["lower", "VN@06001AA"],
    ["digit", "Vn@abcdeAa"],
    ["special", "Vn06001Aaa"],
  ])("fails only '%s' for %j", (rule, password) => {
    expect(unmet(password)).toEqual([rule]);
    expect(isStrongPassword(password)).toBe(false);
  });

  describe("length: 8 to 20 characters", () => {
    it.each([
      [7, "Vn@0600", ["length"]],
      [8, "Vn@06001", []],
      [20, "Vn@06001Aa0123456789", []],
      [21, "Vn@06001Aa01234567890", ["length"]],
    ])("%i characters → unmet %j", (n, password, expected) => {
      expect([...password].length).toBe(n);
      expect(unmet(password)).toEqual(expected);
    });

    it("counts a Vietnamese letter as one character", () => {
      // 20 characters, 7 of them with diacritics, each one code point in NFC.
      const password = "Mậtkhẩu@1ĐườngPhốHàN";
      expect([...password].length).toBe(20);
      expect(password.length).toBe(20);
      expect(unmet(password)).toEqual([]);
    });

    it("counts an emoji as one character", () => {
      expect(unmet("Vn@0600😀")).toEqual([]);
    });
  });

  describe("Vietnamese letters", () => {
    it("counts Ậ / Đ as upper case and ậ / ẩ / đ as lower case", () => {
      expect(unmet("Mậtkhẩu@1")).toEqual([]);
      expect(unmet("mậtkhẩu@1")).toEqual(["upper"]);
      expect(unmet("MẬTKHẨU@1")).toEqual(["lower"]);
      expect(unmet("ĐƯỜNG@123")).toEqual(["lower"]);
      expect(unmet("đường@123")).toEqual(["upper"]);
    });

    it("does not count a Vietnamese letter as a special character", () => {
      expect(unmet("Mậtkhẩu1")).toEqual(["special"]);
    });
  });

  describe("special characters", () => {
    it("does not count a space", () => {
      expect(unmet("Vn 06001Aa")).toEqual(["special"]);
    });

    it("does not count a tab or a non-breaking space", () => {
      expect(unmet("Vn\t06001Aa")).toEqual(["special"]);
      expect(unmet("Vn\u00a006001Aa")).toEqual(["special"]);
    });

    it.each(["!", "@", "#", "$", "%", "^", "&", "*", "(", ")", "-", "_", "+", "=", ".", ",", "?", "/", "~"])(
      "counts %j",
      (ch) => {
        expect(unmet(`Vn${ch}06001Aa`)).toEqual([]);
      },
    );
  });
});

describe("isPasscode", () => {
  it.each(["000000", "123456", "999999"])("accepts %j", (value) => {
    expect(isPasscode(value)).toBe(true);
  });

  it.each(["12345", "1234567", "12345a", " 123456", "123456 ", "12 456", "", "１２３４５６", "-12345"])(
    "refuses %j",
    (value) => {
      expect(isPasscode(value)).toBe(false);
    },
  );
});

describe("normalizeAnswer", () => {
  it("folds case, including Vietnamese capitals", () => {
    expect(normalizeAnswer("BÌNH")).toBe("bình");
    expect(normalizeAnswer("BÌNH")).toBe(normalizeAnswer("bình"));
    expect(normalizeAnswer("ĐỖ")).toBe("đỗ");
  });

  it("trims and folds runs of white space to one space", () => {
    expect(normalizeAnswer("  Quận   Hoàn Kiếm ")).toBe("quận hoàn kiếm");
    expect(normalizeAnswer("\tQuận\n\nHoàn\u00a0Kiếm\r\n")).toBe("quận hoàn kiếm");
  });

  it("treats the decomposed (NFD) and composed (NFC) forms as the same answer", () => {
    const nfd = "Bình".normalize("NFD");
    expect(nfd).not.toBe("Bình".normalize("NFC"));
    expect(normalizeAnswer(nfd)).toBe(normalizeAnswer("Bình".normalize("NFC")));
    expect(normalizeAnswer(nfd)).toBe("bình".normalize("NFC"));
  });

  it("keeps diacritics: a different tone is a different answer", () => {
    expect(normalizeAnswer("Bình")).not.toBe(normalizeAnswer("Binh"));
  });

  it("makes a blank answer empty", () => {
    expect(normalizeAnswer("   \t ")).toBe("");
  });
});

describe("password rules do not depend on Unicode form", () => {
  it("judges an NFD-typed password as its NFC form, which is what gets hashed", () => {
    for (const p of ["Mậtkhẩu1", "Mậtkhẩu12345678901@", "Hòa@bình2026", "Đường@phố1"]) {
      const nfc = p.normalize("NFC");
      const nfd = p.normalize("NFD");
      for (const rule of PASSWORD_RULES) expect(rule.test(nfd), `${rule.id} on ${p}`).toBe(rule.test(nfc));
    }
    expect(isStrongPassword("Mậtkhẩu1".normalize("NFD"))).toBe(false);
    expect(isStrongPassword("Mậtkhẩu12345678901@".normalize("NFD"))).toBe(true);
  });
});
