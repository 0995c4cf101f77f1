/**
 * Portrait rows: `photos` (uploaded by the citizen for a level-1 application) and `intake_photos` (taken at the police
 * office or an event, each for one level-2 file). The bytes are in R2 under `r2_key` (adapters/photos.ts).
 */
import type { Claim } from "./claim";

/** A stored portrait's row. */
export interface PhotoRow {
  id: string;
  /** The citizen's account (`photos`) or the officer who took it (`intake_photos`). */
  owner: string;
  r2Key: string;
  bytes: number;
  width: number;
  height: number;
  uploadedAt: number;
}

/** Where each kind of portrait is recorded, and the column naming whose it is. */
const PHOTO_TABLES = { citizen: ["photos", "account_id"], intake: ["intake_photos", "officer"] } as const;

/** Records a portrait: a citizen's (`photos`) or one taken by an officer (`intake_photos`). */
export async function insertPhoto(db: D1Database, kind: keyof typeof PHOTO_TABLES, p: PhotoRow): Promise<void> {
  const [table, owner] = PHOTO_TABLES[kind];
  await db
    .prepare(
      `INSERT INTO ${table} (id, ${owner}, r2_key, bytes, width, height, uploaded_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(p.id, p.owner, p.r2Key, p.bytes, p.width, p.height, p.uploadedAt)
    .run();
}

/** The R2 key of the account's portrait `photoId`, or `null`. */
export async function findPhotoKey(db: D1Database, photoId: string, accountId: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT r2_key FROM photos WHERE id = ?1 AND account_id = ?2")
    .bind(photoId, accountId)
    .first<{ r2_key: string }>();
  return row?.r2_key ?? null;
}

/** The R2 key of the officer's portrait `photoId` that no file uses yet, or `null`. */
export async function findUnusedIntakePhotoKey(
  db: D1Database,
  photoId: string,
  officer: string,
): Promise<string | null> {
  const row = await db
    .prepare("SELECT r2_key FROM intake_photos WHERE id = ?1 AND officer = ?2 AND claim IS NULL")
    .bind(photoId, officer)
    .first<{ r2_key: string }>();
  return row?.r2_key ?? null;
}

/** The R2 key of a file's portrait: the office's (`intakePhotoId`) or the citizen's (`photoId`); `null` for none. */
export async function filePhotoKey(
  db: D1Database,
  file: { intakePhotoId: string | null; photoId: string | null },
): Promise<string | null> {
  const row = file.intakePhotoId
    ? await db
        .prepare("SELECT r2_key FROM intake_photos WHERE id = ?1")
        .bind(file.intakePhotoId)
        .first<{ r2_key: string }>()
    : file.photoId
      ? await db.prepare("SELECT r2_key FROM photos WHERE id = ?1").bind(file.photoId).first<{ r2_key: string }>()
      : null;
  return row?.r2_key ?? null;
}

/** Removes an officer's portrait that no file uses; its R2 key when there was one. */
export async function deleteUnusedIntakePhoto(db: D1Database, photoId: string): Promise<string | null> {
  const row = await db
    .prepare("DELETE FROM intake_photos WHERE id = ?1 AND claim IS NULL RETURNING r2_key")
    .bind(photoId)
    .first<{ r2_key: string }>();
  return row?.r2_key ?? null;
}

/**
 * The first statement of the intake batch (db/claim.ts): claims the officer's unused portrait for this file, only
 * while the account is still at `accountState` (`level/status`, or null for no account) and the ID has no live
 * level-2 file.
 */
export function claimIntakePhotoStatement(
  db: D1Database,
  claim: Claim,
  photoId: string,
  officer: string,
  accountId: string,
  accountState: string | null,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE intake_photos SET claim = ?1
       WHERE id = ?2 AND officer = ?3 AND claim IS NULL
         AND (SELECT level || '/' || status FROM accounts WHERE id = ?4) IS ?5
         AND NOT EXISTS (SELECT 1 FROM applications WHERE account_id = ?4 AND level = 2 AND status IN ('pending', 'approved'))`,
    )
    .bind(claim.value, photoId, officer, accountId, accountState);
}

/** A portrait that no file uses. */
export interface UnusedPhoto {
  kind: keyof typeof PHOTO_TABLES;
  id: string;
  r2Key: string;
}

/** Portraits uploaded before `before` that no file uses (citizens' and officers'), at most `limit`. */
export async function listUnusedPhotos(db: D1Database, before: number, limit: number): Promise<UnusedPhoto[]> {
  const { results } = await db
    .prepare(
      `SELECT 'citizen' AS kind, id, r2_key FROM photos p
         WHERE uploaded_at < ?1 AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.photo_id = p.id)
       UNION ALL
       SELECT 'intake' AS kind, id, r2_key FROM intake_photos i
         WHERE uploaded_at < ?1 AND claim IS NULL AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.intake_photo_id = i.id)
       LIMIT ?2`,
    )
    .bind(before, limit)
    .all<{ kind: UnusedPhoto["kind"]; id: string; r2_key: string }>();
  return results.map((r) => ({ kind: r.kind, id: r.id, r2Key: r.r2_key }));
}

/** Removes the row of a portrait if no file uses it yet (an application may have taken it since it was listed). */
export function deleteUnusedPhotoStatement(db: D1Database, photo: UnusedPhoto): D1PreparedStatement {
  return photo.kind === "citizen"
    ? db
        .prepare("DELETE FROM photos WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM applications WHERE photo_id = ?1)")
        .bind(photo.id)
    : db.prepare("DELETE FROM intake_photos WHERE id = ?1 AND claim IS NULL").bind(photo.id);
}
