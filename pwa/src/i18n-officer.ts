/**
 * `vo`: the strings of the police-office console (`/can-bo/*`), "Tra cứu hồ sơ" and "Đặt lịch hẹn" in the language
 * in force, and the date formats they use. A live binding: read it at render time. Every screen that uses it loads
 * on demand: never import this module from Home, Login, Account or App (their entry links are `t.links`). The
 * catalogues are `i18n/vi/officer.ts` and `i18n/en/officer.ts`; the English one is fetched with these screens when
 * English is in use.
 */
import { addSharedText, registerPart } from "./i18n";
import { type OfficerDict, viOfficer } from "./i18n/vi/officer";

export { vnDateTime, vnDay, vnWeekday } from "./i18n/dates";
export type { OfficerDict };

/** The strings of these screens in the language in force. */
export let vo: OfficerDict = viOfficer;

let en: OfficerDict | null = null;
registerPart({
  async loadEnglish() {
    if (en) return;
    en = (await import("./i18n/en/officer")).enOfficer;
    addSharedText(viOfficer.fields, en.fields);
  },
  apply(lang) {
    vo = lang === "en" && en ? en : viOfficer;
  },
});
