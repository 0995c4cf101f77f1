/**
 * The Vietnamese strings of "Quản lý cán bộ" (`/can-bo/quan-ly-can-bo`, province_admin only): "Thêm cán bộ", "Đặt
 * lại mật khẩu", "Khóa", "Mở khóa", "Chuyển đơn vị". The screen loads on demand with the console. `../en/admin.ts`
 * has the same keys. Labels that issue 14 names are contracts: keep them verbatim.
 */

export const viAdmin = {
  title: "Quản lý cán bộ",
  intro:
    "Thêm cán bộ, cấp lại mật khẩu, khóa tài khoản và chuyển đơn vị cho cán bộ trong tỉnh. Mọi thao tác đều được ghi nhật ký.",
  add: "Thêm cán bộ",
  name: "Họ và tên",
  role: "Vai trò",
  unit: "Đơn vị",
  unitPlaceholder: "Chọn đơn vị Công an",
  unitRequired: "Vui lòng chọn đơn vị",
  list: "Danh sách cán bộ",
  count: (n: number) => `${n} cán bộ`,
  username: "Tên đăng nhập",
  state: "Trạng thái",
  lastLogin: "Đăng nhập gần nhất",
  never: "Chưa đăng nhập",
  active: "Đang hoạt động",
  locked: "Đã khóa",
  mustChange: "Chưa đổi mật khẩu lần đầu",
  you: "(bạn)",
  reset: "Đặt lại mật khẩu",
  lock: "Khóa",
  unlock: "Mở khóa",
  transfer: "Chuyển đơn vị",
  newUnit: "Đơn vị mới",
  doTransfer: "Chuyển",
  cancel: "Hủy",
  confirm: "Xác nhận",
  confirmReset: (name: string) =>
    `Đặt lại mật khẩu cho ${name}? Mật khẩu cũ hết hiệu lực, các phiên đăng nhập của cán bộ này kết thúc; cán bộ đăng nhập bằng mật khẩu mới và phải đổi mật khẩu.`,
  confirmLock: (name: string) =>
    `Khóa tài khoản của ${name}? Các phiên đăng nhập của cán bộ này kết thúc ngay và cán bộ không đăng nhập được cho đến khi được mở khóa.`,
  oneTimeTitle: "Mật khẩu dùng một lần",
  oneTimeFor: (name: string, username: string) => `Tài khoản của ${name}: tên đăng nhập ${username}, mật khẩu`,
  oneTimeNote:
    "Mật khẩu chỉ hiển thị một lần. Hãy trao trực tiếp cho cán bộ; cán bộ phải đổi mật khẩu khi đăng nhập lần đầu.",
  added: (name: string) => `Đã thêm cán bộ ${name}.`,
  wasReset: (name: string) => `Đã đặt lại mật khẩu cho ${name}.`,
  wasLocked: (name: string) => `Đã khóa tài khoản của ${name}.`,
  wasUnlocked: (name: string) => `Đã mở khóa tài khoản của ${name}.`,
  wasTransferred: (name: string, unit: string) => `Đã chuyển ${name} sang ${unit}.`,
};

/** The shape of these strings in every language. */
export type AdminDict = typeof viAdmin;
