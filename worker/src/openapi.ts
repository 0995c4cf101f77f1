/**
 * `GET /api/openapi.json`: an OpenAPI 3.1 description of every API route, generated from the same zod schemas that
 * validate the requests (`shared/schemas.ts`, `shared/registry-file.ts`), so that the two cannot drift. The paths
 * table below is written next to the routes; `tests/workerd/openapi.test.ts` checks it against the router's own list,
 * and every example in it against its schema.
 */
import * as z from "zod/mini";
import { LIMITS } from "../../shared/limits";
import { type ErrorCode, messageFor } from "../../shared/messages";
import { IdentityQrBody, IdentityQrResponse, Jwks } from "../../shared/identity-schemas";
import { RegistryFile } from "../../shared/registry-file";
import {
  ActivityResponse,
  DevicesResponse,
  LogoutOthersBody,
  LogoutOthersResponse,
  PasscodeRecoveryStartBody,
  PasscodeRecoveryState,
  RecoveryAnswerBody,
  RecoveryStartBody,
  RecoveryState,
  UnlinkDeviceBody,
} from "../../shared/account-schemas";
import {
  CardResponse,
  DependantBody,
  DependantsResponse,
  NotificationsReadBody,
  NotificationsReadResponse,
  NotificationsResponse,
  PapersResponse,
} from "../../shared/card-api";
import {
  ActivationStartBody,
  ActivationState,
  CardInput,
  DevClockBody,
  DevClockResponse,
  DevSmsResponse,
  ErrorResponse,
  FlowBody,
  Level1ApplyBody,
  LoginBody,
  MeResponse,
  OtpVerifyBody,
  PasscodeBody,
  PasswordBody,
  PhotoResponse,
  RegistrationStartBody,
  RegistrationState,
  SecurityBody,
  SecurityQuestionsResponse,
} from "../../shared/schemas";
import {
  ApplicationDetail,
  ApplicationItem,
  ApplicationsResponse,
  ApproveBody,
  AuditResponse,
  BookingBody,
  BookingResponse,
  CancelBookingBody,
  DevOfficerBody,
  DevOfficerResponse,
  IntakeBody,
  IntakeResponse,
  OfficerAppointmentsResponse,
  OfficerLoginBody,
  OfficerMe,
  OfficerPasswordBody,
  OfficerSessionResponse,
  RejectBody,
  ReportsResponse,
  SlotsResponse,
  TrackBody,
  TrackMineResponse,
  TrackResponse,
  UnitsFile,
  UnitsImportResponse,
  UnitsResponse,
} from "../../shared/officer-schemas";
import {
  DevFaultBody,
  DevFaultResponse,
  EVENT_SYNC_MAX_BYTES,
  EventDetailResponse,
  EventSession,
  EventStartBody,
  EventSyncBody,
  EventSyncResponse,
} from "../../shared/event-schemas";
import { PHOTO_MAX_BYTES, PHOTO_MAX_SIDE } from "./domain/level1";
import { OFFICER_COOKIE } from "./domain/officer";
import { SESSION_COOKIE } from "./domain/session";
import { errorResponse } from "./errors";
import { BenchHashBody } from "./routes/bench";
import { json } from "./http";

// ------------------------------------------------------------------------------------------------------------------
// Response bodies that have no shared schema (the PWA does not parse them): written here, checked by the tests.

/** `GET /api/health`. */
export const HealthResponse = z.object({ ok: z.literal(true), app: z.string(), environment: z.string() });
/** `{ "ok": true }`: cancel and logout. */
export const OkResponse = z.object({ ok: z.literal(true) });
/** `POST /api/dev/registry/import`: what the import wrote (see `ImportSummary` in `shared/registry-file.ts`). */
export const ImportSummaryResponse = z.object({
  questions: z.int(),
  registry: z.int(),
  accountsCreated: z.int(),
  accountsUnchanged: z.int(),
});
/** `POST /api/dev/bench/hash`. */
export const BenchHashResponse = z.object({ count: z.int(), iterations: z.int() });
/** `GET /api/officer/reports.csv`: CSV text (UTF-8 with a BOM), described as a string. */
export const CsvText = z.string();
/** `GET /api/officer/photos/:id`: the JPEG bytes, described as a string. */
export const JpegBytes = z.string();
/** This document (only its outline). */
export const OpenApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
  components: z.looseObject({}),
});

/**
 * Every schema of the document, by component name. Request bodies are the very schemas `readJson` validates with.
 * `ErrorResponse` is the body of every failure.
 */
export const COMPONENTS = {
  ActivationStartBody,
  FlowBody,
  OtpVerifyBody,
  PasswordBody,
  PasscodeBody,
  SecurityBody,
  LoginBody,
  RegistrationStartBody,
  Level1ApplyBody,
  DevClockBody,
  RegistryFile,
  BenchHashBody,
  CardInput,
  ActivationState,
  RegistrationState,
  MeResponse,
  SecurityQuestionsResponse,
  PhotoResponse,
  DevClockResponse,
  DevSmsResponse,
  HealthResponse,
  OkResponse,
  ImportSummaryResponse,
  BenchHashResponse,
  OpenApiDocument,
  OfficerLoginBody,
  OfficerPasswordBody,
  OfficerSessionResponse,
  OfficerMe,
  IntakeBody,
  IntakeResponse,
  ApplicationsResponse,
  ApplicationItem,
  ApplicationDetail,
  ApproveBody,
  RejectBody,
  TrackBody,
  TrackResponse,
  TrackMineResponse,
  UnitsResponse,
  SlotsResponse,
  BookingBody,
  BookingResponse,
  CancelBookingBody,
  OfficerAppointmentsResponse,
  ReportsResponse,
  CsvText,
  JpegBytes,
  AuditResponse,
  UnitsFile,
  UnitsImportResponse,
  DevOfficerBody,
  DevOfficerResponse,
  IdentityQrBody,
  IdentityQrResponse,
  Jwks,
  RecoveryStartBody,
  RecoveryAnswerBody,
  RecoveryState,
  PasscodeRecoveryStartBody,
  PasscodeRecoveryState,
  UnlinkDeviceBody,
  LogoutOthersBody,
  LogoutOthersResponse,
  DevicesResponse,
  ActivityResponse,
  CardResponse,
  PapersResponse,
  DependantBody,
  DependantsResponse,
  NotificationsResponse,
  NotificationsReadBody,
  NotificationsReadResponse,
  EventStartBody,
  EventSession,
  EventSyncBody,
  EventSyncResponse,
  EventDetailResponse,
  DevFaultBody,
  DevFaultResponse,
  ErrorResponse,
} as const satisfies Record<string, z.ZodMiniType>;

/** A component name. */
export type ComponentName = keyof typeof COMPONENTS;

// ------------------------------------------------------------------------------------------------------------------
// The paths table.

/** How a route takes its input. */
export type RequestDoc =
  | { kind: "json"; schema: ComponentName; example: unknown; maxBytes?: number }
  | { kind: "jpeg"; maxBytes: number };

/** One route of the API. */
export interface RouteDoc {
  method: "get" | "post";
  /** The path as itty-router registers it. */
  path: string;
  operationId: string;
  tag:
    | "system"
    | "activation"
    | "registration"
    | "auth"
    | "level1"
    | "officer"
    | "tracking"
    | "appointments"
    | "identity"
    | "account"
    | "recovery"
    | "development";
  summary: string;
  /** Vietnamese, as the citizen sees the step. */
  description?: string;
  /** Needs the session cookie. */
  auth?: true;
  /** Needs the officer session cookie, of this role at least (a citizen session gets 403 `FORBIDDEN`). */
  officer?: "officer" | "province_admin";
  /** The 200 answer may be cached (a public `Cache-Control`), instead of `no-store`. */
  cacheable?: true;
  /** The 200 body's media type when it is not JSON. */
  produces?: "text/csv" | "image/jpeg";
  /** Answered only with `ENVIRONMENT=development`; 404 `NOT_FOUND` anywhere else. */
  devOnly?: true;
  request?: RequestDoc;
  query?: Array<{ name: string; required: boolean; description: string; example: string }>;
  /** The 200 body. */
  response: ComponentName;
  /** Sets the session cookie (or, on officer routes, the officer cookie) on 200. */
  setsCookie?: true;
  /** The error codes this route answers with (their status comes from `worker/src/errors.ts`). */
  errors: readonly ErrorCode[];
}

/** A JSON body that is not JSON, too large, of another content type or not of the schema's shape. */
const BODY_ERRORS = ["INVALID_JSON", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE", "VALIDATION_FAILED"] as const;
/** Flow steps: the flow id is unknown, ended or expired, or the flow is at another step. */
const FLOW_ERRORS = ["FLOW_EXPIRED", "FLOW_STEP"] as const;
/** Sending a code. */
const SEND_ERRORS = ["OTP_COOLDOWN", "OTP_DAILY_LIMIT", "RATE_LIMITED", "SMS_UNAVAILABLE"] as const;
/** Checking a code. */
const VERIFY_ERRORS = ["OTP_INVALID", "OTP_EXPIRED", "OTP_LOCKED", "OTP_NOT_SENT"] as const;

/** Officer routes: no officer session, a citizen session or a role that is not enough. */
const OFFICER_ERRORS = ["UNAUTHENTICATED", "FORBIDDEN"] as const;

const FLOW_ID = "q1Z8mN4pR7sT0vX3yB6cD9fG2hJ5kL8nP1rS4uW7xZ0";
const UNIT = "CAP-TAMTHANH";
const CITIZEN_ID = "001099012345";
const PHONE = "0912345678";
const CARD = {
  id: CITIZEN_ID,
  oldId: "",
  fullName: "Nguyễn Văn An",
  dob: "1999-05-14",
  gender: "Nam",
  address: "Phường Dịch Vọng, Quận Cầu Giấy, Hà Nội",
  issued: "2021-08-20",
  cardType: "cccd-2021",
};

/** A card of a citizen of Lạng Sơn (ID prefix 020). */
const LS_CARD = {
  id: "020195001234",
  oldId: "",
  fullName: "Hoàng Thị Mai",
  dob: "1995-03-08",
  gender: "Nữ",
  address: "Phường Tam Thanh, Tỉnh Lạng Sơn",
  issued: "2022-06-15",
  cardType: "cccd-2021",
};

/** Every route of the API, with the method and path the router registers. */
export const ROUTES: readonly RouteDoc[] = [
  {
    method: "get",
    path: "/api/health",
    operationId: "health",
    tag: "system",
    summary: "Liveness check",
    response: "HealthResponse",
    errors: [],
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "openApi",
    tag: "system",
    summary: "This OpenAPI 3.1 document",
    response: "OpenApiDocument",
    errors: [],
  },
  {
    method: "get",
    path: "/api/security-questions",
    operationId: "securityQuestions",
    tag: "activation",
    summary: "The security questions activation offers",
    description: "Danh sách câu hỏi bảo mật.",
    response: "SecurityQuestionsResponse",
    errors: [],
  },
  {
    method: "post",
    path: "/api/activation/start",
    operationId: "activationStart",
    tag: "activation",
    summary: "Request activation with the ID number and phone; opens a flow at the device notice",
    description: "Kích hoạt tài khoản → Gửi yêu cầu.",
    request: { kind: "json", schema: "ActivationStartBody", example: { citizenId: CITIZEN_ID, phone: PHONE, deviceId: "web-3f9a1c2b7d4e5f60" } },
    response: "ActivationState",
    errors: [...BODY_ERRORS, "INVALID_ID_OR_PHONE", "NOT_IDENTIFIED", "PENDING_APPROVAL", "ALREADY_ACTIVATED"],
  },
  {
    method: "post",
    path: "/api/activation/status",
    operationId: "activationStatus",
    tag: "activation",
    summary: "The current state of an activation flow",
    request: { kind: "json", schema: "FlowBody", example: { flowId: FLOW_ID } },
    response: "ActivationState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS],
  },
  {
    method: "post",
    path: "/api/activation/otp",
    operationId: "activationOtp",
    tag: "activation",
    summary: "Send (or resend) the activation OTP",
    description: "Gửi mã OTP / Gửi lại mã.",
    request: { kind: "json", schema: "FlowBody", example: { flowId: FLOW_ID } },
    response: "ActivationState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS, ...SEND_ERRORS],
  },
  {
    method: "post",
    path: "/api/activation/verify",
    operationId: "activationVerify",
    tag: "activation",
    summary: "Check the OTP",
    description: "Xác thực OTP → Xác nhận.",
    request: { kind: "json", schema: "OtpVerifyBody", example: { flowId: FLOW_ID, otp: "123456" } },
    response: "ActivationState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS, ...VERIFY_ERRORS],
  },
  {
    method: "post",
    path: "/api/activation/password",
    operationId: "activationPassword",
    tag: "activation",
    summary: "Set the password (accounts that have none)",
    description: "Mật khẩu / Nhập lại mật khẩu.",
    request: {
      kind: "json",
      schema: "PasswordBody",
      example: { flowId: FLOW_ID, password: "Matkhau@2024", confirmPassword: "Matkhau@2024" },
    },
    response: "ActivationState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS, "PASSWORD_COMMON", "PASSWORD_PERSONAL"],
  },
  {
    method: "post",
    path: "/api/activation/passcode",
    operationId: "activationPasscode",
    tag: "activation",
    summary: "Set the 6-digit passcode",
    description: "Mã passcode / Nhập lại mã passcode.",
    request: { kind: "json", schema: "PasscodeBody", example: { flowId: FLOW_ID, passcode: "246810", confirmPasscode: "246810" } },
    response: "ActivationState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS],
  },
  {
    method: "post",
    path: "/api/activation/security",
    operationId: "activationSecurity",
    tag: "activation",
    summary: "Answer two security questions and complete the activation (binds the device)",
    description: "Câu hỏi bảo mật → Hoàn tất.",
    request: {
      kind: "json",
      schema: "SecurityBody",
      example: {
        flowId: FLOW_ID,
        answers: [
          { questionId: 1, answer: "Bình" },
          { questionId: 3, answer: "Cún" },
        ],
      },
    },
    response: "ActivationState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS, "QUESTION_UNKNOWN", "ALREADY_ACTIVATED"],
  },
  {
    method: "post",
    path: "/api/activation/cancel",
    operationId: "activationCancel",
    tag: "activation",
    summary: "Abandon an activation flow (always succeeds)",
    description: "Hủy bỏ.",
    request: { kind: "json", schema: "FlowBody", example: { flowId: FLOW_ID } },
    response: "OkResponse",
    errors: [...BODY_ERRORS],
  },
  {
    method: "post",
    path: "/api/registration/start",
    operationId: "registrationStart",
    tag: "registration",
    summary: "Register an app account: checks the card against the registry, opens a flow and texts the OTP",
    description: "Đăng ký → Tiếp tục.",
    request: { kind: "json", schema: "RegistrationStartBody", example: { citizenId: CITIZEN_ID, phone: PHONE, card: CARD } },
    response: "RegistrationState",
    errors: [
      ...BODY_ERRORS,
      "CARD_INVALID",
      "QR_MISMATCH",
      "UNDER_14",
      "REGISTRY_MISMATCH",
      "ACCOUNT_EXISTS",
      "ACCOUNT_EXISTS_ACTIVATE",
      ...SEND_ERRORS,
    ],
  },
  {
    method: "post",
    path: "/api/registration/status",
    operationId: "registrationStatus",
    tag: "registration",
    summary: "The current state of a registration flow",
    request: { kind: "json", schema: "FlowBody", example: { flowId: FLOW_ID } },
    response: "RegistrationState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS],
  },
  {
    method: "post",
    path: "/api/registration/otp",
    operationId: "registrationOtp",
    tag: "registration",
    summary: "Resend the registration OTP",
    description: "Gửi lại mã.",
    request: { kind: "json", schema: "FlowBody", example: { flowId: FLOW_ID } },
    response: "RegistrationState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS, ...SEND_ERRORS],
  },
  {
    method: "post",
    path: "/api/registration/verify",
    operationId: "registrationVerify",
    tag: "registration",
    summary: "Check the registration OTP",
    description: "Xác thực OTP → Xác nhận.",
    request: { kind: "json", schema: "OtpVerifyBody", example: { flowId: FLOW_ID, otp: "123456" } },
    response: "RegistrationState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS, ...VERIFY_ERRORS],
  },
  {
    method: "post",
    path: "/api/registration/password",
    operationId: "registrationPassword",
    tag: "registration",
    summary: "Choose the password; creates the app account",
    description: "Mật khẩu → Tiếp tục.",
    request: {
      kind: "json",
      schema: "PasswordBody",
      example: { flowId: FLOW_ID, password: "Matkhau@2024", confirmPassword: "Matkhau@2024" },
    },
    response: "RegistrationState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS, "PASSWORD_COMMON", "PASSWORD_PERSONAL", "ACCOUNT_EXISTS"],
  },
  {
    method: "post",
    path: "/api/registration/cancel",
    operationId: "registrationCancel",
    tag: "registration",
    summary: "Abandon a registration flow (always succeeds)",
    description: "Hủy bỏ.",
    request: { kind: "json", schema: "FlowBody", example: { flowId: FLOW_ID } },
    response: "OkResponse",
    errors: [...BODY_ERRORS],
  },
  {
    method: "post",
    path: "/api/auth/login",
    operationId: "login",
    tag: "auth",
    summary: "Log in with the ID number and password; sets the session cookie",
    description: "Đăng nhập.",
    request: { kind: "json", schema: "LoginBody", example: { citizenId: CITIZEN_ID, password: "Matkhau@2024" } },
    response: "MeResponse",
    setsCookie: true,
    errors: [...BODY_ERRORS, "LOGIN_FAILED", "ACCOUNT_LOCKED", "RATE_LIMITED"],
  },
  {
    method: "post",
    path: "/api/auth/logout",
    operationId: "logout",
    tag: "auth",
    summary: "Log out: revokes the session and clears the cookie (no body; always succeeds)",
    description: "Đăng xuất.",
    response: "OkResponse",
    setsCookie: true,
    errors: [],
  },
  {
    method: "get",
    path: "/api/me",
    operationId: "me",
    tag: "auth",
    summary: "The logged-in citizen's home",
    auth: true,
    response: "MeResponse",
    errors: ["UNAUTHENTICATED"],
  },
  {
    method: "get",
    path: "/api/me/card",
    operationId: "myCard",
    tag: "account",
    summary: "The citizen's card: validity by the 2023 Law on Identification (renewal at 14, 25, 40, 60) and its state; writes a due expiry notice once",
    description: "Có giá trị đến / Cảnh báo sắp hết hạn thẻ.",
    auth: true,
    response: "CardResponse",
    errors: ["UNAUTHENTICATED"],
  },
  {
    method: "get",
    path: "/api/me/papers",
    operationId: "myPapers",
    tag: "account",
    summary: "The papers recorded by the approved level-2 file (driver licence, health insurance, vehicle registration), each with its validity",
    description: "Giấy tờ tích hợp.",
    auth: true,
    response: "PapersResponse",
    errors: ["UNAUTHENTICATED"],
  },
  {
    method: "get",
    path: "/api/me/dependants",
    operationId: "myDependants",
    tag: "account",
    summary: "The children under 14 the citizen added, and whether the account may add one (level 2, approved or active)",
    description: "Người phụ thuộc.",
    auth: true,
    response: "DependantsResponse",
    errors: ["UNAUTHENTICATED"],
  },
  {
    method: "post",
    path: "/api/me/dependants",
    operationId: "addDependant",
    tag: "account",
    summary:
      "Add a child under 14 from the registry (ID number and date of birth); a wrong date of birth answers like an unknown ID; at most 2 guardians a child; 10 refused look-ups an hour",
    description: "Thêm người phụ thuộc.",
    auth: true,
    request: { kind: "json", schema: "DependantBody", example: { childId: "020314005678", dob: "2014-09-02" } },
    response: "DependantsResponse",
    errors: [
      ...BODY_ERRORS,
      "UNAUTHENTICATED",
      "LEVEL2_REQUIRED",
      "DEPENDANT_NOT_FOUND",
      "DEPENDANT_NOT_MINOR",
      "DEPENDANT_EXISTS",
      "DEPENDANT_LIMIT",
      "RATE_LIMITED",
    ],
  },
  {
    method: "get",
    path: "/api/me/notifications",
    operationId: "myNotifications",
    tag: "account",
    summary: "The newest 50 notifications (approval, device change, expiry, recovery), newest first, and the unread count",
    description: "Thông báo.",
    auth: true,
    response: "NotificationsResponse",
    errors: ["UNAUTHENTICATED"],
  },
  {
    method: "post",
    path: "/api/me/notifications/read",
    operationId: "readNotifications",
    tag: "account",
    summary: "Mark every notification up to an id (the newest shown) as read",
    auth: true,
    request: { kind: "json", schema: "NotificationsReadBody", example: { upToId: 12 } },
    response: "NotificationsReadResponse",
    errors: [...BODY_ERRORS, "UNAUTHENTICATED"],
  },
  {
    method: "post",
    path: "/api/level1/photo",
    operationId: "level1Photo",
    tag: "level1",
    summary: `Upload the portrait of a level-1 application: a JPEG of at most ${PHOTO_MAX_BYTES / 1024} kB and ${PHOTO_MAX_SIDE} px on its longest side`,
    description: "Chụp ảnh chân dung.",
    auth: true,
    request: { kind: "jpeg", maxBytes: PHOTO_MAX_BYTES },
    response: "PhotoResponse",
    errors: ["UNAUTHENTICATED", "PHOTO_TYPE", "PHOTO_TOO_LARGE", "LEVEL1_NOT_ALLOWED"],
  },
  {
    method: "post",
    path: "/api/level1/apply",
    operationId: "level1Apply",
    tag: "level1",
    summary: "Apply for a level-1 account with the card, the uploaded portrait and an optional e-mail",
    description: "Xác nhận thông tin đăng ký.",
    auth: true,
    request: {
      kind: "json",
      schema: "Level1ApplyBody",
      example: { card: CARD, photoId: "Qm9yN3hUcDJ6V1l4c0ZrZA", email: "an.nguyen@example.vn" },
    },
    response: "MeResponse",
    errors: [
      "UNAUTHENTICATED",
      ...BODY_ERRORS,
      "LEVEL1_NOT_ALLOWED",
      "CARD_INVALID",
      "QR_MISMATCH",
      "REGISTRY_MISMATCH",
      "PHOTO_NOT_FOUND",
    ],
  },
  {
    method: "post",
    path: "/api/officer/login",
    operationId: "officerLogin",
    tag: "officer",
    summary: "Officer login with user name and password; sets the officer cookie (15 min idle, 8 h at most)",
    description: "Đăng nhập cán bộ: Tên đăng nhập, Mật khẩu.",
    request: { kind: "json", schema: "OfficerLoginBody", example: { username: "annv", password: "Canbo@2026x" } },
    response: "OfficerSessionResponse",
    setsCookie: true,
    errors: [...BODY_ERRORS, "OFFICER_LOGIN_FAILED", "ACCOUNT_LOCKED", "RATE_LIMITED"],
  },
  {
    method: "post",
    path: "/api/officer/logout",
    operationId: "officerLogout",
    tag: "officer",
    summary: "Officer logout: revokes the officer session and clears its cookie (no body; always succeeds)",
    description: "Đăng xuất.",
    response: "OkResponse",
    setsCookie: true,
    errors: [],
  },
  {
    method: "post",
    path: "/api/officer/password",
    operationId: "officerPassword",
    tag: "officer",
    summary: "Change the one-time password at first login (the shared password rules; not a common one, not the current one)",
    description: "Mật khẩu mới / Nhập lại mật khẩu mới.",
    officer: "officer",
    request: { kind: "json", schema: "OfficerPasswordBody", example: { newPassword: "Canbo@2026x", confirmPassword: "Canbo@2026x" } },
    response: "OfficerSessionResponse",
    errors: [...BODY_ERRORS, ...OFFICER_ERRORS, "PASSWORD_COMMON", "PASSWORD_UNCHANGED"],
  },
  {
    method: "get",
    path: "/api/officer/me",
    operationId: "officerMe",
    tag: "officer",
    summary: "The logged-in officer: name, role and unit",
    officer: "officer",
    response: "OfficerMe",
    errors: [...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED"],
  },
  {
    method: "post",
    path: "/api/officer/photo",
    operationId: "officerPhoto",
    tag: "officer",
    summary: `Upload the portrait taken at the office: a JPEG of at most ${PHOTO_MAX_BYTES / 1024} kB and ${PHOTO_MAX_SIDE} px on its longest side`,
    description: "Chụp ảnh chân dung tại chỗ.",
    officer: "officer",
    request: { kind: "jpeg", maxBytes: PHOTO_MAX_BYTES },
    response: "PhotoResponse",
    errors: [...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "PHOTO_TYPE", "PHOTO_TOO_LARGE"],
  },
  {
    method: "post",
    path: "/api/officer/intake",
    operationId: "officerIntake",
    tag: "officer",
    summary: "Level-2 intake: card, registry check, the citizen's own phone, the portrait, consent, optional papers; no fee",
    description: "Tiếp nhận hồ sơ đăng ký tài khoản định danh điện tử mức 2 (không thu lệ phí).",
    officer: "officer",
    request: {
      kind: "json",
      schema: "IntakeBody",
      example: {
        card: LS_CARD,
        phone: PHONE,
        photoId: "Qm9yN3hUcDJ6V1l4c0ZrZA",
        consent: true,
        driverLicence: "200123456789",
        healthInsurance: "DN4200123456789",
        vehicleRegistration: "12A-345.67",
      },
    },
    response: "IntakeResponse",
    errors: [
      ...BODY_ERRORS,
      ...OFFICER_ERRORS,
      "PASSWORD_CHANGE_REQUIRED",
      "CONSENT_REQUIRED",
      "UNIT_NOT_FOUND",
      "CARD_INVALID",
      "REGISTRY_MISMATCH",
      "PHOTO_NOT_FOUND",
      "LEVEL2_EXISTS",
    ],
  },
  {
    method: "post",
    path: "/api/officer/events",
    operationId: "officerEventStart",
    tag: "officer",
    summary: "Start an event session for offline intake: its place and days; the answer carries the public sealing key",
    description: "Bắt đầu tiếp nhận tại sự kiện (nhà văn hóa, khu vui chơi, sinh hoạt cộng đồng).",
    officer: "officer",
    request: {
      kind: "json",
      schema: "EventStartBody",
      example: { place: "Nhà văn hóa khối 5, phường Tam Thanh", firstDay: "2026-07-18", lastDay: "2026-07-19" },
    },
    response: "EventSession",
    errors: [...BODY_ERRORS, ...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "EVENT_DATES"],
  },
  {
    method: "get",
    path: "/api/officer/events/:id",
    operationId: "officerEvent",
    tag: "officer",
    summary: "An event session of the officer, with the outcome of every record the server holds",
    officer: "officer",
    response: "EventDetailResponse",
    errors: [...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "EVENT_NOT_FOUND"],
  },
  {
    method: "post",
    path: "/api/officer/events/:id/records",
    operationId: "officerEventSync",
    tag: "officer",
    summary:
      "Upload a batch of sealed records (idempotent on the client id): each is accepted (reference), duplicate (existing reference) or rejected (reason)",
    description: "Đồng bộ hồ sơ tiếp nhận ngoại tuyến tại sự kiện.",
    officer: "officer",
    request: {
      kind: "json",
      schema: "EventSyncBody",
      maxBytes: EVENT_SYNC_MAX_BYTES,
      example: {
        records: [
          {
            clientId: "6f1c2a3b-1111-4222-8333-944455556666",
            capturedAt: 1784358000,
            sealed: {
              v: 1,
              kid: "seal-2026-07-01",
              epk: `B${"A".repeat(86)}`,
              iv: "AAAAAAAAAAAAAAAA",
              ct: "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJ",
            },
          },
        ],
      },
    },
    response: "EventSyncResponse",
    errors: [...BODY_ERRORS, ...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "EVENT_NOT_FOUND"],
  },
  {
    method: "get",
    path: "/api/officer/applications",
    operationId: "officerApplications",
    tag: "officer",
    summary: "The approval queue (newest 500), filtered; an officer sees only their unit",
    description: "Danh sách hồ sơ chờ phê duyệt.",
    officer: "officer",
    query: [
      { name: "unit", required: false, description: "Unit code (an officer: only their own)", example: UNIT },
      { name: "level", required: false, description: "1 or 2", example: "2" },
      { name: "status", required: false, description: "pending, approved, rejected or superseded", example: "pending" },
      { name: "from", required: false, description: "First day of submission, yyyy-mm-dd (Vietnam time)", example: "2026-07-01" },
      { name: "to", required: false, description: "Last day of submission, yyyy-mm-dd", example: "2026-07-31" },
    ],
    response: "ApplicationsResponse",
    errors: [...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "VALIDATION_FAILED"],
  },
  {
    method: "get",
    path: "/api/officer/applications/:id",
    operationId: "officerApplication",
    tag: "officer",
    summary: "One file with its card, phone, papers, photo link and timeline; opening a pending file marks it under review",
    officer: "officer",
    response: "ApplicationDetail",
    errors: [...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "APPLICATION_NOT_FOUND"],
  },
  {
    method: "get",
    path: "/api/officer/photos/:id",
    operationId: "officerApplicationPhoto",
    tag: "officer",
    summary: "The portrait of a file (by the file's id), streamed from R2",
    officer: "officer",
    produces: "image/jpeg",
    response: "JpegBytes",
    errors: [...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "APPLICATION_NOT_FOUND", "PHOTO_NOT_FOUND"],
  },
  {
    method: "post",
    path: "/api/officer/applications/:id/approve",
    operationId: "officerApprove",
    tag: "officer",
    summary: "Approve a pending file (body {}); texts the citizen; exactly one of two concurrent decisions wins",
    description: "Phê duyệt.",
    officer: "officer",
    request: { kind: "json", schema: "ApproveBody", example: {} },
    response: "ApplicationItem",
    errors: [...BODY_ERRORS, ...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "APPLICATION_NOT_FOUND", "ALREADY_DECIDED"],
  },
  {
    method: "post",
    path: "/api/officer/applications/:id/reject",
    operationId: "officerReject",
    tag: "officer",
    summary: "Reject a pending file with a reason; texts the citizen the reason; the account goes back to its state before",
    description: "Từ chối (nêu lý do).",
    officer: "officer",
    request: { kind: "json", schema: "RejectBody", example: { reason: "Ảnh chân dung không rõ mặt, đề nghị chụp lại" } },
    response: "ApplicationItem",
    errors: [...BODY_ERRORS, ...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "APPLICATION_NOT_FOUND", "ALREADY_DECIDED"],
  },
  {
    method: "get",
    path: "/api/officer/appointments",
    operationId: "officerAppointments",
    tag: "officer",
    summary: "A unit's appointments of a day (an officer: their own unit)",
    description: "Danh sách lịch hẹn trong ngày.",
    officer: "officer",
    query: [
      { name: "day", required: true, description: "yyyy-mm-dd", example: "2026-07-15" },
      { name: "unit", required: false, description: "Unit code (province_admin only; default: their own)", example: UNIT },
    ],
    response: "OfficerAppointmentsResponse",
    errors: [...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "VALIDATION_FAILED", "UNIT_NOT_FOUND"],
  },
  {
    method: "get",
    path: "/api/officer/reports",
    operationId: "officerReports",
    tag: "officer",
    summary: "Applications and activations by level, state, unit and day (province_admin); default: the last 30 days",
    description: "Báo cáo thống kê.",
    officer: "province_admin",
    query: [
      { name: "from", required: false, description: "First day, yyyy-mm-dd (Vietnam time)", example: "2026-07-01" },
      { name: "to", required: false, description: "Last day, yyyy-mm-dd (at most 366 days)", example: "2026-07-31" },
    ],
    response: "ReportsResponse",
    errors: [...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "VALIDATION_FAILED"],
  },
  {
    method: "get",
    path: "/api/officer/reports.csv",
    operationId: "officerReportsCsv",
    tag: "officer",
    summary: "The report as CSV, one row per day and unit (UTF-8 with a BOM, for Excel); the export is audited",
    description: "Xuất báo cáo (CSV).",
    officer: "province_admin",
    query: [
      { name: "from", required: false, description: "First day, yyyy-mm-dd", example: "2026-07-01" },
      { name: "to", required: false, description: "Last day, yyyy-mm-dd", example: "2026-07-31" },
    ],
    produces: "text/csv",
    response: "CsvText",
    errors: [...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "VALIDATION_FAILED"],
  },
  {
    method: "get",
    path: "/api/officer/audit",
    operationId: "officerAudit",
    tag: "officer",
    summary: "The append-only audit log, newest 500 matching entries (province_admin)",
    description: "Nhật ký thao tác.",
    officer: "province_admin",
    query: [
      { name: "event", required: false, description: "An event, or a prefix of dotted events (officer.login)", example: "application.approved" },
      { name: "officer", required: false, description: "An officer's user name", example: "annv" },
      { name: "from", required: false, description: "First day, yyyy-mm-dd", example: "2026-07-01" },
      { name: "to", required: false, description: "Last day, yyyy-mm-dd", example: "2026-07-31" },
    ],
    response: "AuditResponse",
    errors: [...OFFICER_ERRORS, "PASSWORD_CHANGE_REQUIRED", "VALIDATION_FAILED"],
  },
  {
    method: "post",
    path: "/api/track",
    operationId: "track",
    tag: "tracking",
    summary: "Track a file by its reference and the ID number (or the receipt's tracking code); throttled per IP",
    description: "Tra cứu hồ sơ.",
    request: { kind: "json", schema: "TrackBody", example: { reference: "L2-020-2026-000123", citizenId: CITIZEN_ID } },
    response: "TrackResponse",
    errors: [...BODY_ERRORS, "TRACK_NOT_FOUND", "RATE_LIMITED"],
  },
  {
    method: "post",
    path: "/api/identity/qr",
    operationId: "identityQr",
    tag: "identity",
    summary:
      "A new identity QR token (ES256, valid 60 s) for an active account: with the passcode, or the 5-minute share grant the last answer gave; level 2 chooses its fields",
    description: "Mã QR định danh.",
    auth: true,
    request: { kind: "json", schema: "IdentityQrBody", example: { passcode: "246810", fields: ["fullName", "citizenId", "dob"] } },
    response: "IdentityQrResponse",
    errors: [
      ...BODY_ERRORS,
      "UNAUTHENTICATED",
      "IDENTITY_NOT_ACTIVE",
      "PASSCODE_WRONG",
      "PASSCODE_LOCKED",
      "FORBIDDEN",
      "IDENTITY_GRANT_EXPIRED",
      "IDENTITY_TOO_LARGE",
    ],
  },
  {
    method: "get",
    path: "/.well-known/jwks.json",
    operationId: "identityJwks",
    tag: "identity",
    summary: "The public keys (JWK, P-256) that verify identity QR codes, the current one first; cacheable for an hour",
    description: "Xác thực thông tin: khóa công khai để kiểm tra Mã QR định danh, cả khi không có mạng.",
    cacheable: true,
    response: "Jwks",
    errors: [],
  },
  {
    method: "get",
    path: "/api/track/mine",
    operationId: "trackMine",
    tag: "tracking",
    summary: "Every numbered file of the logged-in citizen, newest first",
    auth: true,
    response: "TrackMineResponse",
    errors: ["UNAUTHENTICATED"],
  },
  {
    method: "get",
    path: "/api/units",
    operationId: "units",
    tag: "appointments",
    summary: "The police units: the province police first, then communes and wards by name",
    response: "UnitsResponse",
    errors: [],
  },
  {
    method: "get",
    path: "/api/appointments/slots",
    operationId: "appointmentSlots",
    tag: "appointments",
    summary: "A unit's slots on a day with the seats left (days: tomorrow to +30, Monday–Saturday, Vietnam time)",
    query: [
      { name: "unit", required: true, description: "Unit code", example: UNIT },
      { name: "day", required: true, description: "yyyy-mm-dd", example: "2026-07-15" },
    ],
    response: "SlotsResponse",
    errors: ["VALIDATION_FAILED", "UNIT_NOT_FOUND", "SLOT_NOT_OFFERED"],
  },
  {
    method: "post",
    path: "/api/appointments",
    operationId: "appointmentBook",
    tag: "appointments",
    summary: "Book a slot (ID number and phone must be the citizen's); texts the confirmation code",
    description: "Đặt lịch hẹn.",
    request: {
      kind: "json",
      schema: "BookingBody",
      example: { unitCode: UNIT, day: "2026-07-15", time: "08:00", citizenId: CITIZEN_ID, phone: PHONE },
    },
    response: "BookingResponse",
    errors: [
      ...BODY_ERRORS,
      "UNIT_NOT_FOUND",
      "SLOT_NOT_OFFERED",
      "INVALID_ID_OR_PHONE",
      "SLOT_FULL",
      "APPOINTMENT_EXISTS",
      "RATE_LIMITED",
    ],
  },
  {
    method: "post",
    path: "/api/appointments/cancel",
    operationId: "appointmentCancel",
    tag: "appointments",
    summary: "Cancel a booking with its code and the ID number",
    description: "Hủy lịch hẹn.",
    request: { kind: "json", schema: "CancelBookingBody", example: { code: "LH-7KQ2MX", citizenId: CITIZEN_ID } },
    response: "OkResponse",
    errors: [...BODY_ERRORS, "APPOINTMENT_NOT_FOUND"],
  },
  // ---------------------------------------------------------------------------------------------------------------
  // "Quên mật khẩu" (no session) and the logged-in account's security: devices, sessions, activity, passcode.
  {
    method: "post",
    path: "/api/recovery/start",
    operationId: "recoveryStart",
    tag: "recovery",
    summary: "Password recovery: check the ID number and phone, open a flow and text the OTP",
    description: "Quên mật khẩu → Gửi yêu cầu.",
    request: { kind: "json", schema: "RecoveryStartBody", example: { citizenId: CITIZEN_ID, phone: PHONE } },
    response: "RecoveryState",
    errors: [...BODY_ERRORS, "INVALID_ID_OR_PHONE", "NOT_IDENTIFIED", "RECOVERY_UNAVAILABLE", "RECOVERY_LOCKED", ...SEND_ERRORS],
  },
  {
    method: "post",
    path: "/api/recovery/status",
    operationId: "recoveryStatus",
    tag: "recovery",
    summary: "The current state of a password-recovery flow",
    request: { kind: "json", schema: "FlowBody", example: { flowId: FLOW_ID } },
    response: "RecoveryState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS],
  },
  {
    method: "post",
    path: "/api/recovery/otp",
    operationId: "recoveryOtp",
    tag: "recovery",
    summary: "Resend the password-recovery OTP",
    description: "Gửi lại mã.",
    request: { kind: "json", schema: "FlowBody", example: { flowId: FLOW_ID } },
    response: "RecoveryState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS, ...SEND_ERRORS],
  },
  {
    method: "post",
    path: "/api/recovery/verify",
    operationId: "recoveryVerify",
    tag: "recovery",
    summary: "Check the password-recovery OTP; the answer carries the security question",
    description: "Xác thực OTP → Xác nhận.",
    request: { kind: "json", schema: "OtpVerifyBody", example: { flowId: FLOW_ID, otp: "123456" } },
    response: "RecoveryState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS, ...VERIFY_ERRORS, "RECOVERY_LOCKED"],
  },
  {
    method: "post",
    path: "/api/recovery/answer",
    operationId: "recoveryAnswer",
    tag: "recovery",
    summary: "Answer the flow's security question (5 wrong answers lock password recovery for 24 hours)",
    description: "Câu hỏi bảo mật → Tiếp tục.",
    request: { kind: "json", schema: "RecoveryAnswerBody", example: { flowId: FLOW_ID, answer: "Bình" } },
    response: "RecoveryState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS, "ANSWER_WRONG", "RECOVERY_LOCKED", "RECOVERY_UNAVAILABLE"],
  },
  {
    method: "post",
    path: "/api/recovery/password",
    operationId: "recoveryPassword",
    tag: "recovery",
    summary: "Set the new password; every session of the account is revoked",
    description: "Mật khẩu mới / Nhập lại mật khẩu.",
    request: {
      kind: "json",
      schema: "PasswordBody",
      example: { flowId: FLOW_ID, password: "Matkhau@2025", confirmPassword: "Matkhau@2025" },
    },
    response: "RecoveryState",
    errors: [...BODY_ERRORS, ...FLOW_ERRORS, "PASSWORD_COMMON", "PASSWORD_PERSONAL"],
  },
  {
    method: "post",
    path: "/api/recovery/cancel",
    operationId: "recoveryCancel",
    tag: "recovery",
    summary: "Abandon a password-recovery flow (always succeeds)",
    description: "Hủy bỏ.",
    request: { kind: "json", schema: "FlowBody", example: { flowId: FLOW_ID } },
    response: "OkResponse",
    errors: [...BODY_ERRORS],
  },
  {
    method: "get",
    path: "/api/me/devices",
    operationId: "myDevices",
    tag: "account",
    summary: "The bound device and the live sessions (by opaque id), the current one marked",
    description: "Quản lý thiết bị.",
    auth: true,
    response: "DevicesResponse",
    errors: ["UNAUTHENTICATED"],
  },
  {
    method: "get",
    path: "/api/me/activity",
    operationId: "myActivity",
    tag: "account",
    summary: "The account's newest 50 events (logins, device changes, QR shares, recoveries), newest first",
    description: "Hoạt động của tôi.",
    auth: true,
    response: "ActivityResponse",
    errors: ["UNAUTHENTICATED"],
  },
  {
    method: "post",
    path: "/api/me/sessions/logout-others",
    operationId: "logoutOthers",
    tag: "account",
    summary: "Revoke every session of the account but this one",
    description: "Đăng xuất các phiên khác.",
    auth: true,
    request: { kind: "json", schema: "LogoutOthersBody", example: {} },
    response: "LogoutOthersResponse",
    errors: [...BODY_ERRORS, "UNAUTHENTICATED"],
  },
  {
    method: "post",
    path: "/api/me/device/unlink",
    operationId: "unlinkDevice",
    tag: "account",
    summary: "Unbind the device (needs the passcode); every session, this one too, is revoked and the cookie cleared",
    description: "Hủy liên kết thiết bị.",
    auth: true,
    request: { kind: "json", schema: "UnlinkDeviceBody", example: { passcode: "246810" } },
    response: "OkResponse",
    errors: [...BODY_ERRORS, "UNAUTHENTICATED", "DEVICE_NOT_BOUND", "PASSCODE_WRONG", "PASSCODE_LOCKED", "FORBIDDEN"],
  },
  {
    method: "post",
    path: "/api/me/passcode-recovery/start",
    operationId: "passcodeRecoveryStart",
    tag: "account",
    summary: "Passcode recovery: open a flow and text the OTP to the account's phone",
    description: "Quên mã passcode.",
    auth: true,
    request: { kind: "json", schema: "PasscodeRecoveryStartBody", example: {} },
    response: "PasscodeRecoveryState",
    errors: [...BODY_ERRORS, "UNAUTHENTICATED", "FORBIDDEN", ...SEND_ERRORS],
  },
  {
    method: "post",
    path: "/api/me/passcode-recovery/status",
    operationId: "passcodeRecoveryStatus",
    tag: "account",
    summary: "The current state of the account's passcode-recovery flow",
    auth: true,
    request: { kind: "json", schema: "FlowBody", example: { flowId: FLOW_ID } },
    response: "PasscodeRecoveryState",
    errors: [...BODY_ERRORS, "UNAUTHENTICATED", ...FLOW_ERRORS],
  },
  {
    method: "post",
    path: "/api/me/passcode-recovery/otp",
    operationId: "passcodeRecoveryOtp",
    tag: "account",
    summary: "Resend the passcode-recovery OTP",
    description: "Gửi lại mã.",
    auth: true,
    request: { kind: "json", schema: "FlowBody", example: { flowId: FLOW_ID } },
    response: "PasscodeRecoveryState",
    errors: [...BODY_ERRORS, "UNAUTHENTICATED", ...FLOW_ERRORS, ...SEND_ERRORS],
  },
  {
    method: "post",
    path: "/api/me/passcode-recovery/verify",
    operationId: "passcodeRecoveryVerify",
    tag: "account",
    summary: "Check the passcode-recovery OTP",
    description: "Xác thực OTP → Xác nhận.",
    auth: true,
    request: { kind: "json", schema: "OtpVerifyBody", example: { flowId: FLOW_ID, otp: "123456" } },
    response: "PasscodeRecoveryState",
    errors: [...BODY_ERRORS, "UNAUTHENTICATED", ...FLOW_ERRORS, ...VERIFY_ERRORS],
  },
  {
    method: "post",
    path: "/api/me/passcode-recovery/passcode",
    operationId: "passcodeRecoveryPasscode",
    tag: "account",
    summary: "Set the new passcode (lifts the passcode lock; the account's other sessions are revoked)",
    description: "Mã passcode mới / Nhập lại mã passcode.",
    auth: true,
    request: { kind: "json", schema: "PasscodeBody", example: { flowId: FLOW_ID, passcode: "135790", confirmPasscode: "135790" } },
    response: "PasscodeRecoveryState",
    errors: [...BODY_ERRORS, "UNAUTHENTICATED", ...FLOW_ERRORS],
  },
  {
    method: "post",
    path: "/api/me/passcode-recovery/cancel",
    operationId: "passcodeRecoveryCancel",
    tag: "account",
    summary: "Abandon a passcode-recovery flow (always succeeds)",
    description: "Hủy bỏ.",
    auth: true,
    request: { kind: "json", schema: "FlowBody", example: { flowId: FLOW_ID } },
    response: "OkResponse",
    errors: [...BODY_ERRORS, "UNAUTHENTICATED"],
  },
  {
    method: "get",
    path: "/api/dev/sms",
    operationId: "devSms",
    tag: "development",
    summary: "The local SMS outbox of a phone number",
    devOnly: true,
    query: [{ name: "phone", required: true, description: "A mobile number in 0…, 84… or +84… form", example: PHONE }],
    response: "DevSmsResponse",
    errors: ["NOT_FOUND", "VALIDATION_FAILED"],
  },
  {
    method: "post",
    path: "/api/dev/clock",
    operationId: "devClock",
    tag: "development",
    summary: "Move the server clock forward",
    devOnly: true,
    request: { kind: "json", schema: "DevClockBody", example: { advanceSeconds: LIMITS.otpTtlSeconds } },
    response: "DevClockResponse",
    errors: ["NOT_FOUND", ...BODY_ERRORS],
  },
  {
    method: "post",
    path: "/api/dev/registry/import",
    operationId: "devRegistryImport",
    tag: "development",
    summary: "Import a registry extract (all or nothing; unknown keys ignored)",
    devOnly: true,
    request: {
      kind: "json",
      schema: "RegistryFile",
      maxBytes: 64 * 1024 * 1024,
      example: {
        securityQuestions: [{ id: 1, text: "Tên con vật nuôi đầu tiên của bạn là gì?" }],
        registry: [
          {
            id: CITIZEN_ID,
            oldId: "",
            fullName: CARD.fullName,
            dob: CARD.dob,
            gender: "Nam",
            address: CARD.address,
            phone: PHONE,
            cardType: "cccd-2021",
            cardIssued: CARD.issued,
          },
        ],
        accounts: [{ id: CITIZEN_ID, phone: PHONE, level: 0, status: "app", password: "Matkhau@2024" }],
      },
    },
    response: "ImportSummaryResponse",
    errors: ["NOT_FOUND", ...BODY_ERRORS, "IMPORT_INVALID"],
  },
  {
    method: "post",
    path: "/api/dev/units/import",
    operationId: "devUnitsImport",
    tag: "development",
    summary: "Import a units data file (data/units/*.json): all or nothing, upserted by code",
    devOnly: true,
    request: {
      kind: "json",
      schema: "UnitsFile",
      maxBytes: 64 * 1024 * 1024,
      example: {
        province: { code: "020", name: "Lạng Sơn" },
        units: [
          { code: "CAT-LANGSON", name: "Công an tỉnh Lạng Sơn", kind: "province", parent: null, slots: ["08:00", "14:00"], capacityPerSlot: 10 },
          { code: UNIT, name: "Công an phường Tam Thanh", kind: "ward", parent: "CAT-LANGSON", slots: ["08:00", "09:00"], capacityPerSlot: 4 },
        ],
      },
    },
    response: "UnitsImportResponse",
    errors: ["NOT_FOUND", ...BODY_ERRORS, "IMPORT_INVALID"],
  },
  {
    method: "post",
    path: "/api/dev/officers",
    operationId: "devOfficerAdd",
    tag: "development",
    summary: "Create an officer with a one-time password (npm run officer:add)",
    devOnly: true,
    request: { kind: "json", schema: "DevOfficerBody", example: { unit: UNIT, role: "officer", name: "Nguyễn Văn An" } },
    response: "DevOfficerResponse",
    errors: ["NOT_FOUND", ...BODY_ERRORS, "UNIT_NOT_FOUND"],
  },
  {
    method: "post",
    path: "/api/dev/faults",
    operationId: "devFaults",
    tag: "development",
    summary: "Make the next `failNext` requests of a route fail: a 500 before any work, or (`timeout`) an answer held back",
    devOnly: true,
    request: { kind: "json", schema: "DevFaultBody", example: { route: "event-sync", failNext: 2, mode: "500" } },
    response: "DevFaultResponse",
    errors: ["NOT_FOUND", ...BODY_ERRORS],
  },
  {
    method: "post",
    path: "/api/dev/bench/hash",
    operationId: "devBenchHash",
    tag: "development",
    summary: "Run `count` password hashes back to back at the configured PBKDF2 iterations (for `npm run bench`)",
    devOnly: true,
    request: { kind: "json", schema: "BenchHashBody", example: { count: 10 } },
    response: "BenchHashResponse",
    errors: ["NOT_FOUND", ...BODY_ERRORS],
  },
];

// ------------------------------------------------------------------------------------------------------------------
// The document.

const REF = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });

/** The HTTP status of an error code, as the worker answers it. */
export function statusOf(code: ErrorCode): number {
  return errorResponse(code).status;
}

/** Drops the `$schema` and `$id` that `z.toJSONSchema` adds to each schema. */
function strip(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/**
 * The component schemas. Requests and responses are both described by the JSON a client sends or receives, which is
 * the *input* of their zod schemas (the request schemas trim and normalise in transforms; the PWA parses answers).
 */
function componentSchemas(): Record<string, Record<string, unknown>> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, schema] of Object.entries(schemas)) out[id] = strip(schema as Record<string, unknown>);
  return out;
}

function errorResponses(route: RouteDoc): Record<string, unknown> {
  const codes: ErrorCode[] = [...route.errors];
  if (route.method === "post" && !route.devOnly) codes.push("CSRF");
  codes.push("INTERNAL");
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = statusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const limited = list.some((c) => ["RATE_LIMITED", "OTP_COOLDOWN", "OTP_DAILY_LIMIT", "ACCOUNT_LOCKED", "RECOVERY_LOCKED"].includes(c));
    out[String(status)] = {
      description: list.join(", "),
      ...(limited && {
        headers: { "Retry-After": { description: "Seconds to wait, when the error has a `retryAfter`", schema: { type: "integer" } } },
      }),
      content: {
        "application/json": {
          schema: { allOf: [REF("ErrorResponse"), { type: "object", properties: { code: { enum: list } } }] },
          examples: Object.fromEntries(
            list.map((code) => [code, { summary: code, value: { code, message: messageFor(code) } }]),
          ),
        },
      },
    };
  }
  return out;
}

function operation(route: RouteDoc): Record<string, unknown> {
  const description = [
    route.description,
    route.devOnly && "**Development only**: answered when `ENVIRONMENT=development`, 404 `NOT_FOUND` anywhere else.",
    route.method === "post" &&
      !route.devOnly &&
      "State-changing: needs an `Origin` equal to the API's own (or `Sec-Fetch-Site: same-origin`), else 403 `CSRF`.",
  ]
    .filter(Boolean)
    .join("\n\n");
  const op: Record<string, unknown> = {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(description && { description }),
  };
  if (route.devOnly) op["x-development-only"] = true;
  if (route.auth) op.security = [{ session: [] }];
  if (route.officer) {
    op.security = [{ officerSession: [] }];
    op["x-officer-role"] = route.officer;
  }
  if (route.query) {
    op.parameters = route.query.map((q) => ({
      name: q.name,
      in: "query",
      required: q.required,
      description: q.description,
      schema: { type: "string" },
      example: q.example,
    }));
  }
  const req = route.request;
  if (req?.kind === "json") {
    op.requestBody = {
      required: true,
      description: `JSON, at most ${req.maxBytes ?? LIMITS.jsonBodyMaxBytes} bytes.`,
      content: { "application/json": { schema: REF(req.schema), example: req.example } },
    };
  } else if (req?.kind === "jpeg") {
    op.requestBody = {
      required: true,
      description: `The raw JPEG bytes, at most ${req.maxBytes} bytes and ${PHOTO_MAX_SIDE} px on the longest side.`,
      content: { "image/jpeg": { schema: { type: "string", format: "binary", contentMediaType: "image/jpeg" } } },
    };
  }
  op.responses = {
    "200": {
      description: "OK",
      ...(route.cacheable && {
        headers: { "Cache-Control": { description: "Public, cacheable for a while", schema: { type: "string" } } },
      }),
      ...(route.setsCookie && {
        headers: {
          "Set-Cookie": {
            description: `The session cookie \`${route.path.startsWith("/api/officer/") ? OFFICER_COOKIE : SESSION_COOKIE}\` (HttpOnly, SameSite=Strict)`,
            schema: { type: "string" },
          },
        },
      }),
      content:
        route.produces === "text/csv"
          ? { "text/csv": { schema: { type: "string" } } }
          : route.produces === "image/jpeg"
            ? { "image/jpeg": { schema: { type: "string", format: "binary", contentMediaType: "image/jpeg" } } }
            : { "application/json": { schema: REF(route.response) } },
    },
    ...errorResponses(route),
  };
  return op;
}

/** Builds the document. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "VNeID web activation API",
      version: "0.1.0",
      summary:
        "Activate a VNeID (Vietnam e-ID) account, register, log in and apply for level 1 from any browser; level 2 at the police office.",
      description:
        "Kích hoạt tài khoản định danh điện tử (VNeID) trên trình duyệt. Every failure is a JSON `ErrorResponse` " +
        "with a stable `code` and a Vietnamese `message`.",
    },
    tags: [
      { name: "system" },
      { name: "activation", description: "Kích hoạt tài khoản" },
      { name: "registration", description: "Đăng ký" },
      { name: "auth", description: "Đăng nhập / Đăng xuất" },
      { name: "level1", description: "Đăng ký tài khoản mức 1" },
      { name: "officer", description: "Cán bộ Công an: tiếp nhận hồ sơ mức 2, phê duyệt, báo cáo" },
      { name: "tracking", description: "Tra cứu hồ sơ" },
      { name: "appointments", description: "Đặt lịch hẹn" },
      { name: "identity", description: "Mã QR định danh / Xác thực thông tin" },
      { name: "recovery", description: "Quên mật khẩu" },
      { name: "account", description: "Quản lý thiết bị, Hoạt động của tôi, Quên mã passcode; thẻ, giấy tờ tích hợp, người phụ thuộc, thông báo" },
      { name: "development", description: "Development only (`ENVIRONMENT=development`); 404 elsewhere" },
    ],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "Set by POST /api/auth/login" },
        officerSession: {
          type: "apiKey",
          in: "cookie",
          name: OFFICER_COOKIE,
          description: "Set by POST /api/officer/login; the route's x-officer-role is the least role it needs",
        },
      },
    },
  };
}

let cached: Record<string, unknown> | undefined;

/** `GET /api/openapi.json` (built once per isolate). */
export function openApiResponse(): Response {
  cached ??= buildOpenApi();
  return json(cached);
}
