/**
 * The scanner decodes in a worker (pwa/src/scanner/zxing.ts), never on the page's main thread:
 * - the live camera and a large noisy phone photo ("Chụp ảnh mã QR") are read by the module worker
 *   (`assets/zxing-*.js`), and no decoder script is ever parsed on the page (CDP `Debugger.scriptParsed` lists the
 *   main thread's scripts only; the worker is its own target);
 * - a browser without module workers (the legacy bundle, `new Worker(…, { type: "module" })` refused as Chrome
 *   69–79 refuse it, no `VideoFrame` nor `createImageBitmap`) gets the classic worker (`assets/zxing-legacy-*.js`):
 *   the page draws the frames and photos itself, the worker decodes them, and its jsQR fallback loads with
 *   `importScripts`.
 * Busy machine: nothing here is timed. The typed ID matches none of the fixture's cards, so a decoded card is
 * answered with "Mã QR không khớp…" and the ID read from it, without any server state.
 */
import { readFileSync, rmSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RegistryFileT } from "../../shared/registry-file";
import {
  fakeCameraVideo,
  launch,
  launchWithCamera,
  noisyPhoto,
  nomoduleContext,
  openCardScanner,
  phonePage,
  qrPng,
  tempDir,
} from "./browser";

const baseUrl = inject("baseUrl");
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/citizens.json", import.meta.url), "utf8"),
) as RegistryFileT;
const cards = (fixture.registry ?? []).filter((r): r is typeof r & { qr: string } => !!r.qr);
/** Typed on the first screen; no fixture card carries it. */
const TYPED = { id: "001099000001", phone: "0912345678" };
const MODULE_WORKER = /\/assets\/zxing-(?!legacy-)[\w-]+\.js$/;
const CLASSIC_WORKER = /\/assets\/zxing-legacy-[\w-]+\.js$/;
const DECODER_SCRIPT = /\/assets\/(zxing|jsQR)-/;

let browser: Browser;
let camera: Browser;
let dir: string;
const card = cards[0]!;
const other = cards[1]!;

beforeAll(async () => {
  dir = tempDir();
  browser = await launch();
  camera = await launchWithCamera(await fakeCameraVideo(await qrPng(card.qr), dir, "card"));
});
afterAll(async () => {
  await browser?.close();
  await camera?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every script parsed on the page's main thread (not in its workers), from before the first navigation. */
async function mainThreadScripts(context: BrowserContext, page: Page): Promise<() => string[]> {
  const urls: string[] = [];
  const cdp = await context.newCDPSession(page);
  cdp.on("Debugger.scriptParsed", (e: { url: string }) => {
    if (e.url) urls.push(new URL(e.url, baseUrl).pathname);
  });
  await cdp.send("Debugger.enable");
  return () => urls;
}

const workerUrls = (page: Page) => page.workers().map((w) => new URL(w.url()).pathname);

const openScanner = (page: Page) => openCardScanner(page, TYPED);

const alertText = (page: Page) =>
  page
    .getByRole("alert")
    .first()
    .innerText()
    .catch(() => "");
const readCard = (id: string) => `Số định danh cá nhân trên thẻ: ${id}`;

/** The live camera shows `card`'s QR: its ID is read, and shown against the typed one. */
async function scanLive(page: Page) {
  await page.getByRole("button", { name: "Quét mã QR" }).click();
  await expect.poll(() => alertText(page), { timeout: 60_000 }).toContain(readCard(card.id));
  await page.getByRole("button", { name: "Dừng quét" }).click();
  await expect.poll(() => page.locator("video").count()).toBe(0);
}

async function scanPhoto(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, id: string) {
  const input = page.getByLabel("Chụp ảnh mã QR");
  await expect.poll(() => input.isEnabled()).toBe(true);
  await input.setInputFiles(file);
  await expect.poll(() => alertText(page), { timeout: 60_000 }).toContain(readCard(id));
}

// ---------------------------------------------------------------------------------------------------------------
// A browser without module workers, on the legacy bundle

/**
 * Before any script: `new Worker(url, { type: "module" })` throws as in Chrome 69–79, and there is neither
 * `VideoFrame` nor `createImageBitmap` (Safari < 15), so the page reads frames and photos itself.
 */
const NO_MODULE_WORKERS = `(() => {
  const Native = window.Worker;
  const Classic = function (url, options) {
    if (options && options.type === "module") throw new TypeError("Module scripts are not supported on DedicatedWorker yet.");
    return new Native(url, options);
  };
  Classic.prototype = Native.prototype;
  window.Worker = Classic;
  delete window.createImageBitmap;
  delete window.VideoFrame;
})();`;

describe("the scanner decodes in a worker", () => {
  it("the live camera's card QR is read in the module worker; no decoder script runs on the page", async () => {
    const { context, page } = await phonePage(camera, baseUrl);
    const scripts = await mainThreadScripts(context, page);
    await openScanner(page);
    await scanLive(page);
    expect(workerUrls(page).filter((u) => MODULE_WORKER.test(u))).toHaveLength(1);
    // the page's own scanner code (the frame grabber) ran, the decoders did not
    // (found by its User Timing mark: the bundler may put it in another screen's chunk)
    expect(await page.evaluate(() => performance.getEntriesByName("vneid-scan-start").length)).toBeGreaterThan(0);
    expect(scripts().filter((u) => DECODER_SCRIPT.test(u))).toEqual([]);
    await context.close();
  });

  it("a large noisy phone photo ('Chụp ảnh mã QR') is read in the module worker, not on the page", async () => {
    const { context, page } = await phonePage(browser, baseUrl);
    const scripts = await mainThreadScripts(context, page);
    await openScanner(page);
    const photo = await noisyPhoto(await qrPng(card.qr), dir);
    await scanPhoto(page, { name: "photo.jpg", mimeType: "image/jpeg", buffer: readFileSync(photo) }, card.id);
    // and a clean still right after, by the same worker
    await scanPhoto(page, { name: "still.png", mimeType: "image/png", buffer: await qrPng(other.qr) }, other.id);
    expect(workerUrls(page).filter((u) => MODULE_WORKER.test(u))).toHaveLength(1);
    expect(scripts().filter((u) => DECODER_SCRIPT.test(u))).toEqual([]);
    await context.close();
  });

  it("without module workers (legacy bundle, no VideoFrame nor createImageBitmap) the classic worker reads a photo and the live camera", async () => {
    const { context, page, scripts, problems } = await nomoduleContext(camera, baseUrl, NO_MODULE_WORKERS);
    const parsed = await mainThreadScripts(context, page);
    await openScanner(page);
    expect(await page.evaluate(() => typeof (window as unknown as { System?: unknown }).System)).toBe("object");
    expect(await page.evaluate(() => typeof (window as { createImageBitmap?: unknown }).createImageBitmap)).toBe(
      "undefined",
    );
    expect(await page.evaluate(() => typeof (window as { VideoFrame?: unknown }).VideoFrame)).toBe("undefined");
    await scanPhoto(page, { name: "still.png", mimeType: "image/png", buffer: await qrPng(other.qr) }, other.id);
    await scanLive(page);
    expect(workerUrls(page).filter((u) => CLASSIC_WORKER.test(u))).toHaveLength(1);
    expect(workerUrls(page).filter((u) => MODULE_WORKER.test(u))).toEqual([]);
    expect(parsed().filter((u) => DECODER_SCRIPT.test(u))).toEqual([]);
    expect(scripts.filter((s) => s.startsWith("/assets/") && !/-legacy-/.test(s))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the classic worker loads its jsQR fallback with importScripts and reads UTF-8 with it", async () => {
    const { context, page } = await nomoduleContext(browser, baseUrl, NO_MODULE_WORKERS);
    await openScanner(page);
    await scanPhoto(page, { name: "still.png", mimeType: "image/png", buffer: await qrPng(card.qr) }, card.id);
    const url = workerUrls(page).find((u) => CLASSIC_WORKER.test(u));
    expect(url).toBeDefined();
    // A second worker of the same script, asked for jsQR alone on the pixels of a still (./protocol.ts).
    const png = (await qrPng(other.qr)).toString("base64");
    const reply = await page.evaluate(
      async ({ url, png }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${png}`;
        await img.decode();
        const canvas = document.createElement("canvas");
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext("2d") as CanvasRenderingContext2D;
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const worker = new Worker(url);
        return await new Promise<unknown>((resolve) => {
          worker.onmessage = (e: MessageEvent) => {
            if (e.data.ready) {
              const pixels = { width: data.width, height: data.height, data: data.data.buffer };
              worker.postMessage({ id: 7, op: "pixels", effort: "jsqr", pixels }, [data.data.buffer]);
            } else {
              worker.terminate();
              resolve(e.data);
            }
          };
        });
      },
      { url: url as string, png },
    );
    expect(reply).toEqual({ id: 7, text: other.qr });
    await context.close();
  });
});
