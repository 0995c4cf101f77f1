/** What "Đăng ký" writes when it completes, besides its flow (db/flows.ts): the app account. */
import type { AccountState } from "../../../shared/lifecycle";
import type { Claim } from "./claim";

/**
 * Claim-guarded (db/claim.ts): creates the app account, or gives its phone and password to the account a rejected
 * level-2 file left (level 0, no password); any other account of the ID is left alone.
 */
export function createAppAccountStatement(
  db: D1Database,
  claim: Claim,
  now: number,
  citizenId: string,
  phone: string,
  state: AccountState,
  passwordHash: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO accounts (id, phone, level, status, password_hash, created_at, updated_at)
       SELECT ?3, ?4, ?5, ?6, ?7, ?2, ?2 WHERE ${claim.guard}
       ON CONFLICT(id) DO UPDATE SET phone = excluded.phone, password_hash = excluded.password_hash,
         updated_at = excluded.updated_at
       WHERE accounts.level = 0 AND accounts.password_hash IS NULL`,
    )
    .bind(claim.value, now, citizenId, phone, state.level, state.status, passwordHash);
}
