/**
 * "Người phụ thuộc" (seed Phụ lục 1 III, level 2, item 4): a level-2 parent or guardian adds a child under 14 from
 * the population registry with the child's personal ID number and date of birth; the child then shows in the
 * parent's account. This is where registration sends an under-14 (`UNDER_14`). A wrong date of birth gets the same
 * answer as an unknown ID (`DEPENDANT_NOT_FOUND`), and refused look-ups are capped per account, so the form cannot
 * be used to probe the registry.
 */
import type { DependantBodyT, DependantT, DependantsResponseT } from "../../../shared/card-api";
import { ageOn } from "../../../shared/cccd";
import { iso, vnToday } from "../clock";
import type { Ctx } from "../context";
import { randomToken } from "../crypto";
import { type Account, findAccount } from "../db/accounts";
import { audit, dependantAddedAuditStatement, recentRefusals } from "../db/audit";
import { addDependantStatement, guardiansOf, listDependantLinks } from "../db/dependants";
import { type Result, fail } from "../errors";
import { safeValidUntil, validityOf } from "./card";
import { MIN_SELF_REGISTRATION_AGE } from "./registration";

/** A child has at most this many guardians linked. */
export const GUARDIANS_PER_CHILD = 2;
/** Refused look-ups an account may make per window before it must wait. */
export const DEPENDANT_REFUSALS_MAX = 10;
/** The window of {@link DEPENDANT_REFUSALS_MAX}, in seconds. */
export const DEPENDANT_REFUSALS_WINDOW = 3600;

/** Only a level-2 account that has been approved (or activated since) may add dependants. */
export function mayAddDependants(account: Account | null): boolean {
  return account !== null && account.level === 2 && (account.status === "approved" || account.status === "active");
}

/** The account's dependants, as the registry knows them today. */
export async function listDependants(ctx: Ctx, accountId: string): Promise<DependantsResponseT> {
  const today = vnToday(ctx.clock);
  const [account, links] = await Promise.all([findAccount(ctx.db, accountId), listDependantLinks(ctx.db, accountId)]);
  const children = await Promise.all(links.map((l) => ctx.registry.findCitizen(l.childId)));
  const dependants: DependantT[] = [];
  links.forEach((link, i) => {
    const child = children[i];
    if (!child) return;
    const validUntil = safeValidUntil(child.dob, child.cardIssued);
    dependants.push({
      citizenId: child.id,
      fullName: child.fullName,
      dob: child.dob,
      gender: child.gender,
      addedAt: iso(link.addedAt),
      card: validUntil === undefined ? null : validityOf(validUntil, today),
    });
  });
  return { canAdd: mayAddDependants(account), dependants };
}

/**
 * "Thêm người phụ thuộc": the parent is level 2 (approved or active); the child is in the registry with that date
 * of birth, under 14 on the server's today, not already this parent's, and has fewer than 2 guardians. One batch:
 * the link and its audit line ("dependant.added").
 */
export async function addDependant(ctx: Ctx, accountId: string, body: DependantBodyT): Promise<Result<DependantsResponseT>> {
  const account = await findAccount(ctx.db, accountId);
  if (!mayAddDependants(account)) return fail("LEVEL2_REQUIRED");
  const now = ctx.clock.now();
  const refusals = await recentRefusals(ctx.db, accountId, now - DEPENDANT_REFUSALS_WINDOW);
  if (refusals.count >= DEPENDANT_REFUSALS_MAX) {
    return fail("RATE_LIMITED", { retryAfter: Math.max(1, (refusals.oldest ?? now) + DEPENDANT_REFUSALS_WINDOW - now) });
  }
  const refuse = async (code: "DEPENDANT_NOT_FOUND" | "DEPENDANT_NOT_MINOR") => {
    await audit(ctx.db, now, "dependant.refused", accountId, { reason: code });
    return fail(code);
  };
  const child = body.childId === accountId ? null : await ctx.registry.findCitizen(body.childId);
  if (!child || child.dob !== body.dob) return refuse("DEPENDANT_NOT_FOUND");
  if (ageOn(child.dob, vnToday(ctx.clock)) >= MIN_SELF_REGISTRATION_AGE) return refuse("DEPENDANT_NOT_MINOR");

  const guardians = await guardiansOf(ctx.db, child.id);
  if (guardians.includes(accountId)) return fail("DEPENDANT_EXISTS");
  if (guardians.length >= GUARDIANS_PER_CHILD) return fail("DEPENDANT_LIMIT");
  const id = randomToken(16);
  const [added] = await ctx.db.batch([
    addDependantStatement(ctx.db, id, accountId, child.id, now, GUARDIANS_PER_CHILD),
    dependantAddedAuditStatement(ctx.db, id, now, accountId, child.id),
  ]);
  if (added?.meta.changes !== 1) {
    // A concurrent add got there first.
    const again = await guardiansOf(ctx.db, child.id);
    return fail(again.includes(accountId) ? "DEPENDANT_EXISTS" : "DEPENDANT_LIMIT");
  }
  return { ok: true, ...(await listDependants(ctx, accountId)) };
}
