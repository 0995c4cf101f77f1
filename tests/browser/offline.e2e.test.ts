/**
 * The service worker (vite-plugin-pwa / workbox, registered by pwa/src/sw-bridge.ts) in Chromium:
 * - once the app has loaded, a reload with no network shows it, a deep link opened offline gets the shell (and
 *   its screen), an address under /api/ does not (the offline page instead), and a request sent offline says so
 *   in an alert;
 * - a new version is offered, not forced: after sw.js changes, "Đã có phiên bản mới" appears, and "Cập nhật"
 *   switches to it and reloads once (against a copy of pwa/dist served by a small static server, so that sw.js can
 *   change without touching the shared test server);
 * - the home screen downloads the next screens without running them (their module-level mark stays unset), and a
 *   screen so downloaded opens with no network;
 * - under Save-Data, nothing is fetched ahead of time (no screen prefetch, no scanner preload).
 * Nothing here needs a citizen of the registry.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { ROOT } from "../../scripts/dev-server";
import { browserSuite } from "./suite";

const baseUrl = inject("baseUrl");
const suite = browserSuite();

async function phone(
  base: string,
  opts: { serviceWorkers?: "allow" | "block" } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.browser.newContext({
    baseURL: base,
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
    serviceWorkers: opts.serviceWorkers ?? "allow",
  });
  return { context, page: await context.newPage() };
}

const appReady = (page: Page) => page.waitForFunction(() => performance.getEntriesByName("vneid-app-ready").length > 0);
/** Waits until the page's service worker is activated (its precache complete); returns its state. */
async function swActive(page: Page): Promise<string | undefined> {
  // (Not waitForFunction: an async predicate returns a promise, which is truthy at once.)
  const state = () => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
  await expect.poll(state, { timeout: 30_000 }).toBe("activated");
  return state();
}

describe("offline", () => {
  it("after one visit, the app reloads offline, deep links get the shell, /api/ does not", async () => {
    const { context, page } = await phone(baseUrl);
    await page.goto("/");
    await appReady(page);
    expect(await swActive(page)).toBe("activated");

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { name: "Tài khoản định danh điện tử" }).isVisible()).toBe(true);
    await appReady(page);
    // the app runs (not only the prerendered HTML): a click opens the activation screen from the cache
    await page.getByRole("link", { name: "Kích hoạt tài khoản" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Gửi yêu cầu" }).isVisible()).toBe(true);

    // a deep link opened offline: the shell, with its screen
    await page.goto("/dang-nhap");
    await expect.poll(() => page.getByRole("heading", { name: "Đăng nhập", level: 1 }).isVisible()).toBe(true);
    expect(await page.locator(".brand").innerText()).toBe("VNeID trên web");

    // a request while offline: the screen says so, in an alert
    await page.getByLabel("Số định danh cá nhân").fill("001099000001");
    await page.getByLabel("Mật khẩu", { exact: true }).fill("Kichhoat@2026");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect.poll(() => page.getByRole("alert").first().innerText()).toContain("Không có kết nối mạng");

    // the API is never answered with the shell
    await page.goto("/api/health");
    await expect.poll(() => page.getByRole("heading", { name: "Không có kết nối mạng" }).isVisible()).toBe(true);
    expect(await page.locator("#app").count()).toBe(0);

    await context.setOffline(false);
    await context.close();
  });

  it("the precache holds the shell but not the jsQR fallback nor the legacy bundle", async () => {
    const sw = await (await fetch(`${baseUrl}/sw.js`)).text();
    const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1] as string);
    expect(urls).toContain("index.html");
    expect(urls).toContain("offline.html");
    expect(urls.some((u) => /^assets\/index-[\w-]+\.js$/.test(u))).toBe(true);
    expect(urls.some((u) => /^assets\/style-[\w-]+\.css$/.test(u))).toBe(true);
    expect(urls.filter((u) => /jsQR|-legacy-|zxing/.test(u))).toEqual([]);
    expect(new Set(urls).size).toBe(urls.length);
    // the manifest: installable, in Vietnamese, with 192, 512 and maskable icons
    const manifest = (await (await fetch(`${baseUrl}/manifest.webmanifest`)).json()) as {
      name: string;
      short_name: string;
      lang: string;
      icons: Array<{ src: string; sizes: string; purpose?: string }>;
    };
    expect(manifest.name).toBe("Định danh điện tử VNeID trên web");
    expect(manifest.short_name).toBe("VNeID web");
    expect(manifest.lang).toBe("vi");
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? "any"}`).sort()).toEqual([
      "192x192 any",
      "512x512 any",
      "512x512 maskable",
    ]);
    for (const icon of manifest.icons) {
      const res = await fetch(`${baseUrl}${icon.src}`);
      expect(res.headers.get("content-type")).toBe("image/png");
      const png = Buffer.from(await res.arrayBuffer());
      const [w, h] = icon.sizes.split("x").map(Number);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([w, h]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The update prompt, against a copy of pwa/dist

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
};

/** The `_headers` file as path-pattern → headers. */
function parseHeaders(text: string): Array<{ pattern: RegExp; headers: Array<[string, string]> }> {
  const rules: Array<{ pattern: RegExp; headers: Array<[string, string]> }> = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: new RegExp(`^${line.trim().replace(/[.]/g, "\\.").replace(/\*/g, ".*")}$`), headers: [] });
    } else {
      const i = line.indexOf(":");
      rules[rules.length - 1]?.headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  return rules;
}

/** Serves `dir` as the worker's assets would: files, index.html for other paths, `_headers`, no cache for sw.js. */
function serveDist(dir: string): Promise<{ url: string; server: Server }> {
  const rules = parseHeaders(readFileSync(join(dir, "_headers"), "utf8"));
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (path.startsWith("/api/")) {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end('{"code":"NOT_FOUND","message":"Không tìm thấy."}');
      return;
    }
    let file = join(dir, normalize(path).replace(/^(\.\.[/\\])+/, ""));
    try {
      if (!statSync(file).isFile()) file = join(dir, "index.html");
    } catch {
      file = join(dir, "index.html");
    }
    const headers: Record<string, string> = {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
    };
    for (const rule of rules)
      if (rule.pattern.test(path)) for (const [k, v] of rule.headers) headers[k.toLowerCase()] = v;
    res.writeHead(200, headers).end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const addr = server.address();
      resolve({ url: `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`, server });
    }),
  );
}

describe("a new version", () => {
  it("is offered with 'Đã có phiên bản mới'; 'Cập nhật' switches to it and reloads once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vneid-sw-"));
    cpSync(join(ROOT, "pwa", "dist"), dir, { recursive: true });
    const { url, server } = await serveDist(dir);
    const { context, page } = await phone(url);
    try {
      await page.goto("/");
      await appReady(page);
      expect(await swActive(page)).toBe("activated");
      // The next load is controlled by the worker (it never claims the page that installed it).
      await page.reload();
      await appReady(page);
      await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
      expect(await page.getByText("Đã có phiên bản mới").count()).toBe(0);

      // A deploy: sw.js changes. The page asks the server (as it does on its own when it comes back to the
      // foreground after an hour); the new worker installs and waits.
      writeFileSync(join(dir, "sw.js"), `${readFileSync(join(dir, "sw.js"), "utf8")}\n// next version\n`);
      await page.evaluate(() => ((window as unknown as { __before: boolean }).__before = true));
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const status = page.getByRole("status").filter({ hasText: "Đã có phiên bản mới" });
      await expect.poll(() => status.isVisible(), { timeout: 20_000 }).toBe(true);
      const button = page.getByRole("button", { name: "Cập nhật" });
      expect((await button.boundingBox())?.height).toBeGreaterThanOrEqual(44);
      // Nothing happened on its own: same page, old worker still in charge.
      expect(await page.evaluate(() => (window as unknown as { __before?: boolean }).__before)).toBe(true);

      await button.click();
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __before?: boolean }).__before ?? false), {
          timeout: 20_000,
        })
        .toBe(false);
      await appReady(page);
      const after = await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return { waiting: !!reg?.waiting, controlled: !!navigator.serviceWorker.controller };
      });
      expect(after).toEqual({ waiting: false, controlled: true });
      expect(await page.getByText("Đã có phiên bản mới").count()).toBe(0);
    } finally {
      await context.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Prefetch

describe("prefetch", () => {
  it("the home screen downloads the next screens without running them; one so downloaded opens offline", async () => {
    const { context, page } = await phone(baseUrl, { serviceWorkers: "block" });
    try {
      await page.goto("/");
      await appReady(page);
      const ran = (screen: string) =>
        page.evaluate((s) => performance.getEntriesByName(`vneid-screen-${s}`).length, screen);
      // every file of the activation screen's chunk (listed in index.html by the build) has been downloaded…
      const pending = () =>
        page.evaluate(() => {
          const map = JSON.parse(document.getElementById("vneid-chunks")?.textContent || "{}") as Record<
            string,
            string[]
          >;
          const done = new Set(performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));
          return (map.Activation ?? ["(no map)"]).filter((f) => !done.has(f));
        });
      await expect.poll(pending, { timeout: 60_000 }).toEqual([]);
      // …and none of the prefetched screens has run
      for (const screen of ["Activation", "Registration", "Login"]) expect(await ran(screen)).toBe(0);

      // opened with no network, from the browser's cache; only now does its code run
      await context.setOffline(true);
      await page.getByRole("link", { name: "Kích hoạt tài khoản" }).click();
      await expect.poll(() => page.getByRole("button", { name: "Gửi yêu cầu" }).isVisible()).toBe(true);
      expect(await ran("Activation")).toBe(1);
      expect(await ran("Registration")).toBe(0);
    } finally {
      await context.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Save-Data

const SAVE_DATA = `Object.defineProperty(Navigator.prototype, "connection", { configurable: true, get() { return { saveData: true, effectiveType: "2g" }; } });`;

/** Scripts fetched by the page (the service worker blocked, so that its precache does not count). */
async function scriptsFetched(saveData: boolean, visit: (page: Page) => Promise<void>): Promise<string[]> {
  const { context, page } = await phone(baseUrl, { serviceWorkers: "block" });
  if (saveData) await context.addInitScript({ content: SAVE_DATA });
  const scripts: string[] = [];
  page.on("request", (r) => {
    // (a prefetch is no "script" request to Playwright: the file's name tells)
    const path = new URL(r.url()).pathname;
    if (path.endsWith(".js")) scripts.push(path.replace(/^\/assets\//, ""));
  });
  await visit(page);
  await context.close();
  return scripts;
}

describe("Save-Data", () => {
  const home = async (page: Page) => {
    await page.goto("/");
    await appReady(page);
    await page.waitForTimeout(4000); // idle: screens are prefetched then (after at most 3 s), unless saving data
  };
  const scanScreen = async (page: Page) => {
    await page.goto("/dang-ky");
    await page.getByLabel("Số định danh cá nhân").fill("001099000001");
    await page.getByLabel("Số điện thoại").fill("0912345678");
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await expect.poll(() => page.getByRole("button", { name: "Quét mã QR" }).isVisible()).toBe(true);
    await page.waitForTimeout(3000);
  };

  it("the home screen prefetches the next screens, except when the browser saves data", async () => {
    expect((await scriptsFetched(false, home)).some((s) => /^Activation-/.test(s))).toBe(true);
    expect((await scriptsFetched(true, home)).filter((s) => /^(Activation|Registration)-/.test(s))).toEqual([]);
  });

  it("the scan screen preloads the decoder, except when the browser saves data", async () => {
    expect((await scriptsFetched(false, scanScreen)).some((s) => /^zxing-/.test(s))).toBe(true);
    expect((await scriptsFetched(true, scanScreen)).filter((s) => /^(zxing|jsQR)-/.test(s))).toEqual([]);
  });
});
