/** The registry the browser tests run against, and a way for each test file to take its own people. */
import type { RegistryFileT } from "../../shared/registry-file";
import { type DemoCitizen, type DemoKind, generateRegistry } from "../../scripts/demo-registry";

export const E2E_SEED = 2026;
export const E2E_COUNT = 240;
export const E2E_EXTRA_SEED = 2027;

/**
 * A second registry, seeded beside the first, for the test files of the account features (slots: 0 citizens, offline
 * intake and "Tin nhắn lỗi" (from the end of the slot: {@link lastPeople}), 1 identity QR, 2 devices and recovery,
 * 3 card and dependants, 4 language, 5–7 reach). Records whose ID or phone is also in the first registry are left
 * out, so that the two never overlap.
 */
export function extraRegistry(): { file: RegistryFileT; citizens: DemoCitizen[] } {
  const main = generateRegistry(E2E_SEED, E2E_COUNT).file.registry ?? [];
  const taken = new Set(main.flatMap((r) => [r.id, r.phone]));
  const { file, citizens } = generateRegistry(E2E_EXTRA_SEED, E2E_COUNT);
  const registry = file.registry ?? [];
  const keep = (id: string) => !taken.has(id) && !taken.has(registry.find((r) => r.id === id)?.phone ?? "");
  return {
    file: {
      ...file,
      registry: registry.filter((r) => keep(r.id)),
      accounts: (file.accounts ?? []).filter((a) => keep(a.id)),
    },
    citizens: citizens.filter((c) => keep(c.id)),
  };
}

/**
 * Hands out citizens of a kind; `slot` keeps test files apart (file N takes every citizen whose position in
 * its kind is N modulo the number of files), since they all share one server. 8 slots: 0 activation, 1 level 1,
 * 2–3 registration (with 8 slots too, slot 2's no-account citizens are all adults and slot 3's all under 14),
 * 5 security, 6–7 reach; 5 citizens of each kind per slot.
 */
export function people(slot: number, slots = 8, extra = false, fromEnd = false): (kind: DemoKind) => DemoCitizen {
  const { citizens } = extra ? extraRegistry() : generateRegistry(E2E_SEED, E2E_COUNT);
  const used = new Set<string>();
  return (kind) => {
    const mine = citizens.filter((c) => c.kind === kind).filter((_, i) => i % slots === slot);
    if (fromEnd) mine.reverse();
    const c = mine.find((x) => !used.has(x.id));
    if (!c) throw new Error(`no more ${kind} citizens for slot ${slot}`);
    used.add(c.id);
    return c;
  };
}

/** Citizens of the second registry (`extraRegistry`), by slot. */
export const extraPeople = (slot: number) => people(slot, 8, true);
/** The same, taken from the end of the slot: for a second file in a slot whose first takes from its start. */
export const lastPeople = (slot: number) => people(slot, 8, true, true);
