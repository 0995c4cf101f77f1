import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Gender, checkCitizenId, parseIsoDate } from "../../shared/citizen";

/** An ID with the given 4th digit and birth-year digits: province 001, then six fixed serial digits. */
const idWith = (centuryGender: number | string, yy: string, province = "001", serial = "234567") =>
  `${province}${centuryGender}${yy}${serial}`;

describe("checkCitizenId: the century/gender digit", () => {
  it.each<[string, Gender, string]>([
    ["1990-05-17", "Nam", "0"],
    ["1990-05-17", "Nữ", "1"],
    ["2005-01-01", "Nam", "2"],
    ["2005-01-01", "Nữ", "3"],
    ["2101-12-31", "Nam", "4"],
    ["2101-12-31", "Nữ", "5"],
  ])("born %s, %s: the 4th digit must be %s", (dob, gender, digit) => {
    const yy = dob.slice(2, 4);
    expect(checkCitizenId(idWith(digit, yy), dob, gender)).toBeNull();
  });

  it("says 'century' when the digit belongs to another century", () => {
    // Born in the 1900s, but the digit says 2000s (2/3) or 2100s (4/5).
    expect(checkCitizenId(idWith(2, "90"), "1990-05-17", "Nam")).toBe("century");
    expect(checkCitizenId(idWith(3, "90"), "1990-05-17", "Nữ")).toBe("century");
    expect(checkCitizenId(idWith(5, "90"), "1990-05-17", "Nữ")).toBe("century");
    // Born in the 2000s, but the digit says 1900s.
    expect(checkCitizenId(idWith(0, "05"), "2005-01-01", "Nam")).toBe("century");
  });

  it("says 'century' for a birth year outside the centuries the digit can encode", () => {
    expect(checkCitizenId(idWith(0, "99"), "1799-01-01", "Nam")).toBe("century");
  });

  it("says 'gender' when the century is right but the gender is not", () => {
    expect(checkCitizenId(idWith(1, "90"), "1990-05-17", "Nam")).toBe("gender");
    expect(checkCitizenId(idWith(0, "90"), "1990-05-17", "Nữ")).toBe("gender");
    expect(checkCitizenId(idWith(3, "05"), "2005-01-01", "Nam")).toBe("gender");
    expect(checkCitizenId(idWith(2, "05"), "2005-01-01", "Nữ")).toBe("gender");
  });
});

describe("checkCitizenId: the birth-year digits", () => {
  it("accepts the last two digits of the birth year, zero-padded", () => {
    expect(checkCitizenId(idWith(2, "00"), "2000-02-29", "Nam")).toBeNull();
    expect(checkCitizenId(idWith(2, "07"), "2007-07-07", "Nam")).toBeNull();
  });

  it("says 'birth-year' when digits 5-6 are not the birth year", () => {
    expect(checkCitizenId(idWith(0, "91"), "1990-05-17", "Nam")).toBe("birth-year");
    expect(checkCitizenId(idWith(2, "70"), "2007-07-07", "Nam")).toBe("birth-year");
    expect(checkCitizenId(idWith(2, "7", "001", "0234567"), "2007-07-07", "Nam")).toBe("birth-year");
  });
});

describe("checkCitizenId: the format", () => {
  it.each([
    ["11 digits", "00109012345"],
    ["13 digits", "0010901234567"],
    ["a letter", "00109012345A"],
    ["a space inside", "001090 23456"],
    ["surrounding spaces", " 001090123456 "],
    ["full-width digits", "００１０９０１２３４５６"],
    ["empty", ""],
  ])("says 'format' for an ID with %s", (_label, id) => {
    expect(checkCitizenId(id, "1990-05-17", "Nam")).toBe("format");
  });

  it("says 'format' when the date of birth is not a real date", () => {
    expect(checkCitizenId(idWith(0, "90"), "1990-02-30", "Nam")).toBe("format");
    expect(checkCitizenId(idWith(0, "90"), "17/05/1990", "Nam")).toBe("format");
  });
});

describe("parseIsoDate", () => {
  it.each([
    "2023-02-29",
    "2023-04-31",
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "2024-01-32",
    "1900-02-29",
    "2100-02-29",
  ])("refuses %s", (value) => {
    expect(parseIsoDate(value)).toBeNull();
  });

  it.each(["2024-2-01", "24-02-01", "2024/02/01", "2024-02-01T00:00:00Z", " 2024-02-01"])(
    "refuses the malformed %j",
    (value) => {
      expect(parseIsoDate(value)).toBeNull();
    },
  );

  it("accepts leap days of leap years, including 2000", () => {
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate("2000-02-29")).toEqual({ year: 2000, month: 2, day: 29 });
  });

  it("accepts the last day of every month", () => {
    expect(parseIsoDate("2023-01-31")).not.toBeNull();
    expect(parseIsoDate("2023-04-30")).not.toBeNull();
    expect(parseIsoDate("2023-12-31")).not.toBeNull();
  });

  it("agrees with the calendar for every year, month and day number", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          const real = new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === iso;
          expect(parseIsoDate(iso) !== null).toBe(real);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("checkCitizenId: property over 1900-2099", () => {
  const date = fc.date({
    min: new Date("1900-01-01T00:00:00Z"),
    max: new Date("2099-12-31T00:00:00Z"),
    noInvalidDate: true,
  });
  const gender = fc.constantFrom<Gender>("Nam", "Nữ");
  const digitsOf = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, "0"));

  /** The 4th digit, written from the rule itself rather than from `centuryGenderDigit`. */
  const expectedDigit = (year: number, g: Gender) => (year < 2000 ? 0 : 2) + (g === "Nữ" ? 1 : 0);

  it("an ID built from the date of birth and gender passes, and the other gender fails with 'gender'", () => {
    fc.assert(
      fc.property(date, gender, digitsOf(3), digitsOf(6), (d, g, province, serial) => {
        const dob = d.toISOString().slice(0, 10);
        const year = d.getUTCFullYear();
        const id = `${province}${expectedDigit(year, g)}${String(year % 100).padStart(2, "0")}${serial}`;
        expect(checkCitizenId(id, dob, g)).toBeNull();
        const other: Gender = g === "Nam" ? "Nữ" : "Nam";
        expect(checkCitizenId(id, dob, other)).toBe("gender");
      }),
      { numRuns: 1000 },
    );
  });
});
