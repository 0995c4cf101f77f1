/**
 * `npm run officer:add -- --unit CODE --role officer|province_admin --name "…"`: creates a police officer with a
 * one-time password (changed at first login) and prints ONE line of JSON on stdout: `{"username":"…","password":"…"}`.
 * Everything else goes to stderr. Works whether or not `npm start` is running, like `npm run registry:import`.
 */
import { parseArgs } from "node:util";
import { postDev, withServer } from "./dev-server";

const USAGE = 'usage: npm run officer:add -- --unit CODE --role officer|province_admin --name "Họ và tên"';

async function main(): Promise<number> {
  let values: { unit?: string; role?: string; name?: string };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { unit: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { unit, role, name } = values;
  if (!unit || !role || !name) {
    console.error(USAGE);
    return 2;
  }
  if (role !== "officer" && role !== "province_admin") {
    console.error(`--role must be officer or province_admin, not ${JSON.stringify(role)}\n${USAGE}`);
    return 2;
  }
  const answer = await withServer((url) =>
    postDev<{ username?: string; password?: string; message?: string; fields?: Record<string, string> }>(
      url,
      "/api/dev/officers",
      JSON.stringify({ unit, role, name }),
    ),
  );
  if (!answer.ok || !answer.body.username || !answer.body.password) {
    const fields = Object.entries(answer.body.fields ?? {}).map(([k, v]) => `  ${k}: ${v}`);
    console.error([`No officer was created: ${answer.body.message ?? answer.status}`, ...fields].join("\n"));
    return 1;
  }
  process.stdout.write(`${JSON.stringify({ username: answer.body.username, password: answer.body.password })}\n`);
  return 0;
}

// Anything a library prints goes to stderr: stdout carries the one line of JSON only.
console.log = console.error;
main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
