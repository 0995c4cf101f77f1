/**
 * `tf`: the strings of the screens that load on demand (registration, level 1, the card scanner) in the language in
 * force. A live binding: read it at render time. The catalogues are `i18n/vi/flows.ts` and `i18n/en/flows.ts`; the
 * English one is fetched with these screens when English is in use (see `registerPart` in `i18n/index.ts`).
 */
import { registerPart } from "./i18n";
import { type FlowsDict, viFlows } from "./i18n/vi/flows";

export type { FlowsDict };

/** The strings of these screens in the language in force. */
export let tf: FlowsDict = viFlows;

let en: FlowsDict | null = null;
registerPart({
  async loadEnglish() {
    en ??= (await import("./i18n/en/flows")).enFlows;
  },
  apply(lang) {
    tf = lang === "en" && en ? en : viFlows;
  },
});
