/**
 * A deploy can never ship development mode: the top level of wrangler.toml is production, `[env.production]` is the
 * same, and development lives in `[env.dev]` (npm start, the browser tests, the workerd tests). wrangler.toml is
 * written by `npm run wrangler:config`, and must be what that script writes.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { deployEnvironment } from "../../scripts/deploy";
import { ROOT, wranglerEnv } from "../../scripts/dev-server";
import { WRANGLER_TOML, wranglerToml } from "../../scripts/wrangler-config";

/** The configuration wrangler resolves for an environment (`undefined`: the top level). */
function resolved(env: string | undefined) {
  return unstable_readConfig({ config: WRANGLER_TOML, ...(env !== undefined && { env }) }, { hideWarnings: true });
}

/** What a deployment is made of: its vars, bindings, routes and Durable Object migrations. */
function deployed(env: string | undefined) {
  const c = resolved(env);
  return {
    name: c.name,
    vars: c.vars,
    d1: c.d1_databases,
    durableObjects: c.durable_objects.bindings,
    r2: c.r2_buckets,
    queues: c.queues,
    routes: c.routes,
    workersDev: c.workers_dev,
    observability: c.observability,
    migrations: c.migrations,
    crons: c.triggers.crons,
  };
}

describe("wrangler.toml", () => {
  it("is what `npm run wrangler:config` writes", () => {
    expect(readFileSync(WRANGLER_TOML, "utf8"), "run `npm run wrangler:config`").toBe(wranglerToml());
  });

  it("is production at the top level, [env.production] is the same, and development is [env.dev] only", () => {
    const top = deployed(undefined);
    expect(top.vars.ENVIRONMENT).toBe("production");
    expect(top.vars.SMS_ADAPTER).toBe("http");
    expect(top.workersDev).toBe(false);
    expect(top.routes?.length).toBeGreaterThan(0);
    expect(top.observability?.enabled).toBe(true);
    expect(top.crons).toEqual(["17 * * * *"]);
    expect(deployed("production")).toEqual(top);
    const dev = deployed("dev");
    expect(dev.vars.ENVIRONMENT).toBe("development");
    expect(dev.vars.SMS_ADAPTER).toBe("outbox");
    // Never reachable if someone deploys it anyway.
    expect(dev.workersDev).toBe(false);
    expect(dev.routes ?? []).toEqual([]);
    // The same bindings everywhere: only the vars that say "development" differ.
    expect({ ...dev, name: top.name, vars: top.vars, routes: top.routes }).toEqual(top);
  });

  it('a plain `wrangler deploy --dry-run` (no environment) deploys ENVIRONMENT "production"', () => {
    mkdirSync(join(ROOT, "pwa", "dist"), { recursive: true });
    const out = mkdtempSync(join(tmpdir(), "vneid-dry-run-"));
    try {
      const r = spawnSync(join(ROOT, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", out], {
        cwd: ROOT,
        env: wranglerEnv(),
        encoding: "utf8",
      });
      const printed = r.stdout + r.stderr;
      expect(r.status, printed).toBe(0);
      expect(printed).toContain('ENVIRONMENT ("production")');
      expect(printed).not.toContain('ENVIRONMENT ("development")');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("npm run deploy", () => {
  it("refuses to run without --env production", () => {
    expect(deployEnvironment([])).toMatchObject({ ok: false });
    expect(deployEnvironment(["--env", "dev"])).toMatchObject({ ok: false });
    expect(deployEnvironment(["--env="])).toMatchObject({ ok: false });
    expect(deployEnvironment(["--dry-run"])).toMatchObject({ ok: false });
    expect(deployEnvironment(["--env", "production", "--dry-run"])).toEqual({ ok: true, rest: ["--dry-run"] });
    expect(deployEnvironment(["-e", "production"])).toEqual({ ok: true, rest: [] });
    expect(deployEnvironment(["--env=production"])).toEqual({ ok: true, rest: [] });
  });
});
