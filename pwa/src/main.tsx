import { hydrate, render } from "preact";
import { App } from "./App";
import { setEnglishLoader, setLang, storedLang, t, useLang } from "./i18n";
import { currentPath } from "./router";
import { onUpdate, startServiceWorker } from "./sw-bridge";
import "./styles.css";
import { mark } from "./marks";
import { ROUTES } from "./routes";

/** The app, rendered anew (a fresh tree) in the new language whenever the language changes. */
function Root() {
  return <App key={useLang()} />;
}

function mount(hydrateHome: boolean): void {
  const root = document.getElementById("app");
  if (!root) return;
  // index.html carries the home screen, prerendered at build time (scripts/prerender.ts) in Vietnamese, so that a
  // slow link shows it before any script. At `/` the app takes that markup over as it is (no repaint, no flash); on
  // any other path, or in English, it renders its own screen over it.
  if (hydrateHome && root.hasAttribute("data-prerendered") && currentPath() === ROUTES.home.path)
    hydrate(<Root />, root);
  else {
    // render() over markup Preact did not make keeps the top-level nodes it has no use for (the prerendered footer
    // on the console's screens, which have none): start from an empty root, in the same task (no paint between).
    root.textContent = "";
    render(<Root />, root);
  }
  mark("vneid-app-ready");
}

// The English chunk and the Vietnamese messages of `shared/` it pairs with (zod and the schemas come with them: the
// first screen carries neither).
setEnglishLoader(() =>
  Promise.all([import("./i18n/english"), import("./i18n/vi/errors")]).then(([m, vi]) => m.english(vi.viErrors)),
);

// English, when the citizen chose it before (localStorage): its chunk first, then the app (in Vietnamese if the
// chunk cannot be fetched).
if (storedLang() === "en") void setLang("en").then((ok) => mount(!ok));
else mount(true);

// The service worker (offline shell) and, when a new version waits, "Đã có phiên bản mới" / "Cập nhật".
startServiceWorker();
onUpdate(() => void import("./sw-prompt").then((m) => m.showUpdatePrompt(() => t().update)));
