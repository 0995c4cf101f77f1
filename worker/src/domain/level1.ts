/**
 * "Đăng ký tài khoản mức 1" (seed 001, Phụ lục 2, step 5), from a logged-in app account: the card read from its QR,
 * a portrait photo (JPEG, ≤ 640 px, ≤ 150 kB, kept in R2 under a key nobody can guess), an optional e-mail, then
 * "Xác nhận thông tin đăng ký". The application waits for approval: level 1, state `pending`, numbered `L1-…` with
 * a tracking code, in the queue of the commune or ward police of the citizen's registry address.
 */
import { transition } from "../../../shared/lifecycle";
import type { CardInputT } from "../../../shared/schemas";
import type { Ctx } from "../context";
import { randomToken } from "../crypto";
import { applyAccountStatement, findAccount } from "../db/accounts";
import { type Result, fail } from "../errors";
import { insertOnlineApplicationStatement, numberApplicationStatements } from "../db/applications";
import { level1AppliedAuditStatement } from "../db/audit";
import { newClaim } from "../db/claim";
import { findPhotoKey, insertPhoto } from "../db/photos";
import { newTrackingCode, referencePrefix } from "./codes";
import { jpegSize } from "./jpeg";
import { checkCardInput } from "./registration";
import { matchesRegistry, withRegistryName } from "./registry-match";
import { releaseSlots, takeSlot } from "./throttle";
import { routeUnit } from "./units";

/** Upload limits of a portrait. */
export const PHOTO_MAX_BYTES = 150 * 1024;
export const PHOTO_MAX_SIDE = 640;

/** Checks that bytes are a JPEG portrait within the limits; its size when it is. */
export function checkPortrait(bytes: Uint8Array): Result<{ width: number; height: number }> {
  if (bytes.length > PHOTO_MAX_BYTES) return fail("PHOTO_TOO_LARGE");
  const size = jpegSize(bytes);
  if (!size) return fail("PHOTO_TYPE");
  if (Math.max(size.width, size.height) > PHOTO_MAX_SIDE) return fail("PHOTO_TOO_LARGE");
  return { ok: true, ...size };
}

/** Puts a portrait in R2 under a key nobody can guess; the key. */
export async function putPortrait(ctx: Ctx, photoId: string, bytes: Uint8Array): Promise<string> {
  const key = `portraits/${randomToken(24)}.jpg`;
  await ctx.photos.put(key, bytes, photoId);
  return key;
}

/**
 * Stores a portrait for the account's level-1 application. Refuses anything but a JPEG within the limits, and more
 * than `LIMIT_PHOTO_PER_ACCOUNT` stored uploads (429 `RATE_LIMITED`); photos no file uses are swept after a day.
 */
export async function uploadPortrait(
  ctx: Ctx,
  accountId: string,
  bytes: Uint8Array,
): Promise<Result<{ photoId: string; bytes: number; width: number; height: number }>> {
  const account = await findAccount(ctx.db, accountId);
  if (!account || !transition(account, { type: "apply", level: 1 })) return fail("LEVEL1_NOT_ALLOWED");
  const checked = checkPortrait(bytes);
  if (!checked.ok) return checked;
  const size = { width: checked.width, height: checked.height };
  const slot = await takeSlot(ctx, "photo-account", accountId, accountId);
  if (!slot.ok) return slot;
  const photoId = randomToken(16);
  const key = await putPortrait(ctx, photoId, bytes);
  try {
    await insertPhoto(ctx.db, "citizen", {
      id: photoId,
      owner: accountId,
      r2Key: key,
      bytes: bytes.length,
      ...size,
      uploadedAt: ctx.clock.now(),
    });
  } catch (err) {
    // No row, no object: an upload either lands whole or not at all (and counts for nothing).
    await Promise.all([ctx.photos.delete(key), releaseSlots(ctx, [slot.slot])]);
    throw err;
  }
  return { ok: true, photoId, bytes: bytes.length, ...size };
}

/**
 * "Xác nhận thông tin đăng ký": the card must be the citizen's own and agree with the registry, the photo must be
 * theirs; the account moves to level 1, `pending`, with the application recorded, in one batch.
 */
export async function applyLevel1(
  ctx: Ctx,
  accountId: string,
  input: { card: CardInputT; photoId: string; email?: string | undefined },
): Promise<Result<object>> {
  const account = await findAccount(ctx.db, accountId);
  const next = account && transition(account, { type: "apply", level: 1 });
  if (!account || !next) return fail("LEVEL1_NOT_ALLOWED");
  const checked = checkCardInput(ctx, input.card);
  if (!checked.ok) return checked;
  if (checked.card.id !== accountId) return fail("QR_MISMATCH");
  const citizen = await ctx.registry.findCitizen(accountId);
  if (!citizen || !matchesRegistry(citizen, checked.card, account.phone)) return fail("REGISTRY_MISMATCH");
  const photoKey = await findPhotoKey(ctx.db, input.photoId, accountId);
  if (!photoKey || !(await ctx.photos.exists(photoKey))) return fail("PHOTO_NOT_FOUND");

  // Routed to the commune or ward police of the registry address, else the province police; numbered L1-….
  const unitCode = await routeUnit(ctx, citizen.address);
  const prefix = referencePrefix(1, ctx.config.provinceCode, ctx.clock);
  const now = ctx.clock.now();
  const db = ctx.db;
  // Every statement after the insert runs only for the application this batch wrote (its random claim).
  const claim = newClaim("applications");
  const results = await db.batch([
    applyAccountStatement(db, accountId, account, next, now),
    insertOnlineApplicationStatement(db, claim, {
      accountId,
      level: next.level,
      cardJson: JSON.stringify(withRegistryName(checked.card, citizen)),
      photoId: input.photoId,
      email: input.email || null,
      submittedAt: now,
      trackingCode: newTrackingCode(),
      unitCode,
      phone: account.phone,
      prior: { level: account.level, status: account.status },
    }),
    ...numberApplicationStatements(db, claim, prefix),
    level1AppliedAuditStatement(db, claim, now, accountId, input.photoId),
  ]);
  if (results[0]?.meta.changes !== 1) return fail("LEVEL1_NOT_ALLOWED");
  return { ok: true };
}
