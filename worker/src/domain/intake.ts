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
import { findAccount } from "../db/accounts";
import { findClaimedApplication, findLiveLevel2, numberApplicationStatements } from "../db/applications";
import { findUnit } from "../db/units";
import { type Result, fail } from "../errors";
import { newTrackingCode, referencePrefix } from "./codes";
import { putPortrait } from "./level1";
import type { Officer } from "./officer";
import { checkCardInput } from "./registration";
import { matchesRegistry } from "./registry-match";

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
    await ctx.db
      .prepare(
        `INSERT INTO intake_photos (id, officer, r2_key, bytes, width, height, uploaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
      )
      .bind(photoId, officer.username, key, bytes.length, size.width, size.height, ctx.clock.now())
      .run();
  } catch (err) {
    // No row, no object: an upload either lands whole or not at all.
    await ctx.env.PHOTOS.delete(key);
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
  const photo = await ctx.db
    .prepare("SELECT r2_key FROM intake_photos WHERE id = ?1 AND officer = ?2 AND claim IS NULL")
    .bind(input.photoId, officer.username)
    .first<{ r2_key: string }>();
  if (!photo || !(await ctx.env.PHOTOS.head(photo.r2_key))) return fail("PHOTO_NOT_FOUND");

  const [account, live] = await Promise.all([findAccount(ctx.db, card.id), findLiveLevel2(ctx.db, card.id)]);
  if (live || account?.level === 2) return fail("LEVEL2_EXISTS", live?.reference ? { hint: live.reference } : {});
  const prior = account ? { level: account.level, status: account.status } : INITIAL_ACCOUNT_STATE;
  const upgrade = account?.status === "active";
  const next = upgrade ? (transition(prior, { type: "upgrade" }) && prior) : transition(prior, { type: "apply", level: 2 });
  if (!next) return fail("LEVEL2_EXISTS");

  const now = ctx.clock.now();
  const db = ctx.db;
  const claim = randomToken(16);
  // ?1 is the claim throughout; every statement after the first runs only if the first claimed the photo.
  const claimed = "EXISTS (SELECT 1 FROM intake_photos WHERE claim = ?1)";
  const accountStatement = !account
    ? db
        .prepare(
          `INSERT INTO accounts (id, phone, level, status, created_at, updated_at)
           SELECT ?2, ?3, ?4, ?5, ?6, ?6 WHERE ${claimed}`,
        )
        .bind(claim, card.id, input.phone, next.level, next.status, now)
    : db
        .prepare(`UPDATE accounts SET level = ?3, status = ?4, updated_at = ?5 WHERE id = ?2 AND ${claimed}`)
        .bind(claim, card.id, next.level, next.status, now);
  const results = await db.batch([
    db
      .prepare(
        `UPDATE intake_photos SET claim = ?1
         WHERE id = ?2 AND officer = ?3 AND claim IS NULL
           AND (SELECT level || '/' || status FROM accounts WHERE id = ?4) IS ?5
           AND NOT EXISTS (SELECT 1 FROM applications WHERE account_id = ?4 AND level = 2 AND status IN ('pending', 'approved'))`,
      )
      .bind(claim, input.photoId, officer.username, card.id, account ? `${account.level}/${account.status}` : null),
    accountStatement,
    db
      .prepare(
        `INSERT INTO applications (account_id, level, channel, status, card_json, submitted_at, tracking_code, unit_code,
           phone, papers, consent_at, prior_level, prior_status, intake_photo_id, intake_by, claim)
         SELECT ?2, 2, 'office', 'pending', ?3, ?4, ?5, ?6, ?7, ?8, ?4, ?9, ?10, ?11, ?12, ?1 WHERE ${claimed}`,
      )
      .bind(
        claim,
        card.id,
        JSON.stringify(card),
        now,
        newTrackingCode(),
        unit.code,
        input.phone,
        JSON.stringify(papersOf(input)),
        prior.level,
        prior.status,
        input.photoId,
        officer.username,
      ),
    ...numberApplicationStatements(db, claim, referencePrefix(2, ctx.env.PROVINCE_CODE, ctx.clock)),
    // A pending level-1 application is replaced by this file (and comes back if the file is rejected).
    db
      .prepare(
        `UPDATE applications SET status = 'superseded', decided_at = ?3,
           superseded_by = (SELECT id FROM applications WHERE claim = ?1),
           reason = 'Thay thế bởi hồ sơ mức 2 ' || (SELECT reference FROM applications WHERE claim = ?1)
         WHERE account_id = ?2 AND level = 1 AND status = 'pending' AND ${claimed}`,
      )
      .bind(claim, card.id, now),
    db
      .prepare(
        `INSERT INTO audit_log (at, event, officer, account_id, detail)
         SELECT ?2, 'application.intake', ?3, ?4,
           json_object('reference', reference, 'unit', unit_code, 'prior', ?5, 'upgrade', json(?6))
         FROM applications WHERE claim = ?1`,
      )
      .bind(claim, now, officer.username, card.id, `${prior.level}/${prior.status}`, upgrade ? "true" : "false"),
  ]);
  if (results[0]?.meta.changes !== 1) {
    // Another intake or decision got there first: answer from the new state (once).
    if (retry) return intakeLevel2(ctx, officer, input, origin, false);
    const again = await findLiveLevel2(ctx.db, card.id);
    return fail(again ? "LEVEL2_EXISTS" : "PHOTO_NOT_FOUND", again?.reference ? { hint: again.reference } : {});
  }
  const file = await findClaimedApplication(ctx.db, claim);
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
