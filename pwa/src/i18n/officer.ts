/**
 * The strings of the police-office console (`/can-bo/*`), "Tra cứu hồ sơ" and "Đặt lịch hẹn", in the language in
 * force. Every screen that uses them loads on demand: never import this module from Home, Login, Account or App
 * (their entry links are `links` of the core).
 */
import { addSharedText, catalogue } from "./index";
import { viOfficer } from "./vi/officer";

/** The area in the language in force: read it at render time. */
export const tOfficer = catalogue(viOfficer, async () => {
  const { enOfficer } = await import("./en/officer");
  // the officers' forms show these shared messages: in English, as the catalogue says them
  addSharedText(viOfficer.fields, enOfficer.fields);
  return enOfficer;
});
