/**
 * The page frame and the screen of the current path (routes.tsx): the header with the language switch, the screen,
 * the footer (not on the police-office console's desk screens), and the document title. main.tsx re-renders the whole app when the language changes.
 */
import { useEffect } from "preact/hooks";
import { type Lang, setLang, t } from "./i18n";
import { Link, usePath } from "./router";
import { ROUTES, routeOf } from "./routes";
import { Heading } from "./ui";

/**
 * The language switch: a real button named by the other language, in that language ("English" / "Tiếng Việt"),
 * on every screen (and in the prerendered home page).
 */
function LangSwitch() {
  return (
    <button
      type="button"
      class="lang-switch"
      lang={t().lang.otherCode}
      onClick={() => void setLang(t().lang.otherCode as Lang)}
    >
      {t().lang.other}
    </button>
  );
}

function NotFound() {
  return (
    <>
      <Heading>{t().notFound.title}</Heading>
      <p>{t().notFound.text}</p>
      <div class="actions">
        <Link href={ROUTES.home.path} class="btn">
          {t().common.home}
        </Link>
      </div>
    </>
  );
}

export function App() {
  const path = usePath();
  const route = routeOf(path);
  useEffect(() => {
    if (!route || route === ROUTES.home) document.title = t().appName;
    else if (route.title) document.title = `${t().titles[route.title]} · ${t().appName}`;
  }, [path]);
  const Screen = route ? route.screen : NotFound;

  return (
    <>
      <header class="top">
        <div class="top-inner">
          <span class="brand-mark" aria-hidden="true">
            ★
          </span>
          <span class="brand-text">
            <Link href={ROUTES.home.path} class="brand">
              {t().brand}
            </Link>
            <span class="brand-sub">{t().brandSub}</span>
          </span>
          <LangSwitch />
        </div>
      </header>
      <main id="main" class={route?.desk ? "card desk" : "card"}>
        <Screen />
      </main>
      {route?.desk ? null : (
        <footer class="foot">
          <p>{t().footer}</p>
        </footer>
      )}
    </>
  );
}
