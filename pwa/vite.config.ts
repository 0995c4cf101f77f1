/// <reference types="node" />
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import legacy from "@vitejs/plugin-legacy";
import { readdirSync, writeFileSync } from "node:fs";
import { type Plugin, defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { LEGACY_POLYFILLS, LEGACY_TARGETS, cspSafeLegacy } from "../scripts/legacy";
import { prefetchMap } from "../scripts/prefetch-map";
import { inlineCriticalCss, prerenderHome } from "../scripts/prerender";
import { scannerClassicWorker } from "../scripts/scanner-classic";

const pwaDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(pwaDir, "..");
const alias = { "@shared": resolve(repoRoot, "shared") };

/**
 * @zxing/* declare no `sideEffects`, so every reader and writer would stay in the scanner's worker (~126 kB gz
 * instead of ~25 kB). They have none: only the QR reader we import is kept.
 */
const ZXING_TREESHAKE = { moduleSideEffects: [{ test: /[\\/]node_modules[\\/]@zxing[\\/]/, sideEffects: false }] };

/** The runtime caches an offline event needs filled (see pwa/src/Event and public/sw-event.js). */
const EVENT_CACHES = { "vneid-event": /^(Officer|jsQR)-[\w-]+\.js$/, "vneid-scanner": /^zxing-[\w-]+\.js$/ };

/**
 * Writes `event-assets.json`: the hashed chunks that are not in the precache but that a day of offline intake
 * needs (the officers' console with the event screen, the QR decoders), by cache name. The event screen fetches
 * them into those caches when an event session starts; a new service worker does the same on install while an
 * event is on (public/sw-event.js), so that an update mid-event cannot strand the phone without them.
 */
function eventAssets(): Plugin {
  return {
    name: "vneid-event-assets",
    apply: "build",
    closeBundle() {
      const dist = resolve(pwaDir, "dist");
      const files = readdirSync(resolve(dist, "assets")).filter((f) => !f.includes("-legacy"));
      const lists = Object.fromEntries(
        Object.entries(EVENT_CACHES).map(([cache, re]) => [
          cache,
          files.filter((f) => re.test(f)).map((f) => `/assets/${f}`),
        ]),
      );
      writeFileSync(resolve(dist, "event-assets.json"), `${JSON.stringify(lists)}\n`);
    },
  };
}

export default defineConfig({
  root: pwaDir,
  // Absolute asset URLs: the worker serves index.html for every SPA path (/kich-hoat, /dang-nhap, …).
  base: "/",
  plugins: [
    preact(),
    // The home screen's HTML inside index.html (hydrated by main.tsx).
    prerenderHome({ root: pwaDir, entry: resolve(pwaDir, "src", "App.tsx"), plugins: [preact()], alias }),
    // Android 7 and iOS 12 browsers (no ES modules, or no `import.meta.resolve`): an ES2015 bundle loaded by
    // SystemJS after polyfills-legacy (core-js: Object.fromEntries, globalThis, …); babel turns `\p{…}` regexes
    // into ES5 ones. See scripts/legacy.ts.
    legacy({ targets: LEGACY_TARGETS, polyfills: LEGACY_POLYFILLS, modernPolyfills: false }),
    // plugin-legacy 8.2 imports `data:` modules to detect `import.meta.resolve`; the CSP allows no `data:` script.
    cspSafeLegacy(),
    // The first screen's CSS inside index.html; the stylesheet no longer blocks the first paint.
    inlineCriticalCss(),
    eventAssets(),
    // Each lazy chunk's files, for pwa/src/prefetch.ts (download a screen ahead without running it).
    prefetchMap(),
    // The scanner's worker for browsers without module workers (pwa/src/scanner/decoder.ts picks it).
    scannerClassicWorker({ scannerDir: resolve(pwaDir, "src", "scanner"), treeshake: ZXING_TREESHAKE }),
    VitePWA({
      strategies: "generateSW",
      // The page registers the worker itself, through pwa/src/sw-bridge.ts (workbox-window), and asks before
      // switching to a new version ("Đã có phiên bản mới" → "Cập nhật").
      injectRegister: false,
      registerType: "prompt",
      filename: "sw.js",
      manifestFilename: "manifest.webmanifest",
      // offline.html, offline.css and the icons are in public/: the glob patterns below precache them.
      includeManifestIcons: false,
      manifest: {
        id: "/",
        name: "Định danh điện tử VNeID trên web",
        short_name: "VNeID web",
        description:
          "Kích hoạt tài khoản định danh điện tử VNeID trên trình duyệt, dành cho người không cài được ứng dụng VNeID.",
        lang: "vi",
        dir: "ltr",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "portrait",
        theme_color: "#a3111b",
        background_color: "#f2f2f4",
        categories: ["government", "utilities"],
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        // The app shell: index.html, the modern JS and CSS (the lazy screens too, so that a deep link opened
        // offline shows its screen), the offline page, the manifest and the icons.
        // (vite-plugin-pwa adds manifest.webmanifest itself)
        globPatterns: ["**/*.{js,css,html,png}"],
        globIgnores: [
          // jsQR, the photo decoder's last resort (47 kB gz), is fetched only when zxing fails on a photo.
          "**/jsQR-*.js",
          // the zxing decoder is cached when first used (below), not downloaded by every visitor
          "**/zxing-*.js",
          // browsers that run the legacy bundle cache its files as they use them (below); modern ones never need them
          "**/*-legacy-*.js",
          // the police officers' console: staff on office computers, online; no citizen downloads it
          "**/Officer-*.js",
          "_headers",
        ],
        navigateFallback: "/index.html",
        // The API is never answered with the shell.
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/\.well-known\//, /\/[^/?]+\.[^/?]+$/],
        cleanupOutdatedCaches: true,
        // While an event session is on, a new worker also fetches the event's chunks of its own version on install.
        importScripts: ["/sw-event.js"],
        clientsClaim: false,
        skipWaiting: false,
        runtimeCaching: [
          {
            // the QR decoder (hashed, immutable): once fetched, from the cache
            urlPattern: /\/assets\/zxing-[\w-]+\.js$/,
            handler: "CacheFirst",
            options: { cacheName: "vneid-scanner", expiration: { maxEntries: 4 } },
          },
          {
            // the officers' console and the photo decoder's fallback: cached when an event session starts (or first used)
            urlPattern: /\/assets\/(Officer|jsQR)-[\w-]+\.js$/,
            handler: "CacheFirst",
            options: { cacheName: "vneid-event", expiration: { maxEntries: 16 } },
          },
          {
            urlPattern: /\/assets\/[\w-]+-legacy-[\w-]+\.js$/,
            handler: "CacheFirst",
            options: { cacheName: "vneid-legacy", expiration: { maxEntries: 60 } },
          },
          {
            // an address under /api/ opened as a page while offline: the offline page, not the shell
            urlPattern: ({ request, url }) => request.mode === "navigate" && url.pathname.startsWith("/api/"),
            handler: "NetworkOnly",
            options: { precacheFallback: { fallbackURL: "/offline.html" } },
          },
        ],
      },
    }),
  ],
  resolve: { alias },
  // The scanner's decoder (pwa/src/scanner/zxing.ts) runs in a module worker: ES format, so that jsQR stays a
  // lazy chunk of it (`assets/zxing-*.js`, `assets/jsQR-*.js`); the classic build is scannerClassicWorker's.
  worker: { format: "es", rolldownOptions: { treeshake: ZXING_TREESHAKE } },
  server: {
    // The PWA imports ../shared/*.ts, which lives outside the Vite root.
    fs: { allow: [repoRoot] },
  },
  build: {
    outDir: resolve(pwaDir, "dist"),
    emptyOutDir: true,
    // build.target is set by plugin-legacy (its modern targets); cssTarget stays at the legacy browsers' level.
    cssTarget: "chrome49",
    // One stylesheet, linked from index.html. With split CSS, Vite makes the legacy chunks inject their CSS as
    // <style> elements, which the CSP (style-src 'self') refuses: the legacy bundle would then miss the styles of
    // any lazy screen that imported its own CSS, and it carried a second copy of the entry's CSS.
    cssCodeSplit: false,
    sourcemap: false,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    rolldownOptions: {
      // plugin-legacy's babel pass is slow by nature: no "plugin timings" warning on every build
      checks: { bundlerTimings: false },
    },
  },
});
