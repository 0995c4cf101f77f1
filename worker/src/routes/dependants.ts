import { OkResponse } from "../../../shared/api-schemas";
import { ApproveBody, DependantLinksQuery, DependantLinksResponse } from "../../../shared/officer-schemas";
import { approveLink, listLinksFor, refuseLink, removeLinkByOfficer } from "../domain/dependants";
import { unwrap } from "../errors";
import { type Req, defineRoute, jsonBody, query, routesOf } from "./define";

/** The link id of a path. */
const linkIdOf = (req: Req) => String(req.params.id ?? "");

/**
 * `/api/officer/dependants*`: "Người phụ thuộc chờ xác nhận". A citizen's request to link a child under 14 that the
 * registry does not back waits for an officer of the child's unit (a province_admin: any unit), who approves or
 * refuses it; a wrong link is removed. Every decision is audited and told to the parent.
 */
export const dependantRoutes = routesOf("officer", {
  officerDependants: defineRoute("GET /api/officer/dependants", {
    summary:
      "Dependant links of the officer's unit (the child's registry unit): requests waiting by default, newest 200",
    description: "Người phụ thuộc chờ xác nhận.",
    session: "officer",
    query: query(DependantLinksQuery, {
      status: { description: "pending (default) or approved", example: "pending" },
      unit: { description: "Unit code (an officer: only their own)", example: "CAP-TAMTHANH" },
      child: { description: "The child's ID number", example: "020314005678" },
    }),
    response: DependantLinksResponse,
    errors: ["REGISTRY_UNAVAILABLE"],
    handler: async ({ ctx, session, query: q }) => unwrap(await listLinksFor(ctx, session.officer, q)),
  }),
  officerDependantApprove: defineRoute("POST /api/officer/dependants/{id}/approve", {
    summary:
      "Approve a request (body {}): the child then shows in the parent's account; the parent and the other guardian are told",
    description: "Xác nhận.",
    session: "officer",
    body: jsonBody(ApproveBody),
    response: OkResponse,
    errors: ["DEPENDANT_LINK_NOT_FOUND", "ALREADY_DECIDED", "DEPENDANT_LIMIT", "REGISTRY_UNAVAILABLE"],
    handler: async ({ req, ctx, session }) => {
      unwrap(await approveLink(ctx, session.officer, linkIdOf(req)));
      return { ok: true };
    },
  }),
  officerDependantRefuse: defineRoute("POST /api/officer/dependants/{id}/refuse", {
    summary: "Refuse a request (body {}): it is removed and the parent told",
    description: "Từ chối.",
    session: "officer",
    body: jsonBody(ApproveBody),
    response: OkResponse,
    errors: ["DEPENDANT_LINK_NOT_FOUND", "ALREADY_DECIDED"],
    handler: async ({ req, ctx, session }) => {
      unwrap(await refuseLink(ctx, session.officer, linkIdOf(req)));
      return { ok: true };
    },
  }),
  officerDependantRemove: defineRoute("POST /api/officer/dependants/{id}/remove", {
    summary: "Remove a wrong link (body {}), approved or waiting; the guardian and the other guardian are told",
    description: "Gỡ liên kết.",
    session: "officer",
    body: jsonBody(ApproveBody),
    response: OkResponse,
    errors: ["DEPENDANT_LINK_NOT_FOUND", "REGISTRY_UNAVAILABLE"],
    handler: async ({ req, ctx, session }) => {
      unwrap(await removeLinkByOfficer(ctx, session.officer, linkIdOf(req)));
      return { ok: true };
    },
  }),
});
