/**
 * The worker: the JSON API under `/api/*`, and the built PWA from the assets binding for everything else.
 * Entry → routes → domain → db / Durable Objects.
 */
import { AutoRouter } from "itty-router";
import { HEALTH_PATHS, refusedKeys } from "./dev-keys";
import type { Env } from "./env";
import { errorResponse, toErrorResponse } from "./errors";
import { accountRoutes, recoveryRoutes } from "./routes/account";
import { activationRoutes } from "./routes/activation";
import { adminRoutes } from "./routes/admin";
import { appointmentRoutes } from "./routes/appointments";
import { authRoutes } from "./routes/auth";
import { type Args, type Req, type Route, registerRoutes } from "./routes/define";
import { dependantRoutes } from "./routes/dependants";
import { devRoutes } from "./routes/dev";
import { eventRoutes } from "./routes/events";
import { identityRoutes } from "./routes/identity";
import { level1Routes } from "./routes/level1";
import { meRoutes } from "./routes/me";
import { officerRoutes } from "./routes/officer";
import { registrationRoutes } from "./routes/registration";
import { smsAdminRoutes } from "./routes/sms-admin";
import { systemRoutes } from "./routes/system";
import { trackingRoutes } from "./routes/tracking";
import { requestClock } from "./clock";
import { consumeTexts } from "./queue";
import { served } from "./request-log";
import { createCtx } from "./context";
import { sweep } from "./domain/sweep";
import { withSecurityHeaders } from "./security-headers";

export { OtpGuard } from "./do/OtpGuard";
export { RateLimiter } from "./do/RateLimiter";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF: a state-changing request must come from the app's own origin, whatever host and port serve it: an
 * `Origin` equal to the request's own, or `Sec-Fetch-Site: same-origin`. Checked before any other work; the
 * development-only routes are exempt (they are 404 elsewhere).
 */
function requireSameOrigin(req: Req): Response | undefined {
  if (SAFE_METHODS.has(req.method)) return undefined;
  const url = new URL(req.url);
  if (url.pathname.startsWith("/api/dev/")) return undefined;
  const origin = req.headers.get("origin");
  if (origin !== null ? origin === url.origin : req.headers.get("sec-fetch-site") === "same-origin") return undefined;
  return errorResponse("CSRF");
}

/**
 * A deployment outside development that holds a committed development key serves no API route but the health
 * checks (`dev-keys.ts`): 503 `DEVELOPMENT_KEY_IN_PRODUCTION`, before any other work.
 */
async function refuseDevelopmentKeys(req: Req, env: Env): Promise<Response | undefined> {
  const { pathname } = new URL(req.url);
  if (!pathname.startsWith("/api/") || HEALTH_PATHS.includes(pathname)) return undefined;
  return (await refusedKeys(env)).length ? errorResponse("DEVELOPMENT_KEY_IN_PRODUCTION") : undefined;
}

/** The API router; exported so that tests can list every registered route. */
export const router = AutoRouter<Req, Args>({
  before: [refuseDevelopmentKeys, requireSameOrigin],
  catch: (err) => toErrorResponse(err),
  missing: (req, env) => {
    const { pathname } = new URL(req.url);
    if (pathname.startsWith("/api/") || pathname.startsWith("/.well-known/")) return errorResponse("NOT_FOUND");
    return env.ASSETS.fetch(req);
  },
  finally: [
    async (res: Response, req, env) => {
      const response = withSecurityHeaders(res);
      if (!new URL(req.url).pathname.startsWith("/api/")) return response;
      // The Date header carries the server clock (moved by /api/dev/clock in development), so that the PWA's
      // countdowns follow the server and not the device.
      try {
        const clock = await requestClock(env, req);
        response.headers.set("date", new Date(clock.now() * 1000).toUTCString());
      } catch {
        // A missing schema must not turn an answer into a 500.
      }
      response.headers.set("cache-control", "no-store");
      return response;
    },
  ],
});

/** Every route of the API, as the router registers them and the OpenAPI document lists them. */
export const ROUTES: readonly Route[] = [
  ...systemRoutes,
  ...activationRoutes,
  ...registrationRoutes,
  ...authRoutes,
  ...meRoutes,
  ...level1Routes,
  ...officerRoutes,
  ...dependantRoutes,
  ...eventRoutes,
  ...trackingRoutes,
  ...identityRoutes,
  ...appointmentRoutes,
  ...recoveryRoutes,
  ...accountRoutes,
  ...adminRoutes,
  ...smsAdminRoutes,
  ...devRoutes,
];

registerRoutes(router, ROUTES);

export default {
  // One log line per request, and its id on the answer (request-log.ts).
  fetch: (request: Request, env: Env, ctx: ExecutionContext) =>
    served(request, env.PROVINCE_CODE, (req) => router.fetch(req, env, ctx)),
  /** Texts queued after a commit, and their dead letters (queue.ts). */
  queue: (batch: MessageBatch<unknown>, env: Env) => consumeTexts(batch, env),
  // The hourly cron trigger (wrangler.toml [triggers]): unused portraits and idle login counts (domain/sweep.ts).
  scheduled: async (_controller: ScheduledController, env: Env) => {
    const swept = await sweep(await createCtx(env));
    console.log(JSON.stringify({ event: "sweep", ...swept }));
  },
} satisfies ExportedHandler<Env>;
