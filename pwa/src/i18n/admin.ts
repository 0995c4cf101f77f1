/** The strings of "Quản lý cán bộ" (officer management, province_admin), in the language in force. */
import { catalogue } from "./index";
import { viAdmin } from "./vi/admin";

/** The area in the language in force: read it at render time. */
export const tAdmin = catalogue(viAdmin, () => import("./en/admin").then((m) => m.enAdmin));
