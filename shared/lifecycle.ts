/**
 * The e-ID account lifecycle, written once and used by the worker, the PWA and the tests.
 *
 * An account is an app account (level 0, `app`) until the citizen applies for level 1 online or level 2 at the
 * police office (`pending`); the application is approved (`approved`) and the citizen then activates the account
 * on one device (`active`). A level-1 account, pending or approved, may apply for level 2 at the office; a rejected
 * application restores the state before it; an active level-1 account whose level-2 file is approved is upgraded
 * in place. A transition that is not in {@link ACCOUNT_TRANSITIONS} cannot happen.
 */

/** Account states, in lifecycle order. */
export const ACCOUNT_STATUSES = ["app", "pending", "approved", "active"] as const;
/** An account state. */
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Identification levels: 0 = app account only, 1 = registered online, 2 = registered at the police office. */
export const ACCOUNT_LEVELS = [0, 1, 2] as const;
/** An identification level. */
export type AccountLevel = (typeof ACCOUNT_LEVELS)[number];

/** The part of an account the lifecycle reasons about. */
export interface AccountState {
  level: AccountLevel;
  status: AccountStatus;
}

/** True for the pairs the registry may hold: level 0 with `app`; level 1 or 2 with `pending`, `approved` or `active`. */
export function isValidLevelStatus(level: number, status: string): boolean {
  if (level === 0) return status === "app";
  if (level === 1 || level === 2) return status === "pending" || status === "approved" || status === "active";
  return false;
}

/** Where every account starts: "Đăng ký" in the app creates an app account, level 0. */
export const INITIAL_ACCOUNT_STATE: AccountState = { level: 0, status: "app" };

/**
 * Events that move an account through its lifecycle. `reject` may name the state to restore (the one the account
 * had before it applied, recorded on the application); without it the account becomes a level-0 app account.
 * `upgrade` raises an active level-1 account to level 2 when its level-2 file is approved at the police office.
 */
export type AccountEvent =
  | { type: "apply"; level: 1 | 2 }
  | { type: "approve" }
  | { type: "reject"; restore?: AccountState }
  | { type: "activate" }
  | { type: "upgrade" };

/** Every allowed transition: from-state, event, and the resulting state. */
export const ACCOUNT_TRANSITIONS: ReadonlyArray<{
  from: AccountStatus;
  event: AccountEvent["type"];
  to: AccountStatus;
}> = [
  { from: "app", event: "apply", to: "pending" },
  // A level-2 file at the police office supersedes a pending level-1 application, or follows an approved one.
  { from: "pending", event: "apply", to: "pending" },
  { from: "approved", event: "apply", to: "pending" },
  { from: "pending", event: "approve", to: "approved" },
  // Rejection restores the state before applying: an app account, or a level-1 account pending or approved.
  { from: "pending", event: "reject", to: "app" },
  { from: "pending", event: "reject", to: "pending" },
  { from: "pending", event: "reject", to: "approved" },
  { from: "approved", event: "activate", to: "active" },
  { from: "active", event: "upgrade", to: "active" },
];

function allows(state: AccountState, event: AccountEvent["type"], to: AccountStatus): boolean {
  return ACCOUNT_TRANSITIONS.some((t) => t.from === state.status && t.event === event && t.to === to);
}

/** Applies an event, or returns `null` when the lifecycle does not allow it from this state. */
export function transition(state: AccountState, event: AccountEvent): AccountState | null {
  switch (event.type) {
    case "apply":
      // An application only ever raises the level; from pending or approved, only level 1 may apply (for level 2).
      if (event.level <= state.level) return null;
      if (state.status !== "app" && state.level !== 1) return null;
      return allows(state, "apply", "pending") ? { level: event.level, status: "pending" } : null;
    case "reject": {
      const { restore } = event;
      if (!restore) return allows(state, "reject", "app") ? { ...INITIAL_ACCOUNT_STATE } : null;
      if (!allows(state, "reject", restore.status) || !isValidLevelStatus(restore.level, restore.status)) return null;
      if (state.level !== 1 && state.level !== 2) return null;
      // Only a state from which this very application could have been made may be restored.
      const reapplied = transition(restore, { type: "apply", level: state.level });
      if (!reapplied || reapplied.level !== state.level || reapplied.status !== state.status) return null;
      return { level: restore.level, status: restore.status };
    }
    case "approve":
      return allows(state, "approve", "approved") ? { level: state.level, status: "approved" } : null;
    case "activate":
      return allows(state, "activate", "active") ? { level: state.level, status: "active" } : null;
    case "upgrade":
      return state.level === 1 && allows(state, "upgrade", "active") ? { level: 2, status: "active" } : null;
  }
}

/** What the activation request (seed 001, Phụ lục 2, step 6) concludes about an account. */
export type ActivationVerdict = "not-identified" | "pending-approval" | "already-active" | "can-activate";

/** Seed 001, step 6: an app account or an unapproved application is not identified; an active one is done. */
export function activationVerdict(state: AccountState | null): ActivationVerdict {
  if (!state || state.status === "app") return "not-identified";
  if (state.status === "pending") return "pending-approval";
  if (state.status === "active") return "already-active";
  return "can-activate";
}

/**
 * The activation flow's steps, in the only order they may happen (seed 001, steps 6–7; seed 000, steps 2–4).
 * `password` is skipped when the account already has one.
 */
export const ACTIVATION_STEPS = ["device", "otp", "password", "passcode", "security", "done"] as const;
/** A step of the activation flow. */
export type ActivationStep = (typeof ACTIVATION_STEPS)[number];

/** "Đăng ký" (seed 001, Phụ lục 2, step 3): the OTP, then the password; the app account is created at `done`. */
export const REGISTRATION_STEPS = ["otp", "password", "done"] as const;

/** "Quên mật khẩu": the OTP, one of the account's two security questions, then the new password. */
export const PASSWORD_RECOVERY_STEPS = ["otp", "question", "password", "done"] as const;

/** "Quên mã passcode" (logged in): the OTP, then the new passcode. */
export const PASSCODE_RECOVERY_STEPS = ["otp", "passcode", "done"] as const;

/**
 * Every server-side flow, by kind, with its steps in order; each flow ends at `done`. The kind is also what its
 * one-time codes are bound to.
 */
export const FLOW_STEPS = {
  activation: ACTIVATION_STEPS,
  registration: REGISTRATION_STEPS,
  "recovery-password": PASSWORD_RECOVERY_STEPS,
  "recovery-passcode": PASSCODE_RECOVERY_STEPS,
} as const;
/** A kind of server-side flow. */
export type FlowKind = keyof typeof FLOW_STEPS;
/** A step of a flow of kind `K`. */
export type FlowStep<K extends FlowKind = FlowKind> = (typeof FLOW_STEPS)[K][number];

/** The step after `step` in `steps`, passing over any in `skip`; `null` after the last step or for an unknown one. */
export function nextFlowStep<S extends string>(steps: readonly S[], step: S, skip: readonly S[] = []): S | null {
  const i = steps.indexOf(step);
  if (i < 0) return null;
  return steps.slice(i + 1).find((s) => !skip.includes(s)) ?? null;
}

/** The step after `step`, skipping `password` when the account already has a password. */
export function nextActivationStep(step: ActivationStep, needsPassword: boolean): ActivationStep | null {
  return nextFlowStep(ACTIVATION_STEPS, step, needsPassword ? [] : ["password"]);
}

/** Seconds a server-side flow lives once started. */
export const FLOW_TTL_SECONDS = 15 * 60;
