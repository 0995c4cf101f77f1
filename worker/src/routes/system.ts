import { HealthResponse, OpenApiDocument } from "../../../shared/api-schemas";
import { defineRoute, routesOf } from "./define";

/** Liveness, and the OpenAPI document generated from every declaration. */
export const systemRoutes = routesOf("system", {
  health: defineRoute("GET /api/health", {
    summary: "Liveness check",
    response: HealthResponse,
    ctx: false,
    handler: async ({ env }) => ({ ok: true, app: "vneid-web", environment: env.ENVIRONMENT }),
  }),
  openApi: defineRoute("GET /api/openapi.json", {
    summary: "This OpenAPI 3.1 document",
    response: OpenApiDocument,
    ctx: false,
    handler: async () => (await import("../openapi")).openApiResponse(),
  }),
});
