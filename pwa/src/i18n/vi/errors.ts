/**
 * The Vietnamese messages the PWA shows that come from `shared/` (so the worker sends the same ones): the message
 * of every error `code` (`shared/messages.ts`), the seed's activation messages, the field messages
 * (`shared/schemas.ts` FIELD_MESSAGES; the officer forms' own are `fields` in `officer.ts`), the card messages
 * (`shared/cccd.ts`), the password rules (`shared/credentials.ts`), zod's generic messages and a few field
 * messages written in the worker. Built from those sources (the few copies are checked by tests/node/i18n.test.ts), so it never differs from
 * what the server says.
 *
 * Not used to show anything in Vietnamese (the server's and the schemas' own text is shown as it is): it is the
 * key from which `../en/errors.ts` (same structure) translates a Vietnamese message into English, and it is loaded
 * only with the English catalogue. A code added to `shared/messages.ts` needs its English in `../en/errors.ts`
 * (typed `Record<ErrorCode, …>`, so typecheck fails until it is there).
 */
import { CARD_MESSAGES } from "../../../../shared/cccd";
import { PASSWORD_RULES, type PasswordRule } from "../../../../shared/credentials";
import {
  ERROR_CODES,
  type ErrorCode,
  type MessageParams,
  SEED_MESSAGES,
  messageFor,
} from "../../../../shared/messages";
import { FIELD_MESSAGES } from "../../../../shared/schemas";

type Strings<T> = { [K in keyof T]: string };

export const viErrors = {
  /** By error code; `p` carries `attemptsLeft` / `retryAfter`. */
  codes: Object.fromEntries(ERROR_CODES.map((code) => [code, (p: MessageParams) => messageFor(code, p)])) as Record<
    ErrorCode,
    (p: MessageParams) => string
  >,
  seed: { ...SEED_MESSAGES } as Strings<typeof SEED_MESSAGES>,
  fields: { ...FIELD_MESSAGES } as Strings<typeof FIELD_MESSAGES>,
  card: { ...CARD_MESSAGES },
  passwordRules: Object.fromEntries(PASSWORD_RULES.map((r) => [r.id, r.label])) as Record<PasswordRule["id"], string>,
  /** zod's generic messages (the `customError` of `shared/schemas.ts`). */
  generic: {
    missing: "Thiếu thông tin bắt buộc",
    type: "Sai kiểu dữ liệu",
    tooBig: "Giá trị quá dài hoặc quá lớn",
    tooSmall: "Giá trị quá ngắn hoặc quá nhỏ",
    format: "Sai định dạng",
    invalid: "Giá trị không hợp lệ",
  },
  /** Field messages written in the worker or in a schema without a named constant. */
  server: {
    slotNotListed: "Khung giờ này không có trong lịch tiếp nhận",
    rangeTooLong: "Khoảng thời gian tối đa 366 ngày",
    provinceCode: "Mã tỉnh gồm 3 chữ số",
    event: "Sự kiện không hợp lệ",
    mobile: "Số điện thoại di động không hợp lệ",
  },
};

/** The shape of this catalogue in every language. */
export type ErrorsDict = typeof viErrors;
