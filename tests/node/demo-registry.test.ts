import { describe, expect, it } from "vitest";
import { DEMO_KINDS, generateRegistry } from "../../scripts/demo-registry";
import { checkCitizenId } from "../../shared/citizen";
import { isPasscode, isStrongPassword } from "../../shared/credentials";
import { isValidLevelStatus } from "../../shared/lifecycle";
import { RegistryFile } from "../../shared/registry-file";
import { toVnMobileE164 } from "../../worker/src/domain/phone";

const { file, citizens } = generateRegistry();
const registry = file.registry ?? [];
const accounts = file.accounts ?? [];
const questions = file.securityQuestions ?? [];

/** The values that appear more than once. */
const duplicates = (values: readonly string[]) => values.filter((v, i) => values.indexOf(v) !== i);

describe("generateRegistry", () => {
  it("gives the same people every time", () => {
    expect(generateRegistry()).toEqual(generateRegistry());
    expect(generateRegistry(6, 36)).toEqual(generateRegistry());
  });

  it("gives other people for another seed", () => {
    expect(generateRegistry(7).file.registry?.map((r) => r.id)).not.toEqual(registry.map((r) => r.id));
  });

  it("holds the requested number of citizens, and accounts for all but the no-account ones", () => {
    expect(registry).toHaveLength(36);
    expect(citizens).toHaveLength(36);
    expect(accounts).toHaveLength(citizens.filter((c) => c.kind !== "no-account").length);
    expect(accounts.length).toBeGreaterThan(0);
  });

  it("passes the import file schema", () => {
    const result = RegistryFile.safeParse(file);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it("gives every record an ID number that matches its date of birth and gender", () => {
    const wrong = registry
      .map((r) => ({ id: r.id, dob: r.dob, gender: r.gender, problem: checkCitizenId(r.id, r.dob, r.gender) }))
      .filter((r) => r.problem !== null);
    expect(wrong).toEqual([]);
  });

  it("gives every record and account a Vietnamese mobile number the worker accepts", () => {
    const phones = [...registry.map((r) => r.phone), ...accounts.map((a) => a.phone)];
    expect(phones.filter((p) => toVnMobileE164(p) === null)).toEqual([]);
  });

  it("has no duplicate ID numbers, phones or device ids", () => {
    expect(duplicates(registry.map((r) => r.id))).toEqual([]);
    expect(duplicates(registry.map((r) => r.phone))).toEqual([]);
    expect(duplicates(accounts.map((a) => a.id))).toEqual([]);
    expect(duplicates(accounts.flatMap((a) => (a.deviceId ? [a.deviceId] : [])))).toEqual([]);
  });

  it("backs every account with a registry record of the same ID number and phone", () => {
    const byId = new Map(registry.map((r) => [r.id, r]));
    for (const account of accounts) {
      expect(byId.get(account.id)?.phone, account.id).toBe(account.phone);
    }
  });

  it("only holds valid level/status pairs", () => {
    expect(accounts.filter((a) => !isValidLevelStatus(a.level, a.status))).toEqual([]);
  });

  it("keys security answers by existing question ids, two different ones per account", () => {
    const questionIds = new Set(questions.map((q) => String(q.id)));
    expect(questionIds.size).toBe(questions.length);
    for (const account of accounts) {
      if (!account.securityAnswers) continue;
      const keys = Object.keys(account.securityAnswers);
      expect(keys, account.id).toHaveLength(2);
      for (const key of keys) expect(questionIds.has(key), `${account.id}: question ${key}`).toBe(true);
    }
    expect(accounts.some((a) => a.securityAnswers)).toBe(true);
  });

  it("covers every demo kind", () => {
    const kinds = new Set(citizens.map((c) => c.kind));
    for (const kind of DEMO_KINDS) expect(kinds.has(kind), kind).toBe(true);
  });

  it("gives each kind the account state its name promises", () => {
    const accountOf = new Map(accounts.map((a) => [a.id, a]));
    for (const c of citizens) {
      const a = accountOf.get(c.id);
      const state = a ? `${a.status}${a.password ? "+password" : ""}` : "none";
      const expected = {
        "approved-new": "approved",
        "approved-with-password": "approved+password",
        active: "active+password",
        pending: "pending+password",
        app: "app+password",
        "no-account": "none",
      }[c.kind];
      expect(state, `${c.kind} ${c.id}`).toBe(expected);
    }
  });

  it("gives demo citizens credentials that match their account and meet the rules", () => {
    const accountOf = new Map(accounts.map((a) => [a.id, a]));
    for (const c of citizens) {
      const a = accountOf.get(c.id);
      expect(a?.password, c.id).toBe(c.password);
      if (c.password !== undefined) expect(isStrongPassword(c.password), c.password).toBe(true);
      expect(a?.passcode, c.id).toBe(c.passcode);
      if (c.passcode !== undefined) expect(isPasscode(c.passcode), c.passcode).toBe(true);
      expect(a?.deviceId, c.id).toBe(c.deviceId);
      expect(registry.find((r) => r.id === c.id)?.phone).toBe(c.phone);
    }
  });

  it("gives every record a QR payload of 7 fields (CCCD 2021) or 11 fields (Căn cước 2024), starting with the ID", () => {
    for (const r of registry) {
      const fields = (r.qr ?? "").split("|");
      expect(fields.length, `${r.id} ${r.cardType}`).toBe(r.cardType === "cccd-2021" ? 7 : 11);
      expect(fields[0]).toBe(r.id);
      expect(fields[2]).toBe(r.fullName);
      expect(fields[3]).toBe(r.dob.split("-").reverse().join(""));
      expect(fields[4]).toBe(r.gender);
    }
    expect(new Set(registry.map((r) => r.cardType))).toEqual(new Set(["cccd-2021", "cancuoc-2024"]));
  });
});
