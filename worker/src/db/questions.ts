import type { SecurityQuestionT } from "../../../shared/schemas";

/** Every security question the app holds, by id. */
export async function listQuestions(db: D1Database): Promise<SecurityQuestionT[]> {
  const { results } = await db.prepare("SELECT id, text FROM security_questions ORDER BY id").all<SecurityQuestionT>();
  return results;
}
