/**
 * The account's own screens, one chunk (routes.tsx): `/tai-khoan/giay-to` "Giấy tờ tích hợp",
 * `/tai-khoan/nguoi-phu-thuoc` "Người phụ thuộc", `/tai-khoan/thong-bao` "Thông báo".
 */
export { Dependants } from "./Dependants";
export { Notifications } from "./Notifications";
export { Papers } from "./Papers";
