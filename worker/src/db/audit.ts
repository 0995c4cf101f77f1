/** Security events recorded in the append-only audit log. */
export type AuditEvent =
  | "activation.started"
  | "otp.sent"
  | "otp.failed"
  | "activation.completed"
  | "activation.cancelled"
  | "device.unbound"
  | "device.bound"
  | "session.revoked"
  | "login.succeeded"
  | "login.failed"
  | "login.locked"
  | "registry.imported"
  | "ratelimit.hit"
  | "sms.failed"
  | "registration.completed"
  | "level1.applied"
  | "officer.created"
  | "officer.login.succeeded"
  | "officer.login.failed"
  | "officer.login.locked"
  | "officer.password.changed"
  | "officer.logout"
  | "units.imported"
  | "application.intake"
  | "application.review"
  | "application.approved"
  | "application.rejected"
  | "report.exported"
  | "appointment.booked"
  | "appointment.cancelled"
  | "passcode.failed"
  | "passcode.locked"
  | "identity.shared"
  | "recovery.started"
  | "recovery.failed"
  | "recovery.locked"
  | "recovery.password"
  | "recovery.passcode"
  | "dependant.added"
  | "dependant.refused"
  | "event.started"
  | "event.record";

/** A statement appending one event; batch it with the change it records. */
export function auditStatement(
  db: D1Database,
  at: number,
  event: AuditEvent,
  accountId: string | null,
  detail: Record<string, unknown> = {},
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO audit_log (at, event, account_id, detail) VALUES (?1, ?2, ?3, ?4)")
    .bind(at, event, accountId, JSON.stringify(detail));
}

/** Appends one event on its own. */
export async function audit(
  db: D1Database,
  at: number,
  event: AuditEvent,
  accountId: string | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await auditStatement(db, at, event, accountId, detail).run();
}

/** A statement appending one officer action (the officer named in its own column); batch it with the change. */
export function officerAuditStatement(
  db: D1Database,
  at: number,
  event: AuditEvent,
  officer: string | null,
  accountId: string | null,
  detail: Record<string, unknown> = {},
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO audit_log (at, event, officer, account_id, detail) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(at, event, officer, accountId, JSON.stringify(detail));
}

/**
 * Like {@link officerAuditStatement}, but appended only when `condition` holds: SQL in which `?1` is `claim`, the
 * random value the batch's first statement wrote (so that only the batch that won records the action).
 */
export function claimedAuditStatement(
  db: D1Database,
  condition: string,
  claim: string,
  at: number,
  event: AuditEvent,
  officer: string | null,
  accountId: string | null,
  detail: Record<string, unknown> = {},
): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO audit_log (at, event, officer, account_id, detail) SELECT ?2, ?3, ?4, ?5, ?6 WHERE ${condition}`)
    .bind(claim, at, event, officer, accountId, JSON.stringify(detail));
}
