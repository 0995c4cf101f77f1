/** The strings of "Tiếp nhận tại sự kiện", the officers' offline intake at events, in the language in force. */
import { catalogue } from "./index";
import { viEvent } from "./vi/event";

/** The area in the language in force: read it at render time. */
export const tEvent = catalogue(viEvent, () => import("./en/event").then((m) => m.enEvent));
