/**
 * `npm run admin` as an operator runs it against a deployment (here the local server on empty storage, as
 * `VNEID_DEMO=0 npm start` serves it): bootstrap with the BOOTSTRAP_TOKEN on stdin (one line of JSON on stdout),
 * then the imports as the province_admin (password on stdin). Spawns `wrangler dev`, so it is slow (its start may
 * take minutes while the whole suite runs).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRegistry } from "../../scripts/demo-registry";
import { type DevServer, ROOT, applyMigrations, freePort, startDevServer } from "../../scripts/dev-server";

const dir = mkdtempSync(join(tmpdir(), "vneid-admin-cli-"));
const persistTo = join(dir, "state");
let server: DevServer;

/** The development BOOTSTRAP_TOKEN, as `.dev.vars` has it. */
const TOKEN = /^BOOTSTRAP_TOKEN=["']?([^"'\n]+)["']?$/m.exec(readFileSync(join(ROOT, ".dev.vars"), "utf8"))?.[1] ?? "";

beforeAll(async () => {
  applyMigrations(persistTo);
  server = await startDevServer({ port: await freePort(), persistTo, quiet: true });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm run admin -- …args` with `stdin` piped in. */
function admin(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "admin", "--", ...args], {
      cwd: ROOT,
      env: { ...process.env, PORT: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("npm run admin", () => {
  it("bootstrap: a wrong token is refused; the right one prints the first province_admin as one line of JSON; then 409", async () => {
    expect(TOKEN.length).toBeGreaterThanOrEqual(32);
    const args = ["bootstrap", "--url", server.url, "--province", "020", "--name", "Lương Văn Tỉnh"];
    const wrong = await admin(args, "not-the-bootstrap-token-not-the-token\n");
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe("");
    expect(wrong.stderr).toContain("Mã khởi tạo (BOOTSTRAP_TOKEN) không đúng.");
    expect(wrong.stderr).toContain("BOOTSTRAP_TOKEN_INVALID, 403");

    const made = await admin(args, `${TOKEN}\n`);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout.endsWith("\n")).toBe(true);
    expect(made.stdout.trimEnd().split("\n")).toHaveLength(1);
    const creds = JSON.parse(made.stdout) as { username: string; password: string };
    expect(Object.keys(creds)).toEqual(["username", "password"]);
    expect(made.stderr).not.toContain(TOKEN);

    const again = await admin(args, `${TOKEN}\n`);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("BOOTSTRAP_DONE, 409");

    // The imports need the province_admin past the first-login password change.
    const unitsFile = join(ROOT, "data", "units", "lang-son.json");
    const early = await admin(
      ["units:import", unitsFile, "--url", server.url, "--username", creds.username],
      `${creds.password}\n`,
    );
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("change it first");
    const login = await fetch(`${server.url}/api/officer/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify(creds),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const password = "QuanTri#Tinh2026";
    const changed = await fetch(`${server.url}/api/officer/password`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, cookie },
      body: JSON.stringify({ newPassword: password, confirmPassword: password }),
    });
    expect(changed.status).toBe(200);

    const units = await admin(
      ["units:import", unitsFile, "--url", server.url, "--username", creds.username],
      `${password}\n`,
    );
    expect(units.code, units.stderr).toBe(0);
    expect(units.stdout).toBe("");
    expect(units.stderr).toMatch(/Imported .*lang-son\.json: 19 police units of province 020\./);

    const registryFile = join(dir, "registry.json");
    const bad = structuredClone(generateRegistry(1415, 4).file);
    (bad.registry as Array<Record<string, unknown>>)[2]!.dob = "1990-02-30";
    writeFileSync(registryFile, JSON.stringify(bad));
    const refused = await admin(
      ["registry:import", registryFile, "--url", server.url, "--username", creds.username],
      `${password}\n`,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("IMPORT_INVALID, 422");
    expect(refused.stderr).toContain("registry[2]");

    writeFileSync(registryFile, JSON.stringify(generateRegistry(1415, 4).file));
    const registry = await admin(
      ["registry:import", registryFile, "--url", server.url, "--username", creds.username],
      `${password}\n`,
    );
    expect(registry.code, registry.stderr).toBe(0);
    expect(registry.stderr).toMatch(/: 4 registry records, \d+ security questions/);

    const wrongPassword = await admin(
      ["units:import", unitsFile, "--url", server.url, "--username", creds.username],
      "Sai@Matkhau1\n",
    );
    expect(wrongPassword.code).toBe(1);
    expect(wrongPassword.stderr).toContain("OFFICER_LOGIN_FAILED");
  }, 180_000);

  it("refuses bad arguments with the usage, exit code 2, nothing on stdout", async () => {
    for (const args of [
      [],
      ["bootstrap", "--province", "020", "--name", "A B"],
      ["units:import", "--url", server.url, "--username", "x"],
      ["frobnicate"],
      ["bootstrap", "--bogus"],
    ]) {
      const res = await admin(args, "");
      expect(res.code, args.join(" ")).toBe(2);
      expect(res.stdout).toBe("");
      expect(res.stderr).toContain("npm run admin -- bootstrap");
    }
  }, 120_000);
});
