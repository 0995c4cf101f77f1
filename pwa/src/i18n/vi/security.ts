/**
 * Vietnamese strings of the account-security screens: "Quên mật khẩu", "Quên mã passcode", "Quản lý thiết bị",
 * "Hoạt động của tôi". The links to them from the login screen and the account home are in `./flows.ts`.
 */
import { ACTIVITY_LABELS } from "../../../../shared/account-schemas";

/** The screens. */
export const viSecurity = {
  recovery: {
    title: "Quên mật khẩu",
    intro: "Nhập số định danh cá nhân và số điện thoại đã đăng ký để lấy lại mật khẩu. Mã OTP sẽ được gửi qua SMS.",
    citizenId: "Số định danh cá nhân",
    citizenIdHint: "12 chữ số trên thẻ Căn cước công dân / Căn cước.",
    phone: "Số điện thoại",
    phoneHint: "Số điện thoại đã đăng ký với tài khoản định danh điện tử.",
    submit: "Gửi yêu cầu",
    progress: "Lấy lại mật khẩu",
    questionTitle: "Câu hỏi bảo mật",
    questionIntro: "Trả lời câu hỏi bảo mật bạn đã thiết lập khi kích hoạt tài khoản.",
    answer: "Câu trả lời",
    answerHint: "Không phân biệt chữ hoa, chữ thường.",
    next: "Tiếp tục",
    doneTitle: "Đặt lại mật khẩu thành công",
    doneText:
      "Mật khẩu mới đã có hiệu lực. Mọi phiên đăng nhập cũ đã được đăng xuất. Vui lòng đăng nhập lại bằng mật khẩu mới.",
    login: "Đăng nhập",
    backToLogin: "Quay lại Đăng nhập",
  },
  passcode: {
    title: "Quên mã passcode",
    intro: "Mã OTP sẽ được gửi tới số điện thoại của tài khoản. Sau khi xác thực, bạn đặt mã passcode mới.",
    start: "Gửi mã OTP",
    progress: "Đặt lại mã passcode",
    newTitle: "Mã passcode mới",
    newIntro: "Mã passcode gồm 6 chữ số từ 0 đến 9.",
    passcode: "Mã passcode mới",
    confirm: "Nhập lại mã passcode mới",
    submit: "Xác nhận",
    doneTitle: "Đặt lại mã passcode thành công",
    doneText: "Mã passcode mới đã có hiệu lực. Các phiên đăng nhập khác đã được đăng xuất.",
    back: "Về trang tài khoản",
  },
  devices: {
    title: "Quản lý thiết bị",
    boundTitle: "Thiết bị đã liên kết",
    noDevice: "Tài khoản chưa liên kết với thiết bị nào.",
    deviceName: "Thiết bị",
    boundAt: "Liên kết lúc",
    thisDevice: "Thiết bị này",
    sessionsTitle: "Phiên đăng nhập đang hoạt động",
    session: (n: number) => `Phiên ${n}`,
    current: "Phiên hiện tại",
    createdAt: "Đăng nhập lúc",
    lastSeenAt: "Hoạt động gần nhất",
    logoutOthers: "Đăng xuất các phiên khác",
    loggedOut: (n: number) => (n === 0 ? "Không có phiên nào khác." : `Đã đăng xuất ${n} phiên khác.`),
    unlink: "Hủy liên kết thiết bị",
    unlinkIntro: "Nhập mã passcode để hủy liên kết thiết bị. Mọi phiên đăng nhập, kể cả phiên này, sẽ được đăng xuất.",
    passcode: "Mã passcode",
    unlinkConfirm: "Xác nhận hủy liên kết",
    cancel: "Hủy bỏ",
    back: "Về trang tài khoản",
  },
  activity: {
    title: "Hoạt động của tôi",
    intro: "50 hoạt động gần nhất của tài khoản: đăng nhập, thay đổi thiết bị, chia sẻ mã QR, lấy lại mật khẩu.",
    empty: "Chưa có hoạt động nào.",
    /** The events' labels are the server's (`shared/account-schemas.ts`). */
    events: { ...ACTIVITY_LABELS } as Record<string, string>,
    back: "Về trang tài khoản",
  },
  common: {
    loading: "Đang tải…",
    retry: "Thử lại",
  },
  /** The Vietnamese messages of this feature's error codes are the server's (`shared/messages.ts`). */
};
