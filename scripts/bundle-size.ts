/**
 * `npm run bundle:size`: bundles the production worker as `wrangler deploy --dry-run --env production` would upload
 * it, and checks that it stays under our budget of 1 MB gzip (well inside Cloudflare's own Worker size limits: a
 * small Worker starts fast on a cold isolate). Prints the size; exits 1 over the budget. `.ci/run` runs it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT, wranglerEnv } from "./dev-server";

/** The budget, in bytes of gzip. */
export const WORKER_BUNDLE_BUDGET = 1024 * 1024;

/** Every file of a folder, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

/** Bundles the production worker into a throwaway folder; the gzip size of its modules (source maps excluded). */
export function productionBundleSize(): { gzip: number; raw: number } {
  mkdirSync(join(ROOT, "pwa", "dist"), { recursive: true });
  const out = mkdtempSync(join(tmpdir(), "vneid-bundle-"));
  try {
    const r = spawnSync(
      join(ROOT, "node_modules", ".bin", "wrangler"),
      ["deploy", "--dry-run", "--env", "production", "--outdir", out],
      {
        cwd: ROOT,
        env: wranglerEnv(),
        encoding: "utf8",
      },
    );
    if (r.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${r.stdout}${r.stderr}`);
    const modules = files(out).filter((f) => !f.endsWith(".map") && !f.endsWith(".json"));
    const bytes = Buffer.concat(modules.map((f) => readFileSync(f)));
    return { gzip: gzipSync(bytes, { level: 9 }).length, raw: bytes.length };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { gzip, raw } = productionBundleSize();
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const ok = gzip <= WORKER_BUNDLE_BUDGET;
  console.log(
    `worker bundle (wrangler deploy --dry-run --env production): ${kib(raw)}, ${kib(gzip)} gzip — budget 1024 KiB gzip ${ok ? "✓" : "✗"}`,
  );
  if (!ok) process.exit(1);
}
