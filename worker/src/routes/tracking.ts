import type { RouterType } from "itty-router";
import { TrackBody } from "../../../shared/officer-schemas";
import { myApplications, trackApplication } from "../domain/tracking";
import { json, readJson } from "../http";
import { type Args, type Req, ctxOf, requireAccount, unwrap } from "./util";

/** `/api/track*`: "Tra cứu hồ sơ", with a reference and an ID number (or tracking code), or a citizen session. */
export function trackingRoutes(router: RouterType<Req, Args>): void {
  router
    .post("/api/track", async (req, env) => {
      const body = await readJson(req, TrackBody);
      return json(unwrap(await trackApplication(await ctxOf(env, req), body)));
    })
    .get("/api/track/mine", async (req, env) => {
      const ctx = await ctxOf(env, req);
      return json(await myApplications(ctx, await requireAccount(req, ctx)));
    });
}
