import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldAscii, foldAsciiUpper } from "../../shared/ascii";

describe("foldAscii (SMS text)", () => {
  it.each([
    ["Nguyễn Văn Đạt", "Nguyen Van Dat", "NGUYEN VAN DAT"],
    ["Lăng Thị Nhung", "Lang Thi Nhung", "LANG THI NHUNG"],
    ["Đỗ Hữu Thắng", "Do Huu Thang", "DO HUU THANG"],
    ["  Hoàng\tThị  Mai\n", "Hoang Thi Mai", "HOANG THI MAI"],
    ["Nguyễn Văn Đạt".normalize("NFD"), "Nguyen Van Dat", "NGUYEN VAN DAT"],
    ["Ảnh mờ 😀, chụp lại", "Anh mo , chup lai", "ANH MO , CHUP LAI"],
  ])("%j → %j / %j", (input, folded, upper) => {
    expect(foldAscii(input)).toBe(folded);
    expect(foldAsciiUpper(input)).toBe(upper);
  });

  it("always gives printable ASCII with single spaces and no spaces at the ends", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (s) => {
        const out = foldAscii(s);
        expect(out).toMatch(/^[\x20-\x7e]*$/);
        expect(out).not.toMatch(/ {2}|^ | $/);
      }),
      { numRuns: 2000 },
    );
  });
});
