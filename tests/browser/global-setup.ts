/**
 * Starts the real app once for the browser tests: builds the PWA if needed, applies migrations to a throwaway
 * local D1, starts `wrangler dev --local` on a free port and seeds a generated registry.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { generateRegistry } from "../../scripts/demo-registry";
import { ROOT, applyMigrations, freePort, postImport, startDevServer } from "../../scripts/dev-server";
import { E2E_SEED, E2E_COUNT, extraRegistry } from "./people";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(join(ROOT, "pwa", "dist", "index.html"))) {
    const r = spawnSync("npx", ["vite", "build", "--config", "pwa/vite.config.ts", "--logLevel", "warn"], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (r.status !== 0) throw new Error("PWA build failed");
  }
  const persistTo = mkdtempSync(join(tmpdir(), "vneid-e2e-"));
  applyMigrations(persistTo);
  // Every browser request comes from 127.0.0.1: raise the per-IP limits (as configuration allows) so that the
  // suite's many citizens are not throttled as one client. The per-IP limits have their own tests in workerd.
  const server = await startDevServer({
    port: await freePort(),
    persistTo,
    quiet: true,
    vars: { LIMIT_OTP_PER_IP: "10000/300", LIMIT_LOGIN_PER_IP: "10000/300", LIMIT_START_PER_IP: "10000/300" },
  });
  const seeded = await postImport(server.url, JSON.stringify(generateRegistry(E2E_SEED, E2E_COUNT).file));
  if (!seeded.ok) throw new Error(`seeding failed: ${JSON.stringify(seeded.body)}`);
  const extra = await postImport(server.url, JSON.stringify(extraRegistry().file));
  if (!extra.ok) throw new Error(`seeding the second registry failed: ${JSON.stringify(extra.body)}`);
  project.provide("baseUrl", server.url);
  return async () => {
    await server.stop();
    rmSync(persistTo, { recursive: true, force: true });
  };
}
