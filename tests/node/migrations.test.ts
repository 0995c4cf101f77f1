/**
 * D1 migrations that have landed are never edited or renumbered: a deployed database that has applied one would
 * never see an edit, and would apply a renumbered copy a second time. `worker/migrations.lock.json` holds the SHA-256
 * of each landed migration and the numbers recorded as absent (0007 never landed); `npm run migrations:lock` records
 * a new migration before it lands.
 */
import { describe, expect, it } from "vitest";
import { migrationFiles, migrationNumber, readLock, sha256File } from "../../scripts/migrations";

const lock = readLock();
const files = migrationFiles();

describe("D1 migrations", () => {
  it("are named NNNN_snake_case.sql, one file per number", () => {
    for (const file of files) expect(migrationNumber(file), file).not.toBeNaN();
    const numbers = files.map(migrationNumber);
    expect(new Set(numbers).size, numbers.join(", ")).toBe(numbers.length);
  });

  it("leave no new gap: every number from 1 to the highest is a file, or recorded as absent", () => {
    const numbers = new Set(files.map(migrationNumber));
    const highest = Math.max(...numbers);
    for (let n = 1; n <= highest; n += 1) {
      const absent = lock.absent.includes(n);
      expect(numbers.has(n) || absent, `migration ${String(n).padStart(4, "0")} is missing`).toBe(true);
      expect(numbers.has(n) && absent, `migration ${String(n).padStart(4, "0")} is recorded as absent but exists`).toBe(
        false,
      );
    }
  });

  it("that have landed are unchanged, byte for byte", () => {
    expect(Object.keys(lock.landed).length).toBeGreaterThan(0);
    for (const [file, sha] of Object.entries(lock.landed)) {
      expect(files, `${file} has landed and must not be removed or renamed`).toContain(file);
      expect(sha256File(file), `${file} has landed and must not be edited: write a new migration instead`).toBe(sha);
    }
  });

  it("are all recorded before they land (npm run migrations:lock)", () => {
    const unrecorded = files.filter((f) => lock.landed[f] === undefined);
    expect(unrecorded, "record new migrations with `npm run migrations:lock`").toEqual([]);
  });
});
