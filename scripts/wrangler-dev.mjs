/**
 * `wrangler dev --local` without the devtools inspector: wrangler's own dev engine (`unstable_startWorker`, which the
 * `wrangler dev` command runs: the same ProxyWorker, miniflare and workerd), started with `dev.inspector: false`.
 *
 * Why: with the inspector on, wrangler enables the devtools Network domain on the worker and forwards every event
 * (each D1 query, each Durable Object call, with its response body) to the wrangler process, which formats it and
 * appends it to a debug log under ~/.config/.wrangler/logs — about 3 ms of CPU per API request across two processes,
 * more than most of our routes cost, and gigabytes of logs holding D1 rows. `VNEID_INSPECT=1` (see dev-server.ts)
 * runs the plain `wrangler dev` command instead, for debugging with devtools.
 *
 * Arguments: [--env dev] --port N [--persist-to DIR] [--var KEY:VALUE]…  Stops on SIGTERM/SIGINT.
 */
import { unstable_startWorker } from "wrangler";

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const vars = {};
args.forEach((a, i) => {
  if (a !== "--var") return;
  const [key, ...value] = String(args[i + 1]).split(":");
  vars[key] = { type: "plain_text", value: value.join(":") };
});

const worker = await unstable_startWorker({
  config: "wrangler.toml",
  env: opt("--env") ?? "dev",
  bindings: vars,
  dev: {
    inspector: false,
    watch: false,
    liveReload: false,
    remote: false,
    server: { hostname: opt("--ip") ?? "127.0.0.1", port: Number(opt("--port") ?? 8787) },
    ...(opt("--persist-to") && { persist: opt("--persist-to") }),
  },
});
await worker.ready;
const stop = async () => {
  await worker.dispose().catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
