/** Event sessions and the records uploaded under them (migration 0006). */
import type { EventOutcomeT } from "../../../shared/event-schemas";

/** An event session. */
export interface EventSessionRow {
  id: string;
  officer: string;
  unit_code: string;
  unit_name: string | null;
  place: string;
  first_day: string;
  last_day: string;
  kid: string;
  created_at: number;
}

/** A record uploaded under a session; `processing` while a request works on it. */
export interface EventRecordRow {
  event_id: string;
  client_id: string;
  captured_at: number;
  state: "processing" | Exclude<EventOutcomeT, "retry">;
  reference: string | null;
  code: string | null;
  claimed_at: number;
}

/** Seconds after which a `processing` claim may be taken again (its worker died or timed out). */
export const CLAIM_LEASE_SECONDS = 60;

/** The session `id` with its unit's name, or `null`. */
export function findEventSession(db: D1Database, id: string): Promise<EventSessionRow | null> {
  return db
    .prepare(
      `SELECT e.*, u.name AS unit_name FROM event_sessions e LEFT JOIN units u ON u.code = e.unit_code WHERE e.id = ?1`,
    )
    .bind(id)
    .first<EventSessionRow>();
}

/** A statement inserting a session. */
export function insertEventSessionStatement(
  db: D1Database,
  e: Omit<EventSessionRow, "unit_name">,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO event_sessions (id, officer, unit_code, place, first_day, last_day, kid, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(e.id, e.officer, e.unit_code, e.place, e.first_day, e.last_day, e.kid, e.created_at);
}

/**
 * A statement claiming a record for this request: a new record, or a `processing` one whose claim has lapsed. It
 * returns the row when this request holds the claim, and no row when another outcome (or a live claim) is there.
 */
export function claimEventRecordStatement(
  db: D1Database,
  eventId: string,
  clientId: string,
  capturedAt: number,
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO event_records (event_id, client_id, captured_at, state, claimed_at)
       VALUES (?1, ?2, ?3, 'processing', ?4)
       ON CONFLICT (event_id, client_id) DO UPDATE SET claimed_at = excluded.claimed_at
         WHERE event_records.state = 'processing' AND event_records.claimed_at <= excluded.claimed_at - ?5
       RETURNING *`,
    )
    .bind(eventId, clientId, capturedAt, now, CLAIM_LEASE_SECONDS);
}

/** A statement reading one record of a session. */
export function findEventRecordStatement(db: D1Database, eventId: string, clientId: string): D1PreparedStatement {
  return db.prepare("SELECT * FROM event_records WHERE event_id = ?1 AND client_id = ?2").bind(eventId, clientId);
}

/** A statement writing a claimed record's outcome (only while it is still `processing`). */
export function finishEventRecordStatement(
  db: D1Database,
  eventId: string,
  clientId: string,
  state: EventRecordRow["state"],
  reference: string | null,
  code: string | null,
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE event_records SET state = ?3, reference = ?4, code = ?5, decided_at = ?6
       WHERE event_id = ?1 AND client_id = ?2 AND state = 'processing'`,
    )
    .bind(eventId, clientId, state, reference, code, now);
}

/** Every record of a session, in upload order. */
export async function listEventRecords(db: D1Database, eventId: string): Promise<EventRecordRow[]> {
  const { results } = await db
    .prepare("SELECT * FROM event_records WHERE event_id = ?1 ORDER BY rowid")
    .bind(eventId)
    .all<EventRecordRow>();
  return results;
}
