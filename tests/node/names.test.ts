import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldName, sameName } from "../../shared/names";

describe("sameName (a typed name against the registry's)", () => {
  it.each([
    ["Dương Thu Huong", "Dương Thu Hương"],
    ["Duong Thu Huong", "Dương Thu Hương"],
    ["duong thu huong", "Dương Thu Hương"],
    ["  DUONG   thu\tHUONG ", "Dương Thu Hương"],
    ["Do Huu Thang", "Đỗ Hữu Thắng"],
    ["do huu thang", "ĐỖ HỮU THẮNG"],
    ["Nguyễn Văn Đạt".normalize("NFD"), "Nguyễn Văn Đạt"],
    ["Nguyen Van Dat", "Nguyễn Văn Đạt".normalize("NFD")],
  ])("%j matches %j", (typed, registry) => {
    expect(sameName(typed, registry)).toBe(true);
  });

  it.each([
    ["Dương Thu Hà", "Dương Thu Hương"],
    ["Dương Hương", "Dương Thu Hương"],
    ["DuongThu Huong", "Dương Thu Hương"],
    ["Trần Văn An", "Trần Văn Ân Hai"],
    ["", "Dương Thu Hương"],
  ])("%j does not match %j", (typed, registry) => {
    expect(sameName(typed, registry)).toBe(false);
  });

  it("folds to lower-case letters without marks, single spaces, no spaces at the ends", () => {
    expect(foldName("  Đặng  THỊ Ngọc\u00a0Ánh ")).toBe("dang thi ngoc anh");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        const out = foldName(s);
        expect(out).not.toMatch(/\p{M}|đ|Đ|\s{2}|^\s|\s$/u);
        expect(foldName(out)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });

  it("ignores case and Unicode form of Vietnamese names", () => {
    const letters = [..."aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ "];
    const name = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 30 }).map((a) => a.join(""));
    fc.assert(
      fc.property(name, (s) => {
        expect(sameName(s, s.toUpperCase().normalize("NFD"))).toBe(true);
        expect(sameName(s, ` ${s.normalize("NFC")}  `)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
