import type { RouterType } from "itty-router";
import { LIMITS } from "../../../shared/limits";
import { LoginBody } from "../../../shared/schemas";
import { isDevelopment } from "../env";
import { AppError } from "../errors";
import { securityQuestions } from "../domain/activation";
import { SESSION_COOKIE, describeAccount, login, logout } from "../domain/session";
import { json, readJson } from "../http";
import { type Args, type Req, ctxOf, readCookie, requireAccount, unwrap } from "./util";

/** A session cookie (citizen or officer): HttpOnly, SameSite=Strict, and Secure but on plain-http development. */
export function cookieHeader(req: Request, env: Args[0], name: string, value: string, maxAge: number): string {
  // Secure everywhere but plain-http local development (browsers drop Secure cookies over http on 127.0.0.1).
  const secure = !isDevelopment(env) || new URL(req.url).protocol === "https:";
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

function sessionCookie(req: Request, env: Args[0], value: string, maxAge: number): string {
  return cookieHeader(req, env, SESSION_COOKIE, value, maxAge);
}

/** Login, logout, the logged-in home, and the questions activation offers. */
export function authRoutes(router: RouterType<Req, Args>): void {
  router
    .post("/api/auth/login", async (req, env) => {
      const { citizenId, password } = await readJson(req, LoginBody);
      const { token, me } = unwrap(await login(await ctxOf(env, req), citizenId, password));
      return json(me, 200, { "set-cookie": sessionCookie(req, env, token, LIMITS.sessionAbsoluteSeconds) });
    })
    .post("/api/auth/logout", async (req, env) => {
      await logout(await ctxOf(env, req), readCookie(req, SESSION_COOKIE));
      return json({ ok: true }, 200, { "set-cookie": sessionCookie(req, env, "", 0) });
    })
    .get("/api/me", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const me = await describeAccount(ctx, await requireAccount(req, ctx));
      if (!me) throw new AppError("UNAUTHENTICATED");
      return json(me);
    })
    .get("/api/security-questions", async (_req, env) => json({ questions: await securityQuestions(env) }));
}
