import { OkResponse } from "../../../shared/api-schemas";
import {
  ActivationStartBody,
  ActivationState,
  FlowBody,
  OtpVerifyBody,
  PasscodeBody,
  PasswordBody,
  SecurityBody,
  SecurityQuestionsResponse,
} from "../../../shared/schemas";
import * as activation from "../domain/activation";
import { unwrap } from "../errors";
import { FLOW_ERRORS, SEND_ERRORS, VERIFY_ERRORS, defineRoute, jsonBody, routesOf } from "./define";

/** `/api/activation/*`: the web activation flow, one route per step; and the questions it offers. */
export const activationRoutes = routesOf("activation", {
  securityQuestions: defineRoute("GET /api/security-questions", {
    summary: "The security questions activation offers",
    description: "Danh sách câu hỏi bảo mật.",
    response: SecurityQuestionsResponse,
    ctx: false,
    handler: async ({ env }) => ({ questions: await activation.securityQuestions(env) }),
  }),
  activationStart: defineRoute("POST /api/activation/start", {
    summary: "Request activation with the ID number and phone; opens a flow at the device notice",
    description: "Kích hoạt tài khoản → Gửi yêu cầu.",
    body: jsonBody(ActivationStartBody),
    response: ActivationState,
    errors: [
      "RATE_LIMITED",
      "INVALID_ID_OR_PHONE",
      "NOT_IDENTIFIED",
      "PENDING_APPROVAL",
      "ALREADY_ACTIVATED",
      "REGISTRY_UNAVAILABLE",
    ],
    handler: async ({ ctx, body }) => unwrap(await activation.startActivation(ctx, body)).state,
  }),
  activationStatus: defineRoute("POST /api/activation/status", {
    summary: "The current state of an activation flow",
    body: jsonBody(FlowBody),
    response: ActivationState,
    errors: FLOW_ERRORS,
    handler: async ({ ctx, body }) => unwrap(await activation.activationStatus(ctx, body.flowId)).state,
  }),
  activationOtp: defineRoute("POST /api/activation/otp", {
    summary: "Send (or resend) the activation OTP",
    description: "Gửi mã OTP / Gửi lại mã.",
    body: jsonBody(FlowBody),
    response: ActivationState,
    errors: [...FLOW_ERRORS, ...SEND_ERRORS],
    handler: async ({ ctx, body }) => unwrap(await activation.sendActivationOtp(ctx, body.flowId)).state,
  }),
  activationVerify: defineRoute("POST /api/activation/verify", {
    summary: "Check the OTP",
    description: "Xác thực OTP → Xác nhận.",
    body: jsonBody(OtpVerifyBody),
    response: ActivationState,
    errors: [...FLOW_ERRORS, ...VERIFY_ERRORS],
    handler: async ({ ctx, body }) => unwrap(await activation.verifyActivationOtp(ctx, body.flowId, body.otp)).state,
  }),
  activationPassword: defineRoute("POST /api/activation/password", {
    summary: "Set the password (accounts that have none)",
    description: "Mật khẩu / Nhập lại mật khẩu.",
    body: jsonBody(PasswordBody),
    response: ActivationState,
    errors: [...FLOW_ERRORS, "PASSWORD_COMMON", "PASSWORD_PERSONAL"],
    handler: async ({ ctx, body }) =>
      unwrap(await activation.setActivationPassword(ctx, body.flowId, body.password)).state,
  }),
  activationPasscode: defineRoute("POST /api/activation/passcode", {
    summary: "Set the 6-digit passcode",
    description: "Mã passcode / Nhập lại mã passcode.",
    body: jsonBody(PasscodeBody),
    response: ActivationState,
    errors: FLOW_ERRORS,
    handler: async ({ ctx, body }) =>
      unwrap(await activation.setActivationPasscode(ctx, body.flowId, body.passcode)).state,
  }),
  activationSecurity: defineRoute("POST /api/activation/security", {
    summary: "Answer two security questions and complete the activation (binds the device)",
    description: "Câu hỏi bảo mật → Hoàn tất.",
    body: jsonBody(SecurityBody),
    response: ActivationState,
    errors: [...FLOW_ERRORS, "QUESTION_UNKNOWN", "ALREADY_ACTIVATED"],
    handler: async ({ ctx, req, body }) =>
      unwrap(await activation.completeActivation(ctx, body.flowId, body.answers, req.headers.get("user-agent"))).state,
  }),
  activationCancel: defineRoute("POST /api/activation/cancel", {
    summary: "Abandon an activation flow (always succeeds)",
    description: "Hủy bỏ.",
    body: jsonBody(FlowBody),
    response: OkResponse,
    handler: async ({ ctx, body }) => {
      await activation.cancelActivation(ctx, body.flowId);
      return { ok: true };
    },
  }),
});
