/**
 * Claim-guarded batches. The first statement of such a batch writes a random claim into one row of `table` (a flow,
 * a photo, an application, a dependant link); every later statement carries {@link Claim.guard} and binds the claim as `?1`, so it
 * writes only if the first one did. Of two concurrent duplicates, only the one that claimed the row writes anything.
 */
import { randomToken } from "../crypto";

/** The tables whose rows a batch can claim (each has a `claim` column). */
export type ClaimTable =
  | "activation_flows"
  | "registration_flows"
  | "recovery_flows"
  | "intake_photos"
  | "applications"
  | "sms_failed"
  | "dependants";

/** One batch's claim: the random value, and the SQL condition (on `?1`) that holds once it is written. */
export interface Claim {
  value: string;
  guard: string;
}

/** A fresh claim on a row of `table`. */
export function newClaim(table: ClaimTable): Claim {
  return { value: randomToken(16), guard: `EXISTS (SELECT 1 FROM ${table} WHERE claim = ?1)` };
}

/** Runs a claim-guarded batch as one D1 batch; `won` when its first statement claimed its row. */
export async function runClaimed(
  db: D1Database,
  statements: D1PreparedStatement[],
): Promise<{ won: boolean; results: D1Result[] }> {
  const results = await db.batch(statements);
  return { won: results[0]?.meta.changes === 1, results };
}
