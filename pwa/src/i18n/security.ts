/** The strings of the account-security screens ("Quên mật khẩu", "Quên mã passcode", "Quản lý thiết bị", "Hoạt động của tôi"), in the language in force. */
import { catalogue } from "./index";
import { viSecurity } from "./vi/security";

/** The area in the language in force: read it at render time. */
export const tSecurity = catalogue(viSecurity, () => import("./en/security").then((m) => m.enSecurity));
