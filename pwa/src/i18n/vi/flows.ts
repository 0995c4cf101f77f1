/**
 * The Vietnamese strings of the screens that load on demand (registration, level-1 registration, the card scanner),
 * kept out of `core.ts` so that they stay out of the first screen's bundle. `../en/flows.ts` has the same keys.
 * Screens read them through `tf` from `pwa/src/i18n-flows` (a live binding that follows the language). Labels that
 * tests and the seed document name are contracts: keep them verbatim.
 */
import type { CameraProblem } from "../../camera";

export const viFlows = {
  scan: {
    title: "Quét mã QR trên thẻ",
    intro: "Đưa mã QR ở mặt trước thẻ Căn cước công dân gắn chip vào khung hình. Thông tin trên thẻ sẽ được tự động điền.",
    typedId: "Số định danh cá nhân đã nhập:",
    live: "Quét mã QR",
    stopLive: "Dừng quét",
    photo: "Chụp ảnh mã QR",
    photoHint: "Hoặc chụp ảnh rõ nét mã QR trên thẻ (đủ sáng, không bị lóa), rồi chọn ảnh đó.",
    manual: "Không quét được QR code?",
    videoLabel: "Hình ảnh từ camera",
    opening: "Đang mở camera…",
    aim: "Đưa mã QR vào giữa khung. Giữ thẻ yên và đủ sáng.",
    reading: "Đang đọc mã QR trong ảnh…",
    notFound:
      "Không đọc được mã QR trong ảnh. Vui lòng chụp lại gần hơn, rõ nét, đủ sáng, mã QR nằm trọn trong ảnh; hoặc chọn “Không quét được QR code?” để nhập thông tin.",
    notImage: "Tệp đã chọn không phải là ảnh. Vui lòng chọn ảnh chụp mã QR.",
    cardId: (id: string) => `Số định danh cá nhân trên thẻ: ${id}`,
    loadFailed: "Không tải được bộ đọc mã QR. Vui lòng kiểm tra kết nối mạng và thử lại.",
    /** Why the camera is not available, and the way around it (`other`: the label of the photo button). */
    camera: (problem: CameraProblem, other: string): string =>
      ({
        denied: `Bạn chưa cho phép sử dụng camera. Hãy cho phép trình duyệt dùng camera trong phần cài đặt rồi thử lại, hoặc chọn “${other}”.`,
        missing: `Không tìm thấy camera trên thiết bị này. Vui lòng chọn “${other}”.`,
        busy: `Camera đang được ứng dụng khác sử dụng. Hãy đóng ứng dụng đó rồi thử lại, hoặc chọn “${other}”.`,
        unsupported: `Trình duyệt này không mở được camera. Vui lòng chọn “${other}”.`,
        failed: `Không mở được camera. Vui lòng thử lại, hoặc chọn “${other}”.`,
      })[problem],
  },
  card: {
    reviewTitle: "Kiểm tra thông tin trên thẻ",
    reviewIntro: "Thông tin đọc được từ mã QR trên thẻ. Vui lòng kiểm tra trước khi tiếp tục.",
    manualTitle: "Nhập thông tin thẻ",
    manualIntro: "Nhập thông tin như in trên thẻ Căn cước công dân gắn chip.",
    id: "Số định danh cá nhân",
    oldId: "Số CMND cũ",
    oldIdHint: "Không bắt buộc. Gồm 9 hoặc 12 chữ số.",
    fullName: "Họ và tên",
    dob: "Ngày sinh",
    gender: "Giới tính",
    male: "Nam",
    female: "Nữ",
    address: "Nơi thường trú",
    issued: "Ngày cấp",
    cardType: "Loại thẻ",
    cardTypes: { "cccd-2021": "Căn cước công dân gắn chip", "cancuoc-2024": "Thẻ căn cước" },
    dateHint: "Ngày/tháng/năm, ví dụ 05/09/1990.",
    none: "Không có",
    rescan: "Quét lại",
    edit: "Sửa thông tin",
    backToScan: "Quay lại quét mã QR",
    idNotTyped: "Số định danh cá nhân phải trùng với số bạn đã nhập ở bước trước.",
    idNotAccount: "Số định danh cá nhân phải là số của tài khoản đang đăng nhập.",
  },
  registration: {
    title: "Đăng ký tài khoản",
    intro: "Nhập số định danh cá nhân và số điện thoại của bạn để đăng ký tài khoản định danh điện tử.",
    progress: "Tiến trình đăng ký",
    submit: "Đăng ký",
    back: "Quay lại",
    haveAccount: "Đã có tài khoản?",
    phoneSmsHint: "Mã OTP sẽ được gửi tới số này.",
    accountExistsHelp: "Bạn chỉ cần đăng nhập để sử dụng tài khoản.",
    accountExistsActivateHelp: "Tài khoản của bạn đã được phê duyệt: hãy kích hoạt tài khoản.",
    activate: "Kích hoạt tài khoản",
    editPhone: "Sửa số điện thoại",
    doneTitle: "Đăng ký tài khoản thành công",
    doneText:
      "Tài khoản ứng dụng VNeID của bạn đã được tạo. Chọn “Đăng nhập” và dùng số định danh cá nhân cùng mật khẩu vừa thiết lập. Sau khi đăng nhập, bạn có thể đăng ký tài khoản định danh điện tử mức 1.",
  },
  level1: {
    title: "Đăng ký tài khoản mức 1",
    intro:
      "Tài khoản định danh điện tử mức 1 được đăng ký trực tuyến. Bạn dùng được các tiện ích của tài khoản mức 1, ví dụ hiển thị thông tin cá nhân và đặt lịch hẹn đăng ký tài khoản mức 2 tại cơ quan Công an.",
    needs: "Bạn cần chuẩn bị:",
    needItems: [
      "Thẻ Căn cước công dân gắn chip của bạn",
      "Camera để quét mã QR trên thẻ và chụp ảnh chân dung (hoặc ảnh chụp sẵn)",
    ],
    start: "Bắt đầu",
    guideTitle: "Hướng dẫn đăng ký",
    guide: [
      "Quét mã QR trên thẻ Căn cước công dân gắn chip để điền thông tin.",
      "Kiểm tra thông tin đọc được từ thẻ.",
      "Chụp ảnh chân dung: nhìn thẳng, không đeo kính râm, không đội mũ, đủ sáng.",
      "Kiểm tra lại, nhập email (không bắt buộc) và xác nhận thông tin đăng ký.",
    ],
    understood: "Tôi đã hiểu",
    progress: "Tiến trình đăng ký mức 1",
    nfc: "Trình duyệt không đọc được chip NFC trên thẻ; vui lòng quét mã QR trên thẻ.",
    notAllowed: "Tài khoản của bạn không thể đăng ký tài khoản mức 1 lúc này.",
    backToAccount: "Về trang tài khoản",
    photoTitle: "Chụp ảnh chân dung",
    photoIntro: "Đặt khuôn mặt vào giữa khung hình bầu dục, nhìn thẳng vào camera, rồi chọn “Chụp ảnh”.",
    photoVideoLabel: "Hình ảnh từ camera trước",
    take: "Chụp ảnh",
    retake: "Chụp lại",
    openCamera: "Mở camera",
    pick: "Chọn ảnh chân dung",
    pickHint: "Nếu không dùng được camera, bạn có thể chụp hoặc chọn một ảnh chân dung có sẵn.",
    preview: "Ảnh chân dung của bạn",
    preparing: "Đang xử lý ảnh…",
    badImage: "Không đọc được ảnh đã chọn. Vui lòng chọn ảnh khác.",
    tooLarge: "Không thu nhỏ được ảnh xuống dưới 150 kB. Vui lòng chụp lại.",
    confirmTitle: "Xác nhận thông tin đăng ký",
    confirmIntro: "Kiểm tra lại thông tin trước khi gửi hồ sơ đăng ký tài khoản mức 1.",
    email: "Email (không bắt buộc)",
    emailHint: "Dùng để nhận thông báo về hồ sơ.",
    submit: "Xác nhận thông tin đăng ký",
    photoAgain: "Chụp lại ảnh",
    scanAgain: "Quét lại thẻ",
  },
};

/** The shape every dictionary of these screens has. */
export type FlowsDict = typeof viFlows;
