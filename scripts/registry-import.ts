/**
 * `npm run registry:import -- FILE.json`: validates a registry extract and imports it into the local D1.
 * Works whether or not `npm start` is running: it goes through the running server when there is one (which then
 * sees the rows at once), and otherwise through a short-lived local server on the same storage.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { postImport, withServer } from "./dev-server";

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: npm run registry:import -- FILE.json");
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), "utf8");
    JSON.parse(text);
  } catch (err) {
    console.error(`Cannot read ${file} as JSON: ${(err as Error).message}`);
    return 1;
  }
  const result = await withServer((url) => postImport(url, text));
  if (result.ok) {
    const s = result.summary;
    console.log(
      `Imported ${file}: ${s.questions} security questions, ${s.registry} registry records, ` +
        `${s.accountsCreated} accounts created, ${s.accountsUnchanged} existing accounts left untouched.`,
    );
    return 0;
  }
  console.error(`Nothing was imported: ${result.body.message ?? result.status}`);
  for (const p of result.body.details ?? []) {
    console.error(`  ${p.section}[${p.index}]${p.id ? ` (${p.id})` : ""}: ${p.reason}`);
  }
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
