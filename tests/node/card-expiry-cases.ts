/**
 * The boundaries of the card-expiry rule (`shared/card-expiry.ts`), written once and run twice: in node
 * (`tests/node/card-expiry.test.ts`) and inside workerd (`tests/workerd/card-expiry.test.ts`).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EXPIRY_WARNING_DAYS,
  addDays,
  birthdayAt,
  cardValidUntil,
  daysBetween,
  expiryState,
} from "../../shared/card-expiry";

/** Registers the expiry-rule tests under `title`. */
export function cardExpiryCases(title: string): void {
  describe(title, () => {
    // Born 10/6/2000: 12th birthday 10/6/2012, 14th 10/6/2014, 23rd 10/6/2023, 25th 10/6/2025, 38th 10/6/2038,
    // 40th 10/6/2040, 58th 10/6/2058, 60th 10/6/2060.
    const DOB = "2000-06-10";

    it.each([
      ["under 14: issued at 5", "2005-03-01", "2014-06-10"],
      ["the day before the 12th birthday: valid through the 14th", "2012-06-09", "2014-06-10"],
      ["on the 12th birthday (2 years before 14): skips 14, valid through the 25th", "2012-06-10", "2025-06-10"],
      ["at 14, on the day it is renewed", "2014-06-10", "2025-06-10"],
      ["the day before the 23rd birthday: valid through the 25th", "2023-06-09", "2025-06-10"],
      ["on the 23rd birthday (2 years before 25): skips 25, valid through the 40th", "2023-06-10", "2040-06-10"],
      ["the day after the 23rd birthday", "2023-06-11", "2040-06-10"],
      ["at 30", "2030-01-15", "2040-06-10"],
      ["the day before the 38th birthday: valid through the 40th", "2038-06-09", "2040-06-10"],
      ["on the 38th birthday (2 years before 40): skips 40, valid through the 60th", "2038-06-10", "2060-06-10"],
      ["the day before the 58th birthday: valid through the 60th", "2058-06-09", "2060-06-10"],
    ])("%s", (_what, issued, until) => {
      expect(cardValidUntil(DOB, issued)).toBe(until);
    });

    it.each([
      ["on the 58th birthday", "2058-06-10"],
      ["the day after the 58th birthday", "2058-06-11"],
      ["at 59", "2059-12-31"],
      ["at 75", "2075-01-01"],
    ])("a card issued %s never expires", (_what, issued) => {
      expect(cardValidUntil(DOB, issued)).toBeNull();
      expect(expiryState(null, "2100-01-01")).toBe("valid");
    });

    it("takes the date printed on a real card: born 14/5/1999, issued 20/8/2021 → valid through 14/5/2024", () => {
      expect(cardValidUntil("1999-05-14", "2021-08-20")).toBe("2024-05-14");
    });

    describe("29 February birthdays fall on 28 February in a year without one", () => {
      it("the birthday itself", () => {
        expect(birthdayAt("2004-02-29", 25)).toBe("2029-02-28");
        expect(birthdayAt("2004-02-29", 40)).toBe("2044-02-29");
        expect(birthdayAt("2004-02-29", 0)).toBe("2004-02-29");
      });

      it("a card is valid through 28 February", () => {
        expect(cardValidUntil("2004-02-29", "2020-01-01")).toBe("2029-02-28");
        expect(expiryState("2029-02-28", "2029-02-28")).toBe("expiring");
        expect(expiryState("2029-02-28", "2029-03-01")).toBe("expired");
      });

      it("a card issued on 28 February, 2 years before, already skips the age", () => {
        // The 23rd birthday of someone born 29/2/2004 is 28/2/2027.
        expect(cardValidUntil("2004-02-29", "2027-02-27")).toBe("2029-02-28");
        expect(cardValidUntil("2004-02-29", "2027-02-28")).toBe("2044-02-29");
      });

      it("in a leap year the birthday is 29 February", () => {
        // Born 29/2/1996: the 38th birthday is 28/2/2034, the 40th 29/2/2036.
        expect(cardValidUntil("1996-02-29", "2034-02-27")).toBe("2036-02-29");
        expect(cardValidUntil("1996-02-29", "2034-02-28")).toBe("2056-02-29");
      });
    });

    describe("the warning window", () => {
      const UNTIL = "2030-06-30";
      it.each([
        [91, "valid"],
        [90, "expiring"],
        [89, "expiring"],
        [1, "expiring"],
        [0, "expiring"],
        [-1, "expired"],
        [-400, "expired"],
      ] as const)("%i days before the last valid day: %s", (before, state) => {
        expect(expiryState(UNTIL, addDays(UNTIL, -before))).toBe(state);
      });

      it("90 days before 30/6/2030 is 1/4/2030", () => {
        expect(addDays(UNTIL, -EXPIRY_WARNING_DAYS)).toBe("2030-04-01");
        expect(expiryState(UNTIL, "2030-03-31")).toBe("valid");
        expect(expiryState(UNTIL, "2030-04-01")).toBe("expiring");
        expect(expiryState(UNTIL, "2030-07-01")).toBe("expired");
      });

      it("counts days across a leap day and year ends", () => {
        expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
        expect(daysBetween("2027-12-31", "2028-01-01")).toBe(1);
        expect(daysBetween("2030-06-30", "2030-04-01")).toBe(-90);
        expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
      });
    });

    it("refuses dates that are not real days", () => {
      expect(() => cardValidUntil("2001-02-29", "2010-01-01")).toThrow(RangeError);
      expect(() => cardValidUntil(DOB, "2010-13-01")).toThrow(RangeError);
      expect(() => expiryState("2030-01-01", "01/01/2030")).toThrow(RangeError);
    });

    it("always gives a renewal birthday after the issue date, or none from the 58th birthday on", () => {
      const day = fc.integer({ min: 0, max: 365 * 90 });
      fc.assert(
        fc.property(day, day, (birth, age) => {
          const dob = addDays("1930-01-01", birth);
          const issued = addDays(dob, age);
          const until = cardValidUntil(dob, issued);
          if (issued >= birthdayAt(dob, 58)) {
            expect(until).toBeNull();
            return;
          }
          expect(until).not.toBeNull();
          const u = until as string;
          expect(u > issued).toBe(true);
          // At least 2 years of validity, and the end is one of the renewal birthdays.
          expect(u >= birthdayAt(issued, 2)).toBe(true);
          expect([14, 25, 40, 60].map((a) => birthdayAt(dob, a))).toContain(u);
        }),
        { numRuns: 500, seed: 20_230_627 },
      );
    });
  });
}
