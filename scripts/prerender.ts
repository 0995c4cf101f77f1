/**
 * Build-time prerendering of the first screen: a Vite plugin (used by pwa/vite.config.ts) that renders the app as
 * it looks at `/` (the page frame and the home screen with its links: "Kích hoạt tài khoản", "Đăng ký",
 * "Đăng nhập", and whatever links Home gains later) to HTML with preact-render-to-string, and puts it inside
 * `<div id="app">` of index.html. With its CSS inline too ({@link inlineCriticalCss}), a slow link shows the home
 * screen as soon as index.html has arrived, before any script or stylesheet; pwa/src/main.tsx then takes the
 * markup over with `hydrate` (no repaint, no flash).
 *
 * The real components are loaded through Vite's module runner with the same plugins and aliases as the build,
 * so what is prerendered is exactly what the browser renders first. Effects do not run at build time (no request
 * to `/api/me`, no prefetch), and the few browser globals read during render (`location`) are stubbed for `/`.
 */
import type { Plugin, PluginOption } from "vite";
import { runnerImport } from "vite";

/** The attribute main.tsx looks for to hydrate rather than render. */
export const PRERENDERED_ATTR = "data-prerendered";
const APP_DIV = '<div id="app"></div>';

interface PrerenderOptions {
  /** The Vite root (pwa/). */
  root: string;
  /** Absolute path of the module whose `App` export is rendered. */
  entry: string;
  /** Plugins needed to load the module (JSX). */
  plugins: PluginOption[];
  /** The same `resolve.alias` as the build. */
  alias?: Record<string, string>;
}

/** Renders `<App />` at `/` to an HTML string. */
export async function renderHome(opts: PrerenderOptions): Promise<string> {
  const g = globalThis as Record<string, unknown>;
  const had = "location" in g;
  const saved = g.location;
  g.location = { pathname: "/", search: "", hash: "", href: "http://localhost/", origin: "http://localhost" };
  try {
    // One module graph for the app, preact and the renderer, so that hooks see the same preact instance.
    const virtualId = "\0vneid-prerender";
    const entry: Plugin = {
      name: "vneid:prerender-entry",
      resolveId: (id) => (id === "vneid:prerender" ? virtualId : undefined),
      load: (id) =>
        id === virtualId
          ? `import { h } from "preact";\nimport { renderToString } from "preact-render-to-string";\n` +
            `import { App } from ${JSON.stringify(opts.entry)};\nexport default () => renderToString(h(App, null));\n`
          : undefined,
    };
    const { module } = await runnerImport<{ default: () => string }>("vneid:prerender", {
      configFile: false,
      root: opts.root,
      logLevel: "error",
      plugins: [...opts.plugins, entry],
      resolve: { alias: opts.alias ?? {} },
    });
    return module.default();
  } finally {
    if (had) g.location = saved;
    else delete g.location;
  }
}

/** The Vite plugin: build only; fails the build when index.html has no empty `<div id="app"></div>`. */
export function prerenderHome(opts: PrerenderOptions): Plugin {
  return {
    name: "vneid:prerender-home",
    apply: "build",
    transformIndexHtml: {
      order: "pre",
      async handler(html) {
        if (!html.includes(APP_DIV)) throw new Error(`prerender: index.html has no ${APP_DIV}`);
        const body = await renderHome(opts);
        if (!body.includes("<h1")) throw new Error("prerender: the home screen rendered no heading");
        return html.replace(APP_DIV, `<div id="app" ${PRERENDERED_ATTR}>${body}</div>`);
      },
    },
  };
}

/**
 * Critical CSS: the rules of the stylesheet that the prerendered first screen uses go into index.html as one
 * `<style>` (allowed by its hash in the CSP, see worker/src/security-headers.ts), and the whole stylesheet is
 * preloaded in `<head>` and applied from the end of `<body>`, so it no longer blocks the first paint. On a
 * 400 ms link that is one round trip less before the home screen shows (the stylesheet would otherwise be a
 * second request after the HTML). The same rules are in the stylesheet, so nothing moves when it applies.
 * Runs after the other plugins, on the final index.html (beasties picks the rules by matching selectors).
 */
export function inlineCriticalCss(): Plugin {
  return {
    name: "vneid:critical-css",
    apply: "build",
    enforce: "post",
    async generateBundle(_options, bundle) {
      const page = bundle["index.html"];
      if (!page || page.type !== "asset") return;
      const sheets = new Map<string, string>();
      for (const file of Object.values(bundle)) {
        if (file.type === "asset" && file.fileName.endsWith(".css")) {
          sheets.set(
            `/${file.fileName}`,
            typeof file.source === "string" ? file.source : new TextDecoder().decode(file.source),
          );
        }
      }
      const { default: Beasties } = await import("beasties");
      class FromBundle extends Beasties {
        override getCssAsset(href: string): string | undefined {
          return sheets.get(href);
        }
      }
      const beasties = new FromBundle({
        path: "/",
        publicPath: "/",
        pruneSource: false,
        mergeStylesheets: true,
        compress: true,
        reduceInlineStyles: false,
        inlineFonts: false,
        preloadFonts: false,
        fonts: false,
        logLevel: "warn",
      });
      const html = typeof page.source === "string" ? page.source : new TextDecoder().decode(page.source);
      const out = (await beasties.process(html)).replace(" data-beasties-container", "");
      if (!/<style>[^<]+<\/style>/.test(out)) this.error("critical-css: no critical CSS was inlined");
      if (/\son[a-z]+=/.test(out)) this.error("critical-css: an inline event handler would be refused by the CSP");
      page.source = out;
    },
  };
}
