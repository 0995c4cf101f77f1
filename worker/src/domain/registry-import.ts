/**
 * Registry import: validates a whole extract first, and writes nothing unless every record passes. Registry
 * records and security questions are upserted by id; accounts are created only when they do not exist yet, with
 * their secrets hashed and their device bound; existing accounts are left untouched, so a second run changes nothing.
 */
import { checkCitizenId, isRealIsoDate, isTwelveDigits } from "../../../shared/citizen";
import { normalizeAnswer } from "../../../shared/credentials";
import { isValidLevelStatus } from "../../../shared/lifecycle";
import {
  type ImportProblem,
  type ImportSummary,
  RegistryFile,
  type RegistryAccountT,
  type RegistryFileT,
} from "../../../shared/registry-file";
import type { Ctx } from "../context";
import { hashSecret } from "../crypto";
import { insertImportedAccountStatement, listAccountIds } from "../db/accounts";
import { insertAnswerStatement } from "../db/answers";
import { officerAuditStatement } from "../db/audit";
import { insertDeviceStatement } from "../db/devices";
import { upsertQuestionStatement } from "../db/questions";
import { readImportBaseline, upsertCitizenStatement } from "../db/registry";
import { toVnMobileE164 } from "./phone";

const ID_PROBLEMS = {
  format: "id must be 12 digits",
  century: "id century/gender digit does not match the date of birth",
  gender: "id century/gender digit does not match the gender",
  "birth-year": "id birth-year digits do not match the date of birth",
} as const;

/** The outcome of an import. */
export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; problems: ImportProblem[] };

type Section = ImportProblem["section"];

function shapeProblems(raw: unknown): { file: RegistryFileT | null; problems: ImportProblem[] } {
  const parsed = RegistryFile.safeParse(raw);
  if (parsed.success) return { file: parsed.data, problems: [] };
  const problems: ImportProblem[] = [];
  for (const issue of parsed.error.issues) {
    const [section, index, ...rest] = issue.path;
    const known = section === "securityQuestions" || section === "registry" || section === "accounts";
    problems.push({
      section: known ? (section as Section) : "file",
      index: typeof index === "number" ? index : -1,
      reason: `${[section, index, ...rest].filter((p) => p !== undefined).join(".") || "file"}: ${issue.message}`,
    });
  }
  return { file: null, problems };
}

/** Validates the whole file against itself and the database; returns every problem found. */
async function validate(
  ctx: Ctx,
  file: RegistryFileT,
): Promise<{ problems: ImportProblem[]; phones: Map<string, string> }> {
  const problems: ImportProblem[] = [];
  const phones = new Map<string, string>();
  const existing = await readImportBaseline(ctx.db);
  const add = (section: Section, index: number, reason: string, id?: string) =>
    problems.push({ section, index, reason, ...(id !== undefined && { id }) });

  const questionIds = new Set(existing.questionIds);
  const seenQuestions = new Set<number>();
  (file.securityQuestions ?? []).forEach((q, i) => {
    if (seenQuestions.has(q.id)) add("securityQuestions", i, `duplicate question id ${q.id}`);
    seenQuestions.add(q.id);
    questionIds.add(q.id);
  });

  const registryPhones = new Map(existing.registryPhones);
  const seenRegistry = new Set<string>();
  (file.registry ?? []).forEach((r, i) => {
    const idProblem = isRealIsoDate(r.dob) ? checkCitizenId(r.id, r.dob, r.gender) : null;
    if (!isRealIsoDate(r.dob)) add("registry", i, `dob ${JSON.stringify(r.dob)} is not a real date (yyyy-mm-dd)`, r.id);
    else if (idProblem) add("registry", i, ID_PROBLEMS[idProblem], r.id);
    if (!isRealIsoDate(r.cardIssued)) {
      add("registry", i, `cardIssued ${JSON.stringify(r.cardIssued)} is not a real date (yyyy-mm-dd)`, r.id);
    } else if (isRealIsoDate(r.dob) && r.cardIssued < r.dob) {
      add("registry", i, "cardIssued is before the date of birth", r.id);
    }
    const phone = toVnMobileE164(r.phone);
    if (!phone) add("registry", i, `phone ${JSON.stringify(r.phone)} is not a Vietnamese mobile number`, r.id);
    else phones.set(r.phone, phone);
    if (seenRegistry.has(r.id)) add("registry", i, "duplicate registry id", r.id);
    seenRegistry.add(r.id);
    if (phone) registryPhones.set(r.id, phone);
  });
  // A child's guardians: ID numbers of other registry records (in this file or already imported), at most 2.
  (file.registry ?? []).forEach((r, i) => {
    const ids = r.guardianIds ?? [];
    if (new Set(ids).size !== ids.length) add("registry", i, "guardianIds has the same ID number twice", r.id);
    for (const g of ids) {
      if (!isTwelveDigits(g)) add("registry", i, `guardianIds ${JSON.stringify(g)} is not 12 digits`, r.id);
      else if (g === r.id) add("registry", i, "guardianIds lists the record itself", r.id);
      else if (!registryPhones.has(g)) add("registry", i, `guardianIds ${g} has no registry record`, r.id);
    }
  });

  const seenAccounts = new Set<string>();
  const seenDevices = new Map<string, string>();
  (file.accounts ?? []).forEach((a: RegistryAccountT, i) => {
    if (!isTwelveDigits(a.id)) add("accounts", i, ID_PROBLEMS.format, a.id);
    if (!isValidLevelStatus(a.level, a.status)) {
      add("accounts", i, `level ${a.level} with status ${JSON.stringify(a.status)} is not a valid pair`, a.id);
    }
    const phone = toVnMobileE164(a.phone);
    if (!phone) add("accounts", i, `phone ${JSON.stringify(a.phone)} is not a Vietnamese mobile number`, a.id);
    else phones.set(a.phone, phone);
    const registryPhone = registryPhones.get(a.id);
    if (registryPhone === undefined) add("accounts", i, "no registry record has this id", a.id);
    else if (phone && registryPhone !== phone)
      add("accounts", i, "phone differs from the registry record's phone", a.id);
    if (seenAccounts.has(a.id)) add("accounts", i, "duplicate account id", a.id);
    seenAccounts.add(a.id);
    for (const key of Object.keys(a.securityAnswers ?? {})) {
      const qid = Number(key);
      if (!/^\d+$/.test(key) || !questionIds.has(qid))
        add("accounts", i, `security answer key ${key} is not a known question id`, a.id);
    }
    if (Object.keys(a.securityAnswers ?? {}).length > 2) add("accounts", i, "more than 2 security answers", a.id);
    if (a.securityAnswers && Object.values(a.securityAnswers).some((v) => normalizeAnswer(v) === "")) {
      add("accounts", i, "a security answer is blank", a.id);
    }
    if (a.deviceId !== undefined) {
      const other = seenDevices.get(a.deviceId);
      if (other !== undefined) add("accounts", i, `deviceId ${a.deviceId} is also given to account ${other}`, a.id);
      seenDevices.set(a.deviceId, a.id);
      const owner = existing.deviceOwners.get(a.deviceId);
      if (owner !== undefined && owner !== a.id && !existing.accountIds.has(a.id)) {
        add("accounts", i, `deviceId ${a.deviceId} is already bound to account ${owner}`, a.id);
      }
    }
  });
  return { problems, phones };
}

/**
 * Imports an extract in the format of `shared/registry-file.ts`. On any problem nothing is written and every
 * problem is returned with its section, index and reason. Otherwise everything is written in one D1 batch, audited as
 * the action of `by` (a province_admin; `null` for the development route).
 */
export async function importRegistry(ctx: Ctx, raw: unknown, by: string | null = null): Promise<ImportOutcome> {
  const shape = shapeProblems(raw);
  if (!shape.file) return { ok: false, problems: shape.problems };
  const file = shape.file;
  const { problems, phones } = await validate(ctx, file);
  if (problems.length) return { ok: false, problems };

  const db = ctx.db;
  const now = ctx.clock.now();
  const existingAccounts = new Set(await listAccountIds(db));
  const fresh = (file.accounts ?? []).filter((a) => !existingAccounts.has(a.id));
  const hash = (secret: string | undefined) =>
    secret === undefined ? Promise.resolve(null) : hashSecret(secret, ctx.pepper, ctx.iterations);
  const hashed = await Promise.all(
    fresh.map(async (a) => ({
      password: await hash(a.password),
      passcode: await hash(a.passcode),
      answers: await Promise.all(
        Object.entries(a.securityAnswers ?? {}).map(async ([qid, answer]) => ({
          questionId: Number(qid),
          answerHash: (await hash(normalizeAnswer(answer))) as string,
        })),
      ),
    })),
  );

  const statements: D1PreparedStatement[] = [];
  for (const q of file.securityQuestions ?? [])
    statements.push(upsertQuestionStatement(db, q.id, q.text.normalize("NFC")));
  for (const r of file.registry ?? []) {
    const record = {
      id: r.id,
      oldId: r.oldId ?? "",
      fullName: r.fullName.normalize("NFC"),
      dob: r.dob,
      gender: r.gender,
      address: r.address.normalize("NFC"),
      phone: phones.get(r.phone) as string,
      cardType: r.cardType,
      cardIssued: r.cardIssued,
      qr: (r.qr ?? "").normalize("NFC"),
      guardianIds: r.guardianIds ?? [],
    };
    statements.push(upsertCitizenStatement(db, record, now));
  }
  fresh.forEach((a, i) => {
    const h = hashed[i] as (typeof hashed)[number];
    const account = {
      id: a.id,
      phone: phones.get(a.phone) as string,
      level: a.level,
      status: a.status,
      passwordHash: h.password,
      passcodeHash: h.passcode,
    };
    statements.push(insertImportedAccountStatement(db, account, now));
    h.answers.slice(0, 2).forEach((answer, slot) => statements.push(insertAnswerStatement(db, a.id, slot + 1, answer)));
    if (a.deviceId !== undefined) statements.push(insertDeviceStatement(db, a.deviceId, a.id, now));
  });
  const summary: ImportSummary = {
    questions: file.securityQuestions?.length ?? 0,
    registry: file.registry?.length ?? 0,
    accountsCreated: fresh.length,
    accountsUnchanged: (file.accounts?.length ?? 0) - fresh.length,
  };
  statements.push(officerAuditStatement(db, now, "registry.imported", by, null, { ...summary }));
  await db.batch(statements);
  return { ok: true, summary };
}
