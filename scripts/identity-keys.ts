/**
 * `npm run keys:identity`: prints a fresh signing key for the identity QR codes (ECDSA P-256, ES256) as one line of
 * JSON, a private JWK with a `kid`, to store with `wrangler secret put IDENTITY_SIGNING_KEY --env production`.
 * The public half (also printed, on stderr) is what `/.well-known/jwks.json` will publish.
 *
 * `--kid NAME` names the key (default: `vneid-<yyyymmdd>`).
 */
import { webcrypto } from "node:crypto";

const kidArg = process.argv.indexOf("--kid");
const kid =
  kidArg > 0 ? (process.argv[kidArg + 1] ?? "") : `vneid-${new Date().toISOString().slice(0, 10).replace(/-/g, "")}`;
if (!/^[\x21-\x7e]{1,32}$/.test(kid)) {
  console.error("--kid: 1 to 32 printable ASCII characters, no spaces");
  process.exit(1);
}
const { privateKey } = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
  "sign",
  "verify",
]);
const { kty, crv, x, y, d } = await webcrypto.subtle.exportKey("jwk", privateKey);
console.log(JSON.stringify({ kty, crv, x, y, d, kid }));
console.error(`public key: ${JSON.stringify({ kty, crv, x, y, kid, alg: "ES256", use: "sig" })}`);
