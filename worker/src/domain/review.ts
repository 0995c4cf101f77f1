/**
 * The approval queue: level-1 applications (online) and level-2 files (police office), filtered by unit, level,
 * state and date; a file opens with its photo and is marked "under review"; an officer approves it or rejects it
 * with a reason. Decisions move the account through the shared lifecycle, in one batch that only the first of
 * two concurrent decisions can win; the citizen gets an SMS either way.
 *
 * Four eyes: the officer who took a file cannot approve it (`SELF_APPROVAL`; rejecting it stays allowed). A file
 * whose phone is not the account's current one moves the account to that phone: the file says so, and the approval
 * first texts the current phone how to object; if that text cannot be sent, nothing is decided.
 */
import { foldAscii, foldAsciiUpper } from "../../../shared/ascii";
import { type AccountState, transition } from "../../../shared/lifecycle";
import {
  type ApplicationDetailT,
  type ApplicationItemT,
  PHONE_CHANGE_NOTICE,
  type TimelineEntryT,
} from "../../../shared/officer-schemas";
import { maskPhone, parseVnMobile } from "../../../shared/phone";
import { SmsUnavailableError } from "../adapters/sms";
import { iso } from "../clock";
import type { Ctx } from "../context";
import type { PhotoBody } from "../adapters/photos";
import { type Account, decideAccountStatement, findAccount } from "../db/accounts";
import {
  type Application,
  type ApplicationFilter,
  decideApplicationStatement,
  findApplication,
  listApplications,
  markReviewingStatement,
  restoreSupersededStatement,
} from "../db/applications";
import { claimedAuditStatement, officerAuditStatement } from "../db/audit";
import { newClaim, runClaimed } from "../db/claim";
import { claimedNotifyStatement } from "../db/notifications";
import { filePhotoKey } from "../db/photos";
import { findUnit } from "../db/units";
import { type Result, fail } from "../errors";
import { type Officer, actsFor } from "./officer";
import { sendAfterCommit, sendBeforeCommit } from "./texts";

/** The approval SMS (ASCII): the citizen's name in upper case, and where to activate. */
export function approvedText(fullName: string, activateUrl: string): string {
  return `Ho so dang ky tai khoan dinh danh dien tu cua cong dan ${foldAsciiUpper(fullName)} da duoc phe duyet. De nghi truy cap ${activateUrl} de kich hoat tai khoan.`;
}

/** The rejection SMS (ASCII), with the officer's reason. */
export function rejectedText(fullName: string, reason: string): string {
  return `Ho so dang ky tai khoan dinh danh dien tu cua cong dan ${foldAsciiUpper(fullName)} khong duoc phe duyet. Ly do: ${foldAscii(reason)}.`.replace(
    /\.\.$/,
    ".",
  );
}

/**
 * The text to the account's current phone before an approval moves the account to another phone (ASCII): what
 * changes, by which file, and the unit to object to. It is sent before the decision is written (pre-commit).
 */
export function phoneChangeText(unitName: string, newPhone: string, reference: string): string {
  return `Tai khoan dinh danh dien tu cua ban sap duoc chuyen sang so dien thoai ${maskedPhone(newPhone)} theo ho so ${reference}. Neu khong phai ban yeu cau, hay lien he ngay ${foldAscii(unitName)} de phan doi.`;
}

/** An E.164 mobile number as `091****678`. */
export function maskedPhone(e164: string): string {
  return maskPhone(parseVnMobile(e164)?.national ?? e164);
}

/** The phone an approval of `file` would move `account` to, or `null` when it keeps its phone. */
function newPhoneOf(file: Application, account: Account): string | null {
  return file.phone !== null && file.phone !== account.phone ? file.phone : null;
}

interface CardFields {
  id: string;
  oldId: string;
  fullName: string;
  dob: string;
  gender: string;
  address: string;
  issued: string;
  cardType?: string;
}

function cardOf(a: Application): CardFields {
  try {
    const c = JSON.parse(a.cardJson) as Partial<CardFields>;
    return {
      id: String(c.id ?? a.accountId),
      oldId: String(c.oldId ?? ""),
      fullName: String(c.fullName ?? ""),
      dob: String(c.dob ?? ""),
      gender: String(c.gender ?? ""),
      address: String(c.address ?? ""),
      issued: String(c.issued ?? ""),
      ...(typeof c.cardType === "string" && { cardType: c.cardType }),
    };
  } catch {
    return { id: a.accountId, oldId: "", fullName: "", dob: "", gender: "", address: "", issued: "" };
  }
}

/** The steps a citizen and an officer see: received → under review → approved / rejected (or superseded). */
export function timelineOf(a: Application): TimelineEntryT[] {
  const steps: TimelineEntryT[] = [{ step: "received", at: iso(a.submittedAt) }];
  if (a.reviewingAt !== null) steps.push({ step: "review", at: iso(a.reviewingAt) });
  if (a.decidedAt !== null && a.status !== "pending") {
    steps.push({
      step: a.status,
      at: iso(a.decidedAt),
      ...(a.reason !== null && a.status !== "approved" && { reason: a.reason }),
    });
  }
  return steps;
}

/** One line of the queue. */
export function itemOf(a: Application): ApplicationItemT {
  return {
    id: a.id,
    reference: a.reference,
    level: a.level,
    channel: a.channel,
    status: a.status,
    unitCode: a.unitCode,
    unitName: a.names.unit ?? a.unitCode,
    citizen: { id: a.accountId, fullName: cardOf(a).fullName },
    submittedAt: iso(a.submittedAt),
    ...(a.decidedAt !== null && { decidedAt: iso(a.decidedAt) }),
    ...(a.reason !== null && { reason: a.reason }),
  };
}

/** The queue as this officer may see it: their own unit, or any unit for a province_admin. */
export async function listQueue(
  ctx: Ctx,
  officer: Officer,
  filter: ApplicationFilter,
): Promise<Result<{ applications: ApplicationItemT[] }>> {
  if (filter.unitCode !== undefined && !actsFor(officer, filter.unitCode)) return fail("FORBIDDEN");
  const unitCode = officer.role === "province_admin" ? filter.unitCode : officer.unitCode;
  const rows = await listApplications(ctx.db, { ...filter, ...(unitCode !== undefined && { unitCode }) });
  return { ok: true, applications: rows.map(itemOf) };
}

/** The file this officer may act on, or the refusal. */
async function fileFor(ctx: Ctx, officer: Officer, id: number): Promise<Result<{ file: Application }>> {
  const file = Number.isSafeInteger(id) && id > 0 ? await findApplication(ctx.db, id) : null;
  if (!file) return fail("APPLICATION_NOT_FOUND");
  if (!actsFor(officer, file.unitCode)) return fail("FORBIDDEN");
  return { ok: true, file };
}

/** Opens a file: everything about it; a pending file is marked "under review" the first time it is opened. */
export async function openApplication(
  ctx: Ctx,
  officer: Officer,
  id: number,
): Promise<Result<{ detail: ApplicationDetailT }>> {
  const found = await fileFor(ctx, officer, id);
  if (!found.ok) return found;
  let { file } = found;
  if (file.status === "pending" && file.reviewingAt === null) {
    const now = ctx.clock.now();
    const claim = newClaim("applications");
    const { won } = await runClaimed(ctx.db, [
      markReviewingStatement(ctx.db, claim, file.id, now, officer.username),
      claimedAuditStatement(ctx.db, claim, now, "application.review", officer.username, file.accountId, {
        reference: file.reference,
      }),
    ]);
    if (won)
      file = {
        ...file,
        reviewingAt: now,
        reviewingBy: officer.username,
        names: { ...file.names, reviewingBy: officer.name },
      };
    else file = (await findApplication(ctx.db, file.id)) ?? file;
  }
  const account = await findAccount(ctx.db, file.accountId);
  let papers: Record<string, string> = {};
  try {
    papers = JSON.parse(file.papersJson) as Record<string, string>;
  } catch {
    // an unreadable papers column shows no papers
  }
  const hasPhoto = file.photoId !== null || file.intakePhotoId !== null;
  const phoneChange = file.status === "pending" && account !== null && newPhoneOf(file, account) !== null;
  return {
    ok: true,
    detail: {
      ...itemOf(file),
      trackingCode: file.trackingCode,
      card: cardOf(file),
      phone: file.phone,
      ...(phoneChange &&
        account && { phoneChange: { accountPhone: maskedPhone(account.phone), message: PHONE_CHANGE_NOTICE } }),
      ...(file.email !== null && { email: file.email }),
      papers: {
        ...(papers.driverLicence && { driverLicence: papers.driverLicence }),
        ...(papers.driverLicenceExpiry && { driverLicenceExpiry: papers.driverLicenceExpiry }),
        ...(papers.healthInsurance && { healthInsurance: papers.healthInsurance }),
        ...(papers.healthInsuranceExpiry && { healthInsuranceExpiry: papers.healthInsuranceExpiry }),
        ...(papers.vehicleRegistration && { vehicleRegistration: papers.vehicleRegistration }),
        ...(papers.vehicleRegistrationExpiry && { vehicleRegistrationExpiry: papers.vehicleRegistrationExpiry }),
      },
      consent: file.consentAt !== null,
      photoUrl: hasPhoto ? `/api/officer/photos/${file.id}` : null,
      account: account ? { level: account.level, status: account.status } : null,
      ...(file.intakeBy !== null && { intakeBy: file.intakeBy, intakeByName: file.names.intakeBy ?? file.intakeBy }),
      ...(file.reviewingBy !== null && {
        reviewingBy: file.reviewingBy,
        reviewingByName: file.names.reviewingBy ?? file.reviewingBy,
      }),
      ...(file.decidedBy !== null && {
        decidedBy: file.decidedBy,
        decidedByName: file.names.decidedBy ?? file.decidedBy,
      }),
      timeline: timelineOf(file),
    },
  };
}

/** The file's portrait, for an officer who may see the file. */
export async function applicationPhoto(ctx: Ctx, officer: Officer, id: number): Promise<Result<{ photo: PhotoBody }>> {
  const found = await fileFor(ctx, officer, id);
  if (!found.ok) return found;
  const key = await filePhotoKey(ctx.db, found.file);
  const photo = key ? await ctx.photos.get(key) : null;
  if (!photo) return fail("PHOTO_NOT_FOUND");
  return { ok: true, photo };
}

/** A decision: approve, or reject with a reason. */
export type Decision = { approve: true } | { approve: false; reason: string };

/**
 * Texts the account's current phone that an approval is about to move the account to `newPhone` (pre-commit: the
 * decision is written only if this text went out). `SMS_UNAVAILABLE` (503) when it cannot be sent (audited).
 */
async function tellOldPhone(
  ctx: Ctx,
  officer: Officer,
  file: Application,
  account: Account,
  newPhone: string,
): Promise<Result<object>> {
  const unit = file.unitCode !== null ? await findUnit(ctx.db, file.unitCode) : null;
  const text = phoneChangeText(unit?.name ?? "Cong an xa, phuong noi cu tru", newPhone, file.reference ?? "");
  try {
    await sendBeforeCommit(ctx, "phone.change.old", account.phone, text, [file.id, newPhone]);
    return { ok: true };
  } catch (err) {
    if (!(err instanceof SmsUnavailableError)) throw err;
    const now = ctx.clock.now();
    await ctx.db.batch([
      officerAuditStatement(ctx.db, now, "sms.failed", officer.username, account.id, {
        purpose: "phone-change",
        reference: file.reference,
        reason: err.reason,
      }),
    ]);
    return fail("SMS_UNAVAILABLE");
  }
}

/**
 * Approves or rejects a pending file. Approval: `pending` → `approved` at the file's level (an active level-1
 * account is upgraded to level 2 at once, still active), and the account's phone becomes the one the file records
 * (a phone change: the old phone is told first, see {@link tellOldPhone}). Only an officer other than the one who
 * took the file may approve it. Rejection: the account goes back to the state it had before applying (a superseded
 * level-1 application comes back to the queue). Exactly one of two concurrent decisions wins; the other gets
 * `ALREADY_DECIDED`.
 */
export async function decideApplication(
  ctx: Ctx,
  officer: Officer,
  id: number,
  decision: Decision,
  origin: string,
  attempt: { retry: boolean; toldPhone: string | null } = { retry: true, toldPhone: null },
): Promise<Result<{ application: ApplicationItemT }>> {
  const found = await fileFor(ctx, officer, id);
  if (!found.ok) return found;
  const { file } = found;
  if (file.status !== "pending") return fail("ALREADY_DECIDED");
  if (decision.approve && file.intakeBy !== null && file.intakeBy === officer.username) return fail("SELF_APPROVAL");
  const account = await findAccount(ctx.db, file.accountId);
  if (!account) return fail("APPLICATION_NOT_FOUND");
  const newPhone = decision.approve ? newPhoneOf(file, account) : null;
  // Told once per decision, even if the batch below must be run again.
  if (newPhone !== null && attempt.toldPhone !== account.phone) {
    const told = await tellOldPhone(ctx, officer, file, account, newPhone);
    if (!told.ok) return told;
  }
  const current: AccountState = { level: account.level, status: account.status };
  // A level-2 file of an active level-1 account never moved the account: approval upgrades it, rejection leaves it.
  const upgrade = file.level === 2 && account.status === "active";
  const next = decision.approve
    ? transition(current, { type: upgrade ? "upgrade" : "approve" })
    : upgrade
      ? current
      : transition(current, { type: "reject", ...(file.prior && { restore: file.prior }) });
  if (!next) return fail("ALREADY_DECIDED");

  const now = ctx.clock.now();
  const db = ctx.db;
  const claim = newClaim("applications");
  const status = decision.approve ? "approved" : "rejected";
  const reason = decision.approve ? null : decision.reason;
  const from = `${current.level}/${current.status}`;
  const { won } = await runClaimed(db, [
    decideApplicationStatement(db, claim, file.id, now, {
      status,
      reason,
      officer: officer.username,
      accountId: account.id,
      accountState: from,
      accountPhone: account.phone,
    }),
    decideAccountStatement(db, claim, account.id, next, decision.approve ? file.phone : null, now),
    // A rejected level-2 file gives the level-1 application it replaced back to the queue.
    restoreSupersededStatement(db, claim, file.id, decision.approve),
    claimedAuditStatement(
      db,
      claim,
      now,
      decision.approve ? "application.approved" : "application.rejected",
      officer.username,
      account.id,
      {
        reference: file.reference,
        level: file.level,
        from,
        to: `${next.level}/${next.status}`,
        ...(reason !== null && { reason }),
      },
    ),
    // "Thông báo": the citizen sees the decision in the app too.
    claimedNotifyStatement(db, claim, now, account.id, "approval", {
      decision: status,
      level: String(file.level),
      ...(file.reference !== null && { reference: file.reference }),
      ...(reason !== null && { reason }),
    }),
    // A phone change: in "Hoạt động của tôi" and the officer audit (both officers), and in "Thông báo".
    ...(newPhone === null
      ? []
      : [
          claimedAuditStatement(db, claim, now, "phone.changed", officer.username, account.id, {
            reference: file.reference,
            unit: file.unitCode,
            intakeBy: file.intakeBy,
            approvedBy: officer.username,
            from: account.phone,
            to: newPhone,
          }),
          claimedNotifyStatement(db, claim, now, account.id, "phone", {
            phone: maskedPhone(newPhone),
            ...(file.reference !== null && { reference: file.reference }),
          }),
        ]),
  ]);
  if (!won) {
    const latest = await findApplication(ctx.db, file.id);
    if (latest && latest.status === "pending" && attempt.retry) {
      return decideApplication(ctx, officer, id, decision, origin, {
        retry: false,
        toldPhone: newPhone === null ? null : account.phone,
      });
    }
    return fail("ALREADY_DECIDED");
  }
  const decided = (await findApplication(ctx.db, file.id)) ?? file;
  const fullName = cardOf(file).fullName;
  const phone = file.phone ?? account.phone;
  const text = decision.approve
    ? approvedText(fullName, `${origin}/kich-hoat`)
    : rejectedText(fullName, decision.reason);
  await sendAfterCommit(ctx, decision.approve ? "application.approved" : "application.rejected", {
    to: phone,
    text,
    accountId: account.id,
    about: [file.id],
  });
  return { ok: true, application: itemOf(decided) };
}
