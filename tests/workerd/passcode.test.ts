/** The passcode check: 5 wrong in a row lock it until reset, a right one clears the count, guesses are bounded. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoCitizen, DemoKind } from "../../scripts/demo-registry";
import { createCtx } from "../../worker/src/context";
import { checkPasscode, resetPasscodeStatement } from "../../worker/src/domain/passcode";
import { AppError } from "../../worker/src/errors";
import type { Env } from "../../worker/src/env";
import { advanceClock, pool, row, seedRegistry } from "./helpers";

let take: (kind: DemoKind) => DemoCitizen;

beforeAll(async () => {
  take = pool(await seedRegistry(515, 48));
});

/** The code `checkPasscode` fails with, or "ok". */
async function attempt(id: string, passcode: string): Promise<string> {
  const ctx = await createCtx(env as unknown as Env);
  try {
    await checkPasscode(ctx, id, passcode);
    return "ok";
  } catch (err) {
    if (err instanceof AppError)
      return `${err.code}${err.extras.attemptsLeft !== undefined ? `:${err.extras.attemptsLeft}` : ""}`;
    throw err;
  }
}

const wrong = (p: string) => String((Number(p) + 1) % 1_000_000).padStart(6, "0");

describe("passcode check", () => {
  it("accepts the right passcode and counts down wrong ones to a lock on the 5th", async () => {
    const c = take("active");
    const pc = c.passcode as string;
    expect(await attempt(c.id, pc)).toBe("ok");
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(await attempt(c.id, wrong(pc)));
    expect(seen).toEqual([
      "PASSCODE_WRONG:4",
      "PASSCODE_WRONG:3",
      "PASSCODE_WRONG:2",
      "PASSCODE_WRONG:1",
      "PASSCODE_LOCKED",
    ]);
    // Locked: even the right passcode is refused, until a reset — waiting does not lift it.
    expect(await attempt(c.id, pc)).toBe("PASSCODE_LOCKED");
    await advanceClock(30 * 86_400);
    expect(await attempt(c.id, pc)).toBe("PASSCODE_LOCKED");
    expect(
      await row("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ?1 AND event = 'passcode.locked'", c.id),
    ).toEqual({ n: 1 });
  });

  it("a right passcode clears the count", async () => {
    const c = take("active");
    const pc = c.passcode as string;
    for (let i = 0; i < 4; i++) await attempt(c.id, wrong(pc));
    expect(await attempt(c.id, pc)).toBe("ok");
    expect(await attempt(c.id, wrong(pc))).toBe("PASSCODE_WRONG:4");
  });

  it("a reset sets the new passcode and lifts the lock", async () => {
    const c = take("active");
    const pc = c.passcode as string;
    for (let i = 0; i < 5; i++) await attempt(c.id, wrong(pc));
    const ctx = await createCtx(env as unknown as Env);
    await (await resetPasscodeStatement(ctx, c.id, "246810")).run();
    expect(await attempt(c.id, pc)).toBe("PASSCODE_WRONG:4");
    expect(await attempt(c.id, "246810")).toBe("ok");
  });

  it("20 concurrent wrong guesses verify at most 5 and leave it locked", async () => {
    const c = take("active");
    const pc = c.passcode as string;
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(c.id, wrong(pc))));
    expect(results.filter((r) => r.startsWith("PASSCODE_WRONG"))).toHaveLength(4);
    expect(results.filter((r) => r === "PASSCODE_LOCKED")).toHaveLength(16);
    expect(await attempt(c.id, pc)).toBe("PASSCODE_LOCKED");
  });

  it("an account without a passcode is refused, not counted", async () => {
    const c = take("approved-with-password");
    expect(await attempt(c.id, "123456")).toBe("FORBIDDEN");
    expect(await row("SELECT passcode_failures FROM accounts WHERE id = ?1", c.id)).toEqual({ passcode_failures: 0 });
  });
});
