/** The D1 migrations on disk and the checked-in list of those that have landed (`worker/migrations.lock.json`). */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

/** The folder wrangler applies migrations from (`migrations_dir` in wrangler.toml). */
export const MIGRATIONS_DIR = resolve(import.meta.dirname, "..", "worker", "migrations");
/** The checked-in list: numbers recorded as absent, and the SHA-256 of each landed migration. */
export const LOCK_FILE = resolve(import.meta.dirname, "..", "worker", "migrations.lock.json");

/** The lock file's shape. */
export interface MigrationsLock {
  /** Why the file exists, for a reader who opens it. */
  about: string;
  /** Numbers that never landed and must stay unused (a gap that deployed databases already have). */
  absent: number[];
  /** File name → SHA-256 (hex) of its bytes. */
  landed: Record<string, string>;
}

/** The migration files, in the order wrangler applies them. */
export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith(".sql"))
    .sort();
}

/** The number of a migration file (`0004_officers.sql` → 4), or NaN. */
export function migrationNumber(file: string): number {
  const m = /^(\d{4})_[a-z0-9_]+\.sql$/.exec(file);
  return m ? Number(m[1]) : Number.NaN;
}

/** SHA-256 (hex) of a migration file's bytes. */
export function sha256File(file: string): string {
  return createHash("sha256")
    .update(readFileSync(join(MIGRATIONS_DIR, file)))
    .digest("hex");
}

/** The checked-in lock. */
export function readLock(): MigrationsLock {
  return JSON.parse(readFileSync(LOCK_FILE, "utf8")) as MigrationsLock;
}
