/**
 * Lighthouse 13.5, mobile (its default: a mid-range phone's screen, simulated slow 4G and 4× CPU), performance only
 * (used by `npm run bench`; alone: `npx tsx scripts/bench-lighthouse.ts [url]`). Each run is a new Debian Chromium
 * with an empty profile: a cold first visit. Lighthouse declares Node ≥ 22.19 and runs on this machine's Node 20.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import lighthouse from "lighthouse";
import { CHROMIUM_ARGS } from "../tests/browser/browser";

const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 1);

/** One Lighthouse run of a page. */
export interface LighthouseRun {
  path: string;
  /** The performance score, 0–1. */
  score: number;
  /** Total Blocking Time, ms. */
  tbt: number;
  fcp: number;
  lcp: number;
}

/** Headless Chromium with a DevTools port (read from its banner) in a throwaway profile. */
async function chromium(): Promise<{ port: number; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "vneid-lighthouse-"));
  const child: ChildProcess = spawn(
    "/usr/bin/chromium",
    [...CHROMIUM_ARGS, "--headless=new", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"],
    // its own process group: closing it stops its helper processes too
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  const port = await new Promise<number>((res, rej) => {
    let err = "";
    child.stderr?.on("data", (d) => {
      err += String(d);
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) res(Number(m[1]));
    });
    child.on("exit", (code) => rej(new Error(`chromium exited with ${code}: ${err}`)));
  });
  return {
    port,
    close: async () => {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once("exit", r));
        process.kill(-child.pid, "SIGTERM");
        await exited;
      }
      // a helper process may still be writing its last files
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

/** `runs` Lighthouse runs of each of `paths` on `serverUrl`, each in a new browser. */
export async function measureLighthouse(
  serverUrl: string,
  paths: readonly string[],
  runs = RUNS,
  log: (line: string) => void = console.error,
): Promise<LighthouseRun[]> {
  const out: LighthouseRun[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const path of paths) {
      const browser = await chromium();
      try {
        const result = await lighthouse(new URL(path, serverUrl).href, {
          port: browser.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance"],
        });
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`lighthouse gave no result for ${path}`);
        if (lhr.runtimeError)
          throw new Error(`lighthouse ${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
        const r = {
          path,
          score: lhr.categories.performance?.score ?? NaN,
          tbt: audit("total-blocking-time"),
          fcp: audit("first-contentful-paint"),
          lcp: audit("largest-contentful-paint"),
        };
        out.push(r);
        log(
          `lighthouse run ${run}/${runs} ${path}: performance ${r.score.toFixed(2)}, TBT ${r.tbt.toFixed(0)} ms, FCP ${r.fcp.toFixed(0)} ms, LCP ${r.lcp.toFixed(0)} ms`,
        );
      } finally {
        await browser.close();
      }
    }
  }
  return out;
}

async function main(): Promise<void> {
  const url = process.argv[2] ?? "http://127.0.0.1:8787";
  const paths = process.argv.slice(3);
  await measureLighthouse(url, paths.length ? paths : ["/"], RUNS, console.log);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
