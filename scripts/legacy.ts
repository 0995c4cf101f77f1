/**
 * The legacy bundle (@vitejs/plugin-legacy) for the browsers of Android 7 and iOS 12 phones, and what it needs to
 * live under the strict Content-Security-Policy. Used by pwa/vite.config.ts and by the tests.
 *
 * - Targets: Chrome 49+, Safari/iOS 10+. Babel (preset-env) compiles the code to ES2015 and turns `\p{…}` regexes
 *   and the `u` flag (shared/credentials.ts, shared/ascii.ts) into plain ES5 regexes (regexpu), since Unicode
 *   property escapes exist only from Chrome 64 / Safari 11.1.
 * - Polyfills: an explicit core-js list ({@link LEGACY_POLYFILLS}) rather than plugin-legacy's usage detection,
 *   which cannot tell an array's `.map` from an iterator's, a Map's `.set` from a typed array's, and so pulled in
 *   typed arrays, iterator helpers, Set methods and a whole URL implementation (52 kB gz, over the 90 kB budget).
 *   {@link POLYFILL_GUARDS} keeps the list honest: a test looks for each newer built-in in the built JS and fails
 *   when one is used without its polyfill in the list, and the nomodule browser test deletes them all before the
 *   app starts.
 * - CSP: plugin-legacy 8.2 detects `import.meta.resolve` by importing `data:text/javascript,…` modules, which a
 *   `script-src` without `data:` refuses; the modern entry would then never run. {@link cspSafeLegacy} rewrites
 *   those imports as the same check inline, and {@link legacyCspHashes} gives the hashes of the four inline
 *   scripts plugin-legacy puts in index.html (the ones worker/src/security-headers.ts allows).
 */
import { createHash } from "node:crypto";
import { cspHashes } from "@vitejs/plugin-legacy";
import type { Plugin } from "vite";

/** Android 7 and iOS 12 (and older) browsers. */
export const LEGACY_TARGETS = ["chrome >= 49", "safari >= 10", "ios >= 10"];

/**
 * What the app, zod/mini, workbox-window and the scanner use that Chrome 49 / Safari 10 lack (plus the few
 * neighbours of the same age that cost next to nothing). plugin-legacy adds `es.promise` itself.
 */
export const LEGACY_POLYFILLS = [
  // ES2017 (Chrome 54–58, Safari 10.1)
  "es.object.entries",
  "es.object.values",
  "es.object.get-own-property-descriptors",
  "es.string.pad-start",
  "es.string.pad-end",
  // ES2018–ES2019 (Chrome 63–73, Safari 11.1–12.1)
  "es.promise.finally",
  "es.object.from-entries",
  "es.array.flat",
  "es.array.flat-map",
  "es.string.trim-start",
  "es.string.trim-end",
  "es.symbol.description",
  // ES2020 (Chrome 71–76, Safari 12.1–13)
  "es.global-this",
  "es.promise.all-settled",
  // ES2021–ES2022 (Chrome 85–93, Safari 13.1–15.4)
  "es.string.replace-all",
  "es.array.at",
  "es.string.at-alternative",
  "es.object.has-own",
  // DOM collections: NodeList#forEach and iteration (Chrome 51)
  "web.dom-collections.for-each",
  "web.dom-collections.iterator",
];

/**
 * A built-in newer than the legacy targets, how to spot its use in minified output (over-approximate on purpose),
 * and the core-js module that provides it.
 */
export const POLYFILL_GUARDS: ReadonlyArray<{ name: string; pattern: RegExp; module: string | null }> = [
  { name: "Object.entries", pattern: /\bObject\.entries\b/, module: "es.object.entries" },
  { name: "Object.values", pattern: /\bObject\.values\b/, module: "es.object.values" },
  {
    name: "Object.getOwnPropertyDescriptors",
    pattern: /\bgetOwnPropertyDescriptors\b/,
    module: "es.object.get-own-property-descriptors",
  },
  { name: "String#padStart", pattern: /\.padStart\(/, module: "es.string.pad-start" },
  { name: "String#padEnd", pattern: /\.padEnd\(/, module: "es.string.pad-end" },
  { name: "Promise#finally", pattern: /\.finally\(/, module: "es.promise.finally" },
  { name: "Object.fromEntries", pattern: /\bfromEntries\b/, module: "es.object.from-entries" },
  { name: "Array#flat", pattern: /\.flat\(/, module: "es.array.flat" },
  { name: "Array#flatMap", pattern: /\.flatMap\(/, module: "es.array.flat-map" },
  { name: "String#trimStart", pattern: /\.trim(Start|Left)\(/, module: "es.string.trim-start" },
  { name: "String#trimEnd", pattern: /\.trim(End|Right)\(/, module: "es.string.trim-end" },
  { name: "globalThis", pattern: /\bglobalThis\b/, module: "es.global-this" },
  { name: "Promise.allSettled", pattern: /\ballSettled\b/, module: "es.promise.all-settled" },
  { name: "String#replaceAll", pattern: /\.replaceAll\(/, module: "es.string.replace-all" },
  { name: "Array#at / String#at", pattern: /\.at\(-?[\w$.]+\)/, module: "es.array.at" },
  { name: "Object.hasOwn", pattern: /\bObject\.hasOwn\b/, module: "es.object.has-own" },
  { name: "NodeList#forEach", pattern: /querySelectorAll\([^)]*\)\.forEach\(/, module: "web.dom-collections.for-each" },
  // Newer ones no polyfill here provides: their use needs a new entry in LEGACY_POLYFILLS first.
  { name: "String#matchAll", pattern: /\.matchAll\(/, module: "es.string.match-all" },
  { name: "Promise.any", pattern: /\bPromise\.any\b/, module: "es.promise.any" },
  { name: "Array#findLast", pattern: /\.findLast(Index)?\(/, module: "es.array.find-last" },
  { name: "Array#toSorted", pattern: /\.toSorted\(/, module: "es.array.to-sorted" },
  { name: "Array#toReversed", pattern: /\.toReversed\(/, module: "es.array.to-reversed" },
  { name: "Object.groupBy", pattern: /\bObject\.groupBy\b/, module: "es.object.group-by" },
  { name: "structuredClone", pattern: /\bstructuredClone\(/, module: "web.structured-clone" },
  { name: "String#isWellFormed", pattern: /\.isWellFormed\(/, module: "es.string.is-well-formed" },
  { name: "Array.fromAsync", pattern: /\bArray\.fromAsync\b/, module: "es.array.from-async" },
  { name: "Promise.withResolvers", pattern: /\bwithResolvers\b/, module: "es.promise.with-resolvers" },
  { name: "WeakRef", pattern: /\bnew WeakRef\b/, module: null },
];

// ---------------------------------------------------------------------------------------------------------------
// CSP

const IMPORT_META_RESOLVE_CHECK = 'if(!import.meta.resolve)throw Error("import.meta.resolve not supported")';
/** `import'data:text/javascript,[<chunk id>;]<check>';` as plugin-legacy 8.2 writes it (HTML and entry chunks). */
const DATA_IMPORT =
  /import\s*'data:text\/javascript,(?:"[^"'\n]*";)?if\(!import\.meta\.resolve\)throw Error\("import\.meta\.resolve not supported"\)';?/g;

/** plugin-legacy's inline module that marks a modern browser, with its `data:` import rewritten inline. */
export const DETECT_MODERN_INLINE = `${IMPORT_META_RESOLVE_CHECK};import.meta.url;import("_").catch(()=>1);(async function*(){})().next();window.__vite_is_modern_browser=true`;

/** `'sha256-…'` of a script's text. */
export function cspHash(code: string): string {
  return `'sha256-${createHash("sha256").update(code).digest("base64")}'`;
}

/**
 * The CSP sources of plugin-legacy's inline scripts as they end up in index.html: the plugin's own `cspHashes`
 * (Safari 10.1's nomodule fix, the SystemJS entry loader, the dynamic fallback), with the hash of its
 * modern-browser detector replaced by that of the rewritten one.
 */
export function legacyCspHashes(): string[] {
  const detectorOriginal = `import'data:text/javascript,${IMPORT_META_RESOLVE_CHECK}';import.meta.url;import("_").catch(()=>1);(async function*(){})().next();window.__vite_is_modern_browser=true`;
  const original = createHash("sha256").update(detectorOriginal).digest("base64");
  if (!cspHashes.includes(original))
    throw new Error("plugin-legacy's modern-browser detector changed: review scripts/legacy.ts");
  return cspHashes.map((h) => (h === original ? cspHash(DETECT_MODERN_INLINE) : `'sha256-${h}'`));
}

/**
 * Rewrites plugin-legacy's `import 'data:…'` checks as the same check inline, in the modern entry chunks and in
 * index.html, and fails the build when any `data:text/javascript` is left (a newer plugin-legacy wrote it
 * differently). Must come after plugin-legacy.
 */
export function cspSafeLegacy(): Plugin {
  return {
    name: "vneid:csp-safe-legacy",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === "chunk") {
          if (file.fileName.includes("-legacy")) continue;
          file.code = file.code.replace(DATA_IMPORT, `${IMPORT_META_RESOLVE_CHECK};`);
          if (file.code.includes("data:text/javascript"))
            this.error(`csp-safe-legacy: a data: import is left in ${file.fileName}`);
        } else if (file.fileName.endsWith(".html")) {
          const html = typeof file.source === "string" ? file.source : new TextDecoder().decode(file.source);
          const out = html.replace(DATA_IMPORT, `${IMPORT_META_RESOLVE_CHECK};`);
          if (out.includes("data:text/javascript"))
            this.error(`csp-safe-legacy: a data: import is left in ${file.fileName}`);
          file.source = out;
        }
      }
    },
  };
}

/** The inline `<script>` bodies of an HTML page. */
export function inlineScripts(html: string): string[] {
  // A data block (`type="application/json"`, the prefetch map of scripts/prefetch-map.ts) never runs: no CSP hash.
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/\btype="application\/json"/.test(m[1] as string))
    .map((m) => m[2] as string)
    .filter((s) => s.length > 0);
}
