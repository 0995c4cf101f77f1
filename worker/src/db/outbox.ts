/** The local SMS adapter's outbox (`sms_outbox`), read by the development route `/api/dev/sms`. */

/** A message in the development SMS outbox. */
export interface OutboxMessage {
  to: string;
  text: string;
  sentAt: number;
}

/** Keeps one message, once per idempotency key; false when the key was already there. */
export async function insertOutbox(
  db: D1Database,
  toE164: string,
  text: string,
  sentAt: number,
  key: string,
): Promise<boolean> {
  const { meta } = await db
    .prepare(
      "INSERT INTO sms_outbox (to_phone, text, sent_at, idem_key) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (idem_key) DO NOTHING",
    )
    .bind(toE164, text, sentAt, key)
    .run();
  return meta.changes === 1;
}

/** The messages sent to a number, newest first. */
export async function listOutbox(db: D1Database, toE164: string, limit = 50): Promise<OutboxMessage[]> {
  const { results } = await db
    .prepare("SELECT to_phone, text, sent_at FROM sms_outbox WHERE to_phone = ?1 ORDER BY id DESC LIMIT ?2")
    .bind(toE164, limit)
    .all<{ to_phone: string; text: string; sent_at: number }>();
  return results.map((r) => ({ to: r.to_phone, text: r.text, sentAt: r.sent_at }));
}
