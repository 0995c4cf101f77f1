/**
 * The shell on a slow phone (used by `npm run bench`; alone: `npx tsx scripts/bench-shell.ts [url]`): Debian's
 * Chromium at 4× CPU throttling (CDP) through a 400 kbps / 400 ms RTT link applied at the server
 * (scripts/throttle-proxy.ts: a TCP proxy in front of wrangler dev, so that the service worker's own requests are
 * slowed down too). Each run is a new profile (no cache, no service worker) loading `/` — the first load — then,
 * once its service worker is active, the same tab loading `/` again twice — the repeat visits. Measured:
 * first-contentful-paint, the first frame with the "Kích hoạt tài khoản" button on screen, and when main.tsx has run.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { launch } from "../tests/browser/browser";
import { startThrottleProxy } from "./throttle-proxy";

/** The slow phone: 400 kbps each way, 400 ms round trip, 4× slower CPU. */
export const LINK = { bitsPerSecond: 400_000, rttMs: 400 };
export const CPU_THROTTLE = 4;
const SHELL_RUNS = Number(process.env.BENCH_SHELL_RUNS ?? 7);

/** `promise`, or an error naming `what` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** One page load's timings, ms from navigation start. */
export interface ShellTiming {
  fcp: number;
  /** First animation frame with "Kích hoạt tài khoản" laid out on screen. */
  button: number;
  /** main.tsx has run (the app is live). */
  ready: number;
  fromServiceWorker: boolean;
}

/** Records, from the first frame on, when the "Kích hoạt tài khoản" button is on screen (no helper functions: see bench-scan). */
const BUTTON_WATCH = `(() => {
  window.__vneidButton = NaN;
  const tick = (t) => {
    const a = Array.from(document.querySelectorAll("a, button")).find((e) => (e.textContent || "").trim() === "Kích hoạt tài khoản");
    const r = a && a.getBoundingClientRect();
    if (r && r.width > 0 && r.height > 0 && r.top < innerHeight) window.__vneidButton = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

const READ_TIMING = `new Promise((resolve) => {
  const poll = () => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const ready = performance.getEntriesByName("vneid-app-ready")[0];
    const nav = performance.getEntriesByType("navigation")[0];
    if (fcp && ready && !Number.isNaN(window.__vneidButton)) {
      resolve({ fcp: fcp.startTime, button: window.__vneidButton, ready: ready.startTime, fromServiceWorker: !!nav && nav.workerStart > 0 });
    } else setTimeout(poll, 50);
  };
  poll();
})`;

/** Requests of a page still without an answer (for the error message of a stuck load). */
function trackPending(page: Page): () => string[] {
  const pending = new Map<unknown, string>();
  page.on("request", (r) => pending.set(r, `${r.method()} ${new URL(r.url()).pathname}`));
  page.on("requestfinished", (r) => pending.delete(r));
  page.on("requestfailed", (r) => pending.set(r, `${new URL(r.url()).pathname} failed: ${r.failure()?.errorText}`));
  return () => [...pending.values()];
}

async function readTiming(page: Page, what: string, pending: () => string[]): Promise<ShellTiming> {
  try {
    return await within(
      page.evaluate(READ_TIMING) as Promise<ShellTiming>,
      60_000,
      `${what}: first paint and app start`,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; requests without an answer: ${pending().join(", ") || "none"}`);
  }
}

/**
 * The shell on the slow phone, through the throttling proxy: each run is a new profile (no cache, no service
 * worker) loading `/`, then, once its service worker is active, the same tab loading `/` again (twice).
 */
export async function measureShell(
  serverUrl: string,
  runs = SHELL_RUNS,
  log: (line: string) => void = console.error,
): Promise<{ first: ShellTiming[]; repeat: ShellTiming[] }> {
  const proxy = await startThrottleProxy({ targetPort: Number(new URL(serverUrl).port), ...LINK });
  const browser = await launch();
  const first: ShellTiming[] = [];
  const repeat: ShellTiming[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      const context = await browser.newContext({
        baseURL: proxy.url,
        viewport: { width: 360, height: 640 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: "vi-VN",
      });
      await context.addInitScript({ content: BUTTON_WATCH });
      const page = await context.newPage();
      const pending = trackPending(page);
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_THROTTLE });
      await page.goto("/", { waitUntil: "commit", timeout: 60_000 });
      const f = await readTiming(page, `run ${run}, first load`, pending);
      first.push(f);
      // the service worker installs after the load event and precaches the shell through the same slow link
      // (page.evaluate, not waitForFunction: a string predicate would be eval'd in the page, which the CSP refuses)
      await within(
        page.evaluate(`navigator.serviceWorker.ready.then(() => true)`),
        120_000,
        `run ${run}: the service worker`,
      );
      await page.waitForTimeout(1000);
      const again: ShellTiming[] = [];
      for (let k = 0; k < 2; k++) {
        await page.goto("/", { waitUntil: "commit" });
        again.push(await readTiming(page, `run ${run}, repeat ${k + 1}`, pending));
        await page.waitForTimeout(500);
      }
      repeat.push(...again);
      log(
        `shell run ${run}/${runs}: first load FCP ${f.fcp.toFixed(0)} ms (button ${f.button.toFixed(0)}, app ${f.ready.toFixed(0)}); ` +
          `repeat FCP ${again.map((t) => `${t.fcp.toFixed(0)}${t.fromServiceWorker ? "" : " (no SW!)"}`).join(", ")} ms`,
      );
      await within(context.close(), 30_000, "closing the browser context");
    }
  } finally {
    await browser.close();
    await proxy.close();
  }
  return { first, repeat };
}

async function main(): Promise<void> {
  const url = process.argv[2] ?? "http://127.0.0.1:8787";
  const { first, repeat } = await measureShell(url, SHELL_RUNS, console.log);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
  console.log(
    `first load FCP median ${med(first.map((t) => t.fcp)).toFixed(0)} ms; repeat FCP median ${med(repeat.map((t) => t.fcp)).toFixed(0)} ms`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
