/**
 * Long tasks on the page's main thread (used by `npm run bench`; alone: `npx tsx scripts/bench-longtasks.ts [url]`):
 * Debian's Chromium at 4× CPU throttling (CDP), a first (cold) visit in a new profile of `/` and of each deep link,
 * every task of 50 ms or more reported by a `PerformanceObserver` (type `longtask`) registered before any script,
 * counted from the `load` event for 5 seconds: what the idle preload, the service worker's registration and
 * precache, the language catalogues and the session check add once the first screen is up. No network throttling:
 * this is about the CPU.
 *
 * {@link LONG_TASK_OBSERVER} and {@link readLongTasks} are shared with the scanning measurement (bench-scan.ts).
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { PHONE, launch } from "../tests/browser/browser";
import { CPU_THROTTLE } from "./bench-shell";

/** `/` and the deep links a citizen may open first. */
export const LONG_TASK_PATHS = ["/", "/kich-hoat", "/dang-ky", "/dang-nhap", "/tra-cuu", "/xac-thuc"] as const;
/** How long after `load` tasks are counted. */
export const AFTER_LOAD_MS = 5000;
const RUNS = Number(process.env.BENCH_LONGTASK_RUNS ?? 3);

/**
 * Before any script: every long task into `window.__longTasks` as [start, duration] (ms). (A string, not a
 * function: tsx would wrap helper functions in a `__name` call the page does not have.)
 */
export const LONG_TASK_OBSERVER = `(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
})();`;

/** The durations (ms) of the long tasks that started in [from, to) of the page's clock. */
export async function readLongTasks(page: Page, from: number, to: number): Promise<number[]> {
  const tasks = (await page.evaluate("window.__longTasks || []")) as Array<[number, number]>;
  return tasks.filter(([start]) => start >= from && start < to).map(([, duration]) => Math.round(duration));
}

/** One cold visit: the long tasks of the first {@link AFTER_LOAD_MS} after `load`. */
export interface LongTaskRun {
  path: string;
  /** Durations (ms), in order. */
  tasks: number[];
}

/** `xs`' largest value, 0 for none. */
export const longest = (xs: number[]) => xs.reduce((m, x) => Math.max(m, x), 0);

/**
 * `runs` cold visits of each of `paths` at `throttle`× CPU: a new profile each (no cache, no service worker),
 * `load`, then {@link AFTER_LOAD_MS} of watching.
 */
export async function measureLongTasksAfterLoad(
  serverUrl: string,
  paths: readonly string[] = LONG_TASK_PATHS,
  runs = RUNS,
  throttle = CPU_THROTTLE,
  log: (line: string) => void = console.error,
): Promise<LongTaskRun[]> {
  const browser = await launch();
  const out: LongTaskRun[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      for (const path of paths) {
        const context = await browser.newContext({ ...PHONE, baseURL: serverUrl });
        await context.addInitScript({ content: LONG_TASK_OBSERVER });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
        await page.goto(path, { waitUntil: "load", timeout: 60_000 });
        const load = (await page.evaluate(`new Promise((resolve) => {
          const load = performance.getEntriesByType("navigation")[0].loadEventStart;
          setTimeout(() => resolve(load), Math.max(0, load + ${AFTER_LOAD_MS} - performance.now()));
        })`)) as number;
        // the observer hears of a task a moment after it ends
        await page.evaluate("new Promise((resolve) => setTimeout(resolve, 250))");
        const tasks = await readLongTasks(page, load, load + AFTER_LOAD_MS);
        out.push({ path, tasks });
        log(
          `long tasks run ${run}/${runs} ${path}: ${tasks.length} after load, longest ${longest(tasks)} ms (${tasks.join(", ") || "none"})`,
        );
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** Per path: every run's tasks together; the worst deep link is the one with the longest task. */
export function summariseLongTasks(runs: LongTaskRun[]): { byPath: Record<string, number[][]>; worstDeepLink: string } {
  const byPath: Record<string, number[][]> = {};
  for (const r of runs) (byPath[r.path] ??= []).push(r.tasks);
  const deep = Object.keys(byPath).filter((p) => p !== "/");
  const worst = (p: string) => longest((byPath[p] ?? []).flat());
  const worstDeepLink = deep.reduce((w, p) => (worst(p) > worst(w) ? p : w), deep[0] ?? "/");
  return { byPath, worstDeepLink };
}

async function main(): Promise<void> {
  const url = process.argv[2] ?? "http://127.0.0.1:8787";
  const runs = await measureLongTasksAfterLoad(url, LONG_TASK_PATHS, RUNS, CPU_THROTTLE, console.log);
  const { byPath, worstDeepLink } = summariseLongTasks(runs);
  for (const [path, list] of Object.entries(byPath))
    console.log(`${path}: longest ${longest(list.flat())} ms, ${list.map((t) => t.length).join("/")} tasks`);
  console.log(`worst deep link: ${worstDeepLink}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
