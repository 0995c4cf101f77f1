/** The strings of "Mã QR định danh" and "Xác thực thông tin", in the language in force. */
import { catalogue } from "./index";
import { viIdentity } from "./vi/identity";

/** The area in the language in force: read it at render time. */
export const tIdentity = catalogue(viIdentity, () => import("./en/identity").then((m) => m.enIdentity));
