import type { RouterType } from "itty-router";
import { LIMITS } from "../../../shared/limits";
import {
  ApplicationsQuery,
  ApproveBody,
  AuditQuery,
  DateRangeQuery,
  IntakeBody,
  OfficerAppointmentsQuery,
  OfficerLoginBody,
  OfficerPasswordBody,
  RejectBody,
} from "../../../shared/officer-schemas";
import { addDays, officerDayList } from "../domain/booking";
import { intakeLevel2, storeIntakePhoto } from "../domain/intake";
import { PHOTO_MAX_BYTES, checkPortrait } from "../domain/level1";
import {
  OFFICER_COOKIE,
  changeOfficerPassword,
  describeOfficer,
  loginOfficer,
  logoutOfficer,
} from "../domain/officer";
import { buildReport, exportReportCsv, listAudit, resolveRange, vnMidnight } from "../domain/reports";
import { applicationPhoto, decideApplication, listQueue, openApplication } from "../domain/review";
import { AppError } from "../errors";
import { json, readCapped, readJson, readQuery } from "../http";
import { cookieHeader } from "./auth";
import { type Args, type Req, ctxOf, readCookie, requireOfficer, unwrap } from "./util";

/** The application id of a path, or 0 (which names no application). */
function idOf(req: Req): number {
  const raw = String(req.params.id ?? "");
  return /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
}

/** The app's origin, for links in texts and receipts. */
const originOf = (req: Req) => new URL(req.url).origin;

/**
 * `/api/officer/*`: the police-office console. Every route but login and logout needs an officer session (a
 * citizen session gets 403); JSON bodies are validated before the session is checked, so a malformed body gets
 * the same 400/413/415/422 whoever sends it.
 */
export function officerRoutes(router: RouterType<Req, Args>): void {
  router
    .post("/api/officer/login", async (req, env) => {
      const { username, password } = await readJson(req, OfficerLoginBody);
      const { token, officer, mustChangePassword } = unwrap(await loginOfficer(await ctxOf(env, req), username, password));
      const cookie = cookieHeader(req, env, OFFICER_COOKIE, token, LIMITS.officerSessionAbsoluteSeconds);
      return json({ officer, mustChangePassword }, 200, { "set-cookie": cookie });
    })
    .post("/api/officer/logout", async (req, env) => {
      await logoutOfficer(await ctxOf(env, req), readCookie(req, OFFICER_COOKIE));
      return json({ ok: true }, 200, { "set-cookie": cookieHeader(req, env, OFFICER_COOKIE, "", 0) });
    })
    .post("/api/officer/password", async (req, env) => {
      const { newPassword } = await readJson(req, OfficerPasswordBody);
      const ctx = await ctxOf(env, req);
      const session = await requireOfficer(req, ctx, { beforePasswordChange: true });
      return json(unwrap(await changeOfficerPassword(ctx, session, newPassword)));
    })
    .get("/api/officer/me", async (req, env) => {
      const { officer } = await requireOfficer(req, await ctxOf(env, req));
      return json(describeOfficer(officer));
    })
    .post("/api/officer/photo", async (req, env) => {
      const type = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "image/jpeg") throw new AppError("PHOTO_TYPE");
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(req, PHOTO_MAX_BYTES);
      } catch (err) {
        if (err instanceof AppError && err.code === "PAYLOAD_TOO_LARGE") throw new AppError("PHOTO_TOO_LARGE");
        throw err;
      }
      const size = unwrap(checkPortrait(bytes));
      const ctx = await ctxOf(env, req);
      const { officer } = await requireOfficer(req, ctx);
      return json(await storeIntakePhoto(ctx, officer, bytes, size));
    })
    .post("/api/officer/intake", async (req, env) => {
      const body = await readJson(req, IntakeBody);
      const ctx = await ctxOf(env, req);
      const { officer } = await requireOfficer(req, ctx);
      return json(unwrap(await intakeLevel2(ctx, officer, body, originOf(req))));
    })
    .get("/api/officer/applications", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const { officer } = await requireOfficer(req, ctx);
      const q = readQuery(req, ApplicationsQuery);
      const filter = {
        ...(q.unit !== undefined && { unitCode: q.unit }),
        ...(q.level !== undefined && { level: Number(q.level) as 1 | 2 }),
        ...(q.status !== undefined && { status: q.status }),
        ...(q.from !== undefined && { from: vnMidnight(q.from) }),
        ...(q.to !== undefined && { to: vnMidnight(addDays(q.to, 1)) }),
      };
      return json(unwrap(await listQueue(ctx, officer, filter)));
    })
    .get("/api/officer/applications/:id", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const { officer } = await requireOfficer(req, ctx);
      return json(unwrap(await openApplication(ctx, officer, idOf(req))).detail);
    })
    .get("/api/officer/photos/:id", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const { officer } = await requireOfficer(req, ctx);
      const { photo } = unwrap(await applicationPhoto(ctx, officer, idOf(req)));
      return new Response(photo.body, {
        headers: { "content-type": "image/jpeg", "content-length": String(photo.size), "cache-control": "private, no-store" },
      });
    })
    .post("/api/officer/applications/:id/approve", async (req, env) => {
      await readJson(req, ApproveBody);
      const ctx = await ctxOf(env, req);
      const { officer } = await requireOfficer(req, ctx);
      return json(unwrap(await decideApplication(ctx, officer, idOf(req), { approve: true }, originOf(req))).application);
    })
    .post("/api/officer/applications/:id/reject", async (req, env) => {
      const { reason } = await readJson(req, RejectBody);
      const ctx = await ctxOf(env, req);
      const { officer } = await requireOfficer(req, ctx);
      return json(unwrap(await decideApplication(ctx, officer, idOf(req), { approve: false, reason }, originOf(req))).application);
    })
    .get("/api/officer/appointments", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const { officer } = await requireOfficer(req, ctx);
      const { day, unit } = readQuery(req, OfficerAppointmentsQuery);
      return json(unwrap(await officerDayList(ctx, officer, day, unit)));
    })
    .get("/api/officer/reports", async (req, env) => {
      const ctx = await ctxOf(env, req);
      await requireOfficer(req, ctx, { role: "province_admin" });
      const { range } = unwrap(resolveRange(ctx, readQuery(req, DateRangeQuery)));
      return json(await buildReport(ctx, range));
    })
    .get("/api/officer/reports.csv", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const { officer } = await requireOfficer(req, ctx, { role: "province_admin" });
      const { range } = unwrap(resolveRange(ctx, readQuery(req, DateRangeQuery)));
      const csv = await exportReportCsv(ctx, officer, range);
      return new Response(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="bao-cao-${range.from}-${range.to}.csv"`,
          "cache-control": "no-store",
        },
      });
    })
    .get("/api/officer/audit", async (req, env) => {
      const ctx = await ctxOf(env, req);
      await requireOfficer(req, ctx, { role: "province_admin" });
      return json(await listAudit(ctx, readQuery(req, AuditQuery)));
    });
}
