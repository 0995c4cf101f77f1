/**
 * The Vietnamese core catalogue: every string of the page frame and of the screens in the first bundle (home,
 * login, account) and of activation, plus the few entry links to the lazily loaded screens. The other groups live
 * beside it (`flows.ts`, `officer.ts`, `errors.ts`, and one module per later area); `../en/` has the same modules
 * in English, with the same keys (tests/node/i18n.test.ts checks).
 *
 * Screens read it through `t` from `pwa/src/i18n` (a live binding that follows the language). Several labels are
 * contracts (tests and the seed document name controls by them): keep them verbatim.
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
  progress: {
    label: "Tiến trình kích hoạt",
    step: (n: number, total: number) => `Bước ${n}/${total}`,
  },
  start: {
    title: "Kích hoạt tài khoản",
    intro: "Nhập số định danh cá nhân và số điện thoại đã đăng ký tài khoản định danh điện tử.",
    citizenId: "Số định danh cá nhân",
    citizenIdHint: "Gồm 12 chữ số, in trên thẻ Căn cước công dân.",
    phone: "Số điện thoại",
    phoneHint: "Ví dụ: 0912345678 hoặc +84912345678.",
    submit: "Gửi yêu cầu",
    alreadyActivatedHelp: "Bạn chỉ cần đăng nhập để sử dụng tài khoản.",
  },
  device: {
    title: "Kiểm tra thiết bị",
    free: "Thiết bị này chưa được kích hoạt cho tài khoản nào. Tài khoản sẽ được kích hoạt trên thiết bị này.",
    thisAccount: "Thiết bị này đã được gắn với tài khoản của bạn. Tài khoản sẽ được kích hoạt trên thiết bị này.",
    otherAccount:
      "Thiết bị này đang được kích hoạt cho tài khoản khác. Nếu tiếp tục, tài khoản kia sẽ bị gỡ khỏi thiết bị này.",
    otpNotice: (phone: string) => `Chọn “Tiếp tục” để nhận mã OTP qua tin nhắn SMS gửi tới số ${phone}.`,
  },
  otp: {
    title: "Xác thực OTP",
    sentTo: "Vui lòng nhập mã OTP vừa gửi tới số điện thoại",
    label: "Mã OTP",
    hint: "Mã gồm 6 chữ số.",
    expiresIn: "Mã sẽ hết hạn",
    expired: "Mã OTP đã hết hạn",
    resend: "Gửi lại mã",
    resendWait: (clock: string) => `Bạn có thể gửi lại mã sau ${clock}`,
    resent: "Đã gửi mã OTP mới.",
    confirm: "Xác nhận",
    cancel: "Hủy bỏ",
  },
  password: {
    title: "Thiết lập mật khẩu",
    intro: "Mật khẩu dùng để đăng nhập tài khoản định danh điện tử trên nền tảng web.",
    password: "Mật khẩu",
    confirm: "Nhập lại mật khẩu",
    rulesTitle: "Mật khẩu cần:",
    met: "đã đạt",
    unmet: "chưa đạt",
    show: "Hiện mật khẩu",
  },
  passcode: {
    title: "Thiết lập mã passcode",
    intro:
      "Mã passcode gồm 6 chữ số từ 0 đến 9, dùng để xác thực khi bạn sử dụng các dịch vụ của tài khoản định danh điện tử.",
    passcode: "Mã passcode",
    confirm: "Nhập lại mã passcode",
  },
  security: {
    title: "Thiết lập câu hỏi bảo mật",
    intro:
      "Chọn lần lượt hai câu hỏi khác nhau và điền câu trả lời. Hãy ghi nhớ câu trả lời để dùng khi cần xác minh danh tính.",
    question: (n: number) => `Câu hỏi bảo mật ${n}`,
    answer: (n: number) => `Câu trả lời ${n}`,
    placeholder: "Chọn câu hỏi",
    submit: "Hoàn tất",
    loadFailed: "Không tải được danh sách câu hỏi bảo mật.",
  },
  done: {
    title: "Kích hoạt tài khoản thành công",
    text: "Tài khoản định danh điện tử của bạn đã được kích hoạt trên thiết bị này. Chọn “Đăng nhập” và dùng số định danh cá nhân cùng mật khẩu để sử dụng tài khoản.",
    login: "Đăng nhập",
  },
  flow: {
    restart: "Thực hiện lại từ đầu",
  },
  login: {
    title: "Đăng nhập",
    intro: "Dùng số định danh cá nhân và mật khẩu đã thiết lập khi kích hoạt tài khoản.",
    citizenId: "Số định danh cá nhân",
    password: "Mật khẩu",
    submit: "Đăng nhập",
    noAccount: "Chưa kích hoạt tài khoản?",
    activate: "Kích hoạt tài khoản",
    notRegistered: "Chưa có tài khoản?",
    register: "Đăng ký",
  },
  register: {
    title: "Đăng ký tài khoản",
  },
  account: {
    title: "Thông tin tài khoản",
    fullName: "Họ và tên",
    citizenId: "Số định danh cá nhân",
    level: "Mức định danh",
    status: "Trạng thái",
    phone: "Số điện thoại",
    device: "Thiết bị đã gắn",
    boundAt: "gắn ngày",
    thisDevice: "(thiết bị này)",
    noDevice: "Chưa gắn thiết bị",
    levels: ["Tài khoản ứng dụng (chưa định danh)", "Mức 1", "Mức 2"],
    statuses: {
      app: "Chưa định danh điện tử",
      pending: "Đang chờ phê duyệt",
      approved: "Đã phê duyệt, chưa kích hoạt",
      active: "Đã kích hoạt",
    },
    logout: "Đăng xuất",
    appNotice: "Tài khoản của bạn là tài khoản ứng dụng, chưa được định danh điện tử.",
    level1: "Đăng ký tài khoản mức 1",
    level1Title: "Đăng ký tài khoản mức 1",
    pending: (level: number) => `Hồ sơ đăng ký mức ${level} đang chờ phê duyệt`,
    submittedAt: "Ngày gửi hồ sơ:",
    pendingNext:
      "Cơ quan Công an sẽ kiểm tra và phê duyệt hồ sơ của bạn. Sau khi hồ sơ được phê duyệt, bạn chọn “Kích hoạt tài khoản” (trên trang chủ) để kích hoạt tài khoản định danh điện tử.",
    approvedNext: "Hồ sơ của bạn đã được phê duyệt. Chọn “Kích hoạt tài khoản” để kích hoạt tài khoản định danh điện tử.",
    activate: "Kích hoạt tài khoản",
  },
  notFound: {
    title: "Không tìm thấy trang",
    text: "Địa chỉ bạn mở không tồn tại.",
  },
  /** The entries to the screens of `officer.ts` (Home, the citizen login page, the account home). */
  links: {
    officerLogin: "Đăng nhập cán bộ",
    officerNote: "Cán bộ Công an tiếp nhận, phê duyệt hồ sơ?",
    track: "Tra cứu hồ sơ",
    booking: "Đặt lịch hẹn",
    more: "Tiện ích khác",
    bookingNote: "Đặt lịch hẹn đến cơ quan Công an để đăng ký tài khoản định danh điện tử mức 2.",
  },
  /** The language switch in the header: it names the other language, in that language. */
  lang: {
    other: "English",
    otherCode: "en",
  },
  /** "Đã có phiên bản mới" (pwa/src/sw-prompt.tsx). */
  update: {
    available: "Đã có phiên bản mới",
    apply: "Cập nhật",
    applying: "Đang cập nhật…",
  },
  /** Dates and times as this language writes them (numbers already in Vietnam time or local time). */
  dates: {
    weekdays: ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
    /** `dd/mm/yyyy`. */
    day: (d: number, m: number, y: number) => `${two(d)}/${two(m)}/${y}`,
    /** `dd/mm/yyyy hh:mm`. */
    dateTime: (d: number, m: number, y: number, hh: number, mm: number) => `${two(d)}/${two(m)}/${y} ${two(hh)}:${two(mm)}`,
    /** "Thứ Hai, 06/07/2026". */
    weekday: (weekday: string, day: string) => `${weekday}, ${day}`,
  },
};

/** The shape of the core catalogue in every language. */
export type CoreDict = typeof viCore;
