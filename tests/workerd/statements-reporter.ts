/**
 * The node side of tests/workerd/statements.test.ts: workerd has no file system, so the test passes what it measured
 * as task meta, and this reporter (added by vitest.config.ts only under UPDATE_STATEMENTS=1) writes
 * docs/scale/statements.json and docs/scale/statements.detail.json once every test of that file has passed.
 */
import { writeFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";
import type { RouteCost, RouteDetail } from "./cost-meter";

const TABLE = "docs/scale/statements.json";
const DETAIL = "docs/scale/statements.detail.json";

/** The header of docs/scale/statements.json: what the numbers mean and how the file is rewritten. */
export const STATEMENTS_ABOUT = [
  "What one request of each route costs in the main journeys, measured by tests/workerd/statements.test.ts with the wrapper tests/workerd/cost-meter.ts around the env's D1, Durable Object and R2 bindings.",
  "Key: '<METHOD> <path>', the path as /api/openapi.json gives it, with {name} for a path parameter.",
  "d1.reads, d1.writes: SQL statements executed, one each, in a batch or not. A write is a statement containing INSERT, UPDATE, DELETE or REPLACE (an INSERT ... SELECT ... WHERE that inserts nothing is still a write: it takes the write path); every other statement is a read.",
  "d1.batches: db.batch() calls (one round trip and one transaction each; their statements are also in reads and writes).",
  "do: Durable Object requests, one per call on a stub (an RPC method or fetch). r2: R2 operations (head, get, put, delete, list).",
  "Left out: statements on the development-only tables dev_clock, dev_faults and sms_outbox (production sends texts over HTTP); texts are counted as sms in statements.detail.json.",
  "statements.detail.json (not guarded) has, per route, the statements and rows by table (rows read and written from D1's result meta, rows inserted), the Durable Object calls by binding and object group, the R2 operations and the texts: the simulation (scripts/simulate-national.ts) reads both files.",
  "Guard: the test fails when a route's counts differ from this file, dearer or cheaper, or when a key here is no longer measured.",
  "Rewrite both files: UPDATE_STATEMENTS=1 npx vitest run --project workerd tests/workerd/statements.test.ts (the test hands its counts to tests/workerd/statements-reporter.ts as task meta; the reporter, in node, writes the files when every test of the file passed).",
];

type Measured = Record<string, { cost: RouteCost; detail: RouteDetail }>;

function sorted<T>(entries: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(entries).sort(
      ([a], [b]) => (a.split(" ")[1] ?? a).localeCompare(b.split(" ")[1] ?? b) || a.localeCompare(b),
    ),
  );
}

/** One line per route, so that a diff shows which route changed. */
function lines(about: string[], entries: Record<string, unknown>): string {
  const body = Object.entries(entries).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n  "_about": [\n${about.map((a) => `    ${JSON.stringify(a)}`).join(",\n")}\n  ],\n${body.join(",\n")}\n}\n`;
}

/** Writes the tables from the meta of tests/workerd/statements.test.ts. */
export default class StatementsReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const module = modules.find((m) => m.moduleId.endsWith("tests/workerd/statements.test.ts"));
    if (!module) return;
    const tests = [...module.children.allTests()];
    if (tests.length === 0 || tests.some((t) => t.result().state !== "passed")) {
      console.error(`[statements] not written: every test of ${module.moduleId} must run and pass`);
      return;
    }
    const all: Measured = {};
    for (const t of tests) Object.assign(all, t.meta().statements ?? {});
    const routes = sorted(all);
    writeFileSync(
      TABLE,
      lines(STATEMENTS_ABOUT, Object.fromEntries(Object.entries(routes).map(([k, v]) => [k, v.cost]))),
    );
    writeFileSync(
      DETAIL,
      lines(
        [
          "The detail behind statements.json (see its _about); written with it, not guarded. tables: by the tables a statement names, sorted and joined with ',', the table a write changes marked with '*' (the others only guard it), audit_log:officer for officer lines, statements, rows read and written (D1 result meta) and rows inserted. doCalls: by <binding>:<object name without its shard number>. r2Ops: by <binding>.<method>. sms: texts sent.",
        ],
        Object.fromEntries(Object.entries(routes).map(([k, v]) => [k, v.detail])),
      ),
    );
    console.log(`[statements] wrote ${TABLE} and ${DETAIL} (${Object.keys(routes).length} routes)`);
  }
}
