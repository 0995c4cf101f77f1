import type { RouterType } from "itty-router";
import { IdentityQrBody } from "../../../shared/identity-schemas";
import { sha256Hex } from "../crypto";
import { identityJwks, issueIdentityQr } from "../domain/identity";
import { SESSION_COOKIE } from "../domain/session";
import { json, readJson } from "../http";
import { type Args, type Req, ctxOf, readCookie, requireAccount } from "./util";

/** How long verifiers and caches may keep the key set (seconds); a new key is published a day before it signs. */
export const JWKS_MAX_AGE = 3600;

/** "Mã QR định danh" (`POST /api/identity/qr`) and the key set that verifies it (`GET /.well-known/jwks.json`). */
export function identityRoutes(router: RouterType<Req, Args>): void {
  router
    .post("/api/identity/qr", async (req, env) => {
      const ctx = await ctxOf(env, req);
      const accountId = await requireAccount(req, ctx);
      const body = await readJson(req, IdentityQrBody);
      const sessionHash = await sha256Hex(readCookie(req, SESSION_COOKIE) ?? "");
      return json(await issueIdentityQr(ctx, accountId, sessionHash, body));
    })
    .get("/.well-known/jwks.json", async (_req, env) => {
      const res = json(await identityJwks(env));
      // Public and cacheable (json() says no-store): verifiers keep it to check codes offline.
      res.headers.set("cache-control", `public, max-age=${JWKS_MAX_AGE}`);
      res.headers.set("access-control-allow-origin", "*");
      return res;
    });
}
