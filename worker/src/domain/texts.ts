/**
 * Every text the app sends, and when: {@link TEXT_TIMING} is the one place that says it.
 * - BEFORE the commit, in the request: the OTP itself. The citizen is waiting for it, and a text that cannot go
 *   undoes the send ("Chưa gửi được tin nhắn SMS…", nothing burnt).
 * - AFTER the commit, through the queue `vneid-sms`: every other text. The change is saved whatever happens to the
 *   text; the worker's `queue()` (worker/src/queue.ts) sends it through the provider and retries with backoff,
 *   honouring `Retry-After`; what keeps failing goes to `vneid-sms-dlq`, whose consumer lists it on "Tin nhắn lỗi"
 *   and audits `sms.failed`, and a province_admin can "Gửi lại".
 * Each text carries an idempotency key, deterministic from what it is about ({@link textKey}), sent to the provider
 * as `Idempotency-Key`: a retry after a timeout never sends it twice.
 */
import { maskPhone, parseVnMobile } from "../../../shared/phone";
import { type FailedTextT, type FailedTextsResponseT, type QueuedTextT, SMS_QUEUE } from "../../../shared/sms";
import { SmsUnavailableError } from "../adapters/sms";
import { iso } from "../clock";
import type { Ctx } from "../context";
import { sha256Hex } from "../crypto";
import { claimedAuditStatement, failedTextAuditStatement } from "../db/audit";
import { newClaim, runClaimed } from "../db/claim";
import type { Officer } from "../db/officers";
import {
  type FailedTextRow,
  findFailedText,
  listFailedTextStatement,
  listFailedTexts as listRows,
  markResentStatement,
  notePendingFailure,
} from "../db/sms-failed";
import { type Result, fail } from "../errors";

/**
 * When each text is sent, by what it is about: `before-commit` (in the request, before the change it belongs to is
 * written; a failure undoes the change) or `after-commit` (queued once the change is saved; a failure never fails
 * it). A text not in this table cannot be sent: {@link sendBeforeCommit} and {@link sendAfterCommit} take only its
 * own kind.
 */
export const TEXT_TIMING = {
  /** The OTP of every flow (activation, registration, both recoveries). */
  otp: "before-commit",
  /** The notice to the OLD phone of a phone change: sent before the new number is saved (issue 17). */
  "phone.change.old": "before-commit",
  "activation.completed": "after-commit",
  "registration.completed": "after-commit",
  "recovery.password": "after-commit",
  "recovery.passcode": "after-commit",
  "device.unlinked": "after-commit",
  "application.approved": "after-commit",
  "application.rejected": "after-commit",
  "appointment.booked": "after-commit",
  "appointment.resent": "after-commit",
  "appointment.cancelled": "after-commit",
} as const satisfies Record<string, "before-commit" | "after-commit">;

/** What a text is about: a key of {@link TEXT_TIMING}. */
export type TextEvent = keyof typeof TEXT_TIMING;
/** A text sent in the request, before its commit. */
export type BeforeCommitText = {
  [E in TextEvent]: (typeof TEXT_TIMING)[E] extends "before-commit" ? E : never;
}[TextEvent];
/** A text queued after its commit. */
export type AfterCommitText = Exclude<TextEvent, BeforeCommitText>;

/**
 * The idempotency key of a text: `<event>:<digest>`, the digest being SHA-256 of what the text is about (a flow,
 * an application, a send), so that the key names no phone, ID number or flow id in clear.
 */
export async function textKey(event: string, about: ReadonlyArray<string | number>): Promise<string> {
  return `${event}:${(await sha256Hex(about.join("\n"))).slice(0, 32)}`;
}

const masked = (e164: string) => maskPhone(parseVnMobile(e164)?.national ?? e164);

/**
 * Sends a before-commit text now, through the adapter, with its key. Throws `SmsUnavailableError` when the
 * provider cannot take it, for the caller to undo what the text was for.
 */
export async function sendBeforeCommit(
  ctx: Ctx,
  event: BeforeCommitText,
  to: string,
  text: string,
  about: ReadonlyArray<string | number>,
): Promise<void> {
  await ctx.sms.send(to, text, await textKey(event, about));
}

/**
 * Queues an after-commit text. Never throws: the change it follows is saved. A text that cannot even be queued is
 * listed on "Tin nhắn lỗi" at once (and audited `sms.failed`), for "Gửi lại".
 */
export async function sendAfterCommit(
  ctx: Ctx,
  event: AfterCommitText,
  input: { to: string; text: string; accountId: string | null; about: ReadonlyArray<string | number> },
): Promise<void> {
  const key = await textKey(event, input.about);
  await queueText(ctx, { key, event, to: input.to, text: input.text, accountId: input.accountId });
}

async function queueText(ctx: Ctx, text: QueuedTextT): Promise<void> {
  try {
    await ctx.texts.enqueue(text);
  } catch (err) {
    const reason = `queue: ${err instanceof Error ? err.message : String(err)}`.slice(0, 200);
    console.error(`[sms] ${text.key} could not be queued: ${reason}`);
    try {
      await listFailed(ctx, text, reason, 0);
    } catch (listErr) {
      // Nothing more can be done in this request; the saved change still stands.
      console.error(`[sms] ${text.key} could not be listed as failed: ${String(listErr)}`);
    }
  }
}

/** Lists a text on "Tin nhắn lỗi" and audits `sms.failed`, once per key. */
async function listFailed(ctx: Ctx, text: QueuedTextT, reason: string, attempts: number): Promise<void> {
  const claim = newClaim("sms_failed");
  const at = ctx.clock.now();
  await runClaimed(ctx.db, [
    listFailedTextStatement(ctx.db, claim, text, { maskedPhone: masked(text.to), reason, attempts, at }),
    failedTextAuditStatement(ctx.db, claim, at),
  ]);
}

// ------------------------------------------------------------------------------------------------------------------
// The queue's consumers (worker/src/queue.ts).

/** What becomes of one delivery of a queued text: acknowledged, or tried again after `delaySeconds`. */
export type Delivery = { ack: true } | { ack: false; delaySeconds: number };

/**
 * The wait before the next try of a text whose attempt number `attempts` failed: `baseSeconds`·2^(attempts−1), or
 * the provider's `Retry-After` when that is longer; never more than {@link SMS_QUEUE}.maxRetryDelaySeconds.
 */
export function retryDelay(attempts: number, baseSeconds: number, retryAfter: number | null): number {
  const backoff = baseSeconds * 2 ** Math.max(0, attempts - 1);
  return Math.min(SMS_QUEUE.maxRetryDelaySeconds, Math.max(backoff, retryAfter ?? 0));
}

/**
 * `vneid-sms`: one attempt at a queued text (the `attempts`-th). Sent: acknowledged. Refused for good by the
 * provider (a 4xx): listed as failed at once. Otherwise tried again after {@link retryDelay}; the last attempt
 * before the dead-letter queue notes why it failed, which that queue's consumer cannot learn.
 */
export async function deliverQueuedText(
  ctx: Ctx,
  text: QueuedTextT,
  attempts: number,
  retryBaseSeconds: number,
): Promise<Delivery> {
  try {
    await ctx.sms.send(text.to, text.text, text.key);
    return { ack: true };
  } catch (err) {
    const reason = err instanceof SmsUnavailableError ? err.reason : err instanceof Error ? err.name : "error";
    if (err instanceof SmsUnavailableError && err.permanent) {
      await listFailed(ctx, text, reason, attempts);
      return { ack: true };
    }
    if (attempts > SMS_QUEUE.maxRetries) {
      await notePendingFailure(ctx.db, text, { maskedPhone: masked(text.to), reason, attempts, at: ctx.clock.now() });
    }
    const retryAfter = err instanceof SmsUnavailableError ? err.retryAfter : null;
    return { ack: false, delaySeconds: retryDelay(attempts, retryBaseSeconds, retryAfter) };
  }
}

/** `vneid-sms-dlq`: a text that kept failing is listed on "Tin nhắn lỗi" and audited `sms.failed`. */
export async function deadLetterText(ctx: Ctx, text: QueuedTextT): Promise<void> {
  await listFailed(ctx, text, "retries exhausted", SMS_QUEUE.maxRetries + 1);
}

// ------------------------------------------------------------------------------------------------------------------
// "Tin nhắn lỗi" (province_admin).

/** The most texts the screen lists. */
export const FAILED_TEXTS_LIMIT = 200;

function itemOf(row: FailedTextRow): FailedTextT {
  return {
    id: row.id,
    event: row.event,
    maskedPhone: row.maskedPhone,
    text: row.text,
    reason: row.reason,
    attempts: row.attempts,
    failedAt: iso(row.failedAt),
    key: row.key,
    state: row.state === "resent" ? "resent" : "failed",
    resentAt: row.resentAt === null ? null : iso(row.resentAt),
    resentBy: row.resentBy,
  };
}

/** "Tin nhắn lỗi": the newest failed texts, newest first (the phone masked). */
export async function listFailedTexts(ctx: Ctx): Promise<FailedTextsResponseT> {
  return { items: (await listRows(ctx.db, FAILED_TEXTS_LIMIT)).map(itemOf) };
}

/**
 * "Gửi lại": marks the text resent (audited `sms.resent`, with the officer) in a batch that only the first of two
 * concurrent clicks wins, then queues it again under a new key of its own, so that the provider sends it once more
 * even if it had kept the first one.
 */
export async function resendFailedText(ctx: Ctx, officer: Officer, id: number): Promise<Result<{ item: FailedTextT }>> {
  const row = await findFailedText(ctx.db, id);
  if (!row) return fail("SMS_NOT_FOUND");
  if (row.state !== "failed") return fail("SMS_ALREADY_RESENT");
  const now = ctx.clock.now();
  const key = await textKey(row.event, ["resend", row.key]);
  const claim = newClaim("sms_failed");
  const { won } = await runClaimed(ctx.db, [
    markResentStatement(ctx.db, claim, row.id, officer.username, now),
    claimedAuditStatement(ctx.db, claim, now, "sms.resent", officer.username, row.accountId, {
      text: row.event,
      key: row.key,
      resendKey: key,
    }),
  ]);
  if (!won) return fail("SMS_ALREADY_RESENT");
  await queueText(ctx, { key, event: row.event, to: row.phone, text: row.text, accountId: row.accountId });
  return { ok: true, item: itemOf({ ...row, state: "resent", resentAt: now, resentBy: officer.username }) };
}
