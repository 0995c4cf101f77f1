/**
 * Request and response bodies of the API, shared by the worker (which validates every request with them) and the
 * PWA (which validates its forms and the answers it gets). Written with zod/mini to keep the first screen small.
 */
import * as z from "zod/mini";
import { CARD_MESSAGES, CARD_PROBLEM_FIELD, checkCard } from "./cccd";
import { GENDERS, isTwelveDigits } from "./citizen";
import { ANSWER_MAX, PASSWORD_MAX, isPasscode, isStrongPassword, normalizeAnswer } from "./credentials";
import { ACCOUNT_LEVELS, ACCOUNT_STATUSES, ACTIVATION_STEPS, REGISTRATION_STEPS } from "./lifecycle";
import { parseVnMobile } from "./phone";

/** Field messages, shown next to the input they concern. */
export const FIELD_MESSAGES = {
  citizenId: "Số định danh cá nhân gồm 12 chữ số",
  phone: "Số điện thoại di động không hợp lệ (ví dụ 0912345678 hoặc +84912345678)",
  otp: "Mã OTP gồm 6 chữ số",
  password: "Mật khẩu chưa đáp ứng đủ yêu cầu",
  passwordRequired: "Vui lòng nhập mật khẩu",
  confirmPassword: "Mật khẩu nhập lại không khớp",
  passcode: "Mã passcode gồm 6 chữ số",
  confirmPasscode: "Mã passcode nhập lại không khớp",
  question: "Vui lòng chọn câu hỏi bảo mật",
  questionsDistinct: "Hai câu hỏi bảo mật phải khác nhau",
  answer: `Vui lòng nhập câu trả lời (tối đa ${ANSWER_MAX} ký tự)`,
  deviceId: "Mã thiết bị không hợp lệ",
  flowId: "Phiên kích hoạt không hợp lệ",
} as const;

/**
 * Vietnamese for zod's generic issues (a schema's own messages take precedence). `jitless`: no `new Function` probe
 * or JIT, so the PWA works under a strict Content-Security-Policy (and Workers allow no eval anyway); our objects
 * are tiny. Set here, where every schema is built, so it holds wherever the schemas are loaded.
 */
z.config({
  jitless: true,
  customError: (issue) => {
    switch (issue.code) {
      case "invalid_type":
        return issue.input === undefined ? "Thiếu thông tin bắt buộc" : "Sai kiểu dữ liệu";
      case "unrecognized_keys":
        return `Trường không được hỗ trợ: ${issue.keys.join(", ")}`;
      case "too_big":
        return "Giá trị quá dài hoặc quá lớn";
      case "too_small":
        return "Giá trị quá ngắn hoặc quá nhỏ";
      case "invalid_format":
        return "Sai định dạng";
      default:
        return "Giá trị không hợp lệ";
    }
  },
});

const trimmed = (max: number) =>
  z.pipe(
    z.string().check(z.maxLength(max)),
    z.transform((s: string) => s.trim()),
  );

/** A 12-digit personal ID number; surrounding spaces are ignored. */
export const CitizenId = z.pipe(trimmed(64), z.string().check(z.refine(isTwelveDigits, FIELD_MESSAGES.citizenId)));

/** A Vietnamese mobile number in `0…`, `84…` or `+84…` form, normalised to E.164. */
export const Phone = z.pipe(
  z.string().check(
    z.maxLength(32),
    z.refine((s) => parseVnMobile(s) !== null, FIELD_MESSAGES.phone),
  ),
  z.transform((s: string) => (parseVnMobile(s) as NonNullable<ReturnType<typeof parseVnMobile>>).e164),
);

/** The random id a browser keeps for itself (see `pwa/src/device.ts`). */
export const DeviceId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/, FIELD_MESSAGES.deviceId));

/** The bearer id of a server-side activation flow. */
export const FlowId = z.string().check(z.regex(/^[A-Za-z0-9_-]{22,128}$/, FIELD_MESSAGES.flowId));

/** Seed 000, step 2: "Kích hoạt tài khoản" → "Gửi yêu cầu". */
export const ActivationStartBody = z.strictObject({ citizenId: CitizenId, phone: Phone, deviceId: DeviceId });
/** Any request that names only its activation flow. */
export const FlowBody = z.strictObject({ flowId: FlowId });
/** "Xác thực OTP" → "Xác nhận". */
export const OtpVerifyBody = z.strictObject({
  flowId: FlowId,
  otp: z.pipe(trimmed(32), z.string().check(z.regex(/^\d{6}$/, FIELD_MESSAGES.otp))),
});
/** Password step: "Mật khẩu" and "Nhập lại mật khẩu". */
export const PasswordBody = z
  .strictObject({
    flowId: FlowId,
    password: z.string().check(z.maxLength(PASSWORD_MAX * 2), z.refine(isStrongPassword, FIELD_MESSAGES.password)),
    confirmPassword: z.string().check(z.maxLength(PASSWORD_MAX * 2)),
  })
  .check(
    z.refine((b) => b.password === b.confirmPassword, {
      error: FIELD_MESSAGES.confirmPassword,
      path: ["confirmPassword"],
    }),
  );
/** Passcode step: "Mã passcode" and "Nhập lại mã passcode". */
export const PasscodeBody = z
  .strictObject({
    flowId: FlowId,
    passcode: z.string().check(z.refine(isPasscode, FIELD_MESSAGES.passcode)),
    confirmPasscode: z.string().check(z.maxLength(32)),
  })
  .check(
    z.refine((b) => b.passcode === b.confirmPasscode, {
      error: FIELD_MESSAGES.confirmPasscode,
      path: ["confirmPasscode"],
    }),
  );

const SecurityAnswer = z.strictObject({
  questionId: z.int().check(z.positive(FIELD_MESSAGES.question), z.lte(1_000_000)),
  answer: z.string().check(
    z.maxLength(ANSWER_MAX * 4),
    z.refine((a) => {
      const n = normalizeAnswer(a);
      return n.length > 0 && [...n].length <= ANSWER_MAX;
    }, FIELD_MESSAGES.answer),
  ),
});
/** Security questions step: two different questions, two answers, "Hoàn tất". */
export const SecurityBody = z
  .strictObject({ flowId: FlowId, answers: z.tuple([SecurityAnswer, SecurityAnswer]) })
  .check(
    z.refine((b) => b.answers[0].questionId !== b.answers[1].questionId, {
      error: FIELD_MESSAGES.questionsDistinct,
      path: ["answers", 1, "questionId"],
    }),
  );
/** Seed 000, step 5: "Đăng nhập" with the ID number and the password. */
export const LoginBody = z.strictObject({
  citizenId: CitizenId,
  password: z.string().check(z.minLength(1, FIELD_MESSAGES.passwordRequired), z.maxLength(256)),
});
/** Development only: move the server clock forward. */
export const DevClockBody = z.strictObject({
  advanceSeconds: z.int().check(z.gte(0), z.lte(10 * 366 * 86400)),
});

/**
 * The details of a card, read from its QR or typed into the manual form ("Không quét được QR code?"). Dates are
 * yyyy-mm-dd. The schema checks the fields against each other; the server also checks the issue date against
 * its own today.
 */
export const CardInput = z
  .strictObject({
    id: z.string().check(z.maxLength(64)),
    oldId: z.string().check(z.maxLength(32)),
    fullName: z.string().check(z.maxLength(200)),
    dob: z.string().check(z.maxLength(10)),
    gender: z.pipe(
      z.pipe(
        z.string().check(z.maxLength(16)),
        z.transform((g: string) => g.normalize("NFC").trim()),
      ),
      z.enum(GENDERS, { error: CARD_MESSAGES.gender }),
    ),
    address: z.string().check(z.maxLength(500)),
    issued: z.string().check(z.maxLength(10)),
    cardType: z.optional(z.enum(["cccd-2021", "cancuoc-2024"])),
  })
  .check(
    z.superRefine((card, ctx) => {
      const problem = checkCard(card, "9999-12-31");
      if (!problem) return;
      const field = CARD_PROBLEM_FIELD[problem];
      ctx.issues.push({ code: "custom", input: card, message: CARD_MESSAGES[problem], path: field ? [field] : [] });
    }),
  );

/** "Đăng ký": the ID number and phone typed first, and the card scanned or typed after them. */
export const RegistrationStartBody = z.strictObject({ citizenId: CitizenId, phone: Phone, card: CardInput });

/** The registration flow, as the server holds it: OTP → password → done. */
export const RegistrationState = z.object({
  flowId: FlowId,
  step: z.enum(REGISTRATION_STEPS),
  maskedPhone: z.string(),
  expiresAt: z.string(),
  otp: z.optional(z.object({ expiresAt: z.string(), resendAt: z.string() })),
});

/** "Xác nhận thông tin đăng ký" for level 1: the card, the portrait uploaded before, an optional e-mail. */
export const Level1ApplyBody = z.strictObject({
  card: CardInput,
  photoId: z.string().check(z.regex(/^[A-Za-z0-9_-]{22,64}$/, "Ảnh chân dung không hợp lệ")),
  email: z.optional(
    z.pipe(
      trimmed(254),
      z
        .string()
        .check(z.refine((e) => e === "" || /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(e), "Địa chỉ email không hợp lệ")),
    ),
  ),
});

/** `POST /api/level1/photo`'s answer. */
export const PhotoResponse = z.object({
  photoId: z.string(),
  bytes: z.number(),
  width: z.number(),
  height: z.number(),
});

/** The error body of every failed request. */
export const ErrorResponse = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.optional(z.string()),
  /** `NOT_IDENTIFIED`: the next step, "Đăng ký" (`register`, no account) or "Đăng ký tài khoản mức 1" (`level1`). */
  next: z.optional(z.enum(["register", "level1"])),
  retryAfter: z.optional(z.number()),
  attemptsLeft: z.optional(z.number()),
  fields: z.optional(z.record(z.string(), z.string())),
  /** The request's id (the `X-Request-Id` header): quote it to trace a complaint in the logs. */
  requestId: z.optional(z.string()),
});

/** Where the device stands before activation (seed 001, step 7). */
export const DeviceStatus = z.enum(["free", "this-account", "other-account"]);

/** The activation flow, as the server holds it. */
export const ActivationState = z.object({
  flowId: FlowId,
  step: z.enum(ACTIVATION_STEPS),
  needsPassword: z.boolean(),
  maskedPhone: z.string(),
  device: DeviceStatus,
  expiresAt: z.string(),
  otp: z.optional(
    z.object({
      expiresAt: z.string(),
      resendAt: z.string(),
    }),
  ),
});

/** A security question the app offers. */
export const SecurityQuestion = z.object({ id: z.number(), text: z.string() });
/** `GET /api/security-questions`. */
export const SecurityQuestionsResponse = z.object({ questions: z.array(SecurityQuestion) });

/**
 * The device an account is bound to: its id (to tell "Thiết bị này"), when it was bound, and the browser and system
 * its User-Agent named then (`null`: not recognised, "Trình duyệt khác"). Screens show the name, never the id.
 */
export const BoundDevice = z.object({
  deviceId: z.string(),
  boundAt: z.string(),
  browser: z.nullable(z.string()),
  os: z.nullable(z.string()),
});

/** The logged-in citizen's home (`GET /api/me`). */
export const MeResponse = z.object({
  citizenId: z.string(),
  fullName: z.string(),
  level: z.literal(ACCOUNT_LEVELS),
  status: z.enum(ACCOUNT_STATUSES),
  maskedPhone: z.string(),
  device: z.nullable(BoundDevice),
  /** The application waiting for approval, when there is one, with its reference and tracking code. */
  application: z.optional(
    z.object({
      level: z.literal([1, 2]),
      submittedAt: z.string(),
      reference: z.optional(z.string()),
      trackingCode: z.optional(z.string()),
    }),
  ),
  /** "Thông báo": how many notifications are unread. */
  unreadNotifications: z.optional(z.int()),
});

/** `POST /api/dev/clock`'s answer. */
export const DevClockResponse = z.object({ now: z.string() });

/** A message in the development SMS outbox. */
export const DevSmsResponse = z.object({
  messages: z.array(z.object({ to: z.string(), text: z.string(), sentAt: z.string() })),
});

export type ActivationStartInput = z.input<typeof ActivationStartBody>;
export type ActivationStateT = z.infer<typeof ActivationState>;
export type MeResponseT = z.infer<typeof MeResponse>;
export type RegistrationStateT = z.infer<typeof RegistrationState>;
export type CardInputT = z.infer<typeof CardInput>;
export type ErrorResponseT = z.infer<typeof ErrorResponse>;
export type SecurityQuestionT = z.infer<typeof SecurityQuestion>;
