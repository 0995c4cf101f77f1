/**
 * The worker: the JSON API under `/api/*`, and the built PWA from the assets binding for everything else.
 * Entry → routes → domain → db / Durable Objects.
 */
import { AutoRouter } from "itty-router";
import type { Env } from "./env";
import { errorResponse, toErrorResponse } from "./errors";
import { json } from "./http";
import { activationRoutes } from "./routes/activation";
import { authRoutes } from "./routes/auth";
import { devRoutes } from "./routes/dev";
import { level1Routes } from "./routes/level1";
import { registrationRoutes } from "./routes/registration";
import type { Args, Req } from "./routes/util";
import { requestClock } from "./clock";

export { OtpGuard } from "./do/OtpGuard";

const router = AutoRouter<Req, Args>({
  catch: (err) => toErrorResponse(err),
  missing: (req, env) => {
    const { pathname } = new URL(req.url);
    if (pathname.startsWith("/api/") || pathname.startsWith("/.well-known/")) return errorResponse("NOT_FOUND");
    return env.ASSETS.fetch(req);
  },
  finally: [
    async (res: Response, req, env) => {
      // The Date header carries the server clock (moved by /api/dev/clock in development), so that the PWA's
      // countdowns follow the server and not the device.
      if (!new URL(req.url).pathname.startsWith("/api/")) return res;
      const response = new Response(res.body, res);
      try {
        const clock = await requestClock(env);
        response.headers.set("date", new Date(clock.now() * 1000).toUTCString());
      } catch {
        // A missing schema must not turn an answer into a 500.
      }
      response.headers.set("cache-control", "no-store");
      return response;
    },
  ],
});

router.get("/api/health", (_req, env) => json({ ok: true, app: "vneid-web", environment: env.ENVIRONMENT }));
activationRoutes(router);
authRoutes(router);
registrationRoutes(router);
level1Routes(router);
devRoutes(router);

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => router.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
