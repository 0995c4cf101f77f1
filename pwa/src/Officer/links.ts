/**
 * The few labels the first screen needs for the entries to the screens of `i18n-officer.ts` (links on Home, the
 * citizen login page and the account home). Kept apart so that the rest of those strings stays in the lazy chunks.
 */
export const officerLinks = {
  officerLogin: "Đăng nhập cán bộ",
  officerNote: "Cán bộ Công an tiếp nhận, phê duyệt hồ sơ?",
  track: "Tra cứu hồ sơ",
  booking: "Đặt lịch hẹn",
  more: "Tiện ích khác",
  bookingNote: "Đặt lịch hẹn đến cơ quan Công an để đăng ký tài khoản định danh điện tử mức 2.",
};
