/**
 * The Vietnamese core catalogue, the only one in the first bundle: the page frame, the home screen, the titles the
 * frame gives the routes, the entry links to the screens loaded on demand, and the few words every screen uses. The
 * other areas live beside it (`flows.ts`, `officer.ts`, `errors.ts`, one module per later area); `../en/` has the
 * same modules in English, with the same keys (tests/node/i18n.test.ts checks).
 *
 * Screens read it through `t()` from `pwa/src/i18n`. Several labels are contracts (tests and the seed document name
 * controls by them): keep them verbatim.
 */
const two = (n: number) => (n < 10 ? "0" : "") + n;

export const viCore = {
  appName: "Kích hoạt tài khoản định danh điện tử",
  brand: "VNeID trên web",
  brandSub: "Định danh điện tử trên trình duyệt",
  footer: "Mọi thắc mắc, vui lòng liên hệ Công an xã, phường, thị trấn nơi bạn sinh sống.",
  common: {
    busy: "Đang xử lý…",
    loading: "Đang tải…",
    retry: "Thử lại",
    continue: "Tiếp tục",
    cancel: "Hủy bỏ",
    login: "Đăng nhập",
    home: "Về trang chủ",
    invalid: "Giá trị không hợp lệ",
    network: "Không có kết nối mạng. Vui lòng kiểm tra kết nối Internet và thử lại.",
    unexpected: "Máy chủ trả lời không như mong đợi. Vui lòng thử lại sau.",
    errorPrefix: "Lỗi:",
    show: "Hiện",
    hide: "Ẩn",
    loadFailed: "Không tải được trang. Vui lòng kiểm tra kết nối mạng và thử lại.",
  },
  home: {
    title: "Tài khoản định danh điện tử",
    intro:
      "Nếu điện thoại của bạn không cài được ứng dụng VNeID (điện thoại thông thường hoặc phiên bản phần mềm cũ), bạn có thể kích hoạt tài khoản định danh điện tử ngay trên trình duyệt này.",
    needs: "Bạn cần chuẩn bị:",
    needItems: [
      "Số định danh cá nhân (12 chữ số, in trên thẻ Căn cước công dân)",
      "Điện thoại có số đã đăng ký tài khoản định danh điện tử để nhận mã OTP",
    ],
    activate: "Kích hoạt tài khoản",
    register: "Đăng ký",
    login: "Đăng nhập",
    activatedNote: "Đã kích hoạt tài khoản? Chọn “Đăng nhập” để sử dụng tài khoản trên nền tảng web.",
    registerNote:
      "Chưa có tài khoản? Chọn “Đăng ký” để đăng ký bằng số định danh cá nhân, số điện thoại và mã QR trên thẻ Căn cước công dân gắn chip.",
  },
  /** The labels of the fields many screens ask for. */
  fields: {
    citizenId: "Số định danh cá nhân",
    citizenIdHint: "Gồm 12 chữ số, in trên thẻ Căn cước công dân.",
    phone: "Số điện thoại",
    phoneHint: "Ví dụ: 0912345678 hoặc +84912345678.",
  },
  /** The titles of the routes the page frame names (routes.tsx), also the headings of those screens. */
  titles: {
    activate: "Kích hoạt tài khoản",
    login: "Đăng nhập",
    account: "Thông tin tài khoản",
    register: "Đăng ký tài khoản",
    level1: "Đăng ký tài khoản mức 1",
  },
  notFound: {
    title: "Không tìm thấy trang",
    text: "Địa chỉ bạn mở không tồn tại.",
  },
  /** The entries to the screens loaded on demand from Home, the citizen login page and the account home. */
  links: {
    officerLogin: "Đăng nhập cán bộ",
    officerNote: "Cán bộ Công an tiếp nhận, phê duyệt hồ sơ?",
    track: "Tra cứu hồ sơ",
    booking: "Đặt lịch hẹn",
    more: "Tiện ích khác",
    bookingNote: "Đặt lịch hẹn đến cơ quan Công an để đăng ký tài khoản định danh điện tử mức 2.",
    verify: "Xác thực thông tin",
    verifyNote: "Cửa hàng, phòng khám… kiểm tra Mã QR định danh của công dân:",
  },
  /** The language switch in the header: it names the other language, in that language. */
  lang: {
    other: "English",
    otherCode: "en",
  },
  /** A bound device as people name it, from its browser and system ("Chrome trên Android"), never by its id. */
  device: {
    named: (browser: string, os: string) => `${browser} trên ${os}`,
    other: "Trình duyệt khác",
  },
  /** "Đã có phiên bản mới" (pwa/src/sw-prompt.tsx). */
  update: {
    available: "Đã có phiên bản mới",
    apply: "Cập nhật",
    applying: "Đang cập nhật…",
  },
  /** Dates and times as this language writes them (numbers already in Vietnam time or local time); see ../dates.ts. */
  dates: {
    weekdays: ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
    /** `dd/mm/yyyy`. */
    day: (d: number, m: number, y: number) => `${two(d)}/${two(m)}/${y}`,
    /** `dd/mm/yyyy hh:mm`. */
    dateTime: (d: number, m: number, y: number, hh: number, mm: number) =>
      `${two(d)}/${two(m)}/${y} ${two(hh)}:${two(mm)}`,
    /** "Thứ Hai, 06/07/2026". */
    weekday: (weekday: string, day: string) => `${weekday}, ${day}`,
  },
};

/** The shape of the core catalogue in every language. */
export type CoreDict = typeof viCore;
