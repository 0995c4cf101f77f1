import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACCOUNT_STATUSES,
  ACCOUNT_TRANSITIONS,
  type AccountEvent,
  type AccountLevel,
  type AccountState,
  type ActivationStep,
  activationVerdict,
  isValidLevelStatus,
  nextActivationStep,
  transition,
} from "../../shared/lifecycle";

describe("isValidLevelStatus", () => {
  /** The only pairs the registry may hold, written out by hand. */
  const VALID = new Set(["0/app", "1/pending", "1/approved", "1/active", "2/pending", "2/approved", "2/active"]);
  const levels = [-1, 0, 1, 2, 3, 1.5, Number.NaN];
  const statuses = ["app", "pending", "approved", "active", "bogus", "", "APP", "Active"];

  it("accepts exactly level 0 with app, and level 1 or 2 with pending, approved or active", () => {
    const accepted = levels.flatMap((level) =>
      statuses.filter((status) => isValidLevelStatus(level, status)).map((status) => `${level}/${status}`),
    );
    expect(new Set(accepted)).toEqual(VALID);
  });
});

describe("transition", () => {
  const events: AccountEvent[] = [
    { type: "apply", level: 1 },
    { type: "apply", level: 2 },
    { type: "approve" },
    { type: "reject" },
    { type: "activate" },
  ];
  const describeEvent = (e: AccountEvent) => (e.type === "apply" ? `apply(${e.level})` : e.type);
  const allStates: AccountState[] = ([0, 1, 2] as const).flatMap((level) => ACCOUNT_STATUSES.map((status) => ({ level, status })));

  it("walks an app account through apply, approve and activate", () => {
    const pending = transition({ level: 0, status: "app" }, { type: "apply", level: 1 });
    expect(pending).toEqual({ level: 1, status: "pending" });
    const approved = transition(pending as AccountState, { type: "approve" });
    expect(approved).toEqual({ level: 1, status: "approved" });
    const active = transition(approved as AccountState, { type: "activate" });
    expect(active).toEqual({ level: 1, status: "active" });
  });

  it("keeps level 2 through approval and activation", () => {
    expect(transition({ level: 0, status: "app" }, { type: "apply", level: 2 })).toEqual({ level: 2, status: "pending" });
    expect(transition({ level: 2, status: "pending" }, { type: "approve" })).toEqual({ level: 2, status: "approved" });
    expect(transition({ level: 2, status: "approved" }, { type: "activate" })).toEqual({ level: 2, status: "active" });
  });

  it("sends a rejected application back to a level-0 app account", () => {
    expect(transition({ level: 1, status: "pending" }, { type: "reject" })).toEqual({ level: 0, status: "app" });
    expect(transition({ level: 2, status: "pending" }, { type: "reject" })).toEqual({ level: 0, status: "app" });
  });

  it("lists exactly the four allowed transitions", () => {
    expect(ACCOUNT_TRANSITIONS.map((t) => `${t.from} --${t.event}--> ${t.to}`).sort()).toEqual(
      ["app --apply--> pending", "approved --activate--> active", "pending --approve--> approved", "pending --reject--> app"].sort(),
    );
  });

  it("refuses every other state × event pair", () => {
    /** The state/event pairs the lifecycle allows, written out by hand. */
    const allowed = new Set(["app/apply", "pending/approve", "pending/reject", "approved/activate"]);
    const allowedButRefused: string[] = [];
    const forbiddenButAccepted: string[] = [];
    for (const state of allStates) {
      for (const event of events) {
        const result = transition(state, event);
        const label = `L${state.level} ${state.status} + ${describeEvent(event)}`;
        // From `app` the only valid level is 0, so every apply raises it; the other app levels are invalid pairs.
        const shouldMove = allowed.has(`${state.status}/${event.type}`) && (event.type !== "apply" || event.level > state.level);
        if (shouldMove && result === null) allowedButRefused.push(label);
        if (!shouldMove && result !== null) forbiddenButAccepted.push(`${label} → ${JSON.stringify(result)}`);
      }
    }
    expect(forbiddenButAccepted).toEqual([]);
    expect(allowedButRefused).toEqual([]);
  });

  it("never lets apply lower (or keep) the level", () => {
    expect(transition({ level: 2, status: "app" } as AccountState, { type: "apply", level: 1 })).toBeNull();
    expect(transition({ level: 1, status: "app" } as AccountState, { type: "apply", level: 1 })).toBeNull();
    expect(transition({ level: 1, status: "app" } as AccountState, { type: "apply", level: 2 })).toEqual({ level: 2, status: "pending" });
  });

  it("only ever reaches valid level/status pairs, and only reject lowers the level", () => {
    const event = fc.constantFrom(...events);
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (sequence) => {
        let state: AccountState = { level: 0, status: "app" };
        for (const e of sequence) {
          const next = transition(state, e);
          if (next === null) continue;
          expect(isValidLevelStatus(next.level, next.status)).toBe(true);
          if (e.type === "apply") expect(next.level).toBeGreaterThan(state.level);
          else if (e.type !== "reject") expect(next.level).toBe(state.level);
          state = next;
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never leaves active", () => {
    for (const level of [1, 2] as AccountLevel[]) {
      for (const event of events) expect(transition({ level, status: "active" }, event)).toBeNull();
    }
  });
});

describe("activationVerdict", () => {
  it.each<[string, AccountState | null, string]>([
    ["no account", null, "not-identified"],
    ["an app account", { level: 0, status: "app" }, "not-identified"],
    ["a pending application", { level: 1, status: "pending" }, "pending-approval"],
    ["an approved account", { level: 2, status: "approved" }, "can-activate"],
    ["an active account", { level: 1, status: "active" }, "already-active"],
  ])("%s → %s", (_label, state, verdict) => {
    expect(activationVerdict(state)).toBe(verdict);
  });

  it("only lets approved accounts activate, at either level", () => {
    for (const level of [1, 2] as AccountLevel[]) {
      for (const status of ACCOUNT_STATUSES) {
        expect(activationVerdict({ level, status }) === "can-activate").toBe(status === "approved");
      }
    }
  });
});

describe("nextActivationStep", () => {
  const walk = (needsPassword: boolean) => {
    const steps: ActivationStep[] = ["device"];
    for (let s = nextActivationStep("device", needsPassword); s !== null; s = nextActivationStep(s, needsPassword)) {
      steps.push(s);
      if (steps.length > 10) throw new Error("the flow does not end");
    }
    return steps;
  };

  it("goes device → otp → password → passcode → security → done for a new password", () => {
    expect(walk(true)).toEqual(["device", "otp", "password", "passcode", "security", "done"]);
  });

  it("skips the password step when the account already has one", () => {
    expect(walk(false)).toEqual(["device", "otp", "passcode", "security", "done"]);
    expect(nextActivationStep("otp", false)).toBe("passcode");
  });

  it("has nothing after done", () => {
    expect(nextActivationStep("done", true)).toBeNull();
    expect(nextActivationStep("done", false)).toBeNull();
  });

  it("returns null for a step it does not know", () => {
    expect(nextActivationStep("bogus" as ActivationStep, true)).toBeNull();
  });
});
