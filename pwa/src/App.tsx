/** The page frame and the four routes. */
import { useEffect } from "preact/hooks";
import { Account } from "./Account";
import { Activation } from "./Activation";
import { Home } from "./Home";
import { t } from "./i18n";
import { Login } from "./Login";
import { Link, ROUTES, usePath } from "./router";
import { Heading } from "./ui";

const TITLES: Record<string, string> = {
  [ROUTES.activate]: t.start.title,
  [ROUTES.login]: t.login.title,
  [ROUTES.account]: t.account.title,
};

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
    const title = TITLES[path];
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
    default:
      screen = <NotFound key="404" />;
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
