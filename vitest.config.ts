import { mkdirSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// The assets directory must exist for the worker to start, even before the PWA is built.
mkdirSync("./pwa/dist", { recursive: true });

export default defineConfig(async () => ({
  test: {
    // UPDATE_STATEMENTS=1: the reporter writes what tests/workerd/statements.test.ts measured (workerd has no file system).
    ...(process.env.UPDATE_STATEMENTS === "1" && { reporters: ["default", "./tests/workerd/statements-reporter.ts"] }),
    // The local SMS outbox logs every text, and every request writes a log line; keep test output readable.
    onConsoleLog: (log: string) => !log.includes("[sms outbox]") && !log.startsWith('{"type":"request"'),
    projects: [
      {
        plugins: [
          cloudflareTest({
            main: "./worker/src/index.ts",
            wrangler: { configPath: "./wrangler.toml", environment: "dev" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations("./worker/migrations"),
                // "1" lets tests/workerd/statements.test.ts record new counts instead of failing on them.
                UPDATE_STATEMENTS: process.env.UPDATE_STATEMENTS ?? "",
                // Every error code a route answers must be one it declares (worker/src/routes/define.ts).
                CHECK_ROUTE_CODES: "1",
              },
              // A fake SMS provider for the HTTP adapter's tests (tests/workerd/sms-fake.js).
              // A fake population registry for the HTTP registry adapter's tests (tests/workerd/registry-fake.js).
              workers: [
                {
                  name: "sms-fake",
                  modules: true,
                  scriptPath: "./tests/workerd/sms-fake.js",
                  compatibilityDate: "2026-04-20",
                },
                {
                  name: "registry-fake",
                  modules: true,
                  scriptPath: "./tests/workerd/registry-fake.js",
                  compatibilityDate: "2026-04-20",
                },
              ],
              serviceBindings: { SMS_UPSTREAM: "sms-fake", REGISTRY_UPSTREAM: "registry-fake" },
            },
          }),
        ],
        test: {
          name: "workerd",
          include: ["tests/workerd/**/*.test.ts"],
          setupFiles: ["./tests/workerd/apply-migrations.ts", "./tests/workerd/route-codes.ts"],
          testTimeout: 60_000,
          // A file's setup seeds hundreds of accounts (a PBKDF2 hash each): seconds on a quiet machine, more than
          // vitest's 10 s default on a busy one.
          hookTimeout: 120_000,
        },
      },
      {
        test: { name: "node", environment: "node", include: ["tests/node/**/*.test.ts"] },
      },
    ],
  },
}));
