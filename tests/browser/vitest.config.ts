import { defineConfig } from "vitest/config";

// Browser tests: Debian's Chromium driven by playwright-core against `wrangler dev --local` (real workerd, D1,
// Durable Objects and the built PWA), one file at a time on this 2-core machine.
export default defineConfig({
  test: {
    name: "browser",
    root: new URL("../..", import.meta.url).pathname,
    include: ["tests/browser/**/*.e2e.test.ts"],
    globalSetup: ["tests/browser/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // expect.poll waits for a condition; its default of one second is a fixed short wait that a busy 2-core machine
    // can miss (a lazily loaded screen, a server answer). The test's own timeout still bounds it.
    expect: { poll: { timeout: 20_000 } },
  },
});
