/** The shared CCCD parser inside workerd, on every fixture payload and on arbitrary text (the Workers runtime's own Unicode). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CARD_MESSAGES, buildCccdQr, parseCccdQr } from "../../shared/cccd";
import fixture from "../fixtures/citizens.json";

const TODAY = "2026-11-22";

describe("CCCD QR parser in workerd", () => {
  it("reads every fixture card, also in NFD with stray white space", () => {
    for (const r of fixture.registry) {
      for (const payload of [r.qr, `  ${r.qr.normalize("NFD")}\n`]) {
        const res = parseCccdQr(payload, TODAY);
        if (!res.ok) throw new Error(`${r.id}: ${res.problem}`);
        expect(res.card).toMatchObject({
          id: r.id,
          fullName: r.fullName,
          dob: r.dob,
          gender: r.gender,
          issued: r.cardIssued,
          cardType: r.cardType,
        });
        expect(buildCccdQr(res.card)).toBe(r.qr);
      }
    }
  });

  it("never throws, and gives a card or a coded problem, on arbitrary text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "grapheme" }),
          fc.array(fc.string(), { maxLength: 14 }).map((xs) => xs.join("|")),
        ),
        (s) => {
          const res = parseCccdQr(s, TODAY);
          if (!res.ok) expect(CARD_MESSAGES[res.problem]).toBe(res.message);
        },
      ),
      { numRuns: 500, seed: 20261122 },
    );
  });

  it("says plainly when a code is not a card's", () => {
    for (const s of ["https://vneid.gov.vn", "00020101021238570010A00000072701270006970403011300669", "xin chào"]) {
      expect(parseCccdQr(s, TODAY)).toMatchObject({
        ok: false,
        problem: "not-cccd",
        message: CARD_MESSAGES["not-cccd"],
      });
    }
  });
});
