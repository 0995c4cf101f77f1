import { IdentityQrBody, IdentityQrResponse, Jwks } from "../../../shared/identity-schemas";
import { identityJwks, issueIdentityQr } from "../domain/identity";
import { json } from "../http";
import { PASSCODE_ERRORS, defineRoute, jsonBody, routesOf } from "./define";

/** How long verifiers and caches may keep the key set (seconds); a new key is published a day before it signs. */
export const JWKS_MAX_AGE = 3600;

/** "Mã QR định danh" (`POST /api/identity/qr`) and the key set that verifies it (`GET /.well-known/jwks.json`). */
export const identityRoutes = routesOf("identity", {
  identityQr: defineRoute("POST /api/identity/qr", {
    summary:
      "A new identity QR token (ES256, valid 60 s) for an active account: with the passcode, or the 5-minute share grant the last answer gave; level 2 chooses its fields",
    description: "Mã QR định danh.",
    session: "citizen",
    body: jsonBody(IdentityQrBody),
    response: IdentityQrResponse,
    errors: [
      "IDENTITY_NOT_ACTIVE",
      ...PASSCODE_ERRORS,
      "FORBIDDEN",
      "IDENTITY_GRANT_EXPIRED",
      "IDENTITY_TOO_LARGE",
      "REGISTRY_UNAVAILABLE",
    ],
    handler: async ({ ctx, session, body }) => issueIdentityQr(ctx, session.accountId, session.tokenHash, body),
  }),
  identityJwks: defineRoute("GET /.well-known/jwks.json", {
    summary: "The public keys (JWK, P-256) that verify identity QR codes, the current one first; cacheable for an hour",
    description: "Xác thực thông tin: khóa công khai để kiểm tra Mã QR định danh, cả khi không có mạng.",
    cacheable: true,
    response: Jwks,
    ctx: false,
    handler: async ({ env }) => {
      const res = json(await identityJwks(env));
      // Public and cacheable (json() says no-store): verifiers keep it to check codes offline.
      res.headers.set("cache-control", `public, max-age=${JWKS_MAX_AGE}`);
      res.headers.set("access-control-allow-origin", "*");
      return res;
    },
  }),
});
