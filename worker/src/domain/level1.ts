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
import { findAccount } from "../db/accounts";
import { type Result, fail } from "../errors";
import { numberApplicationStatements } from "../db/applications";
import { newTrackingCode, referencePrefix } from "./codes";
import { jpegSize } from "./jpeg";
import { checkCardInput } from "./registration";
import { matchesRegistry } from "./registry-match";
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
  await ctx.env.PHOTOS.put(key, bytes, {
    httpMetadata: { contentType: "image/jpeg" },
    customMetadata: { photoId },
  });
  return key;
}

/** Stores a portrait for the account's level-1 application. Refuses anything but a JPEG within the limits. */
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
  const photoId = randomToken(16);
  const key = await putPortrait(ctx, photoId, bytes);
  try {
    await ctx.db
      .prepare(
        `INSERT INTO photos (id, account_id, r2_key, bytes, width, height, uploaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
      )
      .bind(photoId, accountId, key, bytes.length, size.width, size.height, ctx.clock.now())
      .run();
  } catch (err) {
    // No row, no object: an upload either lands whole or not at all.
    await ctx.env.PHOTOS.delete(key);
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
  if (!matchesRegistry(citizen, checked.card, account.phone)) return fail("REGISTRY_MISMATCH");
  const photo = await ctx.db
    .prepare("SELECT r2_key FROM photos WHERE id = ?1 AND account_id = ?2")
    .bind(input.photoId, accountId)
    .first<{ r2_key: string }>();
  if (!photo || !(await ctx.env.PHOTOS.head(photo.r2_key))) return fail("PHOTO_NOT_FOUND");

  // Routed to the commune or ward police of the registry address, else the province police; numbered L1-….
  const unitCode = citizen ? await routeUnit(ctx, citizen.address) : null;
  const prefix = referencePrefix(1, ctx.env.PROVINCE_CODE, ctx.clock);
  const now = ctx.clock.now();
  const db = ctx.db;
  // Every statement after the insert runs only for the application this batch wrote (its random claim, ?1).
  const claim = randomToken(16);
  const results = await db.batch([
    db
      .prepare(
        `UPDATE accounts SET level = ?2, status = ?3, updated_at = ?4
         WHERE id = ?1 AND level = ?5 AND status = ?6`,
      )
      .bind(accountId, next.level, next.status, now, account.level, account.status),
    db
      .prepare(
        `INSERT INTO applications (account_id, level, channel, status, card_json, photo_id, email, submitted_at,
           tracking_code, unit_code, phone, prior_level, prior_status, claim)
         SELECT ?1, ?2, 'online', 'pending', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12
         WHERE EXISTS (SELECT 1 FROM accounts WHERE id = ?1 AND status = 'pending' AND updated_at = ?6)
           AND NOT EXISTS (SELECT 1 FROM applications WHERE account_id = ?1 AND status = 'pending')`,
      )
      .bind(
        accountId,
        next.level,
        JSON.stringify(checked.card),
        input.photoId,
        input.email || null,
        now,
        newTrackingCode(),
        unitCode,
        account.phone,
        account.level,
        account.status,
        claim,
      ),
    ...numberApplicationStatements(db, claim, prefix),
    db
      .prepare(
        `INSERT INTO audit_log (at, event, account_id, detail)
         SELECT ?1, 'level1.applied', ?2, json_object('photoId', ?3, 'reference', reference, 'unit', unit_code)
         FROM applications WHERE claim = ?4`,
      )
      .bind(now, accountId, input.photoId, claim),
  ]);
  if (results[0]?.meta.changes !== 1) return fail("LEVEL1_NOT_ALLOWED");
  return { ok: true };
}
