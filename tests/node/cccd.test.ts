import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CARD_MESSAGES,
  CARD_PROBLEM_FIELD,
  type CardProblem,
  type CardResult,
  type CccdCard,
  ageOn,
  buildCccdQr,
  cardMatchesTypedId,
  checkCard,
  isoToQrDate,
  parseCccdQr,
  qrDateToIso,
  tidy,
} from "../../shared/cccd";
import { type Gender, centuryGenderDigit } from "../../shared/citizen";
import fixture from "../fixtures/citizens.json";

/** The "today" every test reads cards on. */
const TODAY = "2026-11-22";

/** A valid 2021 card's fields, in QR order; tests change one field at a time. */
const BASE_FIELDS = [
  "001090123456",
  "",
  "Nguyễn Văn An",
  "17051990",
  "Nam",
  "Phường Dịch Vọng, Quận Cầu Giấy, Hà Nội",
  "01012022",
] as const;

const BASE_CARD: CccdCard = {
  id: "001090123456",
  oldId: "",
  fullName: "Nguyễn Văn An",
  dob: "1990-05-17",
  gender: "Nam",
  address: "Phường Dịch Vọng, Quận Cầu Giấy, Hà Nội",
  issued: "2022-01-01",
  cardType: "cccd-2021",
};

/** The base payload with field `index` replaced by `value`. */
function withField(index: number, value: string): string {
  const fields: string[] = [...BASE_FIELDS];
  fields[index] = value;
  return fields.join("|");
}

/** Problems a parse can report: the keys of CARD_PROBLEM_FIELD, which lists every CardProblem. */
const PROBLEMS = new Set(Object.keys(CARD_PROBLEM_FIELD));

/** Checks the shape of any result: a card that passes the checks, or a coded problem with its message. */
function expectWellFormed(result: CardResult, today = TODAY): void {
  if (result.ok) {
    expect(checkCard(result.card, today)).toBeNull();
    expect(["cccd-2021", "cancuoc-2024"]).toContain(result.card.cardType);
  } else {
    expect(PROBLEMS.has(result.problem)).toBe(true);
    expect(Object.keys(CARD_MESSAGES)).toContain(result.problem);
    expect(result.message).toBe(CARD_MESSAGES[result.problem]);
    expect(result.message.length).toBeGreaterThan(0);
  }
}

const refused = (problem: CardProblem) => ({ ok: false, problem, message: CARD_MESSAGES[problem] });

describe("parseCccdQr: the fixture cards", () => {
  const registry = fixture.registry;

  it("has the 120 citizens, with both card types", () => {
    expect(registry).toHaveLength(120);
    expect(new Set(registry.map((r) => r.cardType))).toEqual(new Set(["cccd-2021", "cancuoc-2024"]));
  });

  it.each(registry.map((r) => [r.id, r] as const))("reads %s's QR as the registry record", (_id, record) => {
    const result = parseCccdQr(record.qr, TODAY);
    expect(result).toEqual({
      ok: true,
      card: {
        id: record.id,
        oldId: record.oldId,
        fullName: record.fullName,
        dob: record.dob,
        gender: record.gender,
        address: record.address,
        issued: record.cardIssued,
        cardType: record.cardType,
      },
    });
    // The card type follows the field count.
    expect(record.qr.split("|").length).toBe(record.cardType === "cccd-2021" ? 7 : 11);
  });

  it("reads every fixture QR the same when it arrives in NFD with white space around it", () => {
    for (const record of registry) {
      const original = parseCccdQr(record.qr, TODAY);
      expect(parseCccdQr(`  ${record.qr.normalize("NFD")}  \n`, TODAY)).toEqual(original);
    }
  });

  it("builds each fixture card back into its own QR", () => {
    for (const record of registry) {
      const result = parseCccdQr(record.qr, TODAY);
      expect(result.ok && buildCccdQr(result.card)).toBe(record.qr);
    }
  });
});

describe("parseCccdQr: well-formed payloads", () => {
  it("reads a 7-field payload as a 2021 CCCD", () => {
    expect(parseCccdQr(BASE_FIELDS.join("|"), TODAY)).toEqual({ ok: true, card: BASE_CARD });
  });

  it("reads an 11-field payload as a 2024 căn cước card", () => {
    const payload = `${BASE_FIELDS.join("|")}||||`;
    expect(payload.split("|")).toHaveLength(11);
    expect(parseCccdQr(payload, TODAY)).toEqual({ ok: true, card: { ...BASE_CARD, cardType: "cancuoc-2024" } });
  });

  it("reads a woman's card with a 9-digit and with a 12-digit old CMND", () => {
    const fields = [
      "079304123456",
      "025123456",
      "Trần Thị Ngọc Ánh",
      "29022004",
      "Nữ",
      "Quận 1, TP Hồ Chí Minh",
      "01072024",
    ];
    const card: CccdCard = {
      id: "079304123456",
      oldId: "025123456",
      fullName: "Trần Thị Ngọc Ánh",
      dob: "2004-02-29",
      gender: "Nữ",
      address: "Quận 1, TP Hồ Chí Minh",
      issued: "2024-07-01",
      cardType: "cccd-2021",
    };
    expect(parseCccdQr(fields.join("|"), TODAY)).toEqual({ ok: true, card });
    fields[1] = "079123456789";
    expect(parseCccdQr(fields.join("|"), TODAY)).toEqual({ ok: true, card: { ...card, oldId: "079123456789" } });
  });

  it("reads an NFD payload with spaces and a newline around it as the NFC card", () => {
    const nfc = BASE_FIELDS.join("|");
    const nfd = nfc.normalize("NFD");
    expect(nfd).not.toBe(nfc);
    const result = parseCccdQr(`  ${nfd}  \n`, TODAY);
    expect(result).toEqual({ ok: true, card: BASE_CARD });
    if (result.ok) {
      expect(result.card.fullName).toBe(result.card.fullName.normalize("NFC"));
      expect(result.card.address).toBe(result.card.address.normalize("NFC"));
    }
  });

  it("reads an NFD 'Nữ'", () => {
    const payload = ["001190123456", "", "Lê Thị Hà", "01011990", "Nữ".normalize("NFD"), "Hà Nội", "01012022"].join(
      "|",
    );
    const result = parseCccdQr(payload, TODAY);
    expect(result.ok && result.card.gender).toBe("Nữ");
  });

  it("tolerates a trailing CRLF, a BOM and spaces around each field; folds spaces inside name and address", () => {
    const payload = `\uFEFF 001090123456 |  | Nguyễn   Văn  An | 17051990 | Nam | Phường Dịch Vọng,  Quận Cầu Giấy, Hà Nội | 01012022\r\n`;
    expect(parseCccdQr(payload, TODAY)).toEqual({ ok: true, card: BASE_CARD });
  });

  it("keeps empty fields: an empty old CMND is not dropped and does not shift the other fields", () => {
    const result = parseCccdQr(withField(1, ""), TODAY);
    expect(result.ok && result.card.oldId).toBe("");
    expect(result.ok && result.card.fullName).toBe("Nguyễn Văn An");
  });

  it("accepts an issue date on the birth date and on today", () => {
    expect(parseCccdQr(withField(6, "17051990"), TODAY).ok).toBe(true);
    expect(parseCccdQr(withField(6, "22112026"), TODAY).ok).toBe(true);
  });
});

describe("parseCccdQr: each problem", () => {
  it.each<[string, number, string, CardProblem]>([
    ["an 11-digit ID", 0, "00109012345", "id"],
    ["a 9-digit ID", 0, "001090123", "id"],
    ["30 February as the date of birth", 3, "30022000", "dob"],
    ["month 13 as the date of birth", 3, "01131990", "dob"],
    ["31 April as the issue date", 6, "31042022", "issued"],
    ["an issue date that is not a date", 6, "2022-01-01", "issued"],
    ["an empty issue date", 6, "", "issued"],
    ["gender 'M'", 4, "M", "gender"],
    ["gender 'nam' in lower case", 4, "nam", "gender"],
    ["an empty gender", 4, "", "gender"],
    ["a century digit of the 2000s for a 1990 birth", 0, "001290123456", "id-century"],
    ["a century digit of the 1800s for a 1990 birth", 0, "001890123456", "id-century"],
    ["a woman's digit on a man's card", 0, "001190123456", "id-gender"],
    ["birth-year digits 91 for a 1990 birth", 0, "001091123456", "id-birth-year"],
    ["an issue date before the birth", 6, "16051990", "issued-before-birth"],
    ["an issue date after today", 6, "23112026", "issued-in-future"],
    ["an empty name", 2, "", "name"],
    ["a name of spaces", 2, "   ", "name"],
    ["an empty address", 5, "", "address"],
    ["a 5-digit old CMND", 1, "12345", "old-id"],
    ["a 10-digit old CMND", 1, "0123456789", "old-id"],
  ])("refuses %s", (_label, index, value, problem) => {
    expect(parseCccdQr(withField(index, value), TODAY)).toEqual(refused(problem));
  });

  it("says a woman's card with a man's digit is 'id-gender'", () => {
    const payload = ["001090123456", "", "Lê Thị Hà", "17051990", "Nữ", "Hà Nội", "01012022"].join("|");
    expect(parseCccdQr(payload, TODAY)).toEqual(refused("id-gender"));
  });

  it("judges 'issued in the future' against the given today", () => {
    const payload = withField(6, "01122026");
    expect(parseCccdQr(payload, "2026-11-30")).toEqual(refused("issued-in-future"));
    expect(parseCccdQr(payload, "2026-12-01").ok).toBe(true);
  });

  it("gives each problem its Vietnamese message", () => {
    expect(parseCccdQr(withField(3, "30022000"), TODAY)).toMatchObject({ message: "Ngày sinh không hợp lệ." });
    expect(parseCccdQr(withField(4, "M"), TODAY)).toMatchObject({ message: "Giới tính phải là Nam hoặc Nữ." });
    expect(parseCccdQr(withField(0, "00109012345"), TODAY)).toMatchObject({
      message: "Số định danh cá nhân phải gồm 12 chữ số.",
    });
  });
});

describe("parseCccdQr: payloads that are not a card's", () => {
  const vietQr =
    "00020101021238570010A00000072701270006970403011300669123456780208QRIBFTTA53037045802VN62150811Chuyen tien6304ABCD";

  it.each<[string, string]>([
    ["a URL", "https://vneid.gov.vn/"],
    ["a URL with | in it", "https://example.com/?a=1|2|3|4|5|6|7"],
    ["a VietQR payment code", vietQr],
    ["the VietQR code from the issue", "00020101021238570010A00000072701270006970403011300669…6304ABCD"],
    ["an empty string", ""],
    ["white space only", "  \n\t "],
    ["random text", "Xin chào, đây là một đoạn văn bản bất kỳ."],
    ["random text in 7 fields", "a|b|c|d|e|f|g"],
    ["6 fields", BASE_FIELDS.slice(0, 6).join("|")],
    ["8 fields", `${BASE_FIELDS.join("|")}|`],
    ["10 fields", `${BASE_FIELDS.join("|")}|||`],
    ["12 fields", `${BASE_FIELDS.join("|")}|||||`],
    ["a 13-digit first field", withField(0, "0010901234567")],
    ["a first field with letters", withField(0, "00109012345A")],
    ["a date of birth not written ddmmyyyy", withField(3, "17/05/1990")],
    ["only pipes", "||||||"],
  ])("says %s is not a CCCD QR", (_label, payload) => {
    expect(parseCccdQr(payload, TODAY)).toEqual(refused("not-cccd"));
  });

  it("says so clearly", () => {
    expect(CARD_MESSAGES["not-cccd"]).toBe(
      "Đây không phải mã QR trên thẻ Căn cước công dân. Vui lòng quét mã QR in trên thẻ.",
    );
  });

  it("refuses a value that is not a string without throwing", () => {
    expect(parseCccdQr(undefined as unknown as string, TODAY)).toEqual(refused("not-cccd"));
    expect(parseCccdQr(42 as unknown as string, TODAY)).toEqual(refused("not-cccd"));
  });
});

describe("checkCard", () => {
  it("accepts the base card and names the first problem of a bad one", () => {
    expect(checkCard(BASE_CARD, TODAY)).toBeNull();
    expect(checkCard({ ...BASE_CARD, id: "1", dob: "x" }, TODAY)).toBe("id");
    expect(checkCard({ ...BASE_CARD, dob: "1990-02-30" }, TODAY)).toBe("dob");
    expect(checkCard({ ...BASE_CARD, issued: "2022-13-01" }, TODAY)).toBe("issued");
    expect(checkCard({ ...BASE_CARD, gender: "Nữ" }, TODAY)).toBe("id-gender");
  });

  it("maps every problem to a form field that exists on a card, or to none for not-cccd", () => {
    for (const [problem, field] of Object.entries(CARD_PROBLEM_FIELD)) {
      if (problem === "not-cccd") expect(field).toBeNull();
      else expect(Object.keys(BASE_CARD)).toContain(field);
    }
  });
});

describe("qrDateToIso and isoToQrDate", () => {
  it.each([
    ["17051990", "1990-05-17"],
    ["29022000", "2000-02-29"],
    ["31122025", "2025-12-31"],
  ])("reads %s as %s, and back", (qr, iso) => {
    expect(qrDateToIso(qr)).toBe(iso);
    expect(isoToQrDate(iso)).toBe(qr);
  });

  it.each(["30022000", "29021900", "29022023", "00012000", "01002000", "1705199", "170519900", "1990-05-17", ""])(
    "refuses %j",
    (qr) => {
      expect(qrDateToIso(qr)).toBeNull();
    },
  );
});

describe("tidy", () => {
  it("folds to NFC, trims and keeps single spaces", () => {
    expect(tidy("  Nguyễn\t\tVăn \n An ".normalize("NFD"))).toBe("Nguyễn Văn An");
    expect(tidy("   ")).toBe("");
  });
});

describe("cardMatchesTypedId", () => {
  it("matches the ID the citizen typed, ignoring spaces around it", () => {
    expect(cardMatchesTypedId(BASE_CARD, "001090123456")).toBe(true);
    expect(cardMatchesTypedId(BASE_CARD, " 001090123456\n")).toBe(true);
  });

  it("does not match another ID", () => {
    expect(cardMatchesTypedId(BASE_CARD, "001090123457")).toBe(false);
    expect(cardMatchesTypedId(BASE_CARD, "00109012345")).toBe(false);
    expect(cardMatchesTypedId(BASE_CARD, "")).toBe(false);
  });

  it("has the message for a mismatch", () => {
    expect(CARD_MESSAGES["typed-id-mismatch"]).toBe("Mã QR không khớp với số định danh cá nhân đã nhập");
  });
});

describe("ageOn", () => {
  it("turns 14 on the 14th birthday, not the day before", () => {
    expect(ageOn("2012-11-22", "2026-11-21")).toBe(13);
    expect(ageOn("2012-11-22", "2026-11-22")).toBe(14);
    expect(ageOn("2012-11-22", "2026-11-23")).toBe(14);
  });

  it("counts across a month and a year boundary", () => {
    expect(ageOn("2012-12-01", "2026-11-30")).toBe(13);
    expect(ageOn("2012-12-01", "2026-12-01")).toBe(14);
    expect(ageOn("2012-01-01", "2025-12-31")).toBe(13);
    expect(ageOn("2012-01-01", "2026-01-01")).toBe(14);
  });

  it("is 0 on the day of birth", () => {
    expect(ageOn("2026-11-22", "2026-11-22")).toBe(0);
  });

  it("counts a 29 February birthday from 1 March in common years, and on 29 February in leap years", () => {
    // Born 29 Feb 2012: the 14th birthday falls in 2026, a common year.
    expect(ageOn("2012-02-29", "2026-02-28")).toBe(13);
    expect(ageOn("2012-02-29", "2026-03-01")).toBe(14);
    // In a leap year the birthday itself exists.
    expect(ageOn("2012-02-29", "2028-02-28")).toBe(15);
    expect(ageOn("2012-02-29", "2028-02-29")).toBe(16);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

const LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";
const LETTERS_ALL = [...LETTERS, ...LETTERS.toUpperCase()];

/** A Vietnamese-looking word. */
const word = fc.string({ unit: fc.constantFrom(...LETTERS_ALL), minLength: 1, maxLength: 7 });
/** A full name: words joined by single spaces, NFC, no "|". */
const vnName = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(" "));
/** An address: name-like parts, numbers and punctuation, joined by ", ". */
const addressPart = fc.oneof(
  vnName,
  fc.tuple(word, fc.integer({ min: 1, max: 999 })).map(([w, n]) => `${w} ${n}`),
  fc.stringMatching(/^[0-9]{1,3}\/[0-9]{1,3}[A-Z]? [A-Za-zđĐ.-]{1,8}$/),
);
const vnAddress = fc.array(addressPart, { minLength: 1, maxLength: 4 }).map((ps) => ps.join(", "));

/** Any text the parser leaves as it is: NFC, no white space at the ends or doubled, no "|", not empty. */
const anyTidyText = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 30 })
  .map((s) => tidy(s).replaceAll("|", "/"))
  .filter((s) => s !== "" && tidy(s) === s);

const digits = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });

const MIN_DOB = dayNumber("1900-01-01");
const MAX_DOB = dayNumber("2025-12-31");
const TODAY_DAY = dayNumber(TODAY);

/** A valid card: the ID agrees with the birth year and gender, the issue date lies between birth and today. */
function validCard(text: { name: fc.Arbitrary<string>; address: fc.Arbitrary<string> }): fc.Arbitrary<CccdCard> {
  return fc
    .integer({ min: MIN_DOB, max: MAX_DOB })
    .chain((dobDay) => fc.tuple(fc.constant(dobDay), fc.integer({ min: dobDay, max: TODAY_DAY })))
    .chain(([dobDay, issuedDay]) => {
      const dob = isoOfDay(dobDay);
      return fc.record({
        province: digits(3),
        serial: digits(6),
        gender: fc.constantFrom<Gender>("Nam", "Nữ"),
        oldId: fc.oneof(fc.constant(""), digits(9), digits(12)),
        fullName: text.name,
        address: text.address,
        cardType: fc.constantFrom<CccdCard["cardType"]>("cccd-2021", "cancuoc-2024"),
        dob: fc.constant(dob),
        issued: fc.constant(isoOfDay(issuedDay)),
      });
    })
    .map(({ province, serial, gender, oldId, fullName, address, cardType, dob, issued }) => {
      const year = Number(dob.slice(0, 4));
      const id = `${province}${centuryGenderDigit(year, gender)}${dob.slice(2, 4)}${serial}`;
      return { id, oldId, fullName, dob, gender, address, issued, cardType };
    });
}

const vnCard = validCard({ name: vnName, address: vnAddress });
const anyTextCard = validCard({ name: anyTidyText, address: anyTidyText });

const SEED = 20261122;
const RUNS = 400;

/** White space a scanner may leave around a payload. */
const surrounding = fc.tuple(
  fc.constantFrom("", " ", "  ", "\n", "\t", "\uFEFF", " \r\n"),
  fc.constantFrom("", " ", "  \n", "\n", "\r\n", "\t "),
);

describe("parseCccdQr: round trip (property)", () => {
  it("generates cards that pass checkCard", () => {
    fc.assert(
      fc.property(vnCard, (card) => {
        expect(checkCard(card, TODAY)).toBeNull();
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("parses a built payload back into the same card", () => {
    fc.assert(
      fc.property(vnCard, (card) => {
        const payload = buildCccdQr(card);
        expect(payload.split("|")).toHaveLength(card.cardType === "cccd-2021" ? 7 : 11);
        expect(parseCccdQr(payload, TODAY)).toEqual({ ok: true, card });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("parses the same card from an NFD payload with white space around it", () => {
    fc.assert(
      fc.property(vnCard, surrounding, (card, [before, after]) => {
        const payload = `${before}${buildCccdQr(card).normalize("NFD")}${after}`;
        expect(parseCccdQr(payload, TODAY)).toEqual({ ok: true, card });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("round-trips names and addresses of arbitrary Unicode text (NFC, tidy, no '|')", () => {
    fc.assert(
      fc.property(anyTextCard, surrounding, fc.boolean(), (card, [before, after], nfd) => {
        const built = buildCccdQr(card);
        expect(parseCccdQr(built, TODAY)).toEqual({ ok: true, card });
        const payload = `${before}${nfd ? built.normalize("NFD") : built}${after}`;
        expect(parseCccdQr(payload, TODAY)).toEqual({ ok: true, card });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("refuses the same card with the other gender as 'id-gender'", () => {
    fc.assert(
      fc.property(vnCard, (card) => {
        const other: Gender = card.gender === "Nam" ? "Nữ" : "Nam";
        expect(parseCccdQr(buildCccdQr({ ...card, gender: other }), TODAY)).toEqual(refused("id-gender"));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

/** A field of a pipe-joined payload: sometimes plausible, sometimes junk. */
const field = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  digits(12),
  digits(9),
  digits(8),
  fc.integer({ min: MIN_DOB - 40_000, max: TODAY_DAY + 40_000 }).map((d) => isoToQrDate(isoOfDay(d))),
  fc.constantFrom("", " ", "Nam", "Nữ", "Nữ".normalize("NFD"), "M", "F", "\n"),
  vnName,
);
const pipeJoined = fc.array(field, { minLength: 0, maxLength: 15 }).map((fs) => fs.join("|"));

describe("parseCccdQr: never throws (property)", () => {
  it.each<[string, fc.Arbitrary<string>]>([
    ["fc.string()", fc.string()],
    ["grapheme strings", fc.string({ unit: "grapheme" })],
    ["binary strings (lone surrogates)", fc.string({ unit: "binary" })],
    ["0-15 fields joined by '|'", pipeJoined],
  ])("gives a card or a coded problem for %s", (_label, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (payload) => {
        let result: CardResult | undefined;
        expect(() => {
          result = parseCccdQr(payload, TODAY);
        }).not.toThrow();
        expectWellFormed(result as CardResult);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("says not-cccd whenever the field count is neither 7 nor 11", () => {
    fc.assert(
      fc.property(pipeJoined, (payload) => {
        const count = payload.normalize("NFC").trim().split("|").length;
        fc.pre(count !== 7 && count !== 11);
        expect(parseCccdQr(payload, TODAY)).toEqual(refused("not-cccd"));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("reads a card it accepted the same way after building it again", () => {
    const sevenOrEleven = fc
      .tuple(fc.array(field, { minLength: 7, maxLength: 7 }), fc.boolean())
      .map(([fs, long]) => [...fs, ...(long ? ["", "", "", ""] : [])].join("|"));
    // Most random fields fail; mix in valid cards so the accepted branch runs too.
    const payloads = fc.oneof(sevenOrEleven, vnCard.map(buildCccdQr));
    fc.assert(
      fc.property(payloads, (payload) => {
        const result = parseCccdQr(payload, TODAY);
        expectWellFormed(result);
        if (result.ok) expect(parseCccdQr(buildCccdQr(result.card), TODAY)).toEqual(result);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
