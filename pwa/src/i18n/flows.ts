/** The strings of the citizens' screens that load on demand (activation, login, the account home, registration, level 1, the card scanner), in the language in force. */
import { catalogue } from "./index";
import { viFlows } from "./vi/flows";

/** The area in the language in force: read it at render time. */
export const tFlows = catalogue(viFlows, () => import("./en/flows").then((m) => m.enFlows));
