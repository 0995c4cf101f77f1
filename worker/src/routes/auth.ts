import { OkResponse } from "../../../shared/api-schemas";
import { LIMITS } from "../../../shared/limits";
import { LoginBody, MeResponse } from "../../../shared/schemas";
import { SESSION_COOKIE, describeAccount, login, logout } from "../domain/session";
import { AppError, unwrap } from "../errors";
import { cookieHeader, json, readCookie } from "../http";
import { defineRoute, jsonBody, routesOf } from "./define";

/** Login, logout, and the logged-in home. */
export const authRoutes = routesOf("auth", {
  login: defineRoute("POST /api/auth/login", {
    summary: "Log in with the ID number and password; sets the session cookie",
    description: "Đăng nhập.",
    body: jsonBody(LoginBody),
    response: MeResponse,
    setsCookie: true,
    errors: ["LOGIN_FAILED", "ACCOUNT_LOCKED", "RATE_LIMITED"],
    handler: async ({ req, env, ctx, body }) => {
      const { token, me } = unwrap(await login(ctx, body.citizenId, body.password));
      return json(me, 200, {
        "set-cookie": cookieHeader(req, env, SESSION_COOKIE, token, LIMITS.sessionAbsoluteSeconds),
      });
    },
  }),
  logout: defineRoute("POST /api/auth/logout", {
    summary: "Log out: revokes the session and clears the cookie (no body; always succeeds)",
    description: "Đăng xuất.",
    response: OkResponse,
    setsCookie: true,
    handler: async ({ req, env, ctx }) => {
      await logout(ctx, readCookie(req, SESSION_COOKIE));
      return json({ ok: true }, 200, { "set-cookie": cookieHeader(req, env, SESSION_COOKIE, "", 0) });
    },
  }),
  me: defineRoute("GET /api/me", {
    summary: "The logged-in citizen's home",
    session: "citizen",
    response: MeResponse,
    handler: async ({ ctx, session }) => {
      const me = await describeAccount(ctx, session.accountId);
      if (!me) throw new AppError("UNAUTHENTICATED");
      return me;
    },
  }),
});
