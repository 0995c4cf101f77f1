/**
 * What the built PWA (pwa/dist) weighs on the wire, gzip: the first screen's JavaScript on both paths (modern:
 * index.html's module script and everything it imports statically; legacy: polyfills-legacy, the SystemJS entry
 * and its static dependencies), the scanner, the stylesheet and index.html. Deterministic: the size budgets are
 * checked in `npm test` (tests/node/budgets.test.ts) and printed by `npm run bench`.
 *
 * The scanner decodes in a worker (pwa/src/scanner): "the scanner chunk" is that worker's script, `zxing-*.js`
 * (@zxing's QR reader; what the scan screen fetches to decode), with anything it imports statically. The page's
 * own part of the scanner (the frame grabber that starts the worker) is a chunk of the scan screens; the budget
 * holds for the two together too.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "./dev-server";

export const DIST = join(ROOT, "pwa", "dist");

/** The budgets (kB = 1024 bytes, gzip). */
export const BUDGETS_KB = { modernFirstScreen: 30, legacyFirstScreen: 90, scanner: 35 } as const;

export interface FileSet {
  files: string[];
  gz: number;
}

export interface BundleSizes {
  /** Modern browsers: what index.html makes them fetch and run before the first screen works. */
  modernFirstScreen: FileSet;
  /** Browsers without ES modules (or `import.meta.resolve`): polyfills, SystemJS entry and its dependencies. */
  legacyFirstScreen: FileSet;
  /** The lazy QR decoder: the scanner's module worker (@zxing) and its static imports. */
  scanner: FileSet;
  /** The page's side of the scanner (the chunk that starts the worker), modern build. */
  scannerPage: FileSet;
  /** jsQR, imported by the worker only when zxing cannot read a photo. */
  scannerFallback: FileSet;
  /** The classic worker for browsers without module workers, and its jsQR (scripts/scanner-classic.ts). */
  scannerClassic: FileSet;
  scannerFallbackClassic: FileSet;
  css: FileSet;
  html: FileSet;
  /** Every JS file of assets/, gzip bytes. */
  files: Record<string, number>;
}

/** Gzip size of a file of the dist folder (path relative to it, with or without a leading slash). */
export function gzSize(path: string, dist = DIST): number {
  return gzipSync(readFileSync(join(dist, path.replace(/^\//, "")))).length;
}

/** The chunks a modern chunk imports statically (`import … from "./x.js"`, `import "./x.js"`, `export … from`). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(
    /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{][^;"'`]*?from\s*)?["'`]\.\/([\w.-]+\.js)["'`]/g,
  ))
    out.push(m[1] as string);
  return out;
}

/** The dependencies of a SystemJS chunk (`System.register(["./x-legacy.js", …], …)`). */
function systemDeps(code: string): string[] {
  const m = /System\.register\(\[([^\]]*)\]/.exec(code);
  if (!m) return [];
  return [...(m[1] as string).matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g)].map((x) => x[1] as string);
}

/** `start` (assets/…) and all it pulls in statically, by `deps`. */
function closure(dist: string, start: string[], deps: (code: string) => string[]): string[] {
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length) {
    const f = todo.pop() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    const code = readFileSync(join(dist, f), "utf8");
    for (const d of deps(code)) todo.push(`assets/${d}`);
  }
  return [...seen];
}

function set(files: string[], dist: string): FileSet {
  return { files, gz: files.reduce((s, f) => s + gzSize(f, dist), 0) };
}

/** Measures pwa/dist (or `dist`). Throws when it has not been built. */
export function bundleSizes(dist = DIST): BundleSizes {
  const indexPath = join(dist, "index.html");
  if (!existsSync(indexPath)) throw new Error(`${indexPath} is missing: run \`npm run build\``);
  const html = readFileSync(indexPath, "utf8");
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]+)"`).exec(tag)?.[1];
  const tags = [...html.matchAll(/<(script|link)\b[^>]*>/g)].map((m) => m[0]);
  const strip = (u: string) => u.replace(/^\//, "");

  const modernStart = tags
    .filter(
      (t) =>
        (/^<script/.test(t) && /type="module"/.test(t) && attr(t, "src")) ||
        (/^<link/.test(t) && /rel="modulepreload"/.test(t)),
    )
    .map((t) => strip((attr(t, "src") ?? attr(t, "href")) as string));
  const polyfills = tags.filter((t) => /id="vite-legacy-polyfill"/.test(t)).map((t) => strip(attr(t, "src") as string));
  const legacyEntry = tags
    .filter((t) => /id="vite-legacy-entry"/.test(t))
    .map((t) => strip(attr(t, "data-src") as string));
  if (!modernStart.length) throw new Error("no module script in index.html");
  if (!polyfills.length || !legacyEntry.length) throw new Error("no legacy polyfills or entry in index.html");

  const assets = readdirSync(join(dist, "assets"));
  const js = assets.filter((f) => f.endsWith(".js"));
  const files = Object.fromEntries(js.map((f) => [f, gzSize(`assets/${f}`, dist)]));
  const modernOnly = (re: RegExp) => js.filter((f) => re.test(f) && !f.includes("-legacy")).map((f) => `assets/${f}`);
  const legacyOnly = (re: RegExp) => js.filter((f) => re.test(f) && f.includes("-legacy")).map((f) => `assets/${f}`);
  const worker = modernOnly(/^zxing-/);
  const startsWorker = (f: string) => worker.some((w) => readFileSync(join(dist, f), "utf8").includes(`/${w}`));
  const css = tags.filter((t) => /rel="stylesheet"/.test(t)).map((t) => strip(attr(t, "href") as string));

  return {
    modernFirstScreen: set(closure(dist, modernStart, staticImports), dist),
    legacyFirstScreen: set([...polyfills, ...closure(dist, legacyEntry, systemDeps)], dist),
    scanner: set(closure(dist, worker, staticImports), dist),
    scannerPage: set(
      modernOnly(/\.js$/).filter((f) => !worker.includes(f) && startsWorker(f)),
      dist,
    ),
    scannerFallback: set(modernOnly(/^jsQR-/), dist),
    scannerClassic: set(legacyOnly(/^zxing-legacy-/), dist),
    scannerFallbackClassic: set(legacyOnly(/^jsQR-legacy-/), dist),
    css: set([...new Set(css)], dist),
    html: set(["index.html"], dist),
    files,
  };
}

/** `12.3 kB` */
export const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
