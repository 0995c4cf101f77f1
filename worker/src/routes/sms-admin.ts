import { FailedText, FailedTextsResponse, ResendBody } from "../../../shared/sms";
import { listFailedTexts, resendFailedText } from "../domain/texts";
import { unwrap } from "../errors";
import { type Req, defineRoute, jsonBody, routesOf } from "./define";

/** The failed text of a path, or 0 (which names none). */
function idOf(req: Req): number {
  const raw = String(req.params.id ?? "");
  return /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
}

/**
 * `/api/admin/sms/*`: "Tin nhắn lỗi", the texts that could not be delivered after their commit (the dead-letter
 * queue's, and those the provider refused), for a province_admin, who can "Gửi lại" each once.
 */
export const smsAdminRoutes = routesOf("sms", {
  adminFailedTexts: defineRoute("GET /api/admin/sms/failed", {
    summary: "The newest 200 texts that could not be delivered, newest first, the phone masked (province_admin)",
    description: "Tin nhắn lỗi.",
    session: "province_admin",
    response: FailedTextsResponse,
    handler: async ({ ctx }) => listFailedTexts(ctx),
  }),
  adminResendText: defineRoute("POST /api/admin/sms/failed/{id}/resend", {
    summary: "Queue a failed text again under a new idempotency key (body {}); audited; only once per text",
    description: "Gửi lại.",
    session: "province_admin",
    body: jsonBody(ResendBody, { example: {} }),
    response: FailedText,
    errors: ["SMS_NOT_FOUND", "SMS_ALREADY_RESENT"],
    handler: async ({ req, ctx, session }) => unwrap(await resendFailedText(ctx, session.officer, idOf(req))).item,
  }),
});
