/**
 * `npm run units:import -- FILE.json`: validates a police-units data file (see `data/units/lang-son.json` and
 * `UnitsFile` in `shared/officer-schemas.ts`) and upserts its units by code. Nothing is imported on any error.
 * Works whether or not `npm start` is running, like `npm run registry:import`.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { postDev, withServer } from "./dev-server";

type Answer = {
  province?: string;
  units?: number;
  message?: string;
  fields?: Record<string, string>;
  details?: Array<{ section: string; index: number; id?: string; reason: string }>;
};

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: npm run units:import -- FILE.json");
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
  const answer = await withServer((url) => postDev<Answer>(url, "/api/dev/units/import", text));
  if (answer.ok) {
    console.log(`Imported ${file}: ${answer.body.units} police units of province ${answer.body.province}.`);
    return 0;
  }
  console.error(`Nothing was imported: ${answer.body.message ?? answer.status}`);
  for (const [field, message] of Object.entries(answer.body.fields ?? {})) console.error(`  ${field}: ${message}`);
  for (const p of answer.body.details ?? []) {
    console.error(`  ${p.section}${p.index >= 0 ? `[${p.index}]` : ""}${p.id ? ` (${p.id})` : ""}: ${p.reason}`);
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
