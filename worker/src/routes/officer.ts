import { CsvText, JpegBytes, OkResponse } from "../../../shared/api-schemas";
import { LIMITS } from "../../../shared/limits";
import {
  ApplicationDetail,
  ApplicationItem,
  ApplicationsQuery,
  ApplicationsResponse,
  ApproveBody,
  AuditQuery,
  AuditResponse,
  DateRangeQuery,
  IntakeBody,
  IntakeResponse,
  OfficerAppointmentsQuery,
  OfficerAppointmentsResponse,
  OfficerLoginBody,
  OfficerMe,
  OfficerPasswordBody,
  OfficerSessionResponse,
  RejectBody,
  ReportsResponse,
} from "../../../shared/officer-schemas";
import { PhotoResponse } from "../../../shared/schemas";
import { addDays, officerDayList } from "../domain/booking";
import { intakeLevel2, storeIntakePhoto } from "../domain/intake";
import { PHOTO_MAX_BYTES, PHOTO_MAX_SIDE, checkPortrait } from "../domain/level1";
import { OFFICER_COOKIE, changeOfficerPassword, describeOfficer, loginOfficer, logoutOfficer } from "../domain/officer";
import { buildReport, exportReportCsv, listAudit, resolveRange, vnMidnight } from "../domain/reports";
import { applicationPhoto, decideApplication, listQueue, openApplication } from "../domain/review";
import { unwrap } from "../errors";
import { cookieHeader, json, readCookie } from "../http";
import { type Req, defineRoute, jpegBody, jsonBody, query, routesOf } from "./define";

/** The application id of a path, or 0 (which names no application). */
function idOf(req: Req): number {
  const raw = String(req.params.id ?? "");
  return /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
}

/** The app's origin, for links in texts and receipts. */
const originOf = (req: Req) => new URL(req.url).origin;

const FROM = { description: "First day, yyyy-mm-dd", example: "2026-07-01" };
const TO = { description: "Last day, yyyy-mm-dd", example: "2026-07-31" };
const UNIT = "CAP-TAMTHANH";

/**
 * `/api/officer/*`: the police-office console. Every route but login and logout needs an officer session (a
 * citizen session gets 403); JSON bodies are validated before the session is checked, so a malformed body gets
 * the same 400/413/415/422 whoever sends it.
 */
export const officerRoutes = routesOf("officer", {
  officerLogin: defineRoute("POST /api/officer/login", {
    summary: "Officer login with user name and password; sets the officer cookie (15 min idle, 8 h at most)",
    description: "Đăng nhập cán bộ: Tên đăng nhập, Mật khẩu.",
    body: jsonBody(OfficerLoginBody),
    response: OfficerSessionResponse,
    setsCookie: true,
    errors: ["OFFICER_LOGIN_FAILED", "ACCOUNT_LOCKED", "OFFICER_DISABLED", "RATE_LIMITED"],
    handler: async ({ req, env, ctx, body }) => {
      const { token, officer, mustChangePassword } = unwrap(await loginOfficer(ctx, body.username, body.password));
      const cookie = cookieHeader(req, env, OFFICER_COOKIE, token, LIMITS.officerSessionAbsoluteSeconds);
      return json({ officer, mustChangePassword }, 200, { "set-cookie": cookie });
    },
  }),
  officerLogout: defineRoute("POST /api/officer/logout", {
    summary: "Officer logout: revokes the officer session and clears its cookie (no body; always succeeds)",
    description: "Đăng xuất.",
    response: OkResponse,
    setsCookie: true,
    handler: async ({ req, env, ctx }) => {
      await logoutOfficer(ctx, readCookie(req, OFFICER_COOKIE));
      return json({ ok: true }, 200, { "set-cookie": cookieHeader(req, env, OFFICER_COOKIE, "", 0) });
    },
  }),
  officerPassword: defineRoute("POST /api/officer/password", {
    summary:
      "Change the one-time password at first login (the shared password rules; not a common one, not the current one)",
    description: "Mật khẩu mới / Nhập lại mật khẩu mới.",
    session: "officer-before-password-change",
    body: jsonBody(OfficerPasswordBody),
    response: OfficerSessionResponse,
    errors: ["PASSWORD_COMMON", "PASSWORD_UNCHANGED"],
    handler: async ({ ctx, session, body }) => unwrap(await changeOfficerPassword(ctx, session, body.newPassword)),
  }),
  officerMe: defineRoute("GET /api/officer/me", {
    summary: "The logged-in officer: name, role and unit",
    session: "officer",
    response: OfficerMe,
    handler: async ({ session }) => describeOfficer(session.officer),
  }),
  officerPhoto: defineRoute("POST /api/officer/photo", {
    summary: `Upload the portrait taken at the office: a JPEG of at most ${PHOTO_MAX_BYTES / 1024} kB and ${PHOTO_MAX_SIDE} px on its longest side`,
    description: "Chụp ảnh chân dung tại chỗ.",
    session: "officer",
    body: jpegBody(PHOTO_MAX_BYTES, checkPortrait),
    response: PhotoResponse,
    handler: async ({ ctx, session, body: { bytes, width, height } }) =>
      storeIntakePhoto(ctx, session.officer, bytes, { width, height }),
  }),
  officerIntake: defineRoute("POST /api/officer/intake", {
    summary:
      "Level-2 intake: card, registry check, the citizen's own phone, the portrait, consent, optional papers; no fee",
    description: "Tiếp nhận hồ sơ đăng ký tài khoản định danh điện tử mức 2 (không thu lệ phí).",
    session: "officer",
    body: jsonBody(IntakeBody),
    response: IntakeResponse,
    errors: [
      "CONSENT_REQUIRED",
      "UNIT_NOT_FOUND",
      "CARD_INVALID",
      "REGISTRY_MISMATCH",
      "PHOTO_NOT_FOUND",
      "LEVEL2_EXISTS",
      "REGISTRY_UNAVAILABLE",
    ],
    handler: async ({ req, ctx, session, body }) =>
      unwrap(await intakeLevel2(ctx, session.officer, body, originOf(req))),
  }),
  officerApplications: defineRoute("GET /api/officer/applications", {
    summary: "The approval queue (newest 500), filtered; an officer sees only their unit",
    description: "Danh sách hồ sơ chờ phê duyệt.",
    session: "officer",
    query: query(ApplicationsQuery, {
      unit: { description: "Unit code (an officer: only their own)", example: UNIT },
      level: { description: "1 or 2", example: "2" },
      status: { description: "pending, approved, rejected or superseded", example: "pending" },
      from: { description: "First day of submission, yyyy-mm-dd (Vietnam time)", example: "2026-07-01" },
      to: { description: "Last day of submission, yyyy-mm-dd", example: "2026-07-31" },
    }),
    response: ApplicationsResponse,
    handler: async ({ ctx, session, query: q }) => {
      const filter = {
        ...(q.unit !== undefined && { unitCode: q.unit }),
        ...(q.level !== undefined && { level: Number(q.level) as 1 | 2 }),
        ...(q.status !== undefined && { status: q.status }),
        ...(q.from !== undefined && { from: vnMidnight(q.from) }),
        ...(q.to !== undefined && { to: vnMidnight(addDays(q.to, 1)) }),
      };
      return unwrap(await listQueue(ctx, session.officer, filter));
    },
  }),
  officerApplication: defineRoute("GET /api/officer/applications/{id}", {
    summary:
      "One file with its card, phone (phoneChange when it is not the account's current phone), papers, photo link and timeline; opening a pending file marks it under review",
    session: "officer",
    response: ApplicationDetail,
    errors: ["APPLICATION_NOT_FOUND"],
    handler: async ({ req, ctx, session }) => unwrap(await openApplication(ctx, session.officer, idOf(req))).detail,
  }),
  officerApplicationPhoto: defineRoute("GET /api/officer/photos/{id}", {
    summary: "The portrait of a file (by the file's id), streamed from R2",
    session: "officer",
    produces: "image/jpeg",
    response: JpegBytes,
    errors: ["APPLICATION_NOT_FOUND", "PHOTO_NOT_FOUND"],
    handler: async ({ req, ctx, session }) => {
      const { photo } = unwrap(await applicationPhoto(ctx, session.officer, idOf(req)));
      return new Response(photo.body, {
        headers: {
          "content-type": "image/jpeg",
          "content-length": String(photo.size),
          "cache-control": "private, no-store",
        },
      });
    },
  }),
  officerApprove: defineRoute("POST /api/officer/applications/{id}/approve", {
    summary:
      "Approve a pending file (body {}) taken by another officer (SELF_APPROVAL otherwise); a file whose phone is not the account's first texts the account's current phone how to object (SMS_UNAVAILABLE, nothing decided, if that text cannot go); texts the citizen; exactly one of two concurrent decisions wins",
    description: "Phê duyệt.",
    session: "officer",
    body: jsonBody(ApproveBody),
    response: ApplicationItem,
    errors: ["APPLICATION_NOT_FOUND", "ALREADY_DECIDED", "SELF_APPROVAL", "SMS_UNAVAILABLE"],
    handler: async ({ req, ctx, session }) =>
      unwrap(await decideApplication(ctx, session.officer, idOf(req), { approve: true }, originOf(req))).application,
  }),
  officerReject: defineRoute("POST /api/officer/applications/{id}/reject", {
    summary:
      "Reject a pending file with a reason; texts the citizen the reason; the account goes back to its state before",
    description: "Từ chối (nêu lý do).",
    session: "officer",
    body: jsonBody(RejectBody),
    response: ApplicationItem,
    errors: ["APPLICATION_NOT_FOUND", "ALREADY_DECIDED"],
    handler: async ({ req, ctx, session, body: { reason } }) =>
      unwrap(await decideApplication(ctx, session.officer, idOf(req), { approve: false, reason }, originOf(req)))
        .application,
  }),
  officerAppointments: defineRoute("GET /api/officer/appointments", {
    summary: "A unit's appointments of a day (an officer: their own unit)",
    description: "Danh sách lịch hẹn trong ngày.",
    session: "officer",
    query: query(OfficerAppointmentsQuery, {
      day: { description: "yyyy-mm-dd", example: "2026-07-15" },
      unit: { description: "Unit code (province_admin only; default: their own)", example: UNIT },
    }),
    response: OfficerAppointmentsResponse,
    errors: ["UNIT_NOT_FOUND"],
    handler: async ({ ctx, session, query: { day, unit } }) =>
      unwrap(await officerDayList(ctx, session.officer, day, unit)),
  }),
  officerReports: defineRoute("GET /api/officer/reports", {
    summary: "Applications and activations by level, state, unit and day (province_admin); default: the last 30 days",
    description: "Báo cáo thống kê.",
    session: "province_admin",
    query: query(DateRangeQuery, {
      from: { description: "First day, yyyy-mm-dd (Vietnam time)", example: "2026-07-01" },
      to: { description: "Last day, yyyy-mm-dd (at most 366 days)", example: "2026-07-31" },
    }),
    response: ReportsResponse,
    handler: async ({ ctx, query: q }) => buildReport(ctx, unwrap(resolveRange(ctx, q)).range),
  }),
  officerReportsCsv: defineRoute("GET /api/officer/reports.csv", {
    summary: "The report as CSV, one row per day and unit (UTF-8 with a BOM, for Excel); the export is audited",
    description: "Xuất báo cáo (CSV).",
    session: "province_admin",
    query: query(DateRangeQuery, { from: FROM, to: TO }),
    produces: "text/csv",
    response: CsvText,
    handler: async ({ ctx, session, query: q }) => {
      const { range } = unwrap(resolveRange(ctx, q));
      const csv = await exportReportCsv(ctx, session.officer, range);
      return new Response(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="bao-cao-${range.from}-${range.to}.csv"`,
          "cache-control": "no-store",
        },
      });
    },
  }),
  officerAudit: defineRoute("GET /api/officer/audit", {
    summary: "The append-only audit log, newest 500 matching entries (province_admin)",
    description: "Nhật ký thao tác.",
    session: "province_admin",
    query: query(AuditQuery, {
      event: { description: "An event, or a prefix of dotted events (officer.login)", example: "application.approved" },
      officer: { description: "An officer's user name", example: "annv" },
      from: FROM,
      to: TO,
    }),
    response: AuditResponse,
    handler: async ({ ctx, query: q }) => listAudit(ctx, q),
  }),
});
