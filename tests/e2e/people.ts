/** The registry the browser tests run against, and a way for each test file to take its own people. */
import { type DemoCitizen, type DemoKind, generateRegistry } from "../../scripts/demo-registry";

export const E2E_SEED = 2026;
export const E2E_COUNT = 240;

/**
 * Hands out citizens of a kind; `slot` keeps test files apart (file N takes every citizen whose position in
 * its kind is N modulo the number of files), since they all share one server. 8 slots: 0 activation, 1 level 1,
 * 2–3 registration (with 8 slots too, slot 2's no-account citizens are all adults and slot 3's all under 14),
 * 5 security, 6–7 reach; 5 citizens of each kind per slot.
 */
export function people(slot: number, slots = 8): (kind: DemoKind) => DemoCitizen {
  const { citizens } = generateRegistry(E2E_SEED, E2E_COUNT);
  const used = new Set<string>();
  return (kind) => {
    const mine = citizens.filter((c) => c.kind === kind).filter((_, i) => i % slots === slot);
    const c = mine.find((x) => !used.has(x.id));
    if (!c) throw new Error(`no more ${kind} citizens for slot ${slot}`);
    used.add(c.id);
    return c;
  };
}
