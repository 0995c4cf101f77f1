import { describe, expect, it } from "vitest";
import { CARD_MESSAGES, parseCccdQr } from "../../shared/cccd";
import { CardInput, Level1ApplyBody, RegistrationStartBody } from "../../shared/schemas";
import fixture from "../fixtures/citizens.json";

/** The paths (joined with dots) of the issues a failed parse reports, so a test can say which field was refused. */
function issuePaths(result: {
  success: boolean;
  error?: { issues: ReadonlyArray<{ path: PropertyKey[] }> };
}): string[] {
  if (result.success) return [];
  return (result.error?.issues ?? []).map((issue) => issue.path.map(String).join("."));
}

const card = {
  id: "001090123456",
  oldId: "",
  fullName: "Nguyễn Văn An",
  dob: "1990-05-17",
  gender: "Nam",
  address: "Phường Dịch Vọng, Quận Cầu Giấy, Hà Nội",
  issued: "2022-01-01",
  cardType: "cccd-2021",
};

describe("CardInput", () => {
  it("accepts a valid card, with or without its card type", () => {
    expect(CardInput.safeParse(card)).toEqual({ success: true, data: card });
    const { cardType: _omitted, ...untyped } = card;
    expect(CardInput.safeParse(untyped).success).toBe(true);
    expect(CardInput.safeParse({ ...card, cardType: "cancuoc-2024", oldId: "012345678901" }).success).toBe(true);
  });

  it("accepts every card read from the fixture QRs", () => {
    for (const record of fixture.registry) {
      const result = parseCccdQr(record.qr, "2026-11-22");
      expect(result.ok).toBe(true);
      if (result.ok) expect(CardInput.safeParse(result.card).error?.issues ?? []).toEqual([]);
    }
  });

  it.each<[string, Record<string, string>, string, keyof typeof CARD_MESSAGES]>([
    ["an 11-digit ID", { id: "00109012345" }, "id", "id"],
    ["an ID with a letter", { id: "00109012345A" }, "id", "id"],
    ["a 5-digit old CMND", { oldId: "12345" }, "oldId", "old-id"],
    ["an empty name", { fullName: "" }, "fullName", "name"],
    ["a name of spaces", { fullName: "  \t " }, "fullName", "name"],
    ["30 February as the birth date", { dob: "2000-02-30" }, "dob", "dob"],
    ["a birth date written dd/mm/yyyy", { dob: "17/05/1990" }, "dob", "dob"],
    ["an empty address", { address: " " }, "address", "address"],
    ["31 April as the issue date", { issued: "2022-04-31" }, "issued", "issued"],
    ["a century digit of the 2000s for a 1990 birth", { id: "001290123456" }, "id", "id-century"],
    ["a woman's digit on a man's card", { id: "001190123456" }, "id", "id-gender"],
    ["a man's digit on a woman's card", { gender: "Nữ" }, "id", "id-gender"],
    ["birth-year digits 91 for a 1990 birth", { id: "001091123456" }, "id", "id-birth-year"],
    ["an issue date before the birth", { issued: "1990-05-16" }, "issued", "issued-before-birth"],
  ])("refuses %s on %s with the card message", (_label, patch, path, problem) => {
    const result = CardInput.safeParse({ ...card, ...patch });
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toEqual([path]);
    expect(result.error?.issues[0]?.message).toBe(CARD_MESSAGES[problem]);
  });

  it.each(["M", "nam", "", "Male"])("refuses the gender %j on gender", (gender) => {
    const result = CardInput.safeParse({ ...card, gender });
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toEqual(["gender"]);
  });

  it("leaves the issue date's 'not in the future' check to the server's clock", () => {
    expect(CardInput.safeParse({ ...card, issued: "2099-01-01" }).success).toBe(true);
  });

  it("refuses a key it does not know", () => {
    const result = CardInput.safeParse({ ...card, admin: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
  });

  it("refuses an unknown card type on cardType", () => {
    expect(issuePaths(CardInput.safeParse({ ...card, cardType: "cmnd" }))).toEqual(["cardType"]);
  });

  it.each(["id", "oldId", "fullName", "dob", "gender", "address", "issued"])("refuses a card without %s", (key) => {
    const body: Record<string, unknown> = { ...card };
    delete body[key];
    expect(issuePaths(CardInput.safeParse(body))).toEqual([key]);
  });

  it("refuses over-long fields on their own path", () => {
    expect(issuePaths(CardInput.safeParse({ ...card, fullName: "A".repeat(201) }))).toEqual(["fullName"]);
    // An 11-character date is too long, and (the length issue does not stop the card check) not a date either.
    const dob = CardInput.safeParse({ ...card, dob: "1990-05-17T" });
    expect(new Set(issuePaths(dob))).toEqual(new Set(["dob"]));
    expect(dob.error?.issues.map((i) => i.message)).toContain(CARD_MESSAGES.dob);
  });
});

describe("the bodies that carry a card", () => {
  const registration = { citizenId: "001090123456", phone: "0912345678", card };
  const level1 = { card, photoId: "p".repeat(22) };

  it("accept a valid card", () => {
    expect(RegistrationStartBody.safeParse(registration).success).toBe(true);
    expect(Level1ApplyBody.safeParse(level1).success).toBe(true);
  });

  it("put a card problem under card.<field>", () => {
    const bad = { ...card, dob: "1990-02-30" };
    const reg = RegistrationStartBody.safeParse({ ...registration, card: bad });
    expect(issuePaths(reg)).toEqual(["card.dob"]);
    expect(reg.error?.issues[0]?.message).toBe(CARD_MESSAGES.dob);
    const l1 = Level1ApplyBody.safeParse({ ...level1, card: { ...card, id: "001190123456" } });
    expect(issuePaths(l1)).toEqual(["card.id"]);
    expect(l1.error?.issues[0]?.message).toBe(CARD_MESSAGES["id-gender"]);
  });

  it("refuse an extra key inside the card", () => {
    const result = RegistrationStartBody.safeParse({ ...registration, card: { ...card, extra: 1 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
    expect(issuePaths(result)).toEqual(["card"]);
  });
});
