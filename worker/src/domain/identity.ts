/**
 * "Mã QR định danh" (seed 001, Phụ lục 1 III: level 1 item 3, level 2 item 3): a short-lived token signed with
 * the `IDENTITY_SIGNING_KEY` secret (ES256), carrying what the citizen chose to share, and the key set that
 * verifies it (`/.well-known/jwks.json`).
 *
 * Only an active account may show one. Opening it takes the passcode; the answer carries a share grant (an HMAC
 * bound to the session, 5 minutes) with which the PWA refreshes the 60-second token without asking again. Each
 * token is recorded in the audit log as `identity.shared` with the field names only, never their values.
 */
import {
  IDENTITY_FIELDS,
  IDENTITY_TTL_SECONDS,
  type IdentityField,
  type IdentityValues,
  LEVEL1_FIELDS,
  PAPER_FIELDS,
  type PrivateJwk,
  type PublicJwk,
  importSigningKey,
  isPublicJwk,
  publicJwk,
  randomJti,
  signIdentityToken,
} from "../../../shared/identity-token";
import type { IdentityQrInput, IdentityQrResponseT, JwksT } from "../../../shared/identity-schemas";
import { iso } from "../clock";
import type { Ctx } from "../context";
import { constantTimeEqual, hmacHex } from "../crypto";
import { findAccountState } from "../db/accounts";
import { audit } from "../db/audit";
import { findLatestApprovedPapers } from "../db/papers";
import type { Env } from "../env";
import { AppError } from "../errors";
import { PASSCODE_MAX_FAILURES, checkPasscode } from "./passcode";

/** Seconds a share grant lets the PWA refresh the QR without the passcode. */
export const IDENTITY_GRANT_SECONDS = 300;
/** What a level-2 account shares when it has not chosen yet. */
const DEFAULT_FIELDS: readonly IdentityField[] = LEVEL1_FIELDS;

interface SigningKey {
  kid: string;
  key: unknown;
  publicKey: PublicJwk;
}

let cachedKey: { source: string; value: Promise<SigningKey> } | undefined;

/** The signing key of `IDENTITY_SIGNING_KEY` (imported once per isolate); throws when it is missing or invalid. */
export function signingKey(source: string): Promise<SigningKey> {
  if (cachedKey?.source !== source) {
    const value = (async () => {
      const jwk = JSON.parse(source) as PrivateJwk;
      if (!isPublicJwk(jwk) || typeof jwk.d !== "string")
        throw new Error("IDENTITY_SIGNING_KEY is not a P-256 private JWK with a kid");
      return { kid: jwk.kid, key: await importSigningKey(jwk), publicKey: publicJwk(jwk) };
    })();
    cachedKey = { source, value };
  }
  return cachedKey.value;
}

/** The published key set: the current key, then the earlier ones of `IDENTITY_PREVIOUS_KEYS` (bad entries left out). */
export async function identityJwks(env: Pick<Env, "IDENTITY_SIGNING_KEY" | "IDENTITY_PREVIOUS_KEYS">): Promise<JwksT> {
  const current = await signingKey(env.IDENTITY_SIGNING_KEY ?? "");
  let previous: unknown = [];
  try {
    previous = env.IDENTITY_PREVIOUS_KEYS ? JSON.parse(env.IDENTITY_PREVIOUS_KEYS) : [];
  } catch {
    console.error("IDENTITY_PREVIOUS_KEYS is not JSON; publishing the current key only");
  }
  const list = Array.isArray(previous) ? previous : ((previous as { keys?: unknown[] } | null)?.keys ?? []);
  const keys = [current.publicKey];
  for (const k of list) if (isPublicJwk(k) && !keys.some((x) => x.kid === k.kid)) keys.push(publicJwk(k));
  return { keys };
}

// ---------------------------------------------------------------------------------------------------------------
// Grants.

const grantMessage = (accountId: string, sessionHash: string, until: number) =>
  `identity-grant:${accountId}:${sessionHash}:${until}`;

/** A grant for this account and session until `until`. */
async function makeGrant(ctx: Ctx, accountId: string, sessionHash: string, until: number): Promise<string> {
  return `${until}.${await hmacHex(ctx.pepper, grantMessage(accountId, sessionHash, until))}`;
}

/** True when `grant` was made for this account and session and has not run out. */
async function grantHolds(ctx: Ctx, accountId: string, sessionHash: string, grant: string): Promise<boolean> {
  const [untilText, mac] = grant.split(".") as [string, string];
  const until = Number(untilText);
  if (!Number.isSafeInteger(until) || ctx.clock.now() >= until) return false;
  // A grant made just before a pepper rotation still holds until it runs out.
  const macs = await Promise.all(
    [ctx.pepper, ...ctx.previousPeppers].map((p) => hmacHex(p, grantMessage(accountId, sessionHash, until))),
  );
  return macs.some((m) => constantTimeEqual(mac, m));
}

// ---------------------------------------------------------------------------------------------------------------
// The QR.

/** The papers of the latest approved level-2 file of the account (an unreadable column counts as none). */
async function papersOf(ctx: Ctx, accountId: string): Promise<IdentityValues> {
  const json = await findLatestApprovedPapers(ctx.db, accountId);
  if (json === null) return {};
  let papers: unknown;
  try {
    papers = JSON.parse(json);
  } catch {
    return {};
  }
  const out: IdentityValues = {};
  for (const field of PAPER_FIELDS) {
    const value = (papers as Record<string, unknown> | null)?.[field];
    if (typeof value === "string" && value !== "") out[field] = value;
  }
  return out;
}

/**
 * Issues a new identity QR for the logged-in account (`sessionHash`: its session's token hash): checks the
 * passcode (PASSCODE_WRONG / PASSCODE_LOCKED) or the grant (IDENTITY_GRANT_EXPIRED), picks the fields (level 1:
 * name, ID, date of birth; level 2: the chosen ones among those it has), signs, and records the share.
 */
export async function issueIdentityQr(
  ctx: Ctx,
  accountId: string,
  sessionHash: string,
  input: IdentityQrInput,
): Promise<IdentityQrResponseT> {
  const account = await findAccountState(ctx.db, accountId);
  if (!account || account.status !== "active" || (account.level !== 1 && account.level !== 2)) {
    throw new AppError("IDENTITY_NOT_ACTIVE");
  }
  if (input.passcode !== undefined) await checkPasscode(ctx, accountId, input.passcode);
  // A locked passcode ends the grant too: whoever is guessing it must not keep sharing the holder's identity.
  else if (account.passcodeFailures >= PASSCODE_MAX_FAILURES) throw new AppError("PASSCODE_LOCKED");
  else if (!(await grantHolds(ctx, accountId, sessionHash, input.grant ?? "")))
    throw new AppError("IDENTITY_GRANT_EXPIRED");

  const citizen = await ctx.registry.findCitizen(accountId);
  if (!citizen) throw new AppError("IDENTITY_NOT_ACTIVE");
  const all: IdentityValues = {
    fullName: citizen.fullName,
    citizenId: citizen.id,
    dob: citizen.dob,
    ...(account.level === 2 && {
      gender: citizen.gender,
      address: citizen.address,
      ...(await papersOf(ctx, accountId)),
    }),
  };
  const available = IDENTITY_FIELDS.filter((f) => all[f] !== undefined);
  const wanted = account.level === 1 ? LEVEL1_FIELDS : (input.fields ?? DEFAULT_FIELDS);
  const values: IdentityValues = {};
  for (const field of available) if (wanted.includes(field)) values[field] = all[field];
  if (Object.keys(values).length === 0) for (const field of DEFAULT_FIELDS) values[field] = all[field];

  const now = ctx.clock.now();
  const exp = now + IDENTITY_TTL_SECONDS;
  const key = await signingKey(ctx.config.identitySigningKey);
  const jti = randomJti();
  let token: string;
  try {
    token = await signIdentityToken({ kid: key.kid, iat: now, exp, jti, level: account.level, values }, key.key);
  } catch (err) {
    if (err instanceof RangeError) throw new AppError("IDENTITY_TOO_LARGE");
    throw err;
  }
  // A grant carried over keeps its end (the passcode is asked again after 5 minutes); the passcode starts one.
  const grantUntil = input.grant !== undefined ? Number(input.grant.split(".")[0]) : now + IDENTITY_GRANT_SECONDS;
  const shared = IDENTITY_FIELDS.filter((f) => values[f] !== undefined);
  await audit(ctx.db, now, "identity.shared", accountId, { fields: shared, jti, kid: key.kid });
  return {
    token,
    issuedAt: iso(now),
    expiresAt: iso(exp),
    ttl: IDENTITY_TTL_SECONDS,
    level: account.level,
    values,
    available,
    grant: await makeGrant(ctx, accountId, sessionHash, grantUntil),
    grantExpiresAt: iso(grantUntil),
  };
}
