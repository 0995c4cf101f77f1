/**
 * A tiny History API router: a few paths, no library. The worker answers every unknown path with index.html, so
 * deep links and reloads work.
 */
import type { AnchorHTMLAttributes, ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

export const ROUTES = {
  home: "/",
  activate: "/kich-hoat",
  login: "/dang-nhap",
  account: "/tai-khoan",
  register: "/dang-ky",
  level1: "/tai-khoan/dang-ky-muc-1",
  /** "Mã QR định danh" of the logged-in citizen. */
  identityQr: "/tai-khoan/ma-qr",
  /** "Xác thực thông tin": the public verifier of identity QR codes. */
  verify: "/xac-thuc",
  /** "Giấy tờ tích hợp", "Người phụ thuộc", "Thông báo" of the logged-in citizen. */
  papers: "/tai-khoan/giay-to",
  dependants: "/tai-khoan/nguoi-phu-thuoc",
  notifications: "/tai-khoan/thong-bao",
  /** "Tra cứu hồ sơ" (`?ref=…&code=…` from a receipt's QR code prefills it). */
  track: "/tra-cuu",
  /** "Đặt lịch hẹn" at a police unit. */
  booking: "/dat-lich",
  /** "Đăng nhập cán bộ" and the police-office console; every path under it is the console's. */
  officer: "/can-bo",
  officerIntake: "/can-bo/tiep-nhan",
  officerQueue: "/can-bo/ho-so",
  officerAppointments: "/can-bo/lich-hen",
  officerReports: "/can-bo/bao-cao",
  officerAudit: "/can-bo/nhat-ky",
  /** "Quên mật khẩu" (from the login screen). */
  forgotPassword: "/quen-mat-khau",
  /** "Quên mã passcode" (logged in). */
  forgotPasscode: "/tai-khoan/quen-ma-passcode",
  /** "Quản lý thiết bị". */
  devices: "/tai-khoan/thiet-bi",
  /** "Hoạt động của tôi". */
  activity: "/tai-khoan/hoat-dong",
  /** "Tiếp nhận tại sự kiện": offline intake at a community event. */
  officerEvent: "/can-bo/su-kien",
} as const;

/** One file of the approval queue: `/can-bo/ho-so/<id>`. */
export const officerFilePath = (id: number) => `${ROUTES.officerQueue}/${id}`;

const listeners = new Set<() => void>();

function notify(): void {
  listeners.forEach((fn) => fn());
}

if (typeof window !== "undefined") window.addEventListener("popstate", notify);

/** The current path without a trailing slash (except for `/`). */
export function currentPath(): string {
  const p = location.pathname.replace(/\/+$/, "");
  return p === "" ? "/" : p;
}

/** Goes to `path`; `replace` swaps the history entry instead of adding one. */
export function navigate(path: string, replace = false): void {
  if (path !== location.pathname) {
    if (replace) history.replaceState(null, "", path);
    else history.pushState(null, "", path);
  }
  window.scrollTo(0, 0);
  notify();
}

/** Re-renders the caller when the path changes. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return path;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { href: string; children: ComponentChildren };

/** An `<a>` that navigates without reloading (modifier clicks still open a new tab). */
export function Link({ href, children, onClick, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(e) => {
        if (typeof onClick === "function") onClick(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
