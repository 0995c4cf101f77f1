import { TrackBody, TrackMineResponse, TrackResponse } from "../../../shared/officer-schemas";
import { myApplications, trackApplication } from "../domain/tracking";
import { unwrap } from "../errors";
import { defineRoute, jsonBody, routesOf } from "./define";

/** `/api/track*`: "Tra cứu hồ sơ", with a reference and an ID number (or tracking code), or a citizen session. */
export const trackingRoutes = routesOf("tracking", {
  track: defineRoute("POST /api/track", {
    summary: "Track a file by its reference and the ID number (or the receipt's tracking code); throttled per IP",
    description: "Tra cứu hồ sơ.",
    body: jsonBody(TrackBody),
    response: TrackResponse,
    errors: ["TRACK_NOT_FOUND", "RATE_LIMITED"],
    handler: async ({ ctx, body }) => unwrap(await trackApplication(ctx, body)),
  }),
  trackMine: defineRoute("GET /api/track/mine", {
    summary: "Every numbered file of the logged-in citizen, newest first",
    session: "citizen",
    response: TrackMineResponse,
    handler: async ({ ctx, session }) => myApplications(ctx, session.accountId),
  }),
});
