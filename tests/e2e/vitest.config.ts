import { defineConfig } from "vitest/config";

// Browser tests: Debian's Chromium driven by playwright-core against `wrangler dev --local` (real workerd, D1,
// Durable Objects and the built PWA), one file at a time on this 2-core machine.
export default defineConfig({
  test: {
    name: "e2e",
    root: new URL("../..", import.meta.url).pathname,
    include: ["tests/e2e/**/*.e2e.test.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
