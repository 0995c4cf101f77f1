/**
 * The links of the account-security features on existing screens (login, account home). They are in the
 * first-screen bundle, apart from the rest of `./security.ts` (lazily loaded with its screens): keep them few.
 */

/** Links on existing screens (login, account home). */
export const viSecurityLinks = {
  forgotPassword: "Quên mật khẩu",
  devices: "Quản lý thiết bị",
  activity: "Hoạt động của tôi",
  forgotPasscode: "Quên mã passcode",
  securityTitle: "Bảo mật tài khoản",
};
