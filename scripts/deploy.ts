/**
 * `npm run deploy -- --env production [wrangler deploy flags]`: builds the PWA, checks its CSP hashes, and runs
 * `wrangler deploy --env production`. It refuses to run without `--env production`: the top level of wrangler.toml
 * is production too, but an explicit environment is what an operator's command line should say, and `--env dev`
 * (development mode, `/api/dev/*` open) must never reach Cloudflare.
 */
import { spawnSync } from "node:child_process";
import { ROOT } from "./dev-server";

/** The wrangler environment of a deploy command line, or the reason it is refused. */
export function deployEnvironment(
  args: readonly string[],
): { ok: true; rest: string[] } | { ok: false; reason: string } {
  const rest: string[] = [];
  let env: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === "--env" || arg === "-e") env = args[++i];
    else if (arg.startsWith("--env=")) env = arg.slice("--env=".length);
    else rest.push(arg);
  }
  if (env === undefined)
    return { ok: false, reason: "npm run deploy needs --env production (npm run deploy -- --env production)" };
  if (env !== "production")
    return { ok: false, reason: `npm run deploy only deploys --env production, not --env ${env || '""'}` };
  return { ok: true, rest };
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const parsed = deployEnvironment(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(parsed.reason);
    process.exit(2);
  }
  run("npx", ["--no-install", "vite", "build", "--config", "pwa/vite.config.ts"]);
  run("npx", ["--no-install", "tsx", "scripts/csp.ts", "--check"]);
  run("npx", ["--no-install", "wrangler", "deploy", "--env", "production", ...parsed.rest]);
}
