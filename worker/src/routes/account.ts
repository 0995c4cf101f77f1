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
} from "../../../shared/account-schemas";
import { OkResponse } from "../../../shared/api-schemas";
import { NEW_PASSCODE_EXAMPLE, NEW_PASSWORD_EXAMPLE } from "../../../shared/examples";
import { FlowBody, OtpVerifyBody, PasscodeBody, PasswordBody } from "../../../shared/schemas";
import { listActivity, listDevices, logoutOtherSessions, unlinkDevice } from "../domain/devices";
import * as recovery from "../domain/recovery";
import { SESSION_COOKIE } from "../domain/session";
import { unwrap } from "../errors";
import { cookieHeader, json } from "../http";
import { FLOW_ERRORS, PASSCODE_ERRORS, SEND_ERRORS, VERIFY_ERRORS, defineRoute, jsonBody, routesOf } from "./define";

/** "Quên mật khẩu" (`/api/recovery/*`, no session). */
export const recoveryRoutes = routesOf("recovery", {
  recoveryStart: defineRoute("POST /api/recovery/start", {
    summary: "Password recovery: check the ID number and phone, open a flow and text the OTP",
    description: "Quên mật khẩu → Gửi yêu cầu.",
    body: jsonBody(RecoveryStartBody),
    response: RecoveryState,
    errors: [
      "INVALID_ID_OR_PHONE",
      "NOT_IDENTIFIED",
      "RECOVERY_UNAVAILABLE",
      "RECOVERY_LOCKED",
      ...SEND_ERRORS,
      "REGISTRY_UNAVAILABLE",
    ],
    handler: async ({ ctx, body }) => unwrap(await recovery.startPasswordRecovery(ctx, body)).state,
  }),
  recoveryStatus: defineRoute("POST /api/recovery/status", {
    summary: "The current state of a password-recovery flow",
    body: jsonBody(FlowBody),
    response: RecoveryState,
    errors: FLOW_ERRORS,
    handler: async ({ ctx, body }) => unwrap(await recovery.passwordRecoveryStatus(ctx, body.flowId)).state,
  }),
  recoveryOtp: defineRoute("POST /api/recovery/otp", {
    summary: "Resend the password-recovery OTP",
    description: "Gửi lại mã.",
    body: jsonBody(FlowBody),
    response: RecoveryState,
    errors: [...FLOW_ERRORS, ...SEND_ERRORS],
    handler: async ({ ctx, body }) => unwrap(await recovery.resendPasswordRecoveryOtp(ctx, body.flowId)).state,
  }),
  recoveryVerify: defineRoute("POST /api/recovery/verify", {
    summary: "Check the password-recovery OTP; the answer carries the security question",
    description: "Xác thực OTP → Xác nhận.",
    body: jsonBody(OtpVerifyBody),
    response: RecoveryState,
    errors: [...FLOW_ERRORS, ...VERIFY_ERRORS, "RECOVERY_LOCKED"],
    handler: async ({ ctx, body }) =>
      unwrap(await recovery.verifyPasswordRecoveryOtp(ctx, body.flowId, body.otp)).state,
  }),
  recoveryAnswer: defineRoute("POST /api/recovery/answer", {
    summary: "Answer the flow's security question (5 wrong answers lock password recovery for 24 hours)",
    description: "Câu hỏi bảo mật → Tiếp tục.",
    body: jsonBody(RecoveryAnswerBody),
    response: RecoveryState,
    errors: [...FLOW_ERRORS, "ANSWER_WRONG", "RECOVERY_LOCKED", "RECOVERY_UNAVAILABLE"],
    handler: async ({ ctx, body }) =>
      unwrap(await recovery.answerRecoveryQuestion(ctx, body.flowId, body.answer)).state,
  }),
  recoveryPassword: defineRoute("POST /api/recovery/password", {
    summary: "Set the new password; every session of the account is revoked",
    description: "Mật khẩu mới / Nhập lại mật khẩu.",
    body: jsonBody(PasswordBody, { example: NEW_PASSWORD_EXAMPLE }),
    response: RecoveryState,
    errors: [...FLOW_ERRORS, "PASSWORD_COMMON", "PASSWORD_PERSONAL"],
    handler: async ({ ctx, body }) =>
      unwrap(await recovery.resetRecoveredPassword(ctx, body.flowId, body.password)).state,
  }),
  recoveryCancel: defineRoute("POST /api/recovery/cancel", {
    summary: "Abandon a password-recovery flow (always succeeds)",
    description: "Hủy bỏ.",
    body: jsonBody(FlowBody),
    response: OkResponse,
    handler: async ({ ctx, body }) => {
      await recovery.cancelPasswordRecovery(ctx, body.flowId);
      return { ok: true };
    },
  }),
});

/**
 * The logged-in citizen's security: `/api/me/devices`, `/api/me/activity`, `/api/me/sessions/logout-others`,
 * `/api/me/device/unlink` and "Quên mã passcode" (`/api/me/passcode-recovery/*`).
 */
export const accountRoutes = routesOf("account", {
  myDevices: defineRoute("GET /api/me/devices", {
    summary: "The bound device and the live sessions (by opaque id), the current one marked",
    description: "Quản lý thiết bị.",
    session: "citizen",
    response: DevicesResponse,
    handler: async ({ ctx, session }) => listDevices(ctx, session.accountId, session.tokenHash),
  }),
  myActivity: defineRoute("GET /api/me/activity", {
    summary: "The account's newest 50 events (logins, device changes, QR shares, recoveries), newest first",
    description: "Hoạt động của tôi.",
    session: "citizen",
    response: ActivityResponse,
    handler: async ({ ctx, session }) => listActivity(ctx, session.accountId),
  }),
  logoutOthers: defineRoute("POST /api/me/sessions/logout-others", {
    summary: "Revoke every session of the account but this one",
    description: "Đăng xuất các phiên khác.",
    session: "citizen",
    body: jsonBody(LogoutOthersBody),
    response: LogoutOthersResponse,
    handler: async ({ ctx, session }) => logoutOtherSessions(ctx, session.accountId, session.tokenHash),
  }),
  unlinkDevice: defineRoute("POST /api/me/device/unlink", {
    summary: "Unbind the device (needs the passcode); every session, this one too, is revoked and the cookie cleared",
    description: "Hủy liên kết thiết bị.",
    session: "citizen",
    body: jsonBody(UnlinkDeviceBody),
    response: OkResponse,
    errors: ["DEVICE_NOT_BOUND", ...PASSCODE_ERRORS, "FORBIDDEN"],
    handler: async ({ req, env, ctx, session, body }) => {
      unwrap(await unlinkDevice(ctx, session.accountId, body.passcode));
      // Every session ended, this one too: the citizen logs in again.
      return json({ ok: true }, 200, { "set-cookie": cookieHeader(req, env, SESSION_COOKIE, "", 0) });
    },
  }),
  passcodeRecoveryStart: defineRoute("POST /api/me/passcode-recovery/start", {
    summary: "Passcode recovery: open a flow and text the OTP to the account's phone",
    description: "Quên mã passcode.",
    session: "citizen",
    body: jsonBody(PasscodeRecoveryStartBody),
    response: PasscodeRecoveryState,
    errors: ["FORBIDDEN", ...SEND_ERRORS],
    handler: async ({ ctx, session }) => unwrap(await recovery.startPasscodeRecovery(ctx, session.accountId)).state,
  }),
  passcodeRecoveryStatus: defineRoute("POST /api/me/passcode-recovery/status", {
    summary: "The current state of the account's passcode-recovery flow",
    session: "citizen",
    body: jsonBody(FlowBody),
    response: PasscodeRecoveryState,
    errors: FLOW_ERRORS,
    handler: async ({ ctx, session, body }) =>
      unwrap(await recovery.passcodeRecoveryStatus(ctx, session.accountId, body.flowId)).state,
  }),
  passcodeRecoveryOtp: defineRoute("POST /api/me/passcode-recovery/otp", {
    summary: "Resend the passcode-recovery OTP",
    description: "Gửi lại mã.",
    session: "citizen",
    body: jsonBody(FlowBody),
    response: PasscodeRecoveryState,
    errors: [...FLOW_ERRORS, ...SEND_ERRORS],
    handler: async ({ ctx, session, body }) =>
      unwrap(await recovery.resendPasscodeRecoveryOtp(ctx, session.accountId, body.flowId)).state,
  }),
  passcodeRecoveryVerify: defineRoute("POST /api/me/passcode-recovery/verify", {
    summary: "Check the passcode-recovery OTP",
    description: "Xác thực OTP → Xác nhận.",
    session: "citizen",
    body: jsonBody(OtpVerifyBody),
    response: PasscodeRecoveryState,
    errors: [...FLOW_ERRORS, ...VERIFY_ERRORS],
    handler: async ({ ctx, session, body }) =>
      unwrap(await recovery.verifyPasscodeRecoveryOtp(ctx, session.accountId, body.flowId, body.otp)).state,
  }),
  passcodeRecoveryPasscode: defineRoute("POST /api/me/passcode-recovery/passcode", {
    summary: "Set the new passcode (lifts the passcode lock; the account's other sessions are revoked)",
    description: "Mã passcode mới / Nhập lại mã passcode.",
    session: "citizen",
    body: jsonBody(PasscodeBody, { example: NEW_PASSCODE_EXAMPLE }),
    response: PasscodeRecoveryState,
    errors: FLOW_ERRORS,
    handler: async ({ ctx, session, body }) =>
      unwrap(
        await recovery.resetRecoveredPasscode(ctx, session.accountId, session.tokenHash, body.flowId, body.passcode),
      ).state,
  }),
  passcodeRecoveryCancel: defineRoute("POST /api/me/passcode-recovery/cancel", {
    summary: "Abandon a passcode-recovery flow (always succeeds)",
    description: "Hủy bỏ.",
    session: "citizen",
    body: jsonBody(FlowBody),
    response: OkResponse,
    handler: async ({ ctx, session, body }) => {
      await recovery.cancelPasscodeRecovery(ctx, session.accountId, body.flowId);
      return { ok: true };
    },
  }),
});
