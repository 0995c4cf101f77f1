/**
 * `npm run migrations:lock`: records the SHA-256 of every migration in `worker/migrations.lock.json`, once it is
 * written and before it lands. A migration that has landed is never edited or renumbered (a deployed database that
 * has applied it would never see the change, or would apply a renumbered copy again); `tests/node/migrations.test.ts`
 * compares the files against this list. Existing entries are never rewritten: an edited migration stays a failure.
 */
import { writeFileSync } from "node:fs";
import { LOCK_FILE, type MigrationsLock, migrationFiles, readLock, sha256File } from "./migrations";

const lock: MigrationsLock = readLock();
const added: string[] = [];
for (const file of migrationFiles()) {
  if (lock.landed[file] !== undefined) continue;
  lock.landed[file] = sha256File(file);
  added.push(file);
}
writeFileSync(LOCK_FILE, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `recorded: ${added.join(", ")}` : "nothing new to record");
