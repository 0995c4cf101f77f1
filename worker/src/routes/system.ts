import { HealthResponse, OpenApiDocument, ReadinessResponse } from "../../../shared/api-schemas";
import { messageFor } from "../../../shared/messages";
import { json } from "../http";
import { checkReadiness } from "../readiness";
import { defineRoute, routesOf } from "./define";

/** Liveness, readiness, and the OpenAPI document generated from every declaration. */
export const systemRoutes = routesOf("system", {
  health: defineRoute("GET /api/health", {
    summary: "Liveness check",
    description: "Answers as long as the worker runs; it touches no binding. Readiness is `GET /api/health/ready`.",
    response: HealthResponse,
    ctx: false,
    handler: async ({ env }) => ({ ok: true, app: "vneid-web", environment: env.ENVIRONMENT }),
  }),
  ready: defineRoute("GET /api/health/ready", {
    summary: "Readiness check",
    description:
      "Checks every D1 binding (one query each), a Durable Object round trip, R2, the `SMS_QUEUE` binding where it is " +
      "bound, the population registry's configuration, and the required secrets (present, well formed, and outside " +
      "development not the committed development ones). 200 `{ready: true, checks}`, or 503 `NOT_READY` with " +
      "`ready: false`, `failing` (the parts that fail) and `checks` (each part: `ok`, or why not; never a secret's value).",
    response: ReadinessResponse,
    errors: ["NOT_READY"],
    ctx: false,
    handler: async ({ env, req }) => {
      const { ready, checks, failing } = await checkReadiness(env, req);
      if (ready) return { ready, checks };
      return json({ code: "NOT_READY", message: messageFor("NOT_READY"), ready, failing, checks }, 503);
    },
  }),
  openApi: defineRoute("GET /api/openapi.json", {
    summary: "This OpenAPI 3.1 document",
    response: OpenApiDocument,
    ctx: false,
    handler: async () => (await import("../openapi")).openApiResponse(),
  }),
});
