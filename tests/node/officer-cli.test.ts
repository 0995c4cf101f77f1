/**
 * `npm run officer:add` and `npm run units:import` as an operator (or an outside test) runs them: against a running
 * app, and with no app running (a short-lived server on the same storage). Spawns `wrangler dev`, so it is slow.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, ROOT, applyMigrations, freePort, startDevServer } from "../../scripts/dev-server";

const dir = mkdtempSync(join(tmpdir(), "vneid-officer-cli-"));
const persistTo = join(dir, "state");
let server: DevServer;

beforeAll(async () => {
  applyMigrations(persistTo);
  server = await startDevServer({ port: await freePort(), persistTo, quiet: true });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function run(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function login(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/officer/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ username, password }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { mustChangePassword?: boolean; officer?: { unit: { code: string } } },
  };
}

describe("npm run units:import and npm run officer:add", () => {
  it("import the units into the running app, then create an officer: exactly one line of JSON on stdout", async () => {
    const units = await run("units:import", [join(ROOT, "data", "units", "lang-son.json")], { VNEID_URL: server.url });
    expect(units.code, units.stderr).toBe(0);
    expect(units.stdout).toMatch(/^Imported .*lang-son\.json: 19 police units of province 020\.\n$/);

    const made = await run("officer:add", ["--unit", "CAP-TAMTHANH", "--role", "officer", "--name", "Nguyễn Văn An"], {
      VNEID_URL: server.url,
    });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout.endsWith("\n")).toBe(true);
    expect(made.stdout.trimEnd().split("\n")).toHaveLength(1);
    const creds = JSON.parse(made.stdout) as { username: string; password: string };
    expect(Object.keys(creds)).toEqual(["username", "password"]);
    expect(creds.username).toMatch(/^annv\d*$/);
    // The running app knows the officer at once; the password is one-time.
    const res = await login(server.url, creds.username, creds.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mustChangePassword: true, officer: { unit: { code: "CAP-TAMTHANH" } } });
  }, 120_000);

  it("refuses bad arguments and an unknown unit on stderr, with nothing on stdout", async () => {
    const noRole = await run("officer:add", ["--unit", "CAP-TAMTHANH", "--name", "A B"], { VNEID_URL: server.url });
    expect(noRole.code).toBe(2);
    expect(noRole.stdout).toBe("");
    expect(noRole.stderr).toContain("usage: npm run officer:add");
    const unknown = await run("officer:add", ["--unit", "CAP-NOWHERE", "--role", "officer", "--name", "A B"], {
      VNEID_URL: server.url,
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain("Không tìm thấy đơn vị Công an.");
    const bad = join(dir, "bad-units.json");
    writeFileSync(
      bad,
      JSON.stringify({
        province: { code: "001", name: "Hà Nội" },
        units: [{ code: "X1", name: "Công an phường X", kind: "ward", parent: null, slots: [], capacityPerSlot: 1 }],
      }),
    );
    const refused = await run("units:import", [bad], { VNEID_URL: server.url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("PROVINCE_CODE 020");
    expect(refused.stderr).toContain('exactly one unit of kind "province"');
  }, 120_000);

  it("works with no app running, through a short-lived server on the same storage", async () => {
    await server.stop();
    const made = await run(
      "officer:add",
      ["--unit", "CAT-LANGSON", "--role", "province_admin", "--name", "Lương Văn Tỉnh"],
      {
        VNEID_URL: "http://127.0.0.1:1",
        VNEID_PERSIST_TO: persistTo,
      },
    );
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout.trimEnd().split("\n")).toHaveLength(1);
    const creds = JSON.parse(made.stdout) as { username: string; password: string };
    server = await startDevServer({ port: await freePort(), persistTo, quiet: true });
    expect((await login(server.url, creds.username, creds.password)).status).toBe(200);
  }, 180_000);
});
