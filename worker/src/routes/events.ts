import type { RouterType } from "itty-router";
import { EVENT_SYNC_MAX_BYTES, EventStartBody, EventSyncBody } from "../../../shared/event-schemas";
import { takeFault } from "../domain/dev";
import { eventDetail, startEvent, syncEventRecords } from "../domain/event";
import { errorResponse } from "../errors";
import { json, readJson } from "../http";
import { type Args, type Req, ctxOf, requireOfficer, unwrap } from "./util";

/**
 * `/api/officer/events*`: offline intake at community events. Start a session (its public sealing key comes with
 * it), upload sealed records in batches, read what the server holds of a session.
 */
export function eventRoutes(router: RouterType<Req, Args>): void {
  router
    .post("/api/officer/events", async (req, env) => {
      const body = await readJson(req, EventStartBody);
      const ctx = await ctxOf(env, req);
      const { officer } = await requireOfficer(req, ctx);
      return json(unwrap(await startEvent(ctx, officer, body)).event);
    })
    .get("/api/officer/events/:id", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const { officer } = await requireOfficer(req, ctx);
      return json(unwrap(await eventDetail(ctx, officer, String(req.params.id ?? ""))));
    })
    .post("/api/officer/events/:id/records", async (req, env) => {
      // A fault injected by the tests (development only): a 500 before any work, or a batch processed whose
      // answer comes too late.
      const fault = await takeFault(env, "event-sync");
      if (fault?.mode === "500") return errorResponse("INTERNAL");
      const body = await readJson(req, EventSyncBody, EVENT_SYNC_MAX_BYTES);
      const ctx = await ctxOf(env, req);
      const { officer } = await requireOfficer(req, ctx);
      const answer = json(unwrap(await syncEventRecords(ctx, officer, String(req.params.id ?? ""), body, new URL(req.url).origin)));
      if (fault?.mode === "timeout") await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      return answer;
    });
}
