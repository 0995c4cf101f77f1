import {
  EVENT_SYNC_MAX_BYTES,
  EventDetailResponse,
  EventSession,
  EventStartBody,
  EventSyncBody,
  EventSyncResponse,
} from "../../../shared/event-schemas";
import { eventDetail, startEvent, syncEventRecords } from "../domain/event";
import { unwrap } from "../errors";
import { defineRoute, jsonBody, routesOf } from "./define";
import { takeFault } from "../domain/dev";

/**
 * `/api/officer/events*`: offline intake at community events. Start a session (its public sealing key comes with
 * it), upload sealed records in batches, read what the server holds of a session.
 */
export const eventRoutes = routesOf("officer", {
  officerEventStart: defineRoute("POST /api/officer/events", {
    summary: "Start an event session for offline intake: its place and days; the answer carries the public sealing key",
    description: "Bắt đầu tiếp nhận tại sự kiện (nhà văn hóa, khu vui chơi, sinh hoạt cộng đồng).",
    session: "officer",
    body: jsonBody(EventStartBody),
    response: EventSession,
    errors: ["EVENT_DATES"],
    handler: async ({ ctx, session, body }) => unwrap(await startEvent(ctx, session.officer, body)).event,
  }),
  officerEvent: defineRoute("GET /api/officer/events/{id}", {
    summary: "An event session of the officer, with the outcome of every record the server holds",
    session: "officer",
    response: EventDetailResponse,
    errors: ["EVENT_NOT_FOUND"],
    handler: async ({ req, ctx, session }) =>
      unwrap(await eventDetail(ctx, session.officer, String(req.params.id ?? ""))),
  }),
  officerEventSync: defineRoute("POST /api/officer/events/{id}/records", {
    summary:
      "Upload a batch of sealed records (idempotent on the client id): each is accepted (reference), duplicate (existing reference) or rejected (reason)",
    description: "Đồng bộ hồ sơ tiếp nhận ngoại tuyến tại sự kiện.",
    session: "officer",
    body: jsonBody(EventSyncBody, { maxBytes: EVENT_SYNC_MAX_BYTES }),
    response: EventSyncResponse,
    errors: ["EVENT_NOT_FOUND", "REGISTRY_UNAVAILABLE"],
    // The tests inject faults here: a 500 before any work, or a batch processed whose answer comes too late.
    fault: (env) => takeFault(env, "event-sync"),
    handler: async ({ req, ctx, session, body }) =>
      unwrap(await syncEventRecords(ctx, session.officer, String(req.params.id ?? ""), body, new URL(req.url).origin)),
  }),
});
