/**
 * Administration without the development routes (`/api/admin/*`, `npm run admin`): bootstrap, which gives a province
 * its first province_admin for the holder of the `BOOTSTRAP_TOKEN` secret, and what a province_admin does: load the
 * police units and (with the local registry) a registry extract, and manage officers in "Quản lý cán bộ" ("Thêm cán
 * bộ", "Đặt lại mật khẩu", "Khóa", "Mở khóa", "Chuyển đơn vị"). Every action is audited; every request is throttled.
 */
import type { AdminOfficerT } from "../../../shared/admin-schemas";
import type { OfficerRoleT } from "../../../shared/officer-schemas";
import { iso } from "../clock";
import type { Ctx } from "../context";
import { constantTimeEqual, hashSecret, sha256Hex } from "../crypto";
import { audit, officerAuditStatement, officerLockedAuditStatement } from "../db/audit";
import {
  type Officer,
  type OfficerListing,
  disableOfficerStatements,
  enableOfficerStatement,
  findOfficerListing,
  hasProvinceAdmin,
  insertFirstProvinceAdmin,
  listOfficers,
  resetOfficerStatements,
  setOfficerUnitStatement,
} from "../db/officers";
import { findProvinceUnit, findUnit, upsertUnitStatement } from "../db/units";
import { type Result, fail } from "../errors";
import { newOneTimePassword } from "./codes";
import { createOfficer, usernameBase } from "./officer";
import { type ImportOutcome, importRegistry } from "./registry-import";
import { provinceUnitOf } from "./units";
import { releaseSlots, takeSlot } from "./throttle";

/** A shorter `BOOTSTRAP_TOKEN` is taken for a missing one: bootstrap stays closed. */
export const BOOTSTRAP_TOKEN_MIN_LENGTH = 32;

/** True when `given` is the deployment's token; compared as SHA-256 digests, in constant time. */
async function isBootstrapToken(expected: string, given: string): Promise<boolean> {
  if (expected.length < BOOTSTRAP_TOKEN_MIN_LENGTH) {
    console.error(
      `BOOTSTRAP_TOKEN is not set or shorter than ${BOOTSTRAP_TOKEN_MIN_LENGTH} characters: bootstrap is closed`,
    );
    return false;
  }
  const [a, b] = await Promise.all([sha256Hex(expected), sha256Hex(given)]);
  return constantTimeEqual(a, b);
}

/**
 * Bootstrap: the first province_admin of the deployment's province, with a one-time password, in the province
 * unit (created from `data/provinces.json` when no units are loaded yet). Throttled per client IP before the token
 * is compared (a right token gives its slot back); a wrong token is 403, another province 422, and a province that
 * has a province_admin 409 `BOOTSTRAP_DONE`. Every attempt is audited, never with the token.
 */
export async function bootstrapProvince(
  ctx: Ctx,
  input: { token: string; province: string; name: string },
): Promise<Result<{ username: string; password: string; unit: { code: string; name: string; created: boolean } }>> {
  const slot = await takeSlot(ctx, "bootstrap-ip", ctx.clientIp);
  if (!slot.ok) return slot;
  const db = ctx.db;
  const now = ctx.clock.now();
  const refused = (reason: string) =>
    audit(db, now, "admin.bootstrap.refused", null, { reason, province: input.province });
  if (!(await isBootstrapToken(ctx.config.bootstrapToken, input.token))) {
    await refused("token");
    return fail("BOOTSTRAP_TOKEN_INVALID");
  }
  await releaseSlots(ctx, [slot.slot]);
  const province = ctx.config.provinceCode;
  if (input.province !== province) {
    await refused("province");
    return fail("PROVINCE_MISMATCH", {
      fields: { province: `Hệ thống này phục vụ tỉnh có mã ${province} (PROVINCE_CODE).` },
    });
  }
  if (await hasProvinceAdmin(db, province)) {
    await refused("done");
    return fail("BOOTSTRAP_DONE");
  }
  const loaded = await findProvinceUnit(db, province);
  const known = loaded ?? provinceUnitOf(province);
  // A PROVINCE_CODE that data/provinces.json does not know, and no units loaded: a deployment error.
  if (!known) throw new Error(`PROVINCE_CODE ${province} is not a province of data/provinces.json`);
  const created = loaded === null;
  if (created) await db.batch([upsertUnitStatement(db, known, now)]);
  const password = newOneTimePassword();
  const officer = {
    name: input.name,
    role: "province_admin" as const,
    unitCode: known.code,
    passwordHash: await hashSecret(password, ctx.pepper, ctx.iterations),
  };
  const base = usernameBase(input.name);
  let username: string | undefined;
  for (let n = 1; username === undefined; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (await insertFirstProvinceAdmin(db, { ...officer, username: candidate }, province, now)) username = candidate;
    else if (await hasProvinceAdmin(db, province)) {
      // A concurrent bootstrap won.
      await refused("done");
      return fail("BOOTSTRAP_DONE");
    }
  }
  await audit(db, now, "admin.bootstrap", null, { username, province, unit: known.code, unitCreated: created });
  return { ok: true, username, password, unit: { code: known.code, name: known.name, created } };
}

/** Takes a slot of the province_admin's `/api/admin/*` requests, or fails with 429 `RATE_LIMITED`. */
export async function throttleAdmin(ctx: Ctx, admin: Officer): Promise<Result<object>> {
  const slot = await takeSlot(ctx, "admin", admin.username);
  return slot.ok ? { ok: true } : slot;
}

/** An officer as "Quản lý cán bộ" shows them. */
function viewOf(o: OfficerListing): AdminOfficerT {
  return {
    username: o.username,
    name: o.name,
    role: o.role,
    unit: { code: o.unitCode, name: o.unitName },
    mustChangePassword: o.mustChange,
    locked: o.disabledAt !== null,
    createdAt: iso(o.createdAt),
    lastLoginAt: o.lastLoginAt === null ? null : iso(o.lastLoginAt),
  };
}

/** The officer `username` as the console shows them, or 404 `OFFICER_NOT_FOUND`. */
async function officerView(ctx: Ctx, username: string): Promise<Result<{ officer: AdminOfficerT }>> {
  const found = await findOfficerListing(ctx.db, username);
  return found ? { ok: true, officer: viewOf(found) } : fail("OFFICER_NOT_FOUND");
}

/** "Quản lý cán bộ": every officer (the viewing is audited). */
export async function listOfficerViews(ctx: Ctx, admin: Officer): Promise<{ officers: AdminOfficerT[] }> {
  const officers = (await listOfficers(ctx.db)).map(viewOf);
  await ctx.db.batch([
    officerAuditStatement(ctx.db, ctx.clock.now(), "officers.viewed", admin.username, null, { count: officers.length }),
  ]);
  return { officers };
}

/** "Thêm cán bộ": a new officer of a unit, with a one-time password shown once. */
export async function addOfficer(
  ctx: Ctx,
  admin: Officer,
  input: { name: string; role: OfficerRoleT; unit: string },
): Promise<Result<{ username: string; password: string; officer: AdminOfficerT }>> {
  const made = await createOfficer(ctx, input, admin.username);
  if (!made.ok) return made;
  const view = await officerView(ctx, made.username);
  return view.ok ? { ok: true, username: made.username, password: made.password, officer: view.officer } : view;
}

/** The officer a province_admin acts on, never themselves where that would lock them out. */
async function target(
  ctx: Ctx,
  admin: Officer,
  username: string,
  notSelf: boolean,
): Promise<Result<{ officer: OfficerListing }>> {
  if (notSelf && username === admin.username) return fail("OFFICER_SELF");
  const officer = await findOfficerListing(ctx.db, username);
  return officer ? { ok: true, officer } : fail("OFFICER_NOT_FOUND");
}

/**
 * "Đặt lại mật khẩu": a new one-time password (to be changed at the next login), shown once; the officer's sessions
 * end and a wrong-password lockout is lifted. A "Khóa" stays.
 */
export async function resetOfficerPassword(
  ctx: Ctx,
  admin: Officer,
  username: string,
): Promise<Result<{ username: string; password: string; officer: AdminOfficerT }>> {
  const found = await target(ctx, admin, username, true);
  if (!found.ok) return found;
  const { officer } = found;
  const now = ctx.clock.now();
  const password = newOneTimePassword();
  const passwordHash = await hashSecret(password, ctx.pepper, ctx.iterations);
  await ctx.db.batch([
    ...resetOfficerStatements(
      ctx.db,
      { username, name: officer.name, role: officer.role, unitCode: officer.unitCode, passwordHash },
      now,
    ),
    officerAuditStatement(ctx.db, now, "officer.password.reset", admin.username, null, { username }),
  ]);
  const view = await officerView(ctx, username);
  return view.ok ? { ok: true, username, password, officer: view.officer } : view;
}

/** "Khóa": the officer's sessions end at once and their login is refused until "Mở khóa"; never oneself. */
export async function lockOfficer(
  ctx: Ctx,
  admin: Officer,
  username: string,
): Promise<Result<{ officer: AdminOfficerT }>> {
  const found = await target(ctx, admin, username, true);
  if (!found.ok) return found;
  const now = ctx.clock.now();
  await ctx.db.batch([
    officerLockedAuditStatement(ctx.db, admin.username, username, now),
    ...disableOfficerStatements(ctx.db, username, admin.username, now),
  ]);
  return officerView(ctx, username);
}

/** "Mở khóa": the officer may log in again. */
export async function unlockOfficer(
  ctx: Ctx,
  admin: Officer,
  username: string,
): Promise<Result<{ officer: AdminOfficerT }>> {
  const found = await target(ctx, admin, username, false);
  if (!found.ok) return found;
  const now = ctx.clock.now();
  await ctx.db.batch([
    enableOfficerStatement(ctx.db, username, now),
    officerAuditStatement(ctx.db, now, "officer.unlocked", admin.username, null, { username }),
  ]);
  return officerView(ctx, username);
}

/** "Chuyển đơn vị": the officer acts for another unit from their next request on (their role stays). */
export async function transferOfficer(
  ctx: Ctx,
  admin: Officer,
  username: string,
  unitCode: string,
): Promise<Result<{ officer: AdminOfficerT }>> {
  const found = await target(ctx, admin, username, false);
  if (!found.ok) return found;
  const unit = await findUnit(ctx.db, unitCode);
  if (!unit) return fail("UNIT_NOT_FOUND");
  const now = ctx.clock.now();
  await ctx.db.batch([
    setOfficerUnitStatement(ctx.db, username, unit.code, now),
    officerAuditStatement(ctx.db, now, "officer.transferred", admin.username, null, {
      username,
      from: found.officer.unitCode,
      to: unit.code,
    }),
  ]);
  return officerView(ctx, username);
}

/**
 * `npm run admin -- registry:import`: a registry extract, validated and imported as the development import does, only
 * where the registry is the local D1 table (409 `REGISTRY_NOT_LOCAL` with any other adapter).
 */
export async function importRegistryAs(
  ctx: Ctx,
  admin: Officer,
  raw: unknown,
): Promise<Result<{ outcome: ImportOutcome }>> {
  // Only the local table can ride in the app's own D1 batches: that is what "local" means (not the class, which
  // tests wrap to check the route's declared codes).
  if (!ctx.registry.lookupInBatch) return fail("REGISTRY_NOT_LOCAL");
  return { ok: true, outcome: await importRegistry(ctx, raw, admin.username) };
}
