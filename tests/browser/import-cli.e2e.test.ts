/** `npm run registry:import` as an operator runs it: against the running app, and with no app running. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { generateRegistry } from "../../scripts/demo-registry";
import { ROOT } from "../../scripts/dev-server";

const baseUrl = inject("baseUrl");
const dir = mkdtempSync(join(tmpdir(), "vneid-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runImport(file: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "registry:import", "--", file], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: "1" },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code: code ?? -1, out }));
  });
}

function writeFile(name: string, data: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(data));
  return path;
}

describe("npm run registry:import", () => {
  it("imports into the running app, which sees the new people at once; a second run changes nothing", async () => {
    const { file, citizens } = generateRegistry(777, 12);
    const path = writeFile("people.json", { ...file, generatedBy: "test" });
    const first = await runImport(path, { VNEID_URL: baseUrl });
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain(`${file.accounts?.length} accounts created`);
    const active = citizens.find((c) => c.kind === "active");
    if (!active?.password) throw new Error("fixture");
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl },
      body: JSON.stringify({ citizenId: active.id, password: active.password }),
    });
    expect(login.status).toBe(200);
    const second = await runImport(path, { VNEID_URL: baseUrl });
    expect(second.code).toBe(0);
    expect(second.out).toContain("0 accounts created");
  });

  it("prints each bad record with its index and reason, and imports nothing", async () => {
    const { file, citizens } = generateRegistry(778, 12);
    if (!file.registry?.[2] || !file.accounts?.[1]) throw new Error("fixture");
    file.registry[2].dob = "1990-02-30";
    file.accounts[1].level = 0;
    file.accounts[1].status = "approved";
    const path = writeFile("bad.json", file);
    const res = await runImport(path, { VNEID_URL: baseUrl });
    expect(res.code).toBe(1);
    expect(res.out).toContain("Nothing was imported");
    expect(res.out).toMatch(/registry\[2\].*dob/);
    expect(res.out).toMatch(/accounts\[1\].*level 0 with status "approved"/);
    const someone = citizens.find((c) => c.kind === "active");
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl },
      body: JSON.stringify({ citizenId: someone?.id, password: someone?.password }),
    });
    expect(login.status).toBe(401);
  });

  it("works with no app running, on the given storage", async () => {
    const { file } = generateRegistry(779, 6);
    const path = writeFile("offline.json", file);
    const persist = join(dir, "state");
    const res = await runImport(path, { VNEID_URL: "http://127.0.0.1:1", VNEID_PERSIST_TO: persist });
    expect(res.code, res.out).toBe(0);
    expect(res.out).toContain("6 registry records");
    const again = await runImport(path, { VNEID_URL: "http://127.0.0.1:1", VNEID_PERSIST_TO: persist });
    expect(again.out).toContain("0 accounts created");
  });

  it("refuses a file that is not JSON", async () => {
    const path = join(dir, "broken.json");
    writeFileSync(path, "{ not json");
    const res = await runImport(path, { VNEID_URL: baseUrl });
    expect(res.code).toBe(1);
    expect(res.out).toContain("Cannot read");
  });
});
