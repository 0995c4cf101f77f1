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
  const restores: AccountState[] = [
    { level: 0, status: "app" },
    { level: 1, status: "pending" },
    { level: 1, status: "approved" },
  ];
  const events: AccountEvent[] = [
    { type: "apply", level: 1 },
    { type: "apply", level: 2 },
    { type: "approve" },
    { type: "reject" },
    ...restores.map((restore): AccountEvent => ({ type: "reject", restore })),
    { type: "activate" },
    { type: "upgrade" },
  ];
  const describeEvent = (e: AccountEvent) =>
    e.type === "apply"
      ? `apply(${e.level})`
      : e.type === "reject" && e.restore
        ? `reject(→L${e.restore.level} ${e.restore.status})`
        : e.type;
  const allStates: AccountState[] = ([0, 1, 2] as const).flatMap((level) =>
    ACCOUNT_STATUSES.map((status) => ({ level, status })),
  );

  it("walks an app account through apply, approve and activate", () => {
    const pending = transition({ level: 0, status: "app" }, { type: "apply", level: 1 });
    expect(pending).toEqual({ level: 1, status: "pending" });
    const approved = transition(pending as AccountState, { type: "approve" });
    expect(approved).toEqual({ level: 1, status: "approved" });
    const active = transition(approved as AccountState, { type: "activate" });
    expect(active).toEqual({ level: 1, status: "active" });
  });

  it("keeps level 2 through approval and activation", () => {
    expect(transition({ level: 0, status: "app" }, { type: "apply", level: 2 })).toEqual({
      level: 2,
      status: "pending",
    });
    expect(transition({ level: 2, status: "pending" }, { type: "approve" })).toEqual({ level: 2, status: "approved" });
    expect(transition({ level: 2, status: "approved" }, { type: "activate" })).toEqual({ level: 2, status: "active" });
  });

  it("sends a rejected application back to a level-0 app account when nothing is to be restored", () => {
    expect(transition({ level: 1, status: "pending" }, { type: "reject" })).toEqual({ level: 0, status: "app" });
    expect(transition({ level: 2, status: "pending" }, { type: "reject" })).toEqual({ level: 0, status: "app" });
  });

  it("lets a level-1 account, pending or approved, apply for level 2 at the police office", () => {
    expect(transition({ level: 1, status: "pending" }, { type: "apply", level: 2 })).toEqual({
      level: 2,
      status: "pending",
    });
    expect(transition({ level: 1, status: "approved" }, { type: "apply", level: 2 })).toEqual({
      level: 2,
      status: "pending",
    });
    expect(transition({ level: 2, status: "pending" }, { type: "apply", level: 2 })).toBeNull();
    expect(transition({ level: 2, status: "approved" }, { type: "apply", level: 2 })).toBeNull();
    expect(transition({ level: 1, status: "active" }, { type: "apply", level: 2 })).toBeNull();
  });

  it("a rejected level-2 file restores the state the account had before it", () => {
    for (const restore of restores) {
      const pending = transition(restore, { type: "apply", level: 2 }) as AccountState;
      expect(pending).toEqual({ level: 2, status: "pending" });
      expect(transition(pending, { type: "reject", restore })).toEqual(restore);
    }
    // A level-1 application restores the app account it came from.
    expect(
      transition({ level: 1, status: "pending" }, { type: "reject", restore: { level: 0, status: "app" } }),
    ).toEqual({ level: 0, status: "app" });
  });

  it("refuses to restore a state the application could not have come from", () => {
    const pending2: AccountState = { level: 2, status: "pending" };
    expect(transition(pending2, { type: "reject", restore: { level: 1, status: "active" } })).toBeNull();
    expect(transition(pending2, { type: "reject", restore: { level: 2, status: "approved" } })).toBeNull();
    expect(transition(pending2, { type: "reject", restore: { level: 1, status: "app" } as AccountState })).toBeNull();
    expect(
      transition({ level: 1, status: "pending" }, { type: "reject", restore: { level: 1, status: "pending" } }),
    ).toBeNull();
    expect(
      transition({ level: 1, status: "pending" }, { type: "reject", restore: { level: 1, status: "approved" } }),
    ).toBeNull();
    expect(
      transition({ level: 2, status: "approved" }, { type: "reject", restore: { level: 1, status: "approved" } }),
    ).toBeNull();
  });

  it("upgrades an active level-1 account to level 2 at once, still active", () => {
    expect(transition({ level: 1, status: "active" }, { type: "upgrade" })).toEqual({ level: 2, status: "active" });
    expect(transition({ level: 2, status: "active" }, { type: "upgrade" })).toBeNull();
    for (const status of ["app", "pending", "approved"] as const) {
      expect(transition({ level: 1, status }, { type: "upgrade" })).toBeNull();
    }
  });

  it("lists exactly the allowed transitions", () => {
    expect(ACCOUNT_TRANSITIONS.map((t) => `${t.from} --${t.event}--> ${t.to}`).sort()).toEqual(
      [
        "app --apply--> pending",
        "pending --apply--> pending",
        "approved --apply--> pending",
        "approved --activate--> active",
        "pending --approve--> approved",
        "pending --reject--> app",
        "pending --reject--> pending",
        "pending --reject--> approved",
        "active --upgrade--> active",
      ].sort(),
    );
  });

  /**
   * The result each state × event pair must give, written out by hand: `null` when refused. The levels of the
   * states are 0, 1 and 2 with every status, valid pairs or not.
   */
  function expected(state: AccountState, event: AccountEvent): AccountState | null {
    const key = `${state.status}/${event.type}`;
    switch (key) {
      case "app/apply":
        return event.type === "apply" && event.level > state.level ? { level: event.level, status: "pending" } : null;
      case "pending/apply":
      case "approved/apply":
        return event.type === "apply" && state.level === 1 && event.level === 2
          ? { level: 2, status: "pending" }
          : null;
      case "pending/approve":
        return { level: state.level, status: "approved" };
      case "pending/reject": {
        const restore = event.type === "reject" ? event.restore : undefined;
        if (!restore) return { level: 0, status: "app" };
        // app L0 may have applied for level 1 or 2; a pending or approved level-1 account only for level 2.
        if (state.level === 2) return restore;
        if (state.level === 1 && restore.level === 0) return restore;
        return null;
      }
      case "approved/activate":
        return { level: state.level, status: "active" };
      case "active/upgrade":
        return state.level === 1 ? { level: 2, status: "active" } : null;
      default:
        return null;
    }
  }

  it("gives exactly the hand-written result for every state × event pair", () => {
    const wrong: string[] = [];
    for (const state of allStates) {
      for (const event of events) {
        const result = transition(state, event);
        const want = expected(state, event);
        if (JSON.stringify(result) !== JSON.stringify(want)) {
          wrong.push(
            `L${state.level} ${state.status} + ${describeEvent(event)} → ${JSON.stringify(result)}, want ${JSON.stringify(want)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("never lets apply lower (or keep) the level", () => {
    expect(transition({ level: 2, status: "app" } as AccountState, { type: "apply", level: 1 })).toBeNull();
    expect(transition({ level: 1, status: "app" } as AccountState, { type: "apply", level: 1 })).toBeNull();
    expect(transition({ level: 1, status: "app" } as AccountState, { type: "apply", level: 2 })).toEqual({
      level: 2,
      status: "pending",
    });
  });

  it("only ever reaches valid level/status pairs; only reject lowers the level, only apply and upgrade raise it", () => {
    const event = fc.constantFrom(...events);
    fc.assert(
      fc.property(fc.array(event, { maxLength: 16 }), (sequence) => {
        let state: AccountState = { level: 0, status: "app" };
        for (const e of sequence) {
          const next = transition(state, e);
          if (next === null) continue;
          expect(isValidLevelStatus(next.level, next.status)).toBe(true);
          if (e.type === "apply" || e.type === "upgrade") expect(next.level).toBeGreaterThan(state.level);
          else if (e.type === "reject") expect(next.level).toBeLessThan(state.level);
          else expect(next.level).toBe(state.level);
          state = next;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("never leaves active, and only upgrade changes an active account", () => {
    for (const level of [1, 2] as AccountLevel[]) {
      for (const event of events) {
        const next = transition({ level, status: "active" }, event);
        if (event.type === "upgrade" && level === 1) expect(next).toEqual({ level: 2, status: "active" });
        else expect(next, describeEvent(event)).toBeNull();
      }
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
