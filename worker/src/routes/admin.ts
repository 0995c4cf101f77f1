import {
  AdminActionBody,
  AdminOfficer,
  AdminOfficerBody,
  AdminOfficersResponse,
  BootstrapBody,
  BootstrapResponse,
  OneTimePasswordResponse,
  TransferBody,
} from "../../../shared/admin-schemas";
import { ImportSummaryResponse } from "../../../shared/api-schemas";
import { UnitsFile, UnitsImportResponse } from "../../../shared/officer-schemas";
import { RegistryFile } from "../../../shared/registry-file";
import type { Ctx } from "../context";
import {
  addOfficer,
  bootstrapProvince,
  importRegistryAs,
  listOfficerViews,
  lockOfficer,
  resetOfficerPassword,
  throttleAdmin,
  transferOfficer,
  unlockOfficer,
} from "../domain/admin";
import type { Officer } from "../domain/officer";
import { importUnits } from "../domain/units";
import { AppError, unwrap } from "../errors";
import { type OfficerSession, type Req, defineRoute, jsonBody, routesOf, uncheckedJsonBody } from "./define";

/** Units files and registry extracts may be large; this bounds what an import reads. */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;

/** The summary of an all-or-nothing import, or 422 `IMPORT_INVALID` with every problem found. */
export function imported<T>(outcome: { ok: true; summary: T } | { ok: false; problems: unknown }): T {
  if (!outcome.ok) throw new AppError("IMPORT_INVALID", { details: outcome.problems });
  return outcome.summary;
}

/** The province_admin of the session, once their request has taken a slot of their limit (else 429). */
async function throttled(ctx: Ctx, session: OfficerSession): Promise<Officer> {
  unwrap(await throttleAdmin(ctx, session.officer));
  return session.officer;
}

/** The officer's user name in the path (`/api/admin/officers/{username}/…`) as user names are stored, or "" (nobody). */
function usernameOf(req: Req): string {
  const raw = String(req.params.username ?? "").toLowerCase();
  return raw.length <= 64 ? raw : "";
}

const OFFICER_ERRORS = ["OFFICER_NOT_FOUND", "RATE_LIMITED"] as const;

/**
 * `/api/admin/*`: administration without the development routes (`npm run admin`, "Quản lý cán bộ"). Bootstrap
 * needs the `BOOTSTRAP_TOKEN` secret; every other route an officer session of a province_admin. Each request is
 * throttled and each action audited; JSON bodies are checked before the session, as on every officer route.
 */
export const adminRoutes = routesOf("admin", {
  adminBootstrap: defineRoute("POST /api/admin/bootstrap", {
    summary:
      "Create the province's first province_admin with a one-time password (`npm run admin -- bootstrap`); needs the BOOTSTRAP_TOKEN secret. Creates the province unit if no units are loaded",
    description: "Khởi tạo: cán bộ quản trị cấp tỉnh đầu tiên.",
    body: jsonBody(BootstrapBody),
    response: BootstrapResponse,
    errors: ["BOOTSTRAP_TOKEN_INVALID", "PROVINCE_MISMATCH", "BOOTSTRAP_DONE", "RATE_LIMITED"],
    handler: async ({ ctx, body }) => unwrap(await bootstrapProvince(ctx, body)),
  }),
  adminUnitsImport: defineRoute("POST /api/admin/units", {
    summary: "Import the police units file (`npm run admin -- units:import`): all or nothing, upserted by code",
    session: "province_admin",
    body: jsonBody(UnitsFile, { maxBytes: IMPORT_MAX_BYTES }),
    response: UnitsImportResponse,
    errors: ["IMPORT_INVALID", "RATE_LIMITED"],
    handler: async ({ ctx, session, body }) => {
      const admin = await throttled(ctx, session);
      return imported(await importUnits(ctx, body, admin.username));
    },
  }),
  adminRegistryImport: defineRoute("POST /api/admin/registry", {
    summary:
      "Import a registry extract where the registry is the local D1 table (`npm run admin -- registry:import`): all or nothing",
    session: "province_admin",
    // Shapes are checked by importRegistry, which reports each bad record with its index.
    body: uncheckedJsonBody(RegistryFile, IMPORT_MAX_BYTES),
    response: ImportSummaryResponse,
    errors: ["IMPORT_INVALID", "REGISTRY_NOT_LOCAL", "RATE_LIMITED"],
    handler: async ({ ctx, session, body }) =>
      imported(unwrap(await importRegistryAs(ctx, await throttled(ctx, session), body)).outcome),
  }),
  adminOfficers: defineRoute("GET /api/admin/officers", {
    summary: "Every officer, with unit, role, state and last login (the viewing is audited)",
    description: "Quản lý cán bộ.",
    session: "province_admin",
    response: AdminOfficersResponse,
    errors: ["RATE_LIMITED"],
    handler: async ({ ctx, session }) => listOfficerViews(ctx, await throttled(ctx, session)),
  }),
  adminOfficerAdd: defineRoute("POST /api/admin/officers", {
    summary: "Add an officer of a unit with a role; answers a one-time password, shown once (changed at first login)",
    description: "Thêm cán bộ.",
    session: "province_admin",
    body: jsonBody(AdminOfficerBody),
    response: OneTimePasswordResponse,
    errors: ["UNIT_NOT_FOUND", "RATE_LIMITED"],
    handler: async ({ ctx, session, body }) => unwrap(await addOfficer(ctx, await throttled(ctx, session), body)),
  }),
  adminOfficerPassword: defineRoute("POST /api/admin/officers/{username}/password", {
    summary: "A new one-time password for an officer (body {}); their sessions end. Not for oneself",
    description: "Đặt lại mật khẩu.",
    session: "province_admin",
    body: jsonBody(AdminActionBody),
    response: OneTimePasswordResponse,
    errors: [...OFFICER_ERRORS, "OFFICER_SELF"],
    handler: async ({ req, ctx, session }) =>
      unwrap(await resetOfficerPassword(ctx, await throttled(ctx, session), usernameOf(req))),
  }),
  adminOfficerLock: defineRoute("POST /api/admin/officers/{username}/lock", {
    summary:
      "Lock an officer (body {}): their sessions end at once and their login is refused until unlocked. Not oneself",
    description: "Khóa.",
    session: "province_admin",
    body: jsonBody(AdminActionBody),
    response: AdminOfficer,
    errors: [...OFFICER_ERRORS, "OFFICER_SELF"],
    handler: async ({ req, ctx, session }) =>
      unwrap(await lockOfficer(ctx, await throttled(ctx, session), usernameOf(req))).officer,
  }),
  adminOfficerUnlock: defineRoute("POST /api/admin/officers/{username}/unlock", {
    summary: "Unlock an officer (body {}): they may log in again",
    description: "Mở khóa.",
    session: "province_admin",
    body: jsonBody(AdminActionBody),
    response: AdminOfficer,
    errors: OFFICER_ERRORS,
    handler: async ({ req, ctx, session }) =>
      unwrap(await unlockOfficer(ctx, await throttled(ctx, session), usernameOf(req))).officer,
  }),
  adminOfficerTransfer: defineRoute("POST /api/admin/officers/{username}/unit", {
    summary: "Move an officer to another unit (their role stays); it applies from their next request",
    description: "Chuyển đơn vị.",
    session: "province_admin",
    body: jsonBody(TransferBody),
    response: AdminOfficer,
    errors: [...OFFICER_ERRORS, "UNIT_NOT_FOUND"],
    handler: async ({ req, ctx, session, body }) =>
      unwrap(await transferOfficer(ctx, await throttled(ctx, session), usernameOf(req), body.unit)).officer,
  }),
});
