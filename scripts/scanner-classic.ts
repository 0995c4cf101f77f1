/**
 * The scanner's classic worker, for browsers without module workers (Chrome < 80, Safari < 15, Firefox < 114:
 * the Android 7 and iOS 12 phones of the legacy bundle among them). Vite bundles `new Worker(new URL(…))` once, as
 * an ES module worker (`worker.format: "es"`, so that jsQR stays a lazy chunk of it), and plugin-legacy makes no
 * legacy build of workers. This plugin builds the same worker entry (pwa/src/scanner/zxing.ts) a second time as one
 * classic ES2015 script, `assets/zxing-legacy-<hash>.js`, with jsQR as a second plain script loaded by
 * `importScripts`, `assets/jsQR-legacy-<hash>.js` (pwa/src/scanner/jsqr.classic.ts stands in for jsqr.ts). The
 * page gets the worker's URL from `virtual:vneid-scanner-classic` (`null` on the dev server).
 *
 * The names end in `-legacy-<hash>.js` like the legacy bundle's chunks: not precached, cached on use by the
 * service worker ("vneid-legacy"), and checked by `es-check es6` with them.
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { type Plugin, type Rolldown, build } from "vite";

const VIRTUAL_ID = "virtual:vneid-scanner-classic";
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
/** What the classic scripts are compiled down to (the legacy bundle's level; no polyfill reaches a worker). */
const CLASSIC_TARGET = "es2015";

interface ClassicWorkerOptions {
  /** pwa/src/scanner: the worker entry `zxing.ts`, `jsqr.ts`, `jsqr.classic.ts` and `jsqr.global.ts`. */
  scannerDir: string;
  /** The build's tree-shaking options (the @zxing packages are side-effect free). */
  treeshake: Rolldown.InputOptions["treeshake"];
}

/** `assets/<name>-legacy-<8 characters of the content's hash>.js` */
function legacyName(name: string, code: string): string {
  const hash = createHash("sha256").update(code).digest("base64url").slice(0, 8);
  return `assets/${name}-legacy-${hash}.js`;
}

/** One self-contained classic script (IIFE) of `entry`, minified, with `define`s and `swap` (import → file). */
async function classicScript(
  entry: string,
  root: string,
  treeshake: ClassicWorkerOptions["treeshake"],
  define: Record<string, string> = {},
  swap: Record<string, string> = {},
): Promise<string> {
  const swapper: Plugin = {
    name: "vneid:scanner-classic-swap",
    enforce: "pre",
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && swap[resolved.id] ? swap[resolved.id] : null;
    },
  };
  const out = await build({
    configFile: false,
    root,
    logLevel: "warn",
    publicDir: false,
    define,
    plugins: [swapper],
    build: {
      write: false,
      target: CLASSIC_TARGET,
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry, formats: ["iife"], name: "vneidScanner", fileName: "classic" },
      rolldownOptions: { treeshake, checks: { bundlerTimings: false } },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((o) => o.output).filter((f): f is Rolldown.OutputChunk => f.type === "chunk");
  if (chunks.length !== 1) throw new Error(`scanner-classic: expected one script for ${entry}, got ${chunks.length}`);
  return (chunks[0] as Rolldown.OutputChunk).code;
}

/** The Vite plugin (build: emits the two classic scripts; serve: no classic worker). */
export function scannerClassicWorker(opts: ClassicWorkerOptions): Plugin {
  let base = "/";
  let root = process.cwd();
  let isBuild = false;
  let scripts: Promise<{
    worker: { fileName: string; code: string };
    jsqr: { fileName: string; code: string };
  }> | null = null;

  const buildScripts = async () => {
    const dir = opts.scannerDir;
    const jsqrCode = await classicScript(resolve(dir, "jsqr.global.ts"), root, opts.treeshake);
    const jsqr = { fileName: legacyName("jsQR", jsqrCode), code: jsqrCode };
    const workerCode = await classicScript(
      resolve(dir, "zxing.ts"),
      root,
      opts.treeshake,
      // importScripts resolves it next to the worker's own URL
      { __VNEID_JSQR_FILE__: JSON.stringify(jsqr.fileName.replace(/^assets\//, "")) },
      { [resolve(dir, "jsqr.ts")]: resolve(dir, "jsqr.classic.ts") },
    );
    return { worker: { fileName: legacyName("zxing", workerCode), code: workerCode }, jsqr };
  };

  return {
    name: "vneid:scanner-classic-worker",
    configResolved(config) {
      base = config.base;
      root = config.root;
      isBuild = config.command === "build" && !config.isWorker;
    },
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    async load(id) {
      if (id !== RESOLVED_ID) return undefined;
      if (!isBuild) return "export default null;\n";
      scripts ??= buildScripts();
      const { worker, jsqr } = await scripts;
      for (const f of [worker, jsqr]) this.emitFile({ type: "asset", fileName: f.fileName, source: f.code });
      return `export default ${JSON.stringify(base + worker.fileName)};\n`;
    },
  };
}
