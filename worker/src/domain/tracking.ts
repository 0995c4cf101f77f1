/**
 * "Tra cứu hồ sơ": a citizen follows a file with its reference and their ID number (or the receipt's tracking
 * code), or sees every file of their logged-in account: received → under review → approved / rejected, with times.
 */
import type { TrackResponseT } from "../../../shared/officer-schemas";
import type { Ctx } from "../context";
import { type TrackedApplication, findTrackedApplication, listAccountApplications } from "../db/applications";
import { type Result, fail } from "../errors";
import { timelineOf } from "./review";
import { takeSlot } from "./throttle";

/** The file as tracked; an approved file whose account is activated says so (nothing is left to do). */
function trackOf(a: TrackedApplication & { reference: string }): TrackResponseT {
  return {
    reference: a.reference,
    level: a.level,
    status: a.status,
    timeline: timelineOf(a),
    ...(a.status === "approved" && a.activated && { activated: true }),
  };
}

/**
 * One file by its reference and the citizen's ID number or tracking code. An unknown reference and a wrong ID get
 * the same answer (404 `TRACK_NOT_FOUND`), from the same single query. Throttled per client IP.
 */
export async function trackApplication(
  ctx: Ctx,
  input: { reference: string; citizenId?: string | undefined; trackingCode?: string | undefined },
): Promise<Result<TrackResponseT>> {
  const slot = await takeSlot(ctx, "track-ip", ctx.clientIp);
  if (!slot.ok) return slot;
  const by =
    input.citizenId !== undefined ? { accountId: input.citizenId } : { trackingCode: input.trackingCode ?? "" };
  const file = await findTrackedApplication(ctx.db, input.reference, by);
  if (!file?.reference) return fail("TRACK_NOT_FOUND");
  return { ok: true, ...trackOf({ ...file, reference: file.reference }) };
}

/** Every numbered file of the logged-in citizen, newest first. */
export async function myApplications(ctx: Ctx, accountId: string): Promise<{ applications: TrackResponseT[] }> {
  const files = await listAccountApplications(ctx.db, accountId);
  return {
    applications: files.flatMap((f) => (f.reference ? [trackOf({ ...f, reference: f.reference })] : [])),
  };
}
