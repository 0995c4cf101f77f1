/**
 * Every route of the PWA, one entry each: its path, its screen and the title the page frame gives it. Every screen
 * but the home screen loads on demand (lazy.tsx). The home screen (and a path of none) is titled with the app's name
 * alone; a route without a title names itself: its title comes with its strings, which load with its chunk (or
 * depends on what it shows). Every path under `/can-bo` is the police-office console's: one screen, so that its
 * session survives moving between its own screens (Officer/index.tsx).
 */
import type { ComponentType } from "preact";
import { Home } from "./Home";
import type { Dict } from "./i18n";
import { type LazyScreen, lazyChunk, lazyScreen } from "./lazy";

/** One route: where, what, and what the page frame calls it. */
export interface Route<S extends ComponentType = ComponentType> {
  path: string;
  screen: S;
  /** The screen's name in `<title>` ("<name> · <app>"), a key of the core's `titles`; absent: the screen sets it. */
  title?: keyof Dict["titles"];
  /** The police-office console's: used at a desk (the page uses the screen's width there) and without the citizens' footer. */
  desk?: true;
}

const route = <S extends ComponentType>(path: string, screen: S, title?: Route["title"]): Route<S> =>
  title ? { path, screen, title } : { path, screen };

/** The account-security screens ("Quên mật khẩu", "Quản lý thiết bị"…): one chunk (Security/). */
const security = lazyChunk(() => import("./Security"));
/** "Giấy tờ tích hợp", "Người phụ thuộc", "Thông báo": one chunk (MyCard/index.ts). */
const myCard = lazyChunk(() => import("./MyCard"));
/** The police-office console, every `/can-bo` path. */
const Officer = lazyScreen(() => import("./Officer").then((m) => m.Officer));
/** A path of the console. */
const desk = (path: string): Route<typeof Officer> => ({ path, screen: Officer, desk: true });

export const ROUTES = {
  home: route("/", Home),
  /** "Kích hoạt tài khoản" (seed 000, steps 2–4; seed 001, steps 6–7). */
  activate: route(
    "/kich-hoat",
    lazyScreen(() => import("./Activation").then((m) => m.Activation), "Activation"),
    "activate",
  ),
  /** "Đăng nhập" (seed 000, step 5). */
  login: route(
    "/dang-nhap",
    lazyScreen(() => import("./Login").then((m) => m.Login), "Login"),
    "login",
  ),
  /** The logged-in citizen's home. */
  account: route(
    "/tai-khoan",
    lazyScreen(() => import("./Account").then((m) => m.Account)),
    "account",
  ),
  /** "Đăng ký" (seed 001, step 3). */
  register: route(
    "/dang-ky",
    lazyScreen(() => import("./Registration").then((m) => m.Registration), "Registration"),
    "register",
  ),
  /** "Đăng ký tài khoản mức 1" (seed 001, step 5). */
  level1: route(
    "/tai-khoan/dang-ky-muc-1",
    lazyScreen(() => import("./Level1").then((m) => m.Level1), "Level1"),
    "level1",
  ),
  /** "Mã QR định danh" of the logged-in citizen. */
  identityQr: route(
    "/tai-khoan/ma-qr",
    lazyScreen(() => import("./Identity/ShowQr").then((m) => m.ShowQr)),
  ),
  /** "Xác thực thông tin": the public verifier of identity QR codes. */
  verify: route(
    "/xac-thuc",
    lazyScreen(() => import("./Identity/Verify").then((m) => m.Verify)),
  ),
  /** "Giấy tờ tích hợp". */
  papers: route(
    "/tai-khoan/giay-to",
    myCard((m) => m.Papers),
  ),
  /** "Người phụ thuộc". */
  dependants: route(
    "/tai-khoan/nguoi-phu-thuoc",
    myCard((m) => m.Dependants),
  ),
  /** "Thông báo". */
  notifications: route(
    "/tai-khoan/thong-bao",
    myCard((m) => m.Notifications),
  ),
  /** "Tra cứu hồ sơ" (`?ref=…&code=…` from a receipt's QR code prefills it). */
  track: route(
    "/tra-cuu",
    lazyScreen(() => import("./Track").then((m) => m.Track)),
  ),
  /** "Đặt lịch hẹn" at a police unit. */
  booking: route(
    "/dat-lich",
    lazyScreen(() => import("./Booking").then((m) => m.Booking)),
  ),
  /** "Quên mật khẩu" (from the login screen). */
  forgotPassword: route(
    "/quen-mat-khau",
    security((m) => m.PasswordRecovery),
  ),
  /** "Quên mã passcode" (logged in). */
  forgotPasscode: route(
    "/tai-khoan/quen-ma-passcode",
    security((m) => m.PasscodeRecovery),
  ),
  /** "Quản lý thiết bị". */
  devices: route(
    "/tai-khoan/thiet-bi",
    security((m) => m.Devices),
  ),
  /** "Hoạt động của tôi". */
  activity: route(
    "/tai-khoan/hoat-dong",
    security((m) => m.Activity),
  ),
  /** "Đăng nhập cán bộ" and the console's menu. */
  officer: desk("/can-bo"),
  /** "Tiếp nhận hồ sơ mức 2". */
  officerIntake: desk("/can-bo/tiep-nhan"),
  /** "Hồ sơ chờ duyệt"; one file is `/can-bo/ho-so/<id>` ({@link officerFilePath}). */
  officerQueue: desk("/can-bo/ho-so"),
  /** "Lịch hẹn hôm nay". */
  officerAppointments: desk("/can-bo/lich-hen"),
  /** "Báo cáo" (province_admin). */
  officerReports: desk("/can-bo/bao-cao"),
  /** "Nhật ký" (province_admin). */
  officerAudit: desk("/can-bo/nhat-ky"),
  /** "Quản lý cán bộ" (province_admin). */
  officerAdmin: desk("/can-bo/quan-ly-can-bo"),
  /** "Tin nhắn lỗi" (province_admin): texts that could not be sent, with "Gửi lại". */
  officerFailedTexts: desk("/can-bo/tin-nhan-loi"),
  /** "Người phụ thuộc chờ xác nhận": dependant links of the officer's unit. */
  officerDependants: desk("/can-bo/nguoi-phu-thuoc"),
  /** "Tiếp nhận tại sự kiện": offline intake at a community event. */
  officerEvent: desk("/can-bo/su-kien"),
} satisfies Record<string, Route>;

/** One file of the approval queue: `/can-bo/ho-so/<id>`. */
export const officerFilePath = (id: number) => `${ROUTES.officerQueue.path}/${id}`;

const byPath = new Map<string, Route>(Object.values(ROUTES).map((r) => [r.path, r]));

/** The route of `path`, or null (not found). */
export function routeOf(path: string): Route | null {
  return byPath.get(path) ?? (path.startsWith(`${ROUTES.officer.path}/`) ? ROUTES.officer : null);
}

/** The lazily loaded screens the home screen fetches while the citizen reads it. */
export const FIRST_STEPS: LazyScreen[] = [ROUTES.activate.screen, ROUTES.register.screen, ROUTES.login.screen];
