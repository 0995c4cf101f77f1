/** The two links into "Mã QR định danh" and "Xác thực thông tin" from screens of the first bundle (kept tiny). */
export const viIdentityLinks = {
  qr: "Mã QR định danh",
  verify: "Xác thực thông tin",
  verifyNote: "Cửa hàng, phòng khám… kiểm tra Mã QR định danh của công dân:",
};
