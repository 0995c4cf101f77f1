/** English links of the account-security features on existing screens (see `../vi/security-links.ts`). */
import type { viSecurityLinks } from "../vi/security-links";

/** Links on existing screens (login, account home). */
export const enSecurityLinks: typeof viSecurityLinks = {
  forgotPassword: "Forgot password",
  devices: "Manage devices",
  activity: "My activity",
  forgotPasscode: "Forgot passcode",
  securityTitle: "Account security",
};
