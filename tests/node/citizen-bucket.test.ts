/** The placement contract of docs/scale.md: the bucket function is fixed once data is placed, and every table has a side. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CITIZEN_BUCKETS,
  CITIZEN_TABLES,
  DEV_TABLES,
  OFFICE_TABLES,
  citizenBucket,
  initialShardOf,
} from "../../shared/citizen-bucket";

describe("citizen buckets", () => {
  it("places known keys in fixed buckets (changing the function would strand every placed row)", () => {
    expect(citizenBucket("001099000001")).toBe(471);
    expect(citizenBucket("079203123456")).toBe(69);
    expect(citizenBucket("web-AAAAAAAAAAAAAAAAAAAAAA")).toBe(2512);
    expect(citizenBucket("+84912345678")).toBe(1236);
  });

  it("maps the buckets onto N shards in contiguous ranges of equal size", () => {
    for (const shards of [4, 256]) {
      const sizes = new Array<number>(shards).fill(0);
      let previous = 0;
      for (let b = 0; b < CITIZEN_BUCKETS; b++) {
        const s = initialShardOf(b, shards);
        expect(s).toBeGreaterThanOrEqual(previous);
        previous = s;
        sizes[s] = (sizes[s] ?? 0) + 1;
      }
      expect(new Set(sizes)).toEqual(new Set([CITIZEN_BUCKETS / shards]));
    }
  });

  it("spreads a million sequential ID numbers as evenly as random keys would", () => {
    const n = 1_000_000;
    const counts = new Array<number>(CITIZEN_BUCKETS).fill(0);
    for (let i = 0; i < n; i++) {
      const id = `079${i % 2}${String(60 + (i % 40)).padStart(2, "0")}${String(i).padStart(6, "0")}`;
      counts[citizenBucket(id)] = (counts[citizenBucket(id)] ?? 0) + 1;
    }
    // About 244 a bucket: random placement puts the fullest of 4,096 about 4.5 standard deviations (15.6) above.
    const mean = n / CITIZEN_BUCKETS;
    expect(Math.max(...counts) / mean).toBeLessThan(1.35);
    expect(Math.min(...counts) / mean).toBeGreaterThan(0.65);
    // By shard (256 shards of 16 buckets), far inside the budget's 1.2 × the mean.
    const shards = new Array<number>(256).fill(0);
    counts.forEach((c, b) => (shards[initialShardOf(b, 256)] = (shards[initialShardOf(b, 256)] ?? 0) + c));
    expect(Math.max(...shards) / (n / 256)).toBeLessThan(1.1);
  });

  it("gives every table of the migrations a side", () => {
    const sql = readdirSync("worker/migrations")
      .filter((f) => f.endsWith(".sql"))
      .map((f) => readFileSync(`worker/migrations/${f}`, "utf8"))
      .join("\n");
    const created = new Set([...sql.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1] as string));
    const renamed = [...sql.matchAll(/ALTER TABLE (\w+) RENAME TO (\w+)/g)];
    for (const [, from, to] of renamed) {
      created.delete(from as string);
      created.add(to as string);
    }
    const placed = new Set([...CITIZEN_TABLES, ...OFFICE_TABLES, ...DEV_TABLES]);
    expect([...created].filter((t) => !placed.has(t))).toEqual([]);
  });
});
