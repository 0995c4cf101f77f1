import {
  CardResponse,
  DependantBody,
  DependantRemoveBody,
  DependantsResponse,
  NotificationsReadBody,
  NotificationsReadResponse,
  NotificationsResponse,
  PapersResponse,
} from "../../../shared/card-api";
import { markNotificationsRead, myCard, myNotifications, myPapers } from "../domain/card";
import { addDependant, listDependants, removeDependant } from "../domain/dependants";
import { unwrap } from "../errors";
import { defineRoute, jsonBody, routesOf } from "./define";

/** `/api/me/*`: the logged-in citizen's card, papers, dependants and notifications. */
export const meRoutes = routesOf("account", {
  myCard: defineRoute("GET /api/me/card", {
    summary:
      "The citizen's card: validity by the 2023 Law on Identification (renewal at 14, 25, 40, 60) and its state; writes a due expiry notice once",
    description: "Có giá trị đến / Cảnh báo sắp hết hạn thẻ.",
    session: "citizen",
    response: CardResponse,
    errors: ["REGISTRY_UNAVAILABLE"],
    handler: async ({ ctx, session }) => myCard(ctx, session.accountId),
  }),
  myPapers: defineRoute("GET /api/me/papers", {
    summary:
      "The papers recorded by the approved level-2 file (driver licence, health insurance, vehicle registration), each with its validity",
    description: "Giấy tờ tích hợp.",
    session: "citizen",
    response: PapersResponse,
    handler: async ({ ctx, session }) => myPapers(ctx, session.accountId),
  }),
  myDependants: defineRoute("GET /api/me/dependants", {
    summary:
      "The children under 14 the citizen added, and whether the account may add one (level 2, approved or active)",
    description: "Người phụ thuộc.",
    session: "citizen",
    response: DependantsResponse,
    errors: ["REGISTRY_UNAVAILABLE"],
    handler: async ({ ctx, session }) => listDependants(ctx, session.accountId),
  }),
  addDependant: defineRoute("POST /api/me/dependants", {
    summary:
      "Add a child under 14 from the registry (ID number and date of birth): linked at once where the registry lists the parent, else a request (pending, 'Chờ xác nhận') for an officer of the child's unit; a wrong date of birth answers like an unknown ID; at most 2 approved guardians a child, 5 requests waiting per parent, 10 refused look-ups an hour",
    description: "Thêm người phụ thuộc.",
    session: "citizen",
    body: jsonBody(DependantBody),
    response: DependantsResponse,
    errors: [
      "LEVEL2_REQUIRED",
      "DEPENDANT_NOT_FOUND",
      "DEPENDANT_NOT_MINOR",
      "DEPENDANT_EXISTS",
      "DEPENDANT_LIMIT",
      "DEPENDANT_PENDING_LIMIT",
      "RATE_LIMITED",
      "REGISTRY_UNAVAILABLE",
    ],
    handler: async ({ ctx, session, body }) => unwrap(await addDependant(ctx, session.accountId, body)),
  }),
  removeDependant: defineRoute("POST /api/me/dependants/remove", {
    summary: "Remove the citizen's link to a child (or withdraw a request still waiting); the other guardian is told",
    description: "Gỡ người phụ thuộc.",
    session: "citizen",
    body: jsonBody(DependantRemoveBody),
    response: DependantsResponse,
    errors: ["DEPENDANT_LINK_NOT_FOUND", "REGISTRY_UNAVAILABLE"],
    handler: async ({ ctx, session, body }) => unwrap(await removeDependant(ctx, session.accountId, body.childId)),
  }),
  myNotifications: defineRoute("GET /api/me/notifications", {
    summary:
      "The newest 50 notifications (approval, device change, expiry, recovery, phone change, dependants), newest first, and the unread count",
    description: "Thông báo.",
    session: "citizen",
    response: NotificationsResponse,
    handler: async ({ ctx, session }) => myNotifications(ctx, session.accountId),
  }),
  readNotifications: defineRoute("POST /api/me/notifications/read", {
    summary: "Mark every notification up to an id (the newest shown) as read",
    session: "citizen",
    body: jsonBody(NotificationsReadBody),
    response: NotificationsReadResponse,
    handler: async ({ ctx, session, body }) => markNotificationsRead(ctx, session.accountId, body.upToId),
  }),
});
