/**
 * Every stable error `code` the API returns, with the Vietnamese message the citizen sees. The seeds' own
 * messages are kept verbatim.
 */

/** Seed 001, step 6, and seed 000, step 3: the messages of the activation request. */
export const SEED_MESSAGES = {
  notIdentified: "Tài khoản của bạn chưa được định danh điện tử",
  pendingApproval: "Hồ sơ của bạn đang chờ phê duyệt",
  alreadyActivated: "Tài khoản của bạn đã thực hiện kích hoạt",
  invalidIdOrPhone: "Số định danh cá nhân hoặc số điện thoại không đúng",
} as const;

/** Formats a wait in Vietnamese: `45 giây`, `2 phút 5 giây`, `23 giờ 59 phút`. */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} giây`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const r = s % 60;
    return r ? `${m} phút ${r} giây` : `${m} phút`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.ceil((s % 3600) / 60);
  if (m === 60) return `${h + 1} giờ`;
  return m ? `${h} giờ ${m} phút` : `${h} giờ`;
}

/** Whole minutes left, rounded up, never below 1. */
export function minutesLeft(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** Parameters some messages need. */
export interface MessageParams {
  /** Seconds to wait before trying again. */
  retryAfter?: number;
  /** OTP attempts left. */
  attemptsLeft?: number;
}

const MESSAGES = {
  INVALID_JSON: () => "Dữ liệu gửi lên không phải JSON hợp lệ.",
  UNSUPPORTED_MEDIA_TYPE: () => "Dữ liệu phải được gửi dưới dạng JSON (application/json).",
  PAYLOAD_TOO_LARGE: () => "Dữ liệu gửi lên quá lớn.",
  VALIDATION_FAILED: () => "Thông tin chưa hợp lệ. Vui lòng kiểm tra lại.",
  NOT_FOUND: () => "Không tìm thấy trang hoặc chức năng được yêu cầu.",
  METHOD_NOT_ALLOWED: () => "Phương thức không được hỗ trợ.",
  INVALID_ID_OR_PHONE: () => SEED_MESSAGES.invalidIdOrPhone,
  NOT_IDENTIFIED: () => SEED_MESSAGES.notIdentified,
  PENDING_APPROVAL: () => SEED_MESSAGES.notIdentified,
  ALREADY_ACTIVATED: () => SEED_MESSAGES.alreadyActivated,
  FLOW_EXPIRED: () => "Phiên kích hoạt đã hết hạn hoặc không còn hiệu lực. Vui lòng thực hiện lại từ đầu.",
  FLOW_STEP: () => "Vui lòng thực hiện lần lượt từng bước kích hoạt.",
  OTP_INVALID: (p) => `Mã OTP không đúng. Bạn còn ${p.attemptsLeft ?? 0} lần thử.`,
  OTP_EXPIRED: () => 'Mã OTP đã hết hạn. Vui lòng chọn "Gửi lại mã" để nhận mã mới.',
  OTP_LOCKED: () => 'Bạn đã nhập sai mã OTP quá 5 lần. Vui lòng chọn "Gửi lại mã" để nhận mã mới.',
  OTP_NOT_SENT: () => 'Chưa có mã OTP còn hiệu lực. Vui lòng chọn "Gửi lại mã".',
  OTP_COOLDOWN: (p) => `Vui lòng chờ ${formatWait(p.retryAfter ?? 60)} trước khi gửi lại mã.`,
  OTP_DAILY_LIMIT: (p) =>
    `Số điện thoại này đã nhận quá nhiều mã OTP trong 1 giờ qua. Vui lòng thử lại sau ${formatWait(p.retryAfter ?? 3600)}.`,
  PASSWORD_NOT_NEEDED: () => "Tài khoản đã có mật khẩu, không cần thiết lập lại.",
  QUESTION_UNKNOWN: () => "Câu hỏi bảo mật không có trong danh sách.",
  LOGIN_FAILED: () => "Số định danh cá nhân hoặc mật khẩu không đúng",
  ACCOUNT_LOCKED: (p) =>
    `Tài khoản tạm khóa do nhập sai mật khẩu quá 5 lần. Vui lòng thử lại sau ${minutesLeft(p.retryAfter ?? 900)} phút.`,
  UNAUTHENTICATED: () => "Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.",
  IMPORT_INVALID: () => "Tệp dữ liệu có bản ghi không hợp lệ; không có dữ liệu nào được nhập.",
  QR_MISMATCH: () => "Mã QR không khớp với số định danh cá nhân đã nhập",
  CARD_INVALID: () => "Thông tin trên thẻ không hợp lệ. Vui lòng kiểm tra lại.",
  REGISTRY_MISMATCH: () =>
    "Không đạt: thông tin không khớp với Cơ sở dữ liệu quốc gia về dân cư. Vui lòng kiểm tra và điều chỉnh lại thông tin.",
  UNDER_14: () => "Công dân dưới 14 tuổi do cha, mẹ hoặc người giám hộ đăng ký.",
  ACCOUNT_EXISTS: () => 'Số định danh cá nhân này đã có tài khoản định danh điện tử. Vui lòng chọn "Đăng nhập".',
  ACCOUNT_EXISTS_ACTIVATE: () =>
    'Số định danh cá nhân này đã có tài khoản định danh điện tử đã được phê duyệt. Vui lòng chọn "Kích hoạt tài khoản".',
  LEVEL1_NOT_ALLOWED: () => "Tài khoản của bạn không thể đăng ký tài khoản mức 1 lúc này.",
  PHOTO_TYPE: () => "Ảnh chân dung phải là ảnh JPEG.",
  PHOTO_TOO_LARGE: () => "Ảnh chân dung quá lớn (tối đa 150 kB, cạnh dài nhất 640 px).",
  PHOTO_NOT_FOUND: () => "Không tìm thấy ảnh chân dung. Vui lòng chụp lại.",
  RATE_LIMITED: (p) => `Bạn đã thao tác quá nhiều lần. Vui lòng thử lại sau ${formatWait(p.retryAfter ?? 60)}.`,
  CSRF: () => "Yêu cầu bị từ chối vì không được gửi từ trang của ứng dụng.",
  SMS_UNAVAILABLE: () => "Chưa gửi được tin nhắn SMS. Vui lòng thử lại sau ít phút.",
  SMS_BUDGET: (p) =>
    `Hệ thống đang tạm ngừng gửi tin nhắn SMS vì số tin nhắn đã vượt mức cho phép trong 1 giờ. Vui lòng thử lại sau ${formatWait(p.retryAfter ?? 3600)}.`,
  PASSWORD_COMMON: () => "Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.",
  PASSWORD_PERSONAL: () => "Mật khẩu không được chứa số định danh cá nhân hoặc số điện thoại.",
  FORBIDDEN: () => "Bạn không có quyền thực hiện chức năng này.",
  OFFICER_LOGIN_FAILED: () => "Tên đăng nhập hoặc mật khẩu không đúng",
  PASSWORD_CHANGE_REQUIRED: () => "Đây là lần đăng nhập đầu tiên: vui lòng đổi mật khẩu trước khi tiếp tục.",
  PASSWORD_UNCHANGED: () => "Mật khẩu mới phải khác mật khẩu hiện tại.",
  CONSENT_REQUIRED: () => "Cần có sự đồng ý của công dân trước khi tiếp nhận hồ sơ.",
  LEVEL2_EXISTS: () =>
    "Số định danh cá nhân này đã có hồ sơ/tài khoản định danh mức 2, không phải làm lại; không tạo hồ sơ trùng. Công dân theo dõi hồ sơ bằng mã hồ sơ.",
  APPLICATION_NOT_FOUND: () => "Không tìm thấy hồ sơ.",
  ALREADY_DECIDED: () => "Hồ sơ này đã được xử lý (phê duyệt hoặc từ chối) trước đó.",
  TRACK_NOT_FOUND: () =>
    "Không tìm thấy hồ sơ với thông tin đã nhập. Vui lòng kiểm tra mã hồ sơ và số định danh cá nhân.",
  UNIT_NOT_FOUND: () => "Không tìm thấy đơn vị Công an.",
  SLOT_NOT_OFFERED: () => "Ngày hoặc khung giờ này không nhận lịch hẹn. Vui lòng chọn ngày, giờ khác.",
  SLOT_FULL: () => "Khung giờ này đã hết chỗ. Vui lòng chọn khung giờ khác.",
  APPOINTMENT_EXISTS: () =>
    "Bạn đã có một lịch hẹn chưa diễn ra. Mã lịch hẹn đã được gửi bằng tin nhắn tới số điện thoại đăng ký; dùng mã đó để hủy lịch hẹn cũ trước khi đặt lịch mới.",
  APPOINTMENT_NOT_FOUND: () => "Không tìm thấy lịch hẹn.",
  PASSCODE_WRONG: (p) => `Mã passcode không đúng. Bạn còn ${p.attemptsLeft ?? 0} lần thử.`,
  PASSCODE_LOCKED: () =>
    'Bạn đã nhập sai mã passcode quá 5 lần. Vui lòng chọn "Quên mã passcode" để đặt lại mã passcode.',
  IDENTITY_NOT_ACTIVE: () => "Chỉ tài khoản định danh điện tử đã kích hoạt mới dùng được Mã QR định danh.",
  IDENTITY_GRANT_EXPIRED: () => "Phiên chia sẻ đã hết hạn. Vui lòng nhập lại mã passcode.",
  IDENTITY_TOO_LARGE: () => "Thông tin đã chọn quá dài để tạo mã QR. Vui lòng bỏ bớt thông tin chia sẻ.",
  // Account security ("Quên mật khẩu", "Quên mã passcode", "Quản lý thiết bị").
  RECOVERY_UNAVAILABLE: () =>
    "Tài khoản chưa được kích hoạt hoặc chưa thiết lập câu hỏi bảo mật nên không thể lấy lại mật khẩu trực tuyến. Vui lòng liên hệ Công an xã, phường nơi cư trú.",
  ANSWER_WRONG: (p) => `Câu trả lời không đúng. Bạn còn ${p.attemptsLeft ?? 0} lần thử.`,
  RECOVERY_LOCKED: (p) =>
    `Bạn đã trả lời sai câu hỏi bảo mật quá 5 lần. Chức năng lấy lại mật khẩu tạm khóa, vui lòng thử lại sau ${formatWait(p.retryAfter ?? 86400)}.`,
  DEVICE_NOT_BOUND: () => "Tài khoản chưa liên kết với thiết bị nào.",
  LEVEL2_REQUIRED: () =>
    "Chức năng này dành cho tài khoản định danh điện tử mức 2 đã được phê duyệt (đăng ký trực tiếp tại cơ quan Công an).",
  DEPENDANT_NOT_FOUND: () =>
    "Không tìm thấy công dân có số định danh cá nhân và ngày sinh đã nhập trong Cơ sở dữ liệu quốc gia về dân cư. Vui lòng kiểm tra lại.",
  DEPENDANT_NOT_MINOR: () => "Chỉ thêm được người phụ thuộc là trẻ em dưới 14 tuổi.",
  DEPENDANT_EXISTS: () => "Trẻ này đã có trong danh sách người phụ thuộc của bạn.",
  DEPENDANT_LIMIT: () => "Trẻ này đã có đủ 2 người đại diện (cha, mẹ hoặc người giám hộ) trong hệ thống.",
  DEPENDANT_PENDING_LIMIT: () =>
    "Bạn đang có 5 yêu cầu thêm người phụ thuộc chờ cơ quan Công an xác nhận. Vui lòng chờ xác nhận trước khi gửi thêm yêu cầu.",
  DEPENDANT_LINK_NOT_FOUND: () => "Không tìm thấy liên kết người phụ thuộc (có thể đã được xử lý hoặc đã bị gỡ).",
  SELF_APPROVAL: () => "Cán bộ tiếp nhận hồ sơ không được tự phê duyệt hồ sơ đó. Hồ sơ cần một cán bộ khác phê duyệt.",
  EVENT_NOT_FOUND: () => "Không tìm thấy phiên tiếp nhận tại sự kiện.",
  EVENT_DATES: () => "Ngày kết thúc của sự kiện không được trước ngày hôm nay.",
  EVENT_OUT_OF_DATES: () => "Hồ sơ được ghi nhận ngoài các ngày của sự kiện, không được tiếp nhận.",
  SEAL_INVALID: () =>
    "Bản ghi đã bị thay đổi hoặc hư hỏng nên không mở được. Vui lòng liên hệ công dân để tiếp nhận lại hồ sơ.",
  // Bootstrap and "Quản lý cán bộ" (`/api/admin/*`).
  BOOTSTRAP_TOKEN_INVALID: () => "Mã khởi tạo (BOOTSTRAP_TOKEN) không đúng.",
  BOOTSTRAP_DONE: () =>
    'Tỉnh này đã có cán bộ quản trị cấp tỉnh nên không khởi tạo lại. Cán bộ quản trị thêm cán bộ mới trong "Quản lý cán bộ".',
  PROVINCE_MISMATCH: () => "Mã tỉnh không phải tỉnh mà hệ thống này phục vụ.",
  OFFICER_NOT_FOUND: () => "Không tìm thấy cán bộ.",
  OFFICER_SELF: () => "Bạn không thể khóa hoặc đặt lại mật khẩu cho chính tài khoản của mình.",
  OFFICER_DISABLED: () => "Tài khoản cán bộ này đã bị khóa. Vui lòng liên hệ cán bộ quản trị cấp tỉnh.",
  REGISTRY_NOT_LOCAL: () =>
    "Hệ thống đang kết nối trực tiếp với Cơ sở dữ liệu quốc gia về dân cư nên không nhập tệp dữ liệu dân cư.",
  // "Tin nhắn lỗi" (province_admin).
  SMS_NOT_FOUND: () => "Không tìm thấy tin nhắn.",
  SMS_ALREADY_RESENT: () => "Tin nhắn này đã được gửi lại trước đó.",
  // Operations (docs/operations.md).
  REGISTRY_UNAVAILABLE: () => "Hệ thống CSDL quốc gia về dân cư đang bận, vui lòng thử lại sau",
  DEVELOPMENT_KEY_IN_PRODUCTION: () => "Hệ thống đang được cấu hình nên tạm ngừng phục vụ. Vui lòng thử lại sau.",
  NOT_READY: () => "Hệ thống chưa sẵn sàng phục vụ.",
  INTERNAL: () => "Hệ thống đang gặp sự cố. Vui lòng thử lại sau.",
} satisfies Record<string, (p: MessageParams) => string>;

/** A stable error code of the API. */
export type ErrorCode = keyof typeof MESSAGES;

/** The Vietnamese message for an error code. */
export function messageFor(code: ErrorCode, params: MessageParams = {}): string {
  return MESSAGES[code](params);
}

/** True when `code` is one of the API's error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(MESSAGES, code);
}

/** Every error code (the PWA's English catalogue is keyed by them). */
export const ERROR_CODES = Object.keys(MESSAGES) as ErrorCode[];
