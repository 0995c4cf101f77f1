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
  | "level1.applied";

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
