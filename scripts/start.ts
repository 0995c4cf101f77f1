/**
 * `npm start`: builds the PWA, applies the D1 migrations locally, serves PWA + API with `wrangler dev --local`
 * at http://127.0.0.1:8787 (PORT overrides it), seeds the deterministic demo registry, and prints a few demo
 * citizens to try, one in each account state.
 */
import { spawnSync } from "node:child_process";
import { DEMO_KINDS, type DemoKind, generateRegistry } from "./demo-registry";
import { ROOT, applyMigrations, findRunningServer, postImport, recordServer, startDevServer } from "./dev-server";

const KIND_LABELS: Record<DemoKind, string> = {
  "approved-new": "approved, never had a password → full activation (password step included)",
  "approved-with-password": "approved, already has a password → activation skips the password step",
  active: "already active → \"Tài khoản của bạn đã thực hiện kích hoạt\"; log in with the password",
  pending: "application pending → \"chưa được định danh điện tử\" + \"Hồ sơ của bạn đang chờ phê duyệt\"",
  app: "app account only (level 0) → \"Tài khoản của bạn chưa được định danh điện tử\"",
  "no-account": "in the registry, no e-ID account",
};

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  if (await findRunningServer()) {
    console.error(`The app is already running (see .wrangler/vneid-dev-server.json). Stop it first.`);
    process.exit(1);
  }
  console.log("Building the PWA…");
  const build = spawnSync("npx", ["vite", "build", "--config", "pwa/vite.config.ts", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  console.log("Applying D1 migrations (local)…");
  applyMigrations();
  console.log(`Starting the worker on port ${port}…`);
  const server = await startDevServer({ port });
  recordServer(server.url);
  const shutdown = async () => {
    recordServer(null);
    await server.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  server.process.on("exit", (code) => {
    recordServer(null);
    process.exit(code ?? 0);
  });

  const { file, citizens } = generateRegistry();
  const seeded = await postImport(server.url, JSON.stringify(file));
  if (!seeded.ok) {
    console.error("Seeding the demo registry failed:", JSON.stringify(seeded.body, null, 2));
    await shutdown();
    return;
  }
  const lines = DEMO_KINDS.map((kind) => {
    const c = citizens.find((x) => x.kind === kind);
    if (!c) return "";
    const creds = [c.password && `password ${c.password}`, c.passcode && `passcode ${c.passcode}`].filter(Boolean).join(", ");
    return `  ${c.id}  ${c.phone}  ${c.fullName.padEnd(22)} ${KIND_LABELS[kind]}${creds ? `\n${" ".repeat(40)}${creds}` : ""}`;
  });
  console.log(
    [
      "",
      `VNeID web activation is running at ${server.url}`,
      `Demo registry seeded: ${seeded.summary.registry} citizens, ${seeded.summary.accountsCreated} new accounts.`,
      "Try these (ID number, phone):",
      ...lines,
      `OTP texts go to the local outbox: ${server.url}/api/dev/sms?phone=<phone>`,
      "Import another extract while this runs: npm run registry:import -- FILE.json",
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
