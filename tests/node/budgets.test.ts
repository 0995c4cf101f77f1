/**
 * Size budgets of the built PWA (gzip, kB = 1024 bytes). Deterministic, so checked here; `npm run bench` prints the
 * same figures next to the timings. Reads pwa/dist (`npm test` builds it first); builds it when it is missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/dev-server";
import { BUDGETS_KB, type BundleSizes, DIST, bundleSizes, kB } from "../../scripts/sizes";

let sizes: BundleSizes;

beforeAll(() => {
  if (!existsSync(join(DIST, "index.html"))) {
    const r = spawnSync("npx", ["vite", "build", "--config", "pwa/vite.config.ts", "--logLevel", "warn"], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (r.status !== 0) throw new Error("PWA build failed");
  }
  sizes = bundleSizes();
}, 300_000);

const describeSet = (s: { files: string[]; gz: number }) => `${kB(s.gz)}: ${s.files.join(", ")}`;

describe("size budgets (gzip)", () => {
  it(`first-screen JS, modern path ≤ ${BUDGETS_KB.modernFirstScreen} kB`, () => {
    expect(sizes.modernFirstScreen.files.length).toBeGreaterThan(0);
    expect(sizes.modernFirstScreen.gz, describeSet(sizes.modernFirstScreen)).toBeLessThanOrEqual(
      BUDGETS_KB.modernFirstScreen * 1024,
    );
  });

  it(`first-screen JS, legacy (nomodule) path with its polyfills ≤ ${BUDGETS_KB.legacyFirstScreen} kB`, () => {
    expect(sizes.legacyFirstScreen.files.some((f) => /polyfills-legacy/.test(f))).toBe(true);
    expect(sizes.legacyFirstScreen.files.some((f) => /index-legacy/.test(f))).toBe(true);
    expect(sizes.legacyFirstScreen.gz, describeSet(sizes.legacyFirstScreen)).toBeLessThanOrEqual(
      BUDGETS_KB.legacyFirstScreen * 1024,
    );
  });

  it(`the lazy scanner chunk (@zxing, the decoder worker) ≤ ${BUDGETS_KB.scanner} kB, and neither decoder is in the first screen`, () => {
    expect(sizes.scanner.files).toHaveLength(1);
    expect(sizes.scanner.gz, describeSet(sizes.scanner)).toBeLessThanOrEqual(BUDGETS_KB.scanner * 1024);
    const first = [...sizes.modernFirstScreen.files, ...sizes.legacyFirstScreen.files].join(" ");
    expect(first).not.toMatch(/zxing|jsQR/);
  });

  it(`the worker with the page's side of the scanner (the chunk that starts it) still ≤ ${BUDGETS_KB.scanner} kB`, () => {
    expect(sizes.scannerPage.files).toHaveLength(1);
    const both = {
      files: [...sizes.scanner.files, ...sizes.scannerPage.files],
      gz: sizes.scanner.gz + sizes.scannerPage.gz,
    };
    expect(both.gz, describeSet(both)).toBeLessThanOrEqual(BUDGETS_KB.scanner * 1024);
    // old browsers get the same worker as one classic script
    expect(sizes.scannerClassic.files).toHaveLength(1);
    expect(sizes.scannerFallbackClassic.files).toHaveLength(1);
  });
});
