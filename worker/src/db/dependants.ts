/**
 * "Người phụ thuộc": links between a level-2 parent or guardian and a child under 14 (migrations 0009, 0012). A link
 * is `pending` until an officer of `unit_code` (the unit of the child's registry address) approves it, or
 * `approved` at once where the registry lists the guardian. Refused and removed links are deleted (and audited).
 */
import type { Claim } from "./claim";

/** A link's state. */
export type LinkStatus = "pending" | "approved";

/** A guardian's link to a child. */
export interface DependantLink {
  id: string;
  guardianId: string;
  childId: string;
  status: LinkStatus;
  unitCode: string | null;
  addedAt: number;
}

interface LinkRow {
  id: string;
  guardian_id: string;
  child_id: string;
  status: string;
  unit_code: string | null;
  added_at: number;
}

function toLink(r: LinkRow): DependantLink {
  return {
    id: r.id,
    guardianId: r.guardian_id,
    childId: r.child_id,
    status: r.status as LinkStatus,
    unitCode: r.unit_code,
    addedAt: r.added_at,
  };
}

const COLUMNS = "id, guardian_id, child_id, status, unit_code, added_at";

/** The links of a guardian, approved and pending, oldest first. */
export async function listDependantLinks(db: D1Database, guardianId: string): Promise<DependantLink[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM dependants WHERE guardian_id = ?1 ORDER BY added_at, child_id`)
    .bind(guardianId)
    .all<LinkRow>();
  return results.map(toLink);
}

/** Every link to a child, approved and pending. */
export async function linksOfChild(db: D1Database, childId: string): Promise<DependantLink[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM dependants WHERE child_id = ?1`)
    .bind(childId)
    .all<LinkRow>();
  return results.map(toLink);
}

/** The link with this id, or `null`. */
export async function findLink(db: D1Database, id: string): Promise<DependantLink | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM dependants WHERE id = ?1`).bind(id).first<LinkRow>();
  return row ? toLink(row) : null;
}

/** The guardian's link to the child, or `null`. */
export async function findGuardianLink(
  db: D1Database,
  guardianId: string,
  childId: string,
): Promise<DependantLink | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM dependants WHERE guardian_id = ?1 AND child_id = ?2`)
    .bind(guardianId, childId)
    .first<LinkRow>();
  return row ? toLink(row) : null;
}

/** Filters of the officers' list: a unit (`null`: every unit), a state, a child. */
export interface LinkFilter {
  unitCode: string | null;
  status: LinkStatus;
  childId: string | null;
}

/** The newest 200 links matching the filter. */
export async function listLinks(db: D1Database, f: LinkFilter): Promise<DependantLink[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM dependants
       WHERE (?1 IS NULL OR unit_code = ?1) AND status = ?2 AND (?3 IS NULL OR child_id = ?3)
       ORDER BY added_at DESC, id LIMIT 200`,
    )
    .bind(f.unitCode, f.status, f.childId)
    .all<LinkRow>();
  return results.map(toLink);
}

/** A link to write. */
export interface NewLink {
  id: string;
  guardianId: string;
  childId: string;
  status: LinkStatus;
  unitCode: string | null;
  at: number;
}

/**
 * The first statement of an add's batch (db/claim.ts): adds the link with the claim, only if the guardian has none to
 * the child yet, the child has fewer than `maxApproved` approved guardians, and (for a request) the guardian has
 * fewer than `maxPending` pending requests, so that concurrent adds never pass either cap.
 */
export function addLinkStatement(
  db: D1Database,
  claim: Claim,
  l: NewLink,
  maxApproved: number,
  maxPending: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO dependants (id, guardian_id, child_id, added_at, status, unit_code, decided_at, claim)
       SELECT ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?6 = 'approved' THEN ?5 END, ?1
       WHERE (SELECT COUNT(*) FROM dependants WHERE child_id = ?4 AND status = 'approved') < ?8
         AND (?6 = 'approved' OR (SELECT COUNT(*) FROM dependants WHERE guardian_id = ?3 AND status = 'pending') < ?9)
       ON CONFLICT (guardian_id, child_id) DO NOTHING`,
    )
    .bind(claim.value, l.id, l.guardianId, l.childId, l.at, l.status, l.unitCode, maxApproved, maxPending);
}

/**
 * The first statement of an officer's approval batch (db/claim.ts, table `dependants`): approves the pending link and
 * writes the claim, only while the child has fewer than `maxApproved` approved guardians.
 */
export function approveLinkStatement(
  db: D1Database,
  claim: Claim,
  id: string,
  officer: string,
  at: number,
  maxApproved: number,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE dependants SET status = 'approved', decided_by = ?3, decided_at = ?4, claim = ?1
       WHERE id = ?2 AND status = 'pending'
         AND (SELECT COUNT(*) FROM dependants d WHERE d.child_id = dependants.child_id AND d.status = 'approved') < ?5`,
    )
    .bind(claim.value, id, officer, at, maxApproved);
}

/**
 * The first statement of a removal's batch (a refused request, a link removed by its guardian or an officer): marks
 * the link, in the state it was read in, with the claim; {@link deleteClaimedLinkStatement} ends the batch.
 */
export function claimLinkStatement(db: D1Database, claim: Claim, id: string, status: LinkStatus): D1PreparedStatement {
  return db.prepare("UPDATE dependants SET claim = ?1 WHERE id = ?2 AND status = ?3").bind(claim.value, id, status);
}

/** The last statement of a removal's batch: deletes the link it claimed. */
export function deleteClaimedLinkStatement(db: D1Database, claim: Claim): D1PreparedStatement {
  return db.prepare("DELETE FROM dependants WHERE claim = ?1").bind(claim.value);
}
