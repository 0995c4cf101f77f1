/**
 * Request and response bodies of the account-security features: "Quên mật khẩu" and "Quên mã passcode"
 * (recovery flows), "Quản lý thiết bị" (bound device, sessions) and "Hoạt động của tôi" (activity).
 * Shared by the worker (which validates every request with them) and the PWA.
 */
import * as z from "zod/mini";
import { ANSWER_MAX, isPasscode, normalizeAnswer } from "./credentials";
import { PASSCODE_RECOVERY_STEPS, PASSWORD_RECOVERY_STEPS } from "./lifecycle";
import { BoundDevice, CitizenId, FIELD_MESSAGES, FlowId, Phone } from "./schemas";

/** "Quên mật khẩu" → "Gửi yêu cầu": the ID number and the phone of the account. */
export const RecoveryStartBody = z.strictObject({ citizenId: CitizenId, phone: Phone });

/** The answer to the security question the flow asks. */
export const RecoveryAnswerBody = z.strictObject({
  flowId: FlowId,
  answer: z.string().check(
    z.maxLength(ANSWER_MAX * 4),
    z.refine((a) => {
      const n = normalizeAnswer(a);
      return n.length > 0 && [...n].length <= ANSWER_MAX;
    }, FIELD_MESSAGES.answer),
  ),
});

/** "Quên mã passcode" (logged in): opens the flow and texts the OTP to the account's phone. */
export const PasscodeRecoveryStartBody = z.strictObject({});

const OtpTimes = z.optional(z.object({ expiresAt: z.string(), resendAt: z.string() }));

/** A password-recovery flow, as the server holds it: OTP → security question → new password → done. */
export const RecoveryState = z.object({
  flowId: FlowId,
  step: z.enum(PASSWORD_RECOVERY_STEPS),
  maskedPhone: z.string(),
  expiresAt: z.string(),
  otp: OtpTimes,
  /** The security question this flow asks (shown at the `question` step). */
  question: z.optional(z.object({ id: z.number(), text: z.string() })),
});

/** A passcode-recovery flow: OTP → new passcode → done. */
export const PasscodeRecoveryState = z.object({
  flowId: FlowId,
  step: z.enum(PASSCODE_RECOVERY_STEPS),
  maskedPhone: z.string(),
  expiresAt: z.string(),
  otp: OtpTimes,
});

/** "Hủy liên kết thiết bị": the passcode confirms it. */
export const UnlinkDeviceBody = z.strictObject({
  passcode: z.string().check(z.maxLength(32), z.refine(isPasscode, FIELD_MESSAGES.passcode)),
});

/** "Đăng xuất các phiên khác". */
export const LogoutOthersBody = z.strictObject({});

/** One live session of the account: an opaque id, never the token or its hash. */
export const SessionItem = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  /** The session of this very request ("Phiên hiện tại"). */
  current: z.boolean(),
});

/** `GET /api/me/devices`: the bound device and the live sessions, newest first. */
export const DevicesResponse = z.object({
  device: z.nullable(BoundDevice),
  sessions: z.array(SessionItem),
});

/** `POST /api/me/sessions/logout-others`'s answer: how many sessions ended. */
export const LogoutOthersResponse = z.object({ revoked: z.number() });

/** The events "Hoạt động của tôi" lists, with their Vietnamese labels. */
export const ACTIVITY_LABELS = {
  "login.succeeded": "Đăng nhập",
  "login.failed": "Đăng nhập không thành công (sai mật khẩu)",
  "login.locked": "Tài khoản tạm khóa do nhập sai mật khẩu",
  "activation.completed": "Kích hoạt tài khoản",
  "device.bound": "Liên kết thiết bị",
  "device.unbound": "Hủy liên kết thiết bị",
  "session.revoked": "Phiên đăng nhập bị đăng xuất",
  "identity.shared": "Chia sẻ mã QR định danh",
  "recovery.password": "Đặt lại mật khẩu (Quên mật khẩu)",
  "recovery.failed": "Trả lời sai câu hỏi bảo mật",
  "recovery.locked": "Tạm khóa chức năng lấy lại mật khẩu",
  "recovery.passcode": "Đặt lại mã passcode (Quên mã passcode)",
  "passcode.locked": "Mã passcode bị khóa do nhập sai quá 5 lần",
  "phone.changed": "Đổi số điện thoại của tài khoản (hồ sơ tại cơ quan Công an)",
} as const;

/** An event "Hoạt động của tôi" lists. */
export type ActivityEvent = keyof typeof ACTIVITY_LABELS;
/** Every listed event. */
export const ACTIVITY_EVENTS = Object.keys(ACTIVITY_LABELS) as ActivityEvent[];

/** One line of "Hoạt động của tôi". */
export const ActivityItem = z.object({
  id: z.number(),
  event: z.string(),
  at: z.string(),
  /** Vietnamese. */
  label: z.string(),
});

/** `GET /api/me/activity`: the newest 50 events, newest first. */
export const ActivityResponse = z.object({ items: z.array(ActivityItem) });

export type RecoveryStateT = z.infer<typeof RecoveryState>;
export type PasscodeRecoveryStateT = z.infer<typeof PasscodeRecoveryState>;
export type DevicesResponseT = z.infer<typeof DevicesResponse>;
export type ActivityResponseT = z.infer<typeof ActivityResponse>;
