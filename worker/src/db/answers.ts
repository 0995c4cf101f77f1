/** Security answers (`security_answers`): two per account, in slots 1 and 2, each an answer's PBKDF2 hash. */
import type { Claim } from "./claim";

/** The hash of the answer in one slot of an account, with its question's id and text. */
export async function findSecurityAnswer(
  db: D1Database,
  accountId: string,
  slot: 1 | 2,
): Promise<{ questionId: number; text: string; answerHash: string } | null> {
  const row = await db
    .prepare(
      `SELECT a.question_id, q.text, a.answer_hash FROM security_answers a
       JOIN security_questions q ON q.id = a.question_id WHERE a.account_id = ?1 AND a.slot = ?2`,
    )
    .bind(accountId, slot)
    .first<{ question_id: number; text: string; answer_hash: string }>();
  return row ? { questionId: row.question_id, text: row.text, answerHash: row.answer_hash } : null;
}

/** The slots (1, 2) in which an account has a security answer. */
export async function answeredSlots(db: D1Database, accountId: string): Promise<Array<1 | 2>> {
  const { results } = await db
    .prepare("SELECT slot FROM security_answers WHERE account_id = ?1 ORDER BY slot")
    .bind(accountId)
    .all<{ slot: number }>();
  return results.map((r) => r.slot).filter((s): s is 1 | 2 => s === 1 || s === 2);
}

/** An answer to store: its question and its hash. */
export interface StoredAnswer {
  questionId: number;
  answerHash: string;
}

/** Activation (claim-guarded, see db/claim.ts): replaces the account's answers with `answers`, in slots 1, 2… */
export function replaceAnswersStatements(
  db: D1Database,
  claim: Claim,
  now: number,
  accountId: string,
  answers: readonly StoredAnswer[],
): D1PreparedStatement[] {
  return [
    db
      .prepare(`DELETE FROM security_answers WHERE account_id = ?3 AND ${claim.guard}`)
      .bind(claim.value, now, accountId),
    ...answers.map((a, i) =>
      db
        .prepare(
          `INSERT INTO security_answers (account_id, slot, question_id, answer_hash)
           SELECT ?3, ?4, ?5, ?6 WHERE ${claim.guard}`,
        )
        .bind(claim.value, now, accountId, i + 1, a.questionId, a.answerHash),
    ),
  ];
}

/** An answer hash of an earlier pepper, replaced by the current pepper's (unless it changed meanwhile). */
export function rehashAnswerStatement(
  db: D1Database,
  accountId: string,
  slot: 1 | 2,
  stored: string,
  hash: string,
): D1PreparedStatement {
  return db
    .prepare("UPDATE security_answers SET answer_hash = ?4 WHERE account_id = ?1 AND slot = ?2 AND answer_hash = ?3")
    .bind(accountId, slot, stored, hash);
}

/** Registry import: an answer of a new account. */
export function insertAnswerStatement(
  db: D1Database,
  accountId: string,
  slot: number,
  answer: StoredAnswer,
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO security_answers (account_id, slot, question_id, answer_hash) VALUES (?1, ?2, ?3, ?4)")
    .bind(accountId, slot, answer.questionId, answer.answerHash);
}
