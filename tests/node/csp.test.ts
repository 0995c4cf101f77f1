/**
 * The built index.html under the strict CSP, and the legacy bundle's polyfills (see scripts/legacy.ts):
 * - every inline script and style of index.html is allowed by its hash, and nothing else is (no 'unsafe-inline',
 *   no `data:` scripts); the hashes in worker/src/security-headers.ts are exactly what the build needs;
 * - the modern-browser detector that plugin-legacy writes with `data:` imports is rewritten inline everywhere;
 * - every newer built-in the built JavaScript uses is in the legacy polyfill list;
 * - the legacy chunks have no `\p{…}` regex left (babel turned them into ES5 ones).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { requiredHashes } from "../../scripts/csp";
import { ROOT } from "../../scripts/dev-server";
import { LEGACY_POLYFILLS, POLYFILL_GUARDS, legacyCspHashes } from "../../scripts/legacy";
import { DIST } from "../../scripts/sizes";
import { CONTENT_SECURITY_POLICY, INLINE_SCRIPT_HASHES, INLINE_STYLE_HASHES } from "../../worker/src/security-headers";

let html: string;
let js: Array<{ file: string; code: string }>;

beforeAll(() => {
  if (!existsSync(join(DIST, "index.html"))) {
    const r = spawnSync("npx", ["vite", "build", "--config", "pwa/vite.config.ts", "--logLevel", "warn"], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (r.status !== 0) throw new Error("PWA build failed");
  }
  html = readFileSync(join(DIST, "index.html"), "utf8");
  js = readdirSync(join(DIST, "assets"))
    .filter((f) => f.endsWith(".js"))
    .map((file) => ({ file, code: readFileSync(join(DIST, "assets", file), "utf8") }));
}, 300_000);

const directive = (name: string) =>
  CONTENT_SECURITY_POLICY.split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? "";

describe("index.html under the CSP", () => {
  it("allows exactly the build's inline scripts and styles by hash (else: npm run build && npm run csp)", () => {
    const needed = requiredHashes(html);
    expect([...INLINE_SCRIPT_HASHES], "inline script hashes: run `npm run csp`").toEqual(needed.scripts);
    expect([...INLINE_STYLE_HASHES], "inline style hash (critical CSS changed): run `npm run csp`").toEqual(
      needed.styles,
    );
    expect(needed.styles.length, "the critical CSS is inlined").toBe(1);
    for (const h of [...needed.scripts, ...needed.styles]) expect(CONTENT_SECURITY_POLICY).toContain(h);
  });

  it("allows plugin-legacy's four inline scripts (its exported cspHashes, the detector rewritten) and no other", () => {
    expect([...INLINE_SCRIPT_HASHES].sort()).toEqual(legacyCspHashes().sort());
    expect(INLINE_SCRIPT_HASHES).toHaveLength(4);
  });

  it("has no 'unsafe-inline', 'unsafe-eval' or data: in script-src and style-src", () => {
    for (const name of ["script-src", "style-src"]) {
      const d = directive(name);
      expect(d).toMatch(new RegExp(`^${name} 'self'`));
      expect(d).not.toMatch(/unsafe-inline|unsafe-eval|data:|\*/);
    }
  });

  it("no data: module import is left (plugin-legacy's import.meta.resolve check is inline)", () => {
    expect(html).not.toContain("data:text/javascript");
    for (const { file, code } of js) expect(code.includes("data:text/javascript"), file).toBe(false);
    expect(html).toContain('if(!import.meta.resolve)throw Error("import.meta.resolve not supported")');
  });

  it("has no inline event handler and no style attribute in the prerendered markup", () => {
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html).not.toMatch(/\sstyle="/);
  });
});

describe("legacy bundle", () => {
  it("every newer built-in the built JavaScript uses has its polyfill in LEGACY_POLYFILLS", () => {
    const modern = js.filter((f) => !f.file.includes("-legacy"));
    const missing: string[] = [];
    for (const guard of POLYFILL_GUARDS) {
      const users = modern.filter((f) => guard.pattern.test(f.code)).map((f) => f.file);
      if (users.length && (!guard.module || !LEGACY_POLYFILLS.includes(guard.module))) {
        missing.push(`${guard.name} (${guard.module ?? "no polyfill"}) used by ${users.join(", ")}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("the polyfills zod/mini needs (Object.fromEntries, globalThis) are in polyfills-legacy", () => {
    expect(LEGACY_POLYFILLS).toEqual(expect.arrayContaining(["es.object.from-entries", "es.global-this"]));
    const poly = js.find((f) => /^polyfills-legacy-/.test(f.file));
    expect(poly).toBeDefined();
    // core-js registers each polyfilled global by name
    expect(poly?.code).toContain("fromEntries");
    expect(poly?.code).toContain("globalThis");
  });

  it("no Unicode property escape (\\p{…}) is left in the legacy chunks", () => {
    const legacy = js.filter((f) => f.file.includes("-legacy"));
    expect(legacy.length).toBeGreaterThan(3);
    for (const { file, code } of legacy) expect(/\\[pP]\{/.test(code), file).toBe(false);
  });
});
