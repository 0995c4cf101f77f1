/**
 * The English chunk of the core: `en/core.ts`, `en/errors.ts`, and the table that turns a Vietnamese message of
 * `shared/` into English (built by walking `vi/errors.ts` and `en/errors.ts` side by side). Imported only by
 * `setLang("en")` (index.ts), never statically, so the first screen does not carry it.
 */
import type { MessageParams } from "../../../shared/messages";
import { enCore } from "./en/core";
import { enErrors } from "./en/errors";
import type { ErrorsDict } from "./vi/errors";

export interface English {
  core: typeof enCore;
  errors: ErrorsDict;
  /** Vietnamese message → English. */
  shared: Map<string, string>;
}

function pair(vi: unknown, en: unknown, out: Map<string, string>): void {
  if (typeof vi === "string" && typeof en === "string") {
    if (!out.has(vi)) out.set(vi, en);
  } else if (vi && en && typeof vi === "object" && typeof en === "object") {
    for (const [k, v] of Object.entries(vi)) pair(v, (en as Record<string, unknown>)[k], out);
  }
}

function sharedTable(viErrors: ErrorsDict): Map<string, string> {
  const out = new Map<string, string>();
  const { codes, ...rest } = viErrors;
  pair(rest, { ...enErrors, codes: undefined }, out);
  // Messages without parameters also come as field messages (e.g. PASSWORD_COMMON under `password`).
  const none: MessageParams = {};
  for (const [code, vi] of Object.entries(codes)) {
    const en = (enErrors.codes as Record<string, (p: MessageParams) => string>)[code];
    if (en && !out.has(vi(none))) out.set(vi(none), en(none));
  }
  return out;
}

/** The English catalogue, its shared-message table built from `viErrors` (fetched with it, see main.tsx). */
export function english(viErrors: ErrorsDict): English {
  return { core: enCore, errors: enErrors, shared: sharedTable(viErrors) };
}
