import { hydrate, render } from "preact";
import { config } from "zod/mini";
import { App } from "./App";
import { currentPath, ROUTES } from "./router";
import { onUpdate, startServiceWorker } from "./sw-bridge";
import "./styles.css";

// No `new Function` probe or JIT: works under a strict Content-Security-Policy, and our objects are tiny.
config({ jitless: true });

const root = document.getElementById("app");
if (root) {
  // index.html carries the home screen, prerendered at build time (scripts/prerender.ts), so that a slow link shows
  // it before any script. At `/` the app takes that markup over as it is (no repaint, no flash); on any other path
  // it renders its own screen over it.
  if (root.hasAttribute("data-prerendered") && currentPath() === ROUTES.home) hydrate(<App />, root);
  else render(<App />, root);
}

try {
  performance.mark("vneid-app-ready");
} catch {
  // no User Timing API
}

// The service worker (offline shell) and, when a new version waits, "Đã có phiên bản mới" / "Cập nhật".
startServiceWorker();
onUpdate(() => void import("./sw-prompt").then((m) => m.showUpdatePrompt()));
