/**
 * "Mã QR định danh": the request and answer of `POST /api/identity/qr` and the published key set, shared by the
 * worker and the PWA.
 */
import * as z from "zod/mini";
import { isPasscode } from "./credentials";
import { IDENTITY_FIELDS } from "./identity-token";
import { FIELD_MESSAGES } from "./schemas";

/** A share grant: `<until, unix seconds>.<HMAC, 64 hex digits>`, bound to the session that got it. */
export const IDENTITY_GRANT_PATTERN = /^\d{1,12}\.[0-9a-f]{64}$/;

const IdentityFieldEnum = z.enum(IDENTITY_FIELDS);

/**
 * A new identity QR: with the passcode (opening the screen) or with the grant the last answer gave (the refresh
 * every 60 s and changes of the chosen fields), never both. `fields` are what a level-2 account chooses to share
 * (a level-1 account always shares name, ID and date of birth).
 */
export const IdentityQrBody = z
  .strictObject({
    passcode: z.optional(z.string().check(z.refine(isPasscode, FIELD_MESSAGES.passcode))),
    grant: z.optional(
      z.string().check(z.regex(IDENTITY_GRANT_PATTERN, "Phiên chia sẻ không hợp lệ. Vui lòng nhập lại mã passcode.")),
    ),
    fields: z.optional(z.array(IdentityFieldEnum).check(z.maxLength(IDENTITY_FIELDS.length))),
  })
  .check(
    z.refine((b) => (b.passcode === undefined) !== (b.grant === undefined), {
      error: FIELD_MESSAGES.passcode,
      path: ["passcode"],
    }),
  );
export type IdentityQrInput = z.infer<typeof IdentityQrBody>;

const Values = z.object({
  fullName: z.optional(z.string()),
  citizenId: z.optional(z.string()),
  dob: z.optional(z.string()),
  gender: z.optional(z.string()),
  address: z.optional(z.string()),
  driverLicence: z.optional(z.string()),
  healthInsurance: z.optional(z.string()),
  vehicleRegistration: z.optional(z.string()),
});

/** The answer: the QR text, its lifetime, what it shares, what could be shared, and the grant for the next one. */
export const IdentityQrResponse = z.object({
  token: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  /** Seconds the token is valid (60). */
  ttl: z.int(),
  level: z.int(),
  /** The fields in the token, with their values (shown to the citizen beside the QR). */
  values: Values,
  /** The fields this account may choose from (level 2: the basic five and the papers recorded at intake). */
  available: z.array(IdentityFieldEnum),
  grant: z.string(),
  grantExpiresAt: z.string(),
});
export type IdentityQrResponseT = z.infer<typeof IdentityQrResponse>;

/** One public key of `/.well-known/jwks.json`. */
export const PublicJwkSchema = z.object({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  alg: z.optional(z.string()),
  use: z.optional(z.string()),
});

/** `GET /.well-known/jwks.json`: the keys that verify identity QR codes (the current one first). */
export const Jwks = z.object({ keys: z.array(PublicJwkSchema) });
export type JwksT = z.infer<typeof Jwks>;
