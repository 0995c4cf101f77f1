/**
 * The page frame and the routes. Every screen but the home screen loads on demand (see lazy.tsx), and so do the
 * police-office console (`/can-bo/*`), "Tra cứu hồ sơ" and "Đặt lịch hẹn", which set their own titles. The header
 * carries the language switch; main.tsx re-renders the whole app when the language changes.
 */
import { useEffect } from "preact/hooks";
import { Home } from "./Home";
import { type Lang, setLang, t } from "./i18n";
import { Account, Activation, Level1, Login, Registration, lazyScreen } from "./lazy";
import { Link, ROUTES, usePath } from "./router";
import { Heading } from "./ui";

/** `/can-bo/*`: "Đăng nhập cán bộ" and the console (Officer/index.tsx). */
const Officer = lazyScreen(() => import("./Officer").then((m) => m.Officer));
/** `/tra-cuu`: "Tra cứu hồ sơ". */
const Track = lazyScreen(() => import("./Track").then((m) => m.Track));
/** `/dat-lich`: "Đặt lịch hẹn". */
const Booking = lazyScreen(() => import("./Booking").then((m) => m.Booking));

/** `/tai-khoan/ma-qr`: "Mã QR định danh". */
const IdentityQr = lazyScreen(() => import("./Identity/ShowQr").then((m) => m.ShowQr));
/** `/xac-thuc`: "Xác thực thông tin". */
const Verify = lazyScreen(() => import("./Identity/Verify").then((m) => m.Verify));
/** "Quên mật khẩu", "Quên mã passcode", "Quản lý thiết bị", "Hoạt động của tôi" (Security/index.tsx). */
const Security = lazyScreen(() => import("./Security").then((m) => m.Security));
const SECURITY_PATHS: readonly string[] = [ROUTES.forgotPassword, ROUTES.forgotPasscode, ROUTES.devices, ROUTES.activity];
/** `/tai-khoan/giay-to`, `/tai-khoan/nguoi-phu-thuoc`, `/tai-khoan/thong-bao`: one chunk (MyCard/index.tsx). */
const Papers = lazyScreen(() => import("./MyCard").then((m) => m.Papers));
const Dependants = lazyScreen(() => import("./MyCard").then((m) => m.Dependants));
const Notifications = lazyScreen(() => import("./MyCard").then((m) => m.Notifications));
const MY_CARD_PATHS: readonly string[] = [ROUTES.papers, ROUTES.dependants, ROUTES.notifications];

/** Paths whose screens set `document.title` themselves. */
const isSelfTitled = (path: string) =>
  path === ROUTES.track ||
  path === ROUTES.booking ||
  path === ROUTES.identityQr ||
  path === ROUTES.verify ||
  path === ROUTES.officer ||
  path.startsWith(`${ROUTES.officer}/`) ||
  SECURITY_PATHS.includes(path) ||
  MY_CARD_PATHS.includes(path);

/** The title of a path's screen in the language in force (undefined: the app's name alone). */
function titleOf(path: string): string | undefined {
  const titles: Record<string, string> = {
    [ROUTES.activate]: t.start.title,
    [ROUTES.login]: t.login.title,
    [ROUTES.account]: t.account.title,
    [ROUTES.register]: t.register.title,
    [ROUTES.level1]: t.account.level1Title,
  };
  return titles[path];
}

/**
 * The language switch: a real button named by the other language, in that language ("English" / "Tiếng Việt"),
 * on every screen (and in the prerendered home page).
 */
function LangSwitch() {
  return (
    <button type="button" class="lang-switch" lang={t.lang.otherCode} onClick={() => void setLang(t.lang.otherCode as Lang)}>
      {t.lang.other}
    </button>
  );
}

function NotFound() {
  return (
    <>
      <Heading>{t.notFound.title}</Heading>
      <p>{t.notFound.text}</p>
      <div class="actions">
        <Link href={ROUTES.home} class="btn">
          {t.common.home}
        </Link>
      </div>
    </>
  );
}

export function App() {
  const path = usePath();
  useEffect(() => {
    if (isSelfTitled(path)) return;
    const title = titleOf(path);
    document.title = title ? `${title} · ${t.appName}` : t.appName;
  }, [path]);

  let screen;
  switch (path) {
    case ROUTES.home:
      screen = <Home key="home" />;
      break;
    case ROUTES.activate:
      screen = <Activation key="activate" />;
      break;
    case ROUTES.login:
      screen = <Login key="login" />;
      break;
    case ROUTES.account:
      screen = <Account key="account" />;
      break;
    case ROUTES.register:
      screen = <Registration key="register" />;
      break;
    case ROUTES.level1:
      screen = <Level1 key="level1" />;
      break;
    case ROUTES.track:
      screen = <Track key="track" />;
      break;
    case ROUTES.booking:
      screen = <Booking key="booking" />;
      break;
    case ROUTES.identityQr:
      screen = <IdentityQr key="identity-qr" />;
      break;
    case ROUTES.verify:
      screen = <Verify key="verify" />;
      break;
    case ROUTES.forgotPassword:
    case ROUTES.forgotPasscode:
    case ROUTES.devices:
    case ROUTES.activity:
      screen = <Security key="security" />;
      break;
    case ROUTES.papers:
      screen = <Papers key="papers" />;
      break;
    case ROUTES.dependants:
      screen = <Dependants key="dependants" />;
      break;
    case ROUTES.notifications:
      screen = <Notifications key="notifications" />;
      break;
    default:
      // One console for every /can-bo path, so that its session survives moving between its screens.
      screen = path === ROUTES.officer || path.startsWith(`${ROUTES.officer}/`) ? <Officer key="officer" /> : <NotFound key="404" />;
  }

  return (
    <>
      <header class="top">
        <div class="top-inner">
          <span class="brand-mark" aria-hidden="true">
            ★
          </span>
          <span class="brand-text">
            <Link href={ROUTES.home} class="brand">
              {t.brand}
            </Link>
            <span class="brand-sub">{t.brandSub}</span>
          </span>
          <LangSwitch />
        </div>
      </header>
      <main id="main" class="card">
        {screen}
      </main>
      <footer class="foot">
        <p>{t.footer}</p>
      </footer>
    </>
  );
}
