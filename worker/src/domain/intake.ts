/**
 * Level 2 at the police office (seed 001, section 3): the officer reads the citizen's card (QR or typed), the
 * registry check runs; the citizen's own phone and a portrait taken on the spot are required, the driver licence,
 * health insurance and vehicle registration numbers optional; no fee; the citizen's consent is recorded. The
 * result is a level-2 file numbered `L2-<province>-<year>-<sequence>` with a tracking code, for the receipt.
 *
 * An ID that already has a live level-2 file or a level-2 account gets no second one (cards issued since
 * 01/4/2022 already carry an e-ID file). A level-0 or level-1 account is no duplicate: the file upgrades it.
 */
import { INITIAL_ACCOUNT_STATE, transition } from "../../../shared/lifecycle";
import { messageFor } from "../../../shared/messages";
import { type IntakeInput, PAPER_EXPIRY_FIELD, PAPER_KINDS } from "../../../shared/officer-schemas";
import type { Ctx } from "../context";
import { randomToken } from "../crypto";
import { createOfficeAccountStatement, findAccount, moveAccountStatement } from "../db/accounts";
import {
  findClaimedApplication,
  findLiveLevel2,
  insertOfficeApplicationStatement,
  numberApplicationStatements,
  supersedeLevel1Statement,
} from "../db/applications";
import { intakeAuditStatement } from "../db/audit";
import { newClaim, runClaimed } from "../db/claim";
import { claimIntakePhotoStatement, findUnusedIntakePhotoKey, insertPhoto } from "../db/photos";
import { findUnit } from "../db/units";
import { type Result, fail } from "../errors";
import { newTrackingCode, referencePrefix } from "./codes";
import { putPortrait } from "./level1";
import type { Officer } from "./officer";
import { checkCardInput } from "./registration";
import { matchesRegistry, withRegistryName } from "./registry-match";

/** Stores a portrait taken at the office (already checked by `checkPortrait`), for the officer's next intake. */
export async function storeIntakePhoto(
  ctx: Ctx,
  officer: Officer,
  bytes: Uint8Array,
  size: { width: number; height: number },
): Promise<{ photoId: string; bytes: number; width: number; height: number }> {
  const photoId = randomToken(16);
  const key = await putPortrait(ctx, photoId, bytes);
  try {
    await insertPhoto(ctx.db, "intake", {
      id: photoId,
      owner: officer.username,
      r2Key: key,
      bytes: bytes.length,
      ...size,
      uploadedAt: ctx.clock.now(),
    });
  } catch (err) {
    // No row, no object: an upload either lands whole or not at all.
    await ctx.photos.delete(key);
    throw err;
  }
  return { photoId, bytes: bytes.length, ...size };
}

/** The intake's answer. */
export interface IntakeOutcome {
  reference: string;
  trackingCode: string;
  trackingUrl: string;
  citizen: { id: string; fullName: string };
  account: { level: 0 | 1 | 2; status: "app" | "pending" | "approved" | "active" };
}

/** The papers a file records, with their expiry dates; empty strings are left out. */
function papersOf(input: IntakeInput): Record<string, string> {
  const papers: Record<string, string> = {};
  for (const key of PAPER_KINDS) {
    const value = input[key];
    if (!value) continue;
    papers[key] = value;
    const expiry = input[PAPER_EXPIRY_FIELD[key]];
    if (expiry) papers[PAPER_EXPIRY_FIELD[key]] = expiry;
  }
  return papers;
}

/**
 * "Tiếp nhận hồ sơ mức 2". The account moves through the shared lifecycle: no account → one is created at level 2,
 * `pending`, with no password (INITIAL_ACCOUNT_STATE, then apply(2)); a level-0 account or a pending or approved
 * level-1 account applies for level 2 (a pending level-1 application is superseded); an active level-1 account stays
 * active until the file is approved (then `upgrade`). One batch, claimed through the photo, so that two officers
 * taking the same citizen at once make one file.
 */
export async function intakeLevel2(
  ctx: Ctx,
  officer: Officer,
  input: IntakeInput,
  origin: string,
  retry = true,
): Promise<Result<IntakeOutcome>> {
  if (!input.consent) return fail("CONSENT_REQUIRED", { fields: { consent: messageFor("CONSENT_REQUIRED") } });
  const unitCode = input.unitCode ?? officer.unitCode;
  if (unitCode !== officer.unitCode && officer.role !== "province_admin") return fail("FORBIDDEN");
  const unit = await findUnit(ctx.db, unitCode);
  if (!unit) return fail("UNIT_NOT_FOUND");
  const checked = checkCardInput(ctx, input.card);
  if (!checked.ok) return checked;
  const { card } = checked;
  // ID, name, date of birth and gender against the registry; the phone is the citizen's own, declared here.
  const citizen = await ctx.registry.findCitizen(card.id);
  if (!citizen || !matchesRegistry(citizen, card)) return fail("REGISTRY_MISMATCH");
  const photoKey = await findUnusedIntakePhotoKey(ctx.db, input.photoId, officer.username);
  if (!photoKey || !(await ctx.photos.exists(photoKey))) return fail("PHOTO_NOT_FOUND");

  const [account, live] = await Promise.all([findAccount(ctx.db, card.id), findLiveLevel2(ctx.db, card.id)]);
  if (live || account?.level === 2) return fail("LEVEL2_EXISTS", live?.reference ? { hint: live.reference } : {});
  const prior = account ? { level: account.level, status: account.status } : INITIAL_ACCOUNT_STATE;
  const upgrade = account?.status === "active";
  const next = upgrade
    ? transition(prior, { type: "upgrade" }) && prior
    : transition(prior, { type: "apply", level: 2 });
  if (!next) return fail("LEVEL2_EXISTS");

  const now = ctx.clock.now();
  const db = ctx.db;
  // Every statement after the first runs only if the first claimed the photo.
  const claim = newClaim("intake_photos");
  const { won } = await runClaimed(db, [
    claimIntakePhotoStatement(
      db,
      claim,
      input.photoId,
      officer.username,
      card.id,
      account ? `${account.level}/${account.status}` : null,
    ),
    account
      ? moveAccountStatement(db, claim, card.id, next, now)
      : createOfficeAccountStatement(db, claim, card.id, input.phone, next, now),
    insertOfficeApplicationStatement(db, claim, {
      accountId: card.id,
      cardJson: JSON.stringify(withRegistryName(card, citizen)),
      submittedAt: now,
      trackingCode: newTrackingCode(),
      unitCode: unit.code,
      phone: input.phone,
      papersJson: JSON.stringify(papersOf(input)),
      prior,
      intakePhotoId: input.photoId,
      intakeBy: officer.username,
    }),
    ...numberApplicationStatements(db, claim, referencePrefix(2, ctx.config.provinceCode, ctx.clock)),
    // A pending level-1 application is replaced by this file (and comes back if the file is rejected).
    supersedeLevel1Statement(db, claim, card.id, now),
    intakeAuditStatement(db, claim, now, officer.username, card.id, `${prior.level}/${prior.status}`, upgrade),
  ]);
  if (!won) {
    // Another intake or decision got there first: answer from the new state (once).
    if (retry) return intakeLevel2(ctx, officer, input, origin, false);
    const again = await findLiveLevel2(ctx.db, card.id);
    return fail(again ? "LEVEL2_EXISTS" : "PHOTO_NOT_FOUND", again?.reference ? { hint: again.reference } : {});
  }
  const file = await findClaimedApplication(ctx.db, claim.value);
  if (!file?.reference || !file.trackingCode) throw new Error("the intake batch wrote no numbered file");
  const params = new URLSearchParams({ ref: file.reference, code: file.trackingCode });
  return {
    ok: true,
    reference: file.reference,
    trackingCode: file.trackingCode,
    trackingUrl: `${origin}/tra-cuu?${params}`,
    citizen: { id: card.id, fullName: citizen.fullName },
    account: next,
  };
}
