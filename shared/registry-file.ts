/**
 * The registry extract format (`npm run registry:import -- FILE.json`): security questions, population-registry
 * records and existing e-ID accounts. Unknown top-level keys (and unknown keys inside records) are ignored.
 * This schema checks shapes; the worker's import adds the checks that span records.
 */
import * as z from "zod/mini";
import { GENDERS } from "./citizen";
import { ACCOUNT_STATUSES } from "./lifecycle";

/** The card types whose QR payloads the registry holds. */
export const CARD_TYPES = ["cccd-2021", "cancuoc-2024"] as const;

/** A security question offered during activation. */
export const RegistryQuestion = z.looseObject({
  id: z.int().check(z.positive(), z.lte(1_000_000)),
  text: z.string().check(z.minLength(1), z.maxLength(500)),
});

/** A population-registry record. */
export const RegistryRecord = z.looseObject({
  id: z.string(),
  oldId: z.optional(z.string().check(z.regex(/^(\d{9}|\d{12})?$/, "oldId must be empty, 9 or 12 digits"))),
  fullName: z.string().check(z.minLength(1), z.maxLength(200)),
  dob: z.string(),
  gender: z.enum(GENDERS),
  address: z.string().check(z.maxLength(500)),
  phone: z.string().check(z.maxLength(32)),
  cardType: z.enum(CARD_TYPES),
  cardIssued: z.string(),
  qr: z.optional(z.string().check(z.maxLength(2000))),
  /** A child's parents or guardians (their 12-digit ID numbers, in the registry): a link to them needs no officer. */
  guardianIds: z.optional(
    z.array(z.string().check(z.maxLength(32))).check(z.maxLength(2, "guardianIds has at most 2 ID numbers")),
  ),
});

/** An e-ID account that already exists. */
export const RegistryAccount = z.looseObject({
  id: z.string(),
  phone: z.string().check(z.maxLength(32)),
  level: z.int(),
  status: z.enum(ACCOUNT_STATUSES),
  password: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  passcode: z.optional(z.string().check(z.regex(/^\d{6}$/, "passcode must be 6 digits"))),
  deviceId: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,128}$/, "deviceId has characters that are not allowed")),
  ),
  securityAnswers: z.optional(z.record(z.string(), z.string().check(z.minLength(1), z.maxLength(400)))),
});

/** The whole file. Every section may be absent. */
export const RegistryFile = z.looseObject({
  securityQuestions: z.optional(z.array(RegistryQuestion)),
  registry: z.optional(z.array(RegistryRecord)),
  accounts: z.optional(z.array(RegistryAccount)),
});

export type RegistryFileT = z.infer<typeof RegistryFile>;
export type RegistryRecordT = z.infer<typeof RegistryRecord>;
export type RegistryAccountT = z.infer<typeof RegistryAccount>;

/** One refused record: where it is and why. */
export interface ImportProblem {
  section: "securityQuestions" | "registry" | "accounts" | "file";
  index: number;
  id?: string;
  reason: string;
}

/** What an import wrote (or, on a dry run, would write). */
export interface ImportSummary {
  questions: number;
  registry: number;
  accountsCreated: number;
  accountsUnchanged: number;
}
