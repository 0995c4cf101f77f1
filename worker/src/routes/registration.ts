import { OkResponse } from "../../../shared/api-schemas";
import {
  FlowBody,
  OtpVerifyBody,
  PasswordBody,
  RegistrationStartBody,
  RegistrationState,
} from "../../../shared/schemas";
import * as registration from "../domain/registration";
import { unwrap } from "../errors";
import { FLOW_ERRORS, SEND_ERRORS, VERIFY_ERRORS, defineRoute, jsonBody, routesOf } from "./define";

/** `/api/registration/*`: "Đăng ký", with the same step names and bodies as activation. */
export const registrationRoutes = routesOf("registration", {
  registrationStart: defineRoute("POST /api/registration/start", {
    summary: "Register an app account: checks the card against the registry, opens a flow and texts the OTP",
    description: "Đăng ký → Tiếp tục.",
    body: jsonBody(RegistrationStartBody),
    response: RegistrationState,
    errors: [
      "CARD_INVALID",
      "QR_MISMATCH",
      "UNDER_14",
      "REGISTRY_MISMATCH",
      "ACCOUNT_EXISTS",
      "ACCOUNT_EXISTS_ACTIVATE",
      ...SEND_ERRORS,
      "REGISTRY_UNAVAILABLE",
    ],
    handler: async ({ ctx, body }) => unwrap(await registration.startRegistration(ctx, body)).state,
  }),
  registrationStatus: defineRoute("POST /api/registration/status", {
    summary: "The current state of a registration flow",
    body: jsonBody(FlowBody),
    response: RegistrationState,
    errors: FLOW_ERRORS,
    handler: async ({ ctx, body }) => unwrap(await registration.registrationStatus(ctx, body.flowId)).state,
  }),
  registrationOtp: defineRoute("POST /api/registration/otp", {
    summary: "Resend the registration OTP",
    description: "Gửi lại mã.",
    body: jsonBody(FlowBody),
    response: RegistrationState,
    errors: [...FLOW_ERRORS, ...SEND_ERRORS],
    handler: async ({ ctx, body }) => unwrap(await registration.resendRegistrationOtp(ctx, body.flowId)).state,
  }),
  registrationVerify: defineRoute("POST /api/registration/verify", {
    summary: "Check the registration OTP",
    description: "Xác thực OTP → Xác nhận.",
    body: jsonBody(OtpVerifyBody),
    response: RegistrationState,
    errors: [...FLOW_ERRORS, ...VERIFY_ERRORS],
    handler: async ({ ctx, body }) =>
      unwrap(await registration.verifyRegistrationOtp(ctx, body.flowId, body.otp)).state,
  }),
  registrationPassword: defineRoute("POST /api/registration/password", {
    summary: "Choose the password; creates the app account",
    description: "Mật khẩu → Tiếp tục.",
    body: jsonBody(PasswordBody),
    response: RegistrationState,
    errors: [...FLOW_ERRORS, "PASSWORD_COMMON", "PASSWORD_PERSONAL", "ACCOUNT_EXISTS"],
    handler: async ({ ctx, body }) =>
      unwrap(await registration.completeRegistration(ctx, body.flowId, body.password)).state,
  }),
  registrationCancel: defineRoute("POST /api/registration/cancel", {
    summary: "Abandon a registration flow (always succeeds)",
    description: "Hủy bỏ.",
    body: jsonBody(FlowBody),
    response: OkResponse,
    handler: async ({ ctx, body }) => {
      await registration.cancelRegistration(ctx, body.flowId);
      return { ok: true };
    },
  }),
});
