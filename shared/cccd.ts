/**
 * The QR code printed on the chip ID card (CCCD, 2021: 7 fields) and the 2024 "thẻ căn cước" (11 fields, the last
 * 4 usually empty): UTF-8 text, fields joined by `|`:
 * ID | old CMND (may be empty) | full name | DOB ddmmyyyy | gender | address | issue date ddmmyyyy [| … 4 more].
 * Parsing never throws: every string parses to a card or to a coded problem with a Vietnamese message.
 */
import { type Gender, GENDERS, checkCitizenId, isTwelveDigits, parseIsoDate } from "./citizen";

/** The card types the QR tells apart by its field count. */
export type CardType = "cccd-2021" | "cancuoc-2024";

/** What the card says, with ISO dates. */
export interface CccdCard {
  id: string;
  oldId: string;
  fullName: string;
  /** yyyy-mm-dd */
  dob: string;
  gender: Gender;
  address: string;
  /** yyyy-mm-dd */
  issued: string;
  cardType: CardType;
}

/** Why a payload or a typed card was refused. */
export type CardProblem =
  | "not-cccd"
  | "id"
  | "old-id"
  | "name"
  | "dob"
  | "gender"
  | "address"
  | "issued"
  | "id-century"
  | "id-gender"
  | "id-birth-year"
  | "issued-before-birth"
  | "issued-in-future";

/** The Vietnamese message of each problem. */
export const CARD_MESSAGES: Record<CardProblem | "typed-id-mismatch" | "gender-missing", string> = {
  "not-cccd": "Đây không phải mã QR trên thẻ Căn cước công dân. Vui lòng quét mã QR in trên thẻ.",
  id: "Số định danh cá nhân phải gồm 12 chữ số.",
  "old-id": "Số CMND cũ phải gồm 9 hoặc 12 chữ số.",
  name: "Vui lòng nhập họ và tên.",
  dob: "Ngày sinh không hợp lệ.",
  gender: "Giới tính phải là Nam hoặc Nữ.",
  /** The manual form, when no gender is chosen yet. */
  "gender-missing": "Chọn giới tính",
  address: "Vui lòng nhập nơi thường trú.",
  issued: "Ngày cấp không hợp lệ.",
  "id-century": "Số định danh cá nhân không khớp với năm sinh.",
  "id-gender": "Số định danh cá nhân không khớp với giới tính.",
  "id-birth-year": "Số định danh cá nhân không khớp với năm sinh.",
  "issued-before-birth": "Ngày cấp không thể trước ngày sinh.",
  "issued-in-future": "Ngày cấp không thể sau ngày hôm nay.",
  "typed-id-mismatch": "Mã QR không khớp với số định danh cá nhân đã nhập",
};

/** The form field a problem belongs to, for the manual form. */
export const CARD_PROBLEM_FIELD: Record<CardProblem, keyof CccdCard | null> = {
  "not-cccd": null,
  id: "id",
  "old-id": "oldId",
  name: "fullName",
  dob: "dob",
  gender: "gender",
  address: "address",
  issued: "issued",
  "id-century": "id",
  "id-gender": "id",
  "id-birth-year": "id",
  "issued-before-birth": "issued",
  "issued-in-future": "issued",
};

/** The result of reading a card. */
export type CardResult = { ok: true; card: CccdCard } | { ok: false; problem: CardProblem; message: string };

const refuse = (problem: CardProblem): CardResult => ({ ok: false, problem, message: CARD_MESSAGES[problem] });

/** `ddmmyyyy` → `yyyy-mm-dd` when it is a real date, else `null`. */
export function qrDateToIso(value: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return parseIsoDate(iso) ? iso : null;
}

/** `yyyy-mm-dd` → `ddmmyyyy`. */
export function isoToQrDate(iso: string): string {
  return iso.split("-").reverse().join("");
}

/** Folds text the way names and addresses are compared: NFC, trimmed, single spaces. */
export function tidy(value: string): string {
  return value.normalize("NFC").trim().replace(/\s+/gu, " ");
}

/**
 * Checks a card's fields against each other and against today's date (`today`, yyyy-mm-dd): the same rules for a
 * scanned card and for one typed into the manual form. Returns the first problem, or `null`.
 */
export function checkCard(card: Omit<CccdCard, "cardType">, today: string): CardProblem | null {
  if (!isTwelveDigits(card.id)) return "id";
  if (!/^(\d{9}|\d{12})?$/.test(card.oldId)) return "old-id";
  if (!tidy(card.fullName)) return "name";
  if (!parseIsoDate(card.dob)) return "dob";
  if (!(GENDERS as readonly string[]).includes(card.gender)) return "gender";
  if (!tidy(card.address)) return "address";
  if (!parseIsoDate(card.issued)) return "issued";
  const idProblem = checkCitizenId(card.id, card.dob, card.gender);
  if (idProblem === "century") return "id-century";
  if (idProblem === "gender") return "id-gender";
  if (idProblem === "birth-year") return "id-birth-year";
  if (card.issued < card.dob) return "issued-before-birth";
  if (card.issued > today) return "issued-in-future";
  return null;
}

/**
 * Parses a CCCD QR payload. NFD text, stray white space and a trailing newline are tolerated; empty fields are
 * kept. A payload that is not a card's (a URL, a VietQR payment code, random text) is `not-cccd`.
 */
export function parseCccdQr(payload: string, today: string): CardResult {
  if (typeof payload !== "string") return refuse("not-cccd");
  const text = payload
    .normalize("NFC")
    .replace(/^\uFEFF/, "")
    .trim();
  const fields = text.split("|").map((f) => f.trim());
  if (fields.length !== 7 && fields.length !== 11) return refuse("not-cccd");
  const [id, oldId, fullName, dobQr, gender, address, issuedQr] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  // A card's QR always starts with a 12-digit number and has a ddmmyyyy date of birth; anything else is not one.
  if (!/^\d{9,12}$/.test(id) || !/^\d{8}$/.test(dobQr)) return refuse("not-cccd");
  const dob = qrDateToIso(dobQr);
  if (!dob) return refuse("dob");
  const issued = qrDateToIso(issuedQr);
  if (!issued) return refuse("issued");
  if (!(GENDERS as readonly string[]).includes(gender)) return refuse("gender");
  const card: CccdCard = {
    id,
    oldId,
    fullName: tidy(fullName),
    dob,
    gender: gender as Gender,
    address: tidy(address),
    issued,
    cardType: fields.length === 11 ? "cancuoc-2024" : "cccd-2021",
  };
  const problem = checkCard(card, today);
  return problem ? refuse(problem) : { ok: true, card };
}

/** Builds the QR payload of a card (the inverse of {@link parseCccdQr}). */
export function buildCccdQr(card: CccdCard): string {
  const fields = [
    card.id,
    card.oldId,
    card.fullName,
    isoToQrDate(card.dob),
    card.gender,
    card.address,
    isoToQrDate(card.issued),
  ];
  if (card.cardType === "cancuoc-2024") fields.push("", "", "", "");
  return fields.join("|");
}

/** True when a card read from a QR belongs to the ID number the citizen typed. */
export function cardMatchesTypedId(card: Pick<CccdCard, "id">, typedId: string): boolean {
  return card.id === typedId.trim();
}

/** Whole years of age on `today` (both yyyy-mm-dd). */
export function ageOn(dob: string, today: string): number {
  const [by, bm, bd] = dob.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
