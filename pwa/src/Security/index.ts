/**
 * The account-security screens, one chunk (routes.tsx): "Quên mật khẩu" (`/quen-mat-khau`), "Quên mã passcode"
 * (`/tai-khoan/quen-ma-passcode`), "Quản lý thiết bị" (`/tai-khoan/thiet-bi`) and "Hoạt động của tôi"
 * (`/tai-khoan/hoat-dong`). The two recovery flows use the shared OTP and password steps (pwa/src/flow/).
 */
export { Activity } from "./Activity";
export { Devices } from "./Devices";
export { PasscodeRecovery } from "./PasscodeRecovery";
export { PasswordRecovery } from "./PasswordRecovery";
