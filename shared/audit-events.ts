/**
 * The append-only audit log's vocabulary, written once: every event, every field of an event's details, and the
 * values of those fields that are codes, each with its Vietnamese label ("Nhật ký" shows nothing else). The worker's
 * audit inserts are typed against these tables (worker/src/db/audit.ts), so an event or a detail field cannot be
 * written without its label; `pwa/src/i18n/en/officer.ts` has the English under the same keys (typed too), and
 * tests/node/audit-labels.test.ts checks both, and the SQL of worker/src, for anything left out.
 *
 * Adding an event: one line in {@link AUDIT_EVENT_LABELS} (then its English, where the compiler asks for it).
 */

/** Every event of the audit log, with its Vietnamese label. */
export const AUDIT_EVENT_LABELS = {
  "activation.started": "Bắt đầu kích hoạt tài khoản",
  "otp.sent": "Gửi mã OTP",
  "otp.failed": "Xác thực mã OTP không thành công",
  "activation.completed": "Kích hoạt tài khoản",
  "activation.cancelled": "Hủy bỏ kích hoạt tài khoản",
  "device.unbound": "Hủy liên kết thiết bị",
  "device.bound": "Liên kết thiết bị",
  "session.revoked": "Phiên đăng nhập bị đăng xuất",
  "login.succeeded": "Công dân đăng nhập",
  "login.failed": "Công dân đăng nhập sai mật khẩu",
  "login.locked": "Tài khoản công dân tạm khóa do nhập sai mật khẩu",
  "registry.imported": "Nhập dữ liệu dân cư",
  "ratelimit.hit": "Vượt giới hạn số lần yêu cầu",
  "sms.failed": "Gửi tin nhắn SMS thất bại",
  "registration.completed": "Đăng ký tài khoản",
  "level1.applied": "Nộp hồ sơ đăng ký tài khoản mức 1",
  "officer.created": "Tạo tài khoản cán bộ",
  "officer.login.succeeded": "Cán bộ đăng nhập",
  "officer.login.failed": "Cán bộ đăng nhập sai",
  "officer.login.locked": "Tài khoản cán bộ bị tạm khóa",
  "officer.password.changed": "Cán bộ đổi mật khẩu",
  "officer.logout": "Cán bộ đăng xuất",
  "units.imported": "Nhập danh sách đơn vị",
  "application.intake": "Tiếp nhận hồ sơ",
  "application.review": "Mở hồ sơ để xem xét",
  "application.approved": "Phê duyệt hồ sơ",
  "application.rejected": "Từ chối hồ sơ",
  "report.exported": "Xuất báo cáo",
  "appointment.booked": "Đặt lịch hẹn",
  "appointment.cancelled": "Hủy lịch hẹn",
  "passcode.failed": "Nhập sai mã passcode",
  "passcode.locked": "Mã passcode bị khóa do nhập sai quá 5 lần",
  "identity.shared": "Chia sẻ mã QR định danh",
  "recovery.started": "Bắt đầu lấy lại mật khẩu hoặc mã passcode",
  "recovery.failed": "Trả lời sai câu hỏi bảo mật",
  "recovery.locked": "Tạm khóa chức năng lấy lại mật khẩu",
  "recovery.password": "Đặt lại mật khẩu (Quên mật khẩu)",
  "recovery.passcode": "Đặt lại mã passcode (Quên mã passcode)",
  "dependant.added": "Thêm người phụ thuộc",
  "dependant.refused": "Không thêm được người phụ thuộc",
  "event.started": "Bắt đầu tiếp nhận tại sự kiện",
  "event.record": "Đồng bộ hồ sơ tiếp nhận tại sự kiện",
  "sms.resent": "Gửi lại tin nhắn SMS",
  "sms.budget": "Vượt ngân sách tin nhắn SMS",
  "dependant.requested": "Yêu cầu thêm người phụ thuộc",
  "dependant.approved": "Xác nhận người phụ thuộc",
  "dependant.rejected": "Từ chối yêu cầu người phụ thuộc",
  "dependant.removed": "Gỡ liên kết người phụ thuộc",
  "phone.changed": "Đổi số điện thoại tài khoản",
  "appointment.resent": "Gửi lại mã lịch hẹn",
  "admin.bootstrap": "Khởi tạo cán bộ quản trị cấp tỉnh",
  "admin.bootstrap.refused": "Từ chối khởi tạo",
  "officers.viewed": "Xem danh sách cán bộ",
  "officer.password.reset": "Đặt lại mật khẩu cán bộ",
  "officer.locked": "Khóa tài khoản cán bộ",
  "officer.unlocked": "Mở khóa tài khoản cán bộ",
  "officer.transferred": "Chuyển đơn vị cán bộ",
  "officer.login.refused": "Từ chối đăng nhập cán bộ đã bị khóa",
} as const;

/** An event of the audit log. */
export type AuditEvent = keyof typeof AUDIT_EVENT_LABELS;
/** Every event, in the order above. */
export const AUDIT_EVENTS = Object.keys(AUDIT_EVENT_LABELS) as AuditEvent[];

/** Every field an event's details may carry, with its Vietnamese label. */
export const AUDIT_DETAIL_LABELS = {
  accountsCreated: "Tài khoản mới",
  accountsUnchanged: "Tài khoản giữ nguyên",
  approvedBy: "Cán bộ phê duyệt",
  attempt: "Lần thử",
  by: "Người thực hiện",
  child: "Người phụ thuộc (số định danh)",
  childId: "Người phụ thuộc (số định danh)",
  clientId: "Mã bản ghi trên máy",
  code: "Mã",
  count: "Số lượng",
  day: "Ngày",
  days: "Ngày diễn ra",
  decidedBy: "Cán bộ phê duyệt",
  device: "Thiết bị",
  deviceId: "Mã thiết bị",
  event: "Mã sự kiện",
  failures: "Số lần sai",
  fields: "Thông tin được chia sẻ",
  firstLogin: "Lần đăng nhập đầu tiên",
  from: "Từ",
  guardian: "Người giám hộ",
  intakeBy: "Cán bộ tiếp nhận",
  jti: "Mã lần chia sẻ",
  key: "Mã tin nhắn",
  kid: "Khóa ký",
  kind: "Giới hạn",
  level: "Mức",
  mustChangePassword: "Phải đổi mật khẩu",
  name: "Tên",
  officer: "Cán bộ",
  outcome: "Kết quả",
  photoId: "Mã ảnh chân dung",
  place: "Địa điểm",
  prior: "Trạng thái trước khi nộp",
  province: "Mã tỉnh",
  purpose: "Mục đích",
  questions: "Câu hỏi bảo mật",
  reason: "Lý do",
  reference: "Mã hồ sơ",
  registry: "Bản ghi dân cư",
  resendKey: "Mã tin nhắn gửi lại",
  retryAfter: "Thử lại sau",
  role: "Vai trò",
  rows: "Số dòng",
  sendsLeft: "Số lần gửi còn lại",
  session: "Phiên đăng nhập",
  sessions: "Số phiên bị đăng xuất",
  status: "Trạng thái",
  text: "Tin nhắn",
  time: "Giờ",
  to: "Đến",
  unit: "Đơn vị",
  unitCreated: "Tạo đơn vị",
  units: "Số đơn vị",
  until: "Tạm khóa đến",
  upgrade: "Nâng lên mức 2",
  username: "Tên đăng nhập cán bộ",
} as const;

/** A field of an event's details. */
export type AuditDetailKey = keyof typeof AUDIT_DETAIL_LABELS;
/** An event's details: only labelled fields. */
export type AuditDetail = { [K in AuditDetailKey]?: unknown };

/**
 * The values that are codes, by field, with their Vietnamese labels. Error codes (`OTP_INVALID`…) that have no
 * shorter label here are shown with their message (shared/messages.ts).
 */
export const AUDIT_VALUE_LABELS = {
  reason: {
    activation: "Tài khoản được kích hoạt trên thiết bị khác",
    password: "Đổi mật khẩu",
    "device-unlinked": "Hủy liên kết thiết bị",
    unlink: "Công dân hủy liên kết thiết bị",
    "logout-others": "Đăng xuất các phiên khác",
    recovery: "Lấy lại mật khẩu hoặc mã passcode",
    unknown: "Tên đăng nhập không tồn tại",
    "not configured": "Chưa cấu hình nhà cung cấp SMS",
    "network error": "Lỗi kết nối mạng",
    TimeoutError: "Quá thời gian chờ",
    OTP_INVALID: "Mã OTP không đúng",
    OTP_EXPIRED: "Mã OTP đã hết hạn",
    OTP_LOCKED: "Nhập sai mã OTP quá 5 lần",
    OTP_NOT_SENT: "Chưa có mã OTP còn hiệu lực",
    OTP_COOLDOWN: "Gửi lại mã quá sớm",
    OTP_DAILY_LIMIT: "Quá 5 mã OTP trong 24 giờ",
    DEPENDANT_NOT_FOUND: "Thông tin người phụ thuộc không khớp",
    DEPENDANT_NOT_MINOR: "Người phụ thuộc không phải trẻ em dưới 14 tuổi",
  },
  purpose: {
    activation: "Kích hoạt tài khoản",
    registration: "Đăng ký tài khoản",
    "recovery-password": "Quên mật khẩu",
    "recovery-passcode": "Quên mã passcode",
    password: "Quên mật khẩu",
    passcode: "Quên mã passcode",
    appointment: "Đặt lịch hẹn",
    "phone-change": "Báo đổi số điện thoại",
  },
  kind: {
    "otp-id": "Gửi mã OTP (theo số định danh)",
    "otp-ip": "Gửi mã OTP (theo địa chỉ mạng)",
    "otp-phone": "Gửi mã OTP (theo số điện thoại)",
    "login-ip": "Đăng nhập (theo địa chỉ mạng)",
    "booking-ip": "Đặt lịch hẹn (theo địa chỉ mạng)",
    "track-ip": "Tra cứu hồ sơ (theo địa chỉ mạng)",
    "start-ip": "Bắt đầu kích hoạt, đăng ký, quên mật khẩu (theo địa chỉ mạng)",
    "start-id": "Bắt đầu kích hoạt, đăng ký, quên mật khẩu (theo số định danh)",
    "cancel-ip": "Hủy lịch hẹn (theo địa chỉ mạng)",
    "photo-account": "Tải ảnh chân dung (theo tài khoản)",
    "sms-budget": "Ngân sách tin nhắn SMS",
    admin: "Quản lý cán bộ (theo cán bộ quản trị)",
    "bootstrap-ip": "Khởi tạo (theo địa chỉ mạng)",
  },
  /** What a text was about (`sms.failed`, `sms.resent`): the events of worker/src/domain/texts.ts. */
  text: {
    otp: "Mã OTP",
    "phone.change.old": "Báo đổi số điện thoại (số cũ)",
    "activation.completed": "Kích hoạt tài khoản",
    "registration.completed": "Đăng ký tài khoản",
    "recovery.password": "Đặt lại mật khẩu",
    "recovery.passcode": "Đặt lại mã passcode",
    "device.unlinked": "Hủy liên kết thiết bị",
    "application.approved": "Phê duyệt hồ sơ",
    "application.rejected": "Từ chối hồ sơ",
    "appointment.booked": "Đặt lịch hẹn",
    "appointment.resent": "Gửi lại mã lịch hẹn",
    "appointment.cancelled": "Hủy lịch hẹn",
  },
  device: {
    free: "Thiết bị chưa liên kết với tài khoản nào",
    "this-account": "Thiết bị đã liên kết với tài khoản này",
    "other-account": "Thiết bị đang liên kết với tài khoản khác",
  },
  outcome: {
    accepted: "Đã tiếp nhận",
    duplicate: "Đã có hồ sơ",
    rejected: "Không tiếp nhận",
    retry: "Gửi lại sau",
    processing: "Đang xử lý",
  },
  role: {
    officer: "Cán bộ",
    province_admin: "Quản trị cấp tỉnh",
  },
} as const;

/** A field whose values are codes. */
export type AuditCodedKey = keyof typeof AUDIT_VALUE_LABELS;
/** A reason with a label: what ending sessions records (`session.revoked`'s `reason`) must be one. */
export type AuditReason = keyof typeof AUDIT_VALUE_LABELS.reason;
