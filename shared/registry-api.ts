/**
 * The national population registry's HTTP contract (docs/registry-api.md), as the worker's HTTP adapter
 * (`worker/src/adapters/registry-http.ts`) speaks it: one lookup route that takes ID numbers in the body, never in
 * the URL, so that no proxy or request log ever holds them.
 */
import * as z from "zod/mini";
import { GENDERS } from "./citizen";

/** ID numbers per lookup request, at most. */
export const REGISTRY_LOOKUP_MAX_IDS = 100;

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"));

/** `POST <REGISTRY_HTTP_URL>/citizens/lookup`: the ID numbers to look up. */
export const RegistryLookupRequest = z.strictObject({
  ids: z.array(z.string().check(z.regex(/^\d{12}$/))).check(z.minLength(1), z.maxLength(REGISTRY_LOOKUP_MAX_IDS)),
});

/** One citizen as the registry answers: the fields of the card and the phone on file. */
export const RegistryCitizen = z.object({
  id: z.string().check(z.regex(/^\d{12}$/, "12 digits")),
  oldId: z.optional(z.string().check(z.regex(/^(\d{9}|\d{12})?$/, "empty, 9 or 12 digits"))),
  fullName: z.string().check(z.minLength(1), z.maxLength(200)),
  dob: isoDate,
  gender: z.enum(GENDERS),
  address: z.string().check(z.maxLength(500)),
  /** E.164 (`+84…`); `0…` is accepted and converted. */
  phone: z.string().check(z.maxLength(32)),
  cardType: z.string().check(z.minLength(1), z.maxLength(40)),
  cardIssued: isoDate,
});

/** The 200 answer: the records found, in any order; an ID the registry does not know is simply absent. */
export const RegistryLookupResponse = z.object({ citizens: z.array(RegistryCitizen) });

export type RegistryCitizenT = z.infer<typeof RegistryCitizen>;
