/**
 * `npm start`: builds the PWA, applies the D1 migrations locally, serves PWA + API with `wrangler dev --local`
 * at http://127.0.0.1:8787 (PORT overrides it), seeds the deterministic demo registry, loads the police units of
 * `data/units/lang-son.json`, and prints a few demo citizens to try, one in each account state, and two demo
 * officers with one-time passwords.
 *
 * `VNEID_DEMO=0 npm start` serves as a fresh production would be: no demo citizens and no demo officers (the police
 * units are still loaded), on storage of its own ({@link FRESH_STATE}), so that bootstrap can be tried locally with
 * `npm run admin -- bootstrap`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEMO_KINDS, type DemoKind, generateRegistry } from "./demo-registry";
import {
  ROOT,
  applyMigrations,
  findRunningServer,
  postDev,
  postImport,
  recordServer,
  startDevServer,
} from "./dev-server";

/** The police units `npm start` loads. */
const UNITS_FILE = join(ROOT, "data", "units", "lang-son.json");

/** Where `VNEID_DEMO=0` keeps its data: apart from the demo's, whose officers would make bootstrap answer 409. */
const FRESH_STATE = join(ROOT, ".wrangler", "state-no-demo");

/** The demo officers, re-created with a fresh one-time password on every start. */
const DEMO_OFFICERS = [
  {
    username: "demo.tinh",
    unit: "CAT-LANGSON",
    role: "province_admin",
    name: "Lương Văn Tỉnh",
    label: "province_admin, Công an tỉnh Lạng Sơn",
  },
  {
    username: "demo.tamthanh",
    unit: "CAP-TAMTHANH",
    role: "officer",
    name: "Hoàng Thị Thanh",
    label: "officer, Công an phường Tam Thanh",
  },
] as const;

const KIND_LABELS: Record<DemoKind, string> = {
  "approved-new": "approved, never had a password → full activation (password step included)",
  "approved-with-password": "approved, already has a password → activation skips the password step",
  active: 'already active → "Tài khoản của bạn đã thực hiện kích hoạt"; log in with the password',
  pending: 'application pending → "chưa được định danh điện tử" + "Hồ sơ của bạn đang chờ phê duyệt"',
  app: 'app account only (level 0) → "Tài khoản của bạn chưa được định danh điện tử"',
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
  const demo = process.env.VNEID_DEMO !== "0";
  const persistTo = demo ? undefined : FRESH_STATE;
  console.log("Applying D1 migrations (local)…");
  applyMigrations(persistTo);
  console.log(`Starting the worker on port ${port}…`);
  const server = await startDevServer({ port, ...(persistTo && { persistTo }) });
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

  const units = await postDev<{ units?: number; message?: string }>(
    server.url,
    "/api/dev/units/import",
    readFileSync(UNITS_FILE, "utf8"),
  );
  if (!units.ok) {
    console.error("Importing the police units failed:", JSON.stringify(units.body, null, 2));
    await shutdown();
    return;
  }
  if (!demo) {
    console.log(
      [
        "",
        `VNeID web activation is running at ${server.url} with no demo data (VNEID_DEMO=0), on ${FRESH_STATE}`,
        `Police units loaded from data/units/lang-son.json: ${units.body.units}. No citizens, no officers yet: bootstrap the first province_admin`,
        `(the development BOOTSTRAP_TOKEN is in .dev.vars), then log in at ${server.url}/can-bo ("Quản lý cán bộ" adds officers):`,
        `  npm run admin -- bootstrap --url ${server.url} --province 020 --name "Họ và tên"`,
        `  npm run admin -- registry:import FILE.json --url ${server.url} --username NAME   (password on stdin)`,
        `OTP texts go to the local outbox: ${server.url}/api/dev/sms?phone=<phone>`,
        `To start again from empty, stop the server and delete ${FRESH_STATE}. Press Ctrl+C to stop.`,
        "",
      ].join("\n"),
    );
    return;
  }
  const { file, citizens } = generateRegistry();
  const seeded = await postImport(server.url, JSON.stringify(file));
  if (!seeded.ok) {
    console.error("Seeding the demo registry failed:", JSON.stringify(seeded.body, null, 2));
    await shutdown();
    return;
  }
  const officers: string[] = [];
  for (const { label, ...demo } of DEMO_OFFICERS) {
    const made = await postDev<{ username?: string; password?: string; message?: string }>(
      server.url,
      "/api/dev/officers",
      JSON.stringify(demo),
    );
    if (!made.ok) {
      console.error("Creating the demo officers failed:", JSON.stringify(made.body, null, 2));
      await shutdown();
      return;
    }
    officers.push(
      `  ${String(made.body.username).padEnd(16)} one-time password ${String(made.body.password).padEnd(16)} ${label}`,
    );
  }
  const lines = DEMO_KINDS.map((kind) => {
    const c = citizens.find((x) => x.kind === kind);
    if (!c) return "";
    const creds = [c.password && `password ${c.password}`, c.passcode && `passcode ${c.passcode}`]
      .filter(Boolean)
      .join(", ");
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
      `Police units loaded from data/units/lang-son.json: ${units.body.units}. Officers ("Đăng nhập cán bộ"; change the password at first login):`,
      ...officers,
      "Import another extract while this runs: npm run registry:import -- FILE.json",
      'Another province\'s units: npm run units:import -- FILE.json; more officers: npm run officer:add -- --unit CODE --role officer --name "…"',
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
