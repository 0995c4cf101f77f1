/** The security questions (`security_questions`) activation offers. */
import type { SecurityQuestionT } from "../../../shared/schemas";

/** Every security question the app holds, by id. */
export async function listQuestions(db: D1Database): Promise<SecurityQuestionT[]> {
  const { results } = await db.prepare("SELECT id, text FROM security_questions ORDER BY id").all<SecurityQuestionT>();
  return results;
}

/** Registry import: a question added, or its text replaced. */
export function upsertQuestionStatement(db: D1Database, id: number, text: string): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO security_questions (id, text) VALUES (?1, ?2) ON CONFLICT(id) DO UPDATE SET text = excluded.text",
    )
    .bind(id, text);
}
