/**
 * "Người phụ thuộc" (seed Phụ lục 1 III, level 2, item 4): a level-2 parent or guardian adds a child under 14 from
 * the population registry with the child's personal ID number and date of birth. This is where registration sends
 * an under-14 (`UNDER_14`). A wrong date of birth gets the same answer as an unknown ID (`DEPENDANT_NOT_FOUND`), and
 * refused look-ups are capped per account, so the form cannot be used to probe the registry.
 *
 * Knowing a child's ID and date of birth proves nothing, so a link is a request ("Chờ xác nhận", `pending`) that an
 * officer of the child's unit (the unit of the child's registry address) approves or refuses; until then nothing
 * about the child is shown. Where the child's registry record lists the parent (`guardianIds`), the link is made at
 * once. A child has at most 2 approved guardians (`DEPENDANT_LIMIT`); requests do not count, so a stranger's request
 * never blocks the real parent, and a guardian has at most 5 requests waiting. When a link is made or removed, the
 * child's other guardian is told in "Thông báo". A guardian removes their own link; an officer removes a wrong one.
 */
import type { DependantBodyT, DependantsResponseT } from "../../../shared/card-api";
import { ageOn } from "../../../shared/cccd";
import type { DependantLinkItemT, DependantLinksQueryT } from "../../../shared/officer-schemas";
import type { Citizen } from "../adapters/registry";
import { iso, vnToday } from "../clock";
import type { Ctx } from "../context";
import { randomToken } from "../crypto";
import { type Account, findAccount } from "../db/accounts";
import { audit, claimedAuditStatement, recentRefusals } from "../db/audit";
import { type Claim, newClaim, runClaimed } from "../db/claim";
import {
  type DependantLink,
  addLinkStatement,
  approveLinkStatement,
  claimLinkStatement,
  deleteClaimedLinkStatement,
  findGuardianLink,
  findLink,
  linksOfChild,
  listDependantLinks,
  listLinks,
} from "../db/dependants";
import { claimedNotifyStatement, otherGuardiansNotifyStatement } from "../db/notifications";
import { type Result, fail } from "../errors";
import { safeValidUntil, validityOf } from "./card";
import { type Officer, actsFor } from "./officer";
import { MIN_SELF_REGISTRATION_AGE } from "./registration";
import { routeUnit } from "./units";

/** A child has at most this many approved guardians. */
export const GUARDIANS_PER_CHILD = 2;
/** A guardian has at most this many requests waiting for an officer. */
export const PENDING_PER_GUARDIAN = 5;
/** Refused look-ups an account may make per window before it must wait. */
export const DEPENDANT_REFUSALS_MAX = 10;
/** The window of {@link DEPENDANT_REFUSALS_MAX}, in seconds. */
export const DEPENDANT_REFUSALS_WINDOW = 3600;

/** Only a level-2 account that has been approved (or activated since) may add dependants. */
export function mayAddDependants(account: Account | null): boolean {
  return account !== null && account.level === 2 && (account.status === "approved" || account.status === "active");
}

/** The registry records of these IDs (absent ones left out). */
async function citizensOf(ctx: Ctx, ids: string[]): Promise<Map<string, Citizen>> {
  const unique = [...new Set(ids)];
  if (ctx.registry.findCitizens) return ctx.registry.findCitizens(unique);
  const found = new Map<string, Citizen>();
  for (const c of await Promise.all(unique.map((id) => ctx.registry.findCitizen(id)))) if (c) found.set(c.id, c);
  return found;
}

/** The account's dependants: approved ones as the registry knows them today; requests with nothing but the ID typed. */
export async function listDependants(ctx: Ctx, accountId: string): Promise<DependantsResponseT> {
  const today = vnToday(ctx.clock);
  const [account, links] = await Promise.all([findAccount(ctx.db, accountId), listDependantLinks(ctx.db, accountId)]);
  const approved = links.filter((l) => l.status === "approved");
  const children = await citizensOf(
    ctx,
    approved.map((l) => l.childId),
  );
  const dependants: DependantsResponseT["dependants"] = [];
  for (const link of links) {
    if (link.status === "pending") {
      dependants.push({ status: "pending", citizenId: link.childId, addedAt: iso(link.addedAt) });
      continue;
    }
    const child = children.get(link.childId);
    if (!child) continue;
    const validUntil = safeValidUntil(child.dob, child.cardIssued);
    dependants.push({
      status: "approved",
      citizenId: child.id,
      fullName: child.fullName,
      dob: child.dob,
      gender: child.gender,
      addedAt: iso(link.addedAt),
      card: validUntil === undefined ? null : validityOf(validUntil, today),
    });
  }
  return { canAdd: mayAddDependants(account), dependants };
}

/** The other guardians' notice that `guardian` was linked to (or unlinked from) the child. */
function otherGuardiansNotice(
  ctx: Ctx,
  claim: Claim,
  now: number,
  link: { childId: string; guardianId: string },
  event: "linked" | "unlinked",
  names: { child: string; guardian: string },
): D1PreparedStatement {
  return otherGuardiansNotifyStatement(ctx.db, claim, now, link.childId, link.guardianId, {
    event,
    child: names.child,
    guardian: names.guardian,
  });
}

/**
 * "Thêm người phụ thuộc": the parent is level 2 (approved or active); the child is in the registry with that date
 * of birth, under 14 on the server's today, not already linked to this parent, and has fewer than 2 approved
 * guardians. Where the registry lists the parent, one batch makes the link ("dependant.added") and tells the other
 * guardian; otherwise it records a request for the child's unit ("dependant.requested").
 */
export async function addDependant(
  ctx: Ctx,
  accountId: string,
  body: DependantBodyT,
): Promise<Result<DependantsResponseT>> {
  const account = await findAccount(ctx.db, accountId);
  if (!mayAddDependants(account)) return fail("LEVEL2_REQUIRED");
  const now = ctx.clock.now();
  const refusals = await recentRefusals(ctx.db, accountId, now - DEPENDANT_REFUSALS_WINDOW);
  if (refusals.count >= DEPENDANT_REFUSALS_MAX) {
    return fail("RATE_LIMITED", {
      retryAfter: Math.max(1, (refusals.oldest ?? now) + DEPENDANT_REFUSALS_WINDOW - now),
    });
  }
  const refuse = async (code: "DEPENDANT_NOT_FOUND" | "DEPENDANT_NOT_MINOR") => {
    await audit(ctx.db, now, "dependant.refused", accountId, { reason: code });
    return fail(code);
  };
  const child = body.childId === accountId ? null : await ctx.registry.findCitizen(body.childId);
  if (!child || child.dob !== body.dob) return refuse("DEPENDANT_NOT_FOUND");
  if (ageOn(child.dob, vnToday(ctx.clock)) >= MIN_SELF_REGISTRATION_AGE) return refuse("DEPENDANT_NOT_MINOR");

  const links = await linksOfChild(ctx.db, child.id);
  if (links.some((l) => l.guardianId === accountId)) return fail("DEPENDANT_EXISTS");
  if (links.filter((l) => l.status === "approved").length >= GUARDIANS_PER_CHILD) return fail("DEPENDANT_LIMIT");
  const backed = (child.guardianIds ?? []).includes(accountId);
  if (
    !backed &&
    links.filter((l) => l.guardianId === accountId && l.status === "pending").length >= PENDING_PER_GUARDIAN
  ) {
    return fail("DEPENDANT_PENDING_LIMIT");
  }
  const unitCode = await routeUnit(ctx, child.address);
  const guardian = backed ? await ctx.registry.findCitizen(accountId) : null;
  const link = {
    id: randomToken(16),
    guardianId: accountId,
    childId: child.id,
    status: backed ? ("approved" as const) : ("pending" as const),
    unitCode,
    at: now,
  };
  const db = ctx.db;
  const claim = newClaim("dependants");
  const { won } = await runClaimed(db, [
    addLinkStatement(db, claim, link, GUARDIANS_PER_CHILD, PENDING_PER_GUARDIAN),
    claimedAuditStatement(db, claim, now, backed ? "dependant.added" : "dependant.requested", null, accountId, {
      child: child.id,
      ...(!backed && { unit: unitCode }),
    }),
    ...(backed
      ? [
          otherGuardiansNotice(ctx, claim, now, link, "linked", {
            child: child.fullName,
            guardian: guardian?.fullName ?? "",
          }),
        ]
      : []),
  ]);
  if (!won) {
    // A concurrent add got there first.
    const again = await linksOfChild(ctx.db, child.id);
    if (again.some((l) => l.guardianId === accountId)) return fail("DEPENDANT_EXISTS");
    return fail(backed ? "DEPENDANT_LIMIT" : "DEPENDANT_PENDING_LIMIT");
  }
  return { ok: true, ...(await listDependants(ctx, accountId)) };
}

/**
 * "Gỡ người phụ thuộc": a guardian removes their link to a child (or withdraws a request). One batch: the audit line
 * ("dependant.removed"), the other guardian's notice (for an approved link) and the removal.
 */
export async function removeDependant(
  ctx: Ctx,
  accountId: string,
  childId: string,
): Promise<Result<DependantsResponseT>> {
  const link = await findGuardianLink(ctx.db, accountId, childId);
  if (!link) return fail("DEPENDANT_LINK_NOT_FOUND");
  const removed = await removeLink(ctx, link, null);
  if (!removed.ok) return removed;
  return { ok: true, ...(await listDependants(ctx, accountId)) };
}

/**
 * Removes a link in one claim-guarded batch: audited, the other guardian told (approved links), the guardian told
 * when an officer removed it, and the row deleted. `DEPENDANT_LINK_NOT_FOUND` when a concurrent change got there first.
 */
async function removeLink(ctx: Ctx, link: DependantLink, officer: Officer | null): Promise<Result<object>> {
  const now = ctx.clock.now();
  const db = ctx.db;
  const claim = newClaim("dependants");
  const names =
    link.status === "approved" ? await citizensOf(ctx, [link.childId, link.guardianId]) : new Map<string, Citizen>();
  const { won } = await runClaimed(db, [
    claimLinkStatement(db, claim, link.id, link.status),
    claimedAuditStatement(db, claim, now, "dependant.removed", officer?.username ?? null, link.guardianId, {
      child: link.childId,
      status: link.status,
      by: officer ? "officer" : "guardian",
    }),
    ...(link.status === "approved"
      ? [
          otherGuardiansNotice(ctx, claim, now, link, "unlinked", {
            child: names.get(link.childId)?.fullName ?? "",
            guardian: names.get(link.guardianId)?.fullName ?? "",
          }),
        ]
      : []),
    ...(officer
      ? [
          claimedNotifyStatement(db, claim, now, link.guardianId, "dependant", {
            event: "removed",
            childId: link.childId,
          }),
        ]
      : []),
    deleteClaimedLinkStatement(db, claim),
  ]);
  return won ? { ok: true } : fail("DEPENDANT_LINK_NOT_FOUND");
}

// ------------------------------------------------------------------------------------------------------------------
// Officers: the requests of their unit, approved or refused; wrong links removed.

/** A link as the officers' list shows it, with the registry's names. */
function itemOf(link: DependantLink, names: Map<string, Citizen>): DependantLinkItemT {
  const child = names.get(link.childId);
  return {
    id: link.id,
    status: link.status,
    unitCode: link.unitCode,
    addedAt: iso(link.addedAt),
    guardian: { id: link.guardianId, fullName: names.get(link.guardianId)?.fullName ?? null },
    child: { id: link.childId, fullName: child?.fullName ?? null, dob: child?.dob ?? null },
  };
}

/** The links of the officer's unit (a province_admin: any unit, or every unit), pending by default. */
export async function listLinksFor(
  ctx: Ctx,
  officer: Officer,
  q: DependantLinksQueryT,
): Promise<Result<{ links: DependantLinkItemT[] }>> {
  if (q.unit !== undefined && !actsFor(officer, q.unit)) return fail("FORBIDDEN");
  const unitCode = officer.role === "province_admin" ? (q.unit ?? null) : officer.unitCode;
  const links = await listLinks(ctx.db, { unitCode, status: q.status ?? "pending", childId: q.child ?? null });
  const names = await citizensOf(
    ctx,
    links.flatMap((l) => [l.childId, l.guardianId]),
  );
  return { ok: true, links: links.map((l) => itemOf(l, names)) };
}

/** The link this officer may act on, or the refusal (one answer for an unknown id and another unit's link). */
async function linkFor(ctx: Ctx, officer: Officer, id: string): Promise<Result<{ link: DependantLink }>> {
  const link = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await findLink(ctx.db, id) : null;
  if (!link) return fail("DEPENDANT_LINK_NOT_FOUND");
  if (!actsFor(officer, link.unitCode)) return fail("FORBIDDEN");
  return { ok: true, link };
}

/**
 * An officer of the child's unit approves a request: the link is made (if the child still has fewer than 2 approved
 * guardians), audited, and the parent and the other guardian are told, in one batch.
 */
export async function approveLink(ctx: Ctx, officer: Officer, id: string): Promise<Result<object>> {
  const found = await linkFor(ctx, officer, id);
  if (!found.ok) return found;
  const { link } = found;
  if (link.status !== "pending") return fail("ALREADY_DECIDED");
  const names = await citizensOf(ctx, [link.childId, link.guardianId]);
  const now = ctx.clock.now();
  const db = ctx.db;
  const claim = newClaim("dependants");
  const { won } = await runClaimed(db, [
    approveLinkStatement(db, claim, link.id, officer.username, now, GUARDIANS_PER_CHILD),
    claimedAuditStatement(db, claim, now, "dependant.approved", officer.username, link.guardianId, {
      child: link.childId,
      unit: link.unitCode,
    }),
    claimedNotifyStatement(db, claim, now, link.guardianId, "dependant", {
      event: "approved",
      childId: link.childId,
      child: names.get(link.childId)?.fullName ?? "",
    }),
    otherGuardiansNotice(ctx, claim, now, link, "linked", {
      child: names.get(link.childId)?.fullName ?? "",
      guardian: names.get(link.guardianId)?.fullName ?? "",
    }),
  ]);
  if (won) return { ok: true };
  const latest = await findLink(ctx.db, link.id);
  if (!latest || latest.status !== "pending") return fail("ALREADY_DECIDED");
  return fail("DEPENDANT_LIMIT");
}

/** An officer refuses a request: it is deleted, audited ("dependant.rejected") and the parent told, in one batch. */
export async function refuseLink(ctx: Ctx, officer: Officer, id: string): Promise<Result<object>> {
  const found = await linkFor(ctx, officer, id);
  if (!found.ok) return found;
  const { link } = found;
  if (link.status !== "pending") return fail("ALREADY_DECIDED");
  const now = ctx.clock.now();
  const db = ctx.db;
  const claim = newClaim("dependants");
  const { won } = await runClaimed(db, [
    claimLinkStatement(db, claim, link.id, "pending"),
    claimedAuditStatement(db, claim, now, "dependant.rejected", officer.username, link.guardianId, {
      child: link.childId,
      unit: link.unitCode,
    }),
    claimedNotifyStatement(db, claim, now, link.guardianId, "dependant", { event: "refused", childId: link.childId }),
    deleteClaimedLinkStatement(db, claim),
  ]);
  return won ? { ok: true } : fail("ALREADY_DECIDED");
}

/** An officer removes a wrong link (approved, or a request): audited, and the guardian and the other guardian told. */
export async function removeLinkByOfficer(ctx: Ctx, officer: Officer, id: string): Promise<Result<object>> {
  const found = await linkFor(ctx, officer, id);
  if (!found.ok) return found;
  return removeLink(ctx, found.link, officer);
}
