/**
 * `npm run fuzz [-- --seed N] [-- --runs N]`: the fuzz suite (tests/workerd/fuzz.test.ts), longer and with a random
 * seed that it prints. FUZZ_SEED and FUZZ_RUNS in the environment work too. Run the same seed again to replay a
 * failure.
 *
 * The tests run inside workerd, which sees no environment variables of this process; the seed reaches them through
 * `tests/workerd/fuzz-seed.local.json` (git-ignored), which the test picks up with `import.meta.glob` and which this
 * script removes afterwards. Without that file, `npm test` runs the fixed seed.
 */
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FILE = fileURLToPath(new URL("../tests/workerd/fuzz-seed.local.json", import.meta.url));

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function int(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`${what} must be an integer, got ${JSON.stringify(value)}`);
  return n;
}

const seed = int(arg("seed") ?? process.env.FUZZ_SEED, randomInt(1, 2 ** 31 - 1), "seed");
const runs = int(arg("runs") ?? process.env.FUZZ_RUNS, 20_000, "runs");

const cleanUp = () => rmSync(FILE, { force: true });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

console.log(`fuzz: seed=${seed} runs=${runs}   (replay: npm run fuzz -- --seed ${seed} --runs ${runs})`);
writeFileSync(FILE, `${JSON.stringify({ seed, runs })}\n`);
const started = Date.now();
let status = 1;
try {
  const result = spawnSync(
    "npx",
    ["--no-install", "vitest", "run", "--project", "workerd", "tests/workerd/fuzz.test.ts"],
    {
      stdio: "inherit",
    },
  );
  status = result.status ?? 1;
} finally {
  cleanUp();
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`fuzz: seed=${seed} runs=${runs} time=${seconds}s result=${status === 0 ? "passed" : "FAILED"}`);
process.exit(status);
