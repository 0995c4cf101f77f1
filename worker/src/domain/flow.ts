/**
 * The one flow engine of activation, registration and both recoveries: open a flow, send its OTP, verify it, advance
 * step by step, claim the final step, end it. Every kind moves through its steps as `shared/lifecycle.ts` lists them
 * (FLOW_STEPS), one step at a time, each step allowed only from the one before it. A flow lives on the server for
 * FLOW_TTL_SECONDS; the client holds only its bearer id, stored as a SHA-256. Each flow's own file adds what is its
 * own: its checks, the contents of its final batch, and its state as the client sees it.
 */
import { FLOW_STEPS, FLOW_TTL_SECONDS, type FlowKind, type FlowStep, nextFlowStep } from "../../../shared/lifecycle";
import { maskPhone, parseVnMobile } from "../../../shared/phone";
import { iso } from "../clock";
import type { Ctx } from "../context";
import { randomToken, sha256Hex } from "../crypto";
import { type Claim, newClaim, runClaimed } from "../db/claim";
import {
  type Flow,
  type FlowChanges,
  type FlowExtras,
  advanceFlowStatement,
  claimFlowStatement,
  endFlowStatement,
  findFlow,
  flowTable,
  startFlowStatements,
} from "../db/flows";
import { type Result, fail } from "../errors";
import { type OtpTarget, checkOtp, sendOtp } from "./otp";

export type { Flow } from "../db/flows";

/** What opens a flow of kind `K`: the ID number and phone it is about, and what only that kind holds. */
export type FlowDraft<K extends FlowKind> = { citizenId: string; phone: string } & FlowExtras[K];

/** The steps of `kind` in order (its last is `done`). */
function stepsOf<K extends FlowKind>(kind: K): readonly FlowStep<K>[] {
  return FLOW_STEPS[kind] as readonly FlowStep<K>[];
}

/** The steps at which a flow of `kind` is still open: all but `done`. */
function liveSteps<K extends FlowKind>(kind: K): readonly FlowStep<K>[] {
  return stepsOf(kind).filter((s) => s !== "done");
}

/** The step at which every flow's code is sent and checked. */
const OTP = "otp";

function otpStep<K extends FlowKind>(): FlowStep<K> {
  return OTP as FlowStep<K>;
}

/** The account a flow is about, for the audit log and its codes; registration has none yet. */
function accountOf(flow: Pick<Flow, "kind" | "citizenId">): string | null {
  return flow.kind === "registration" ? null : flow.citizenId;
}

function targetOf(flow: Pick<Flow, "kind" | "citizenId" | "phone">): OtpTarget {
  return { phone: flow.phone, citizenId: flow.citizenId, accountId: accountOf(flow) };
}

/** The flow's phone, masked, as every flow state shows it. */
export function maskedPhoneOf(flow: Flow): string {
  return maskPhone(parseVnMobile(flow.phone)?.national ?? flow.phone);
}

/** The times of the code last sent, when one was. */
export function otpTimesOf(flow: Flow): { otp?: { expiresAt: string; resendAt: string } } {
  return flow.otpExpiresAt !== null && flow.otpResendAt !== null
    ? { otp: { expiresAt: iso(flow.otpExpiresAt), resendAt: iso(flow.otpResendAt) } }
    : {};
}

/** What every flow state tells the client: the flow, its step, the masked phone, when it ends, the code's times. */
export function flowView<K extends FlowKind>(
  flowId: string,
  flow: Flow<K>,
): {
  flowId: string;
  step: FlowStep<K>;
  maskedPhone: string;
  expiresAt: string;
  otp?: { expiresAt: string; resendAt: string };
} {
  return {
    flowId,
    step: flow.step,
    maskedPhone: maskedPhoneOf(flow),
    expiresAt: iso(flow.expiresAt),
    ...otpTimesOf(flow),
  };
}

/**
 * Loads an open, unexpired flow of `kind` (of `accountId`, when given) that is at one of `steps` (by default any
 * step but `done`): FLOW_EXPIRED for an unknown, ended or expired flow, FLOW_STEP for one at another step.
 */
export async function openFlow<K extends FlowKind>(
  ctx: Ctx,
  kind: K,
  flowId: string,
  { steps = liveSteps(kind), accountId }: { steps?: readonly FlowStep<K>[]; accountId?: string } = {},
): Promise<Result<{ flow: Flow<K> }>> {
  const flow = await findFlow(ctx.db, kind, await sha256Hex(flowId));
  if (!flow || (accountId !== undefined && flow.citizenId !== accountId)) return fail("FLOW_EXPIRED");
  if (flow.endedAt !== null || ctx.clock.now() >= flow.expiresAt) return fail("FLOW_EXPIRED");
  if (!steps.includes(flow.step)) return fail("FLOW_STEP");
  return { ok: true, flow };
}

function newFlow<K extends FlowKind>(
  kind: K,
  draft: FlowDraft<K>,
  idHash: string,
  now: number,
  otp: { expiresAt: number; resendAt: number } | null,
): Flow<K> {
  return {
    ...draft,
    kind,
    idHash,
    step: stepsOf(kind)[0] as FlowStep<K>,
    otpExpiresAt: otp?.expiresAt ?? null,
    otpResendAt: otp?.resendAt ?? null,
    createdAt: now,
    expiresAt: now + FLOW_TTL_SECONDS,
    endedAt: null,
  } as Flow<K>;
}

/**
 * Opens a flow of `kind` at its first step, ending the ID number's other open flows of the kind, in one batch with
 * the statements `also` gives (an audit line).
 */
export async function startFlow<K extends FlowKind>(
  ctx: Ctx,
  kind: K,
  draft: FlowDraft<K>,
  also: (flow: Flow<K>) => D1PreparedStatement[] = () => [],
): Promise<{ flowId: string; flow: Flow<K> }> {
  const flowId = randomToken(32);
  const flow = newFlow(kind, draft, await sha256Hex(flowId), ctx.clock.now(), null);
  await ctx.db.batch([...startFlowStatements(ctx.db, flow), ...also(flow)]);
  return { flowId, flow };
}

/**
 * Opens a flow of `kind` (whose first step is `otp`) and texts its first code. The flow is written in the batch that
 * records the send, with the statements `also` gives, so that a refused send leaves no flow.
 */
export async function startFlowWithOtp<K extends FlowKind>(
  ctx: Ctx,
  kind: K,
  draft: FlowDraft<K>,
  also: (flow: Flow<K>) => D1PreparedStatement[] = () => [],
): Promise<Result<{ flowId: string; flow: Flow<K> }>> {
  const now = ctx.clock.now();
  const flowId = randomToken(32);
  const idHash = await sha256Hex(flowId);
  const sent = await sendOtp(ctx, targetOf({ kind, ...draft }), idHash, kind, (otp) => {
    const flow = newFlow(kind, draft, idHash, now, otp);
    return [...startFlowStatements(ctx.db, flow), ...also(flow)];
  });
  if (!sent.ok) return sent;
  return { ok: true, flowId, flow: newFlow(kind, draft, idHash, now, sent) };
}

/**
 * "Gửi mã" and "Gửi lại mã": texts a new code bound to the flow and moves it to `otp`, from any step up to `otp`,
 * in the batch that records the send.
 */
export async function sendFlowOtp<K extends FlowKind>(
  ctx: Ctx,
  kind: K,
  flowId: string,
  accountId?: string,
): Promise<Result<{ flow: Flow<K> }>> {
  const steps = stepsOf(kind);
  const r = await openFlow(ctx, kind, flowId, { steps: steps.slice(0, steps.indexOf(otpStep()) + 1), accountId });
  if (!r.ok) return r;
  const { flow } = r;
  const sent = await sendOtp(ctx, targetOf(flow), flow.idHash, kind, (t) => [
    advanceFlowStatement(ctx.db, kind, flow.idHash, flow.step, otpStep(), {
      otpExpiresAt: t.expiresAt,
      otpResendAt: t.resendAt,
    }),
  ]);
  if (!sent.ok) return sent;
  if (sent.committed[0]?.meta.changes !== 1) return fail("FLOW_STEP");
  return { ok: true, flow: { ...flow, step: otpStep(), otpExpiresAt: sent.expiresAt, otpResendAt: sent.resendAt } };
}

/** How a step moves on: what it sets, steps it passes over, and statements to write in the same batch. */
export interface Advance<K extends FlowKind> {
  changes?: FlowChanges;
  skip?: readonly FlowStep<K>[];
  also?: D1PreparedStatement[];
}

/** Moves the flow from its step to the next one; FLOW_STEP when another request moved it first. */
export async function advanceFlow<K extends FlowKind>(
  ctx: Ctx,
  flow: Flow<K>,
  { changes, skip = [], also = [] }: Advance<K> = {},
): Promise<Result<{ flow: Flow<K> }>> {
  const to = nextFlowStep(stepsOf(flow.kind), flow.step, skip);
  if (!to) return fail("FLOW_STEP");
  const move = advanceFlowStatement(ctx.db, flow.kind, flow.idHash, flow.step, to, changes);
  const [moved] = also.length ? await ctx.db.batch([move, ...also]) : [await move.run()];
  if (moved?.meta.changes !== 1) return fail("FLOW_STEP");
  return { ok: true, flow: { ...flow, step: to } };
}

/**
 * "Xác nhận" on the OTP screen: checks the code bound to the flow (after `check`, when given) and moves the flow on
 * to the step after `otp`.
 */
export async function verifyFlowOtp<K extends FlowKind>(
  ctx: Ctx,
  kind: K,
  flowId: string,
  code: string,
  {
    accountId,
    check,
    skip,
  }: {
    accountId?: string;
    check?: (flow: Flow<K>) => Promise<Result<object>>;
    skip?: (flow: Flow<K>) => readonly FlowStep<K>[];
  } = {},
): Promise<Result<{ flow: Flow<K> }>> {
  const r = await openFlow(ctx, kind, flowId, { steps: [otpStep()], accountId });
  if (!r.ok) return r;
  const { flow } = r;
  if (check) {
    const checked = await check(flow);
    if (!checked.ok) return checked;
  }
  const verified = await checkOtp(ctx, targetOf(flow), flow.idHash, kind, code);
  if (!verified.ok) return verified;
  return advanceFlow(ctx, flow, { skip: skip?.(flow) ?? [] });
}

/**
 * The final step, as one claim-guarded D1 batch (db/claim.ts): its first statement moves the flow from its last step
 * to `done` and claims it; `then` gives the rest, each guarded by the claim, so that of two concurrent requests only
 * the first writes anything. `won` when this request claimed the flow.
 */
export async function claimFlow<K extends FlowKind>(
  ctx: Ctx,
  flow: Flow<K>,
  then: (claim: Claim, now: number) => D1PreparedStatement[],
): Promise<{ won: boolean; now: number; flow: Flow<K> }> {
  const now = ctx.clock.now();
  const claim = newClaim(flowTable(flow.kind));
  const last = liveSteps(flow.kind).at(-1) as FlowStep<K>;
  const { won } = await runClaimed(ctx.db, [claimFlowStatement(ctx.db, flow, last, claim, now), ...then(claim, now)]);
  return { won, now, flow: { ...flow, step: "done" as FlowStep<K>, endedAt: now } };
}

/**
 * "Hủy bỏ": ends an open flow of `kind` (of `accountId`, when given). Ending an ended or unknown flow is not an
 * error. The ID number of the flow it ended, or `null`.
 */
export async function endFlow(ctx: Ctx, kind: FlowKind, flowId: string, accountId?: string): Promise<string | null> {
  const ended = await endFlowStatement(ctx.db, kind, await sha256Hex(flowId), ctx.clock.now(), accountId).first<{
    citizen_id: string;
  }>();
  return ended?.citizen_id ?? null;
}
