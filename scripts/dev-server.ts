/**
 * Starting and finding the local server (`wrangler dev --local`: workerd with local D1, Durable Objects and the
 * built PWA). Used by `npm start`, `npm run registry:import` and the browser tests.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, "..");
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
/** Where `npm start` records the URL it serves, so that other commands find it. */
export const SERVER_FILE = join(ROOT, ".wrangler", "vneid-dev-server.json");

/** Environment for wrangler with no network but the npm registry: no request.cf download, no metrics, no prompts. */
export function wranglerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_SEND_METRICS: "false",
    CI: "true",
    NO_UPDATE_NOTIFIER: "1",
  };
}

/**
 * The wrangler environment every local command uses: development (`[env.dev]` of wrangler.toml). The top level is
 * production, so that a plain `wrangler deploy` can never ship development mode.
 */
export const DEV_ENV = "dev";

/** Applies D1 migrations to the local database (in `persistTo`, or wrangler's default `.wrangler/state`). */
export function applyMigrations(persistTo?: string): void {
  const args = [
    "d1",
    "migrations",
    "apply",
    "DB",
    "--local",
    "--env",
    DEV_ENV,
    ...(persistTo ? ["--persist-to", persistTo] : []),
  ];
  const r = spawnSync(WRANGLER, args, { cwd: ROOT, env: wranglerEnv(), encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error("wrangler d1 migrations apply failed");
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? res(addr.port) : rej(new Error("no port"))));
    });
  });
}

/** True when our app answers `/api/health` at `url` in development mode. */
export async function isOurServer(url: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return false;
    const body = (await res.json()) as { app?: string; environment?: string };
    return body.app === "vneid-web" && body.environment === "development";
  } catch {
    return false;
  }
}

/** A running local server. */
export interface DevServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the local server (wrangler's dev engine: workerd with local D1, Durable Objects, R2 and the built PWA) in
 * its own process group and waits until it answers. `quiet` keeps its output
 * off the terminal (tests), otherwise it is shown as it runs.
 */
export async function startDevServer(opts: {
  port: number;
  persistTo?: string;
  quiet?: boolean;
  /** wrangler vars to override, e.g. raised per-IP limits for a test or a bench whose traffic all comes from 127.0.0.1. */
  vars?: Record<string, string>;
}): Promise<DevServer> {
  const common = [
    "--env",
    DEV_ENV,
    "--ip",
    "127.0.0.1",
    "--port",
    String(opts.port),
    ...(opts.persistTo ? ["--persist-to", opts.persistTo] : []),
    ...Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ];
  // Wrangler's dev engine without the devtools inspector (scripts/wrangler-dev.mjs says why); VNEID_INSPECT=1 runs
  // the `wrangler dev` command itself, inspector included.
  const [command, args] = process.env.VNEID_INSPECT
    ? [WRANGLER, ["dev", "--local", "--show-interactive-dev-session=false", ...common]]
    : [process.execPath, [join(ROOT, "scripts", "wrangler-dev.mjs"), ...common]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: wranglerEnv(),
    detached: true,
    stdio: opts.quiet ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output = (output + String(d)).slice(-20000)));
  child.stderr?.on("data", (d) => (output = (output + String(d)).slice(-20000)));
  const url = `http://127.0.0.1:${opts.port}`;
  const stop = () =>
    new Promise<void>((res) => {
      if (child.exitCode !== null || child.pid === undefined) return res();
      child.once("exit", () => res());
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return res();
      }
      setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5000).unref();
    });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}\n${output}`);
    if (await isOurServer(url)) return { url, process: child, stop };
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`wrangler dev did not answer at ${url} within 90 s\n${output}`);
}

/**
 * How long a running server may take to answer its health check. No server refuses the connection at once; a busy
 * one may be slow, and taking it for absent would start a second server on other storage.
 */
const RUNNING_SERVER_WAIT_MS = 20_000;

/** The URL of the server `npm start` runs, if it is up. `VNEID_URL`, when set, is the only place looked at. */
export async function findRunningServer(): Promise<string | null> {
  if (process.env.VNEID_URL) {
    const url = process.env.VNEID_URL.replace(/\/$/, "");
    return (await isOurServer(url, RUNNING_SERVER_WAIT_MS)) ? url : null;
  }
  const candidates: string[] = [];
  if (existsSync(SERVER_FILE)) {
    try {
      candidates.push((JSON.parse(readFileSync(SERVER_FILE, "utf8")) as { url: string }).url);
    } catch {
      // a stale or broken file: ignore it
    }
  }
  candidates.push(`http://127.0.0.1:${process.env.PORT ?? 8787}`);
  for (const url of candidates) if (await isOurServer(url, RUNNING_SERVER_WAIT_MS)) return url;
  return null;
}

/** Records (or, with `null`, forgets) the URL `npm start` serves. */
export function recordServer(url: string | null): void {
  if (url === null) rmSync(SERVER_FILE, { force: true });
  else writeFileSync(SERVER_FILE, JSON.stringify({ url, pid: process.pid }));
}

/** Result of posting a registry extract to a running server. */
export type ImportResponse =
  | { ok: true; summary: { questions: number; registry: number; accountsCreated: number; accountsUnchanged: number } }
  | {
      ok: false;
      status: number;
      body: {
        code?: string;
        message?: string;
        details?: Array<{ section: string; index: number; id?: string; reason: string }>;
      };
    };

/** Sends a registry extract to the development import route of a running server. */
export async function postImport(url: string, fileText: string): Promise<ImportResponse> {
  const res = await fetch(`${url}/api/dev/registry/import`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: fileText,
  });
  const body = (await res.json()) as never;
  return res.ok ? { ok: true, summary: body } : { ok: false, status: res.status, body };
}

/** A JSON answer of a development route. */
export interface DevAnswer<T> {
  ok: boolean;
  status: number;
  body: T;
}

/** POSTs JSON to a development route of a running server (`/api/dev/…`, which needs no Origin). */
export async function postDev<T = unknown>(url: string, path: string, bodyText: string): Promise<DevAnswer<T>> {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: bodyText,
  });
  return { ok: res.ok, status: res.status, body: (await res.json()) as T };
}

/**
 * Runs `work` against the server `npm start` runs, or else against a short-lived local server on the same storage
 * (`VNEID_PERSIST_TO` names another storage folder than wrangler's default; used by the tests).
 */
export async function withServer<T>(work: (url: string) => Promise<T>): Promise<T> {
  const running = await findRunningServer();
  if (running) return work(running);
  const persistTo = process.env.VNEID_PERSIST_TO || undefined;
  applyMigrations(persistTo);
  const server = await startDevServer({ port: await freePort(), quiet: true, ...(persistTo && { persistTo }) });
  try {
    return await work(server.url);
  } finally {
    await server.stop();
  }
}
