/** The strings of the card and papers screens (the account home's card section, "Giấy tờ tích hợp", "Người phụ thuộc", "Thông báo") and the card fields of registration and the officers' intake, in the language in force. */
import { catalogue } from "./index";
import { viCard } from "./vi/card";

/** The area in the language in force: read it at render time. */
export const tCard = catalogue(viCard, () => import("./en/card").then((m) => m.enCard));
