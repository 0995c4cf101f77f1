/**
 * Request and response bodies of `/api/admin/*`: bootstrap (the province's first province_admin, with the
 * `BOOTSTRAP_TOKEN` secret) and "Quản lý cán bộ" (officers managed by a province_admin). The imports reuse the units
 * file (`UnitsFile`) and the registry extract (`RegistryFile`).
 */
import * as z from "zod/mini";
import { OfficerName, OfficerRole, ProvinceCode, UnitCode } from "./officer-schemas";

/** `POST /api/admin/bootstrap`: the token, the deployment's province, and the first province_admin's name. */
export const BootstrapBody = z.strictObject({
  token: z.string().check(z.minLength(1, "Vui lòng nhập mã khởi tạo"), z.maxLength(512)),
  province: ProvinceCode,
  name: OfficerName,
});
/** The first province_admin's one-time credentials, and the province unit they belong to (created if it was missing). */
export const BootstrapResponse = z.object({
  username: z.string(),
  password: z.string(),
  unit: z.object({ code: z.string(), name: z.string(), created: z.boolean() }),
});

/** An officer as "Quản lý cán bộ" lists them. */
export const AdminOfficer = z.object({
  username: z.string(),
  name: z.string(),
  role: OfficerRole,
  unit: z.object({ code: z.string(), name: z.string() }),
  /** The one-time password has not been changed yet. */
  mustChangePassword: z.boolean(),
  /** "Khóa": sessions ended, login refused until "Mở khóa". */
  locked: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.nullable(z.string()),
});
export type AdminOfficerT = z.infer<typeof AdminOfficer>;
/** `GET /api/admin/officers`: every officer, by unit then name. */
export const AdminOfficersResponse = z.object({ officers: z.array(AdminOfficer) });

/** "Thêm cán bộ": "Họ và tên", "Vai trò", "Đơn vị". */
export const AdminOfficerBody = z.strictObject({ name: OfficerName, role: OfficerRole, unit: UnitCode });
/** A one-time password, shown once: the new officer's, or a reset's ("Đặt lại mật khẩu"), with the officer. */
export const OneTimePasswordResponse = z.object({ username: z.string(), password: z.string(), officer: AdminOfficer });
/** "Chuyển đơn vị": the unit the officer moves to. */
export const TransferBody = z.strictObject({ unit: UnitCode });
/** "Đặt lại mật khẩu", "Khóa", "Mở khóa": no fields. */
export const AdminActionBody = z.strictObject({});
