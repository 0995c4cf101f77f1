/**
 * The hourly cron trigger (`scheduled`): deletes portraits that no file used within a day of their upload (rows and
 * R2 objects; issue 17, "Portrait uploads"), and forgets login counts of unknown IDs that have been idle for a day.
 */
import type { Ctx } from "../context";
import { forgetIdleLoginFailures } from "../db/login-failures";
import { deleteUnusedPhotoStatement, listUnusedPhotos } from "../db/photos";

/** How long an unused portrait is kept. */
export const UNUSED_PHOTO_SECONDS = 86_400;
/** Portraits deleted per batch (one D1 batch and that many R2 deletes). */
const PHOTOS_PER_BATCH = 100;

/** What one sweep removed. */
export interface SweepResult {
  photos: number;
  loginFailures: number;
}

/** Runs the sweep once, at `ctx.clock`'s time. */
export async function sweep(ctx: Ctx): Promise<SweepResult> {
  const now = ctx.clock.now();
  let photos = 0;
  for (;;) {
    const unused = await listUnusedPhotos(ctx.db, now - UNUSED_PHOTO_SECONDS, PHOTOS_PER_BATCH);
    if (unused.length === 0) break;
    const deleted = await ctx.db.batch(unused.map((p) => deleteUnusedPhotoStatement(ctx.db, p)));
    // The object goes only with its row: a photo that a file took meanwhile keeps both.
    const gone = unused.filter((_, i) => deleted[i]?.meta.changes === 1);
    await Promise.all(gone.map((p) => ctx.photos.delete(p.r2Key)));
    photos += gone.length;
    if (unused.length < PHOTOS_PER_BATCH || gone.length === 0) break;
  }
  const loginFailures = await forgetIdleLoginFailures(ctx.db, now - 86_400, now);
  return { photos, loginFailures };
}
