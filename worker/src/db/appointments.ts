/** Appointments at the police office ("Đặt lịch hẹn"): one row per booking. */

/** A booking. */
export interface Appointment {
  code: string;
  unitCode: string;
  day: string;
  time: string;
  citizenId: string;
  phone: string;
  status: "booked" | "cancelled";
  createdAt: number;
}

interface AppointmentRow {
  code: string;
  unit_code: string;
  day: string;
  time: string;
  citizen_id: string;
  phone: string;
  status: string;
  created_at: number;
}

function toAppointment(r: AppointmentRow): Appointment {
  return {
    code: r.code,
    unitCode: r.unit_code,
    day: r.day,
    time: r.time,
    citizenId: r.citizen_id,
    phone: r.phone,
    status: r.status as Appointment["status"],
    createdAt: r.created_at,
  };
}

/** Seats taken per slot time of a unit's day. */
export async function countBooked(db: D1Database, unitCode: string, day: string): Promise<Map<string, number>> {
  const { results } = await db
    .prepare(
      "SELECT time, count(*) AS n FROM appointments WHERE unit_code = ?1 AND day = ?2 AND status = 'booked' GROUP BY time",
    )
    .bind(unitCode, day)
    .all<{ time: string; n: number }>();
  return new Map(results.map((r) => [r.time, r.n]));
}

/** The citizen's booking that has not happened yet (on or after `today`), or `null`. */
export async function findActiveBooking(db: D1Database, citizenId: string, today: string): Promise<Appointment | null> {
  const row = await db
    .prepare(
      "SELECT * FROM appointments WHERE citizen_id = ?1 AND status = 'booked' AND day >= ?2 ORDER BY day, time LIMIT 1",
    )
    .bind(citizenId, today)
    .first<AppointmentRow>();
  return row ? toAppointment(row) : null;
}

/**
 * Books a seat in one statement, so that concurrent bookings can never exceed the slot's capacity nor give a
 * citizen two bookings to come: true when booked.
 */
export async function insertBooking(db: D1Database, a: Appointment, capacity: number, today: string): Promise<boolean> {
  const r = await db
    .prepare(
      `INSERT INTO appointments (code, unit_code, day, time, citizen_id, phone, status, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, 'booked', ?7
       WHERE (SELECT count(*) FROM appointments WHERE unit_code = ?2 AND day = ?3 AND time = ?4 AND status = 'booked') < ?8
         AND NOT EXISTS (SELECT 1 FROM appointments WHERE citizen_id = ?5 AND status = 'booked' AND day >= ?9)`,
    )
    .bind(a.code, a.unitCode, a.day, a.time, a.citizenId, a.phone, a.createdAt, capacity, today)
    .run();
  return r.meta.changes === 1;
}

/** Cancels a booking of this citizen; the booking cancelled, or `null` when there was none to cancel. */
export async function cancelBooking(
  db: D1Database,
  code: string,
  citizenId: string,
  now: number,
): Promise<Appointment | null> {
  const row = await db
    .prepare(
      `UPDATE appointments SET status = 'cancelled', cancelled_at = ?3 WHERE code = ?1 AND citizen_id = ?2 AND status = 'booked'
       RETURNING *`,
    )
    .bind(code, citizenId, now)
    .first<AppointmentRow>();
  return row ? toAppointment(row) : null;
}

/** Marks the booking's code as texted again now, only if it was not in the last `minSeconds`: one change when it may be sent. */
export function claimResendStatement(
  db: D1Database,
  code: string,
  now: number,
  minSeconds: number,
): D1PreparedStatement {
  return db
    .prepare("UPDATE appointments SET resent_at = ?2 WHERE code = ?1 AND (resent_at IS NULL OR resent_at <= ?2 - ?3)")
    .bind(code, now, minSeconds);
}

/** A unit's bookings of a day, by time. */
export async function listDay(db: D1Database, unitCode: string, day: string): Promise<Appointment[]> {
  const { results } = await db
    .prepare("SELECT * FROM appointments WHERE unit_code = ?1 AND day = ?2 ORDER BY time, created_at, code")
    .bind(unitCode, day)
    .all<AppointmentRow>();
  return results.map(toAppointment);
}
