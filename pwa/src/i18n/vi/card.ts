/**
 * Vietnamese strings of the card and papers screens: the card section of the account home ("Có giá trị đến",
 * "Cảnh báo sắp hết hạn thẻ"), "Giấy tờ tích hợp", "Người phụ thuộc", "Thông báo", the under-14 hint of
 * registration and the expiry fields of the officers' intake form. English: `../en/card.ts`.
 */
import { displayDate } from "../dates";

export const viCard = {
  section: "Thẻ Căn cước",
  validUntil: "Có giá trị đến",
  noExpiry: "Không thời hạn",
  issued: "Ngày cấp",
  cardTypes: { "cccd-2021": "Căn cước công dân gắn chip", "cancuoc-2024": "Thẻ căn cước" } as Record<string, string>,
  expiringWarning: "Cảnh báo sắp hết hạn thẻ",
  expiringText: (days: number) =>
    days === 0
      ? "Hôm nay là ngày cuối cùng thẻ của bạn còn giá trị sử dụng. Vui lòng làm thủ tục cấp đổi thẻ tại cơ quan Công an."
      : `Thẻ của bạn còn giá trị sử dụng ${days} ngày. Vui lòng làm thủ tục cấp đổi thẻ tại cơ quan Công an.`,
  expired: "Thẻ đã hết hạn",
  expiredText: "Thẻ của bạn đã hết giá trị sử dụng. Vui lòng làm thủ tục cấp đổi thẻ tại cơ quan Công an.",
  states: { valid: "Còn hạn", expiring: "Sắp hết hạn", expired: "Đã hết hạn" },
  links: { papers: "Giấy tờ tích hợp", dependants: "Người phụ thuộc", notifications: "Thông báo" },
  /** The notifications link's accessible name. */
  /** The "Thông báo" link's name with unread notices: it starts with what the link shows ("Thông báo 2"). */
  notificationsUnread: (unread: number) => `Thông báo ${unread} chưa đọc`,
  back: "Về trang tài khoản",
  loadFailed: "Chưa tải được thông tin. Vui lòng thử lại.",
  papers: {
    title: "Giấy tờ tích hợp",
    intro: "Giấy tờ đã được tích hợp vào tài khoản định danh điện tử mức 2 khi tiếp nhận hồ sơ tại cơ quan Công an.",
    none: "Chưa có giấy tờ nào được tích hợp. Giấy tờ (giấy phép lái xe, thẻ bảo hiểm y tế, giấy chứng nhận đăng ký xe) được tích hợp khi hồ sơ định danh điện tử mức 2 được phê duyệt.",
    fromFile: (reference: string) => `Theo hồ sơ ${reference}`,
    kinds: {
      driverLicence: "Giấy phép lái xe",
      healthInsurance: "Thẻ bảo hiểm y tế",
      vehicleRegistration: "Giấy chứng nhận đăng ký xe",
    },
    number: "Số",
    expiringWarning: "Cảnh báo sắp hết hạn",
    expiringText: (days: number) => (days === 0 ? "Hết hạn sau hôm nay." : `Còn ${days} ngày.`),
    expiredText: "Giấy tờ đã hết hạn.",
  },
  dependants: {
    title: "Người phụ thuộc",
    intro:
      "Cha, mẹ hoặc người giám hộ có tài khoản định danh điện tử mức 2 thêm trẻ em dưới 14 tuổi từ Cơ sở dữ liệu quốc gia về dân cư.",
    none: "Chưa có người phụ thuộc.",
    listTitle: "Danh sách người phụ thuộc",
    addTitle: "Thêm người phụ thuộc",
    childId: "Số định danh cá nhân của trẻ",
    childIdHint: "12 chữ số, ghi trên giấy khai sinh",
    dob: "Ngày sinh của trẻ",
    dobHint: "Ngày/tháng/năm, ví dụ 02/09/2015",
    dobInvalid: "Ngày sinh không hợp lệ (ngày/tháng/năm)",
    submit: "Thêm người phụ thuộc",
    added: (name: string) => `Đã thêm ${name} vào danh sách người phụ thuộc.`,
    requested: (id: string) =>
      `Đã gửi yêu cầu thêm người phụ thuộc có số định danh ${id}. Yêu cầu chờ cơ quan Công an nơi trẻ cư trú xác nhận; thông tin của trẻ chỉ hiện sau khi được xác nhận.`,
    pending: "Chờ xác nhận",
    pendingNote: "Chờ cơ quan Công an xác nhận",
    requestedAt: "Gửi yêu cầu",
    remove: "Gỡ",
    removeLabel: (who: string) => `Gỡ ${who} khỏi danh sách người phụ thuộc`,
    removeConfirm: "Xác nhận gỡ",
    removeCancel: "Hủy bỏ",
    removed: (who: string) => `Đã gỡ ${who} khỏi danh sách người phụ thuộc.`,
    level2Only:
      "Chỉ tài khoản định danh điện tử mức 2 đã được phê duyệt mới thêm được người phụ thuộc. Đăng ký mức 2 tại cơ quan Công an.",
    born: "Ngày sinh",
    gender: "Giới tính",
    cardUntil: "Thẻ có giá trị đến",
  },
  notifications: {
    title: "Thông báo",
    none: "Chưa có thông báo.",
    unreadCount: (n: number) => (n > 0 ? `${n} thông báo chưa đọc` : "Không có thông báo chưa đọc"),
    unread: "Chưa đọc",
    markRead: "Đánh dấu đã đọc",
    kinds: {
      approval: "Phê duyệt hồ sơ",
      device: "Thay đổi thiết bị",
      expiry: "Cảnh báo hết hạn",
      recovery: "Khôi phục tài khoản",
      phone: "Đổi số điện thoại",
      dependant: "Người phụ thuộc",
    },
    phone: (phone: string, reference: string) =>
      `Số điện thoại của tài khoản đã được đổi sang số ${phone} theo hồ sơ ${reference}. Nếu không phải bạn yêu cầu, hãy liên hệ ngay cơ quan Công an nơi tiếp nhận hồ sơ.`,
    dependantLinked: (guardian: string, child: string) =>
      `${guardian || "Một người"} đã được liên kết là người đại diện của ${child}.`,
    dependantUnlinked: (guardian: string, child: string) =>
      `${guardian || "Một người"} không còn là người đại diện của ${child}.`,
    dependantApproved: (child: string, id: string) =>
      `Cơ quan Công an đã xác nhận ${child || id} là người phụ thuộc của bạn.`,
    dependantRefused: (id: string) => `Yêu cầu thêm người phụ thuộc có số định danh ${id} không được xác nhận.`,
    dependantRemoved: (id: string) => `Cơ quan Công an đã gỡ liên kết với người phụ thuộc có số định danh ${id}.`,
    approved: (reference: string, level: string) =>
      `Hồ sơ ${reference} đăng ký tài khoản định danh điện tử mức ${level} đã được phê duyệt.`,
    rejected: (reference: string, reason: string) =>
      `Hồ sơ ${reference} không được phê duyệt.${reason ? ` Lý do: ${reason}` : ""}`,
    /** Each device event says what happened, with the devices by name (pwa/src/device.ts), never by id. */
    deviceTitles: {
      bound: "Kích hoạt tài khoản",
      replaced: "Thay đổi thiết bị",
      released: "Thay đổi thiết bị",
      unbound: "Hủy liên kết thiết bị",
    },
    device: {
      bound: (name: string) => `Tài khoản đã được kích hoạt trên thiết bị này (${name}).`,
      replaced: (name: string, previous: string) =>
        `Tài khoản đã được kích hoạt trên thiết bị mới (${name}) và không còn liên kết với thiết bị cũ (${previous}).`,
      released: (name: string) =>
        `Tài khoản không còn liên kết với thiết bị ${name}: thiết bị này đã được dùng để kích hoạt một tài khoản khác.`,
      unbound: (name: string) => `Đã hủy liên kết tài khoản với thiết bị ${name}.`,
    },
    recovery: "Thông tin đăng nhập của tài khoản vừa được khôi phục (đặt lại).",
    cardExpiring: (until: string) => `Cảnh báo sắp hết hạn thẻ: thẻ của bạn có giá trị đến ngày ${displayDate(until)}.`,
    cardExpired: (until: string) => `Thẻ của bạn đã hết hạn (có giá trị đến ngày ${displayDate(until)}).`,
    paperExpiring: (paper: string, number: string, until: string) =>
      `${paper} số ${number} sắp hết hạn: có giá trị đến ngày ${displayDate(until)}.`,
    paperExpired: (paper: string, number: string, until: string) =>
      `${paper} số ${number} đã hết hạn (có giá trị đến ngày ${displayDate(until)}).`,
  },
  registration: {
    under14Hint: "Cha, mẹ hoặc người giám hộ có tài khoản định danh mức 2 thêm trẻ vào mục “Người phụ thuộc”.",
    under14Link: "Người phụ thuộc",
  },
  intake: {
    expiryOf: {
      driverLicence: "Ngày hết hạn giấy phép lái xe",
      healthInsurance: "Hạn sử dụng thẻ bảo hiểm y tế",
      vehicleRegistration: "Ngày hết hạn giấy chứng nhận đăng ký xe",
    },
    expiryHint: "Không bắt buộc; nếu giấy tờ có ghi, dạng ngày/tháng/năm",
  },
};
