/** The local population registry (`registry`), filled by `npm run registry:import`; read through adapters/registry.ts. */
import type { Gender } from "../../../shared/citizen";
import type { Citizen, RegistryLookup } from "../adapters/registry";

interface RegistryRow {
  id: string;
  old_id: string;
  full_name: string;
  dob: string;
  gender: Gender;
  address: string;
  phone: string;
  card_type: string;
  card_issued: string;
  guardian_ids: string;
}

/** The `guardian_ids` column (a JSON array of ID numbers); anything else reads as none. */
function guardianIdsOf(text: string): string[] {
  try {
    const ids: unknown = JSON.parse(text);
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function toCitizen(row: RegistryRow): Citizen {
  return {
    id: row.id,
    oldId: row.old_id,
    fullName: row.full_name,
    dob: row.dob,
    gender: row.gender,
    address: row.address,
    phone: row.phone,
    cardType: row.card_type,
    cardIssued: row.card_issued,
    guardianIds: guardianIdsOf(row.guardian_ids),
  };
}

/** The registry record of an ID number, or `null`. */
export async function findCitizen(db: D1Database, id: string): Promise<Citizen | null> {
  const row = await db.prepare("SELECT * FROM registry WHERE id = ?1").bind(id).first<RegistryRow>();
  return row ? toCitizen(row) : null;
}

/** {@link findCitizen} as a statement for the caller's batch, and how to read its result. */
export function citizenLookup(db: D1Database, id: string): RegistryLookup {
  return {
    statement: db.prepare("SELECT * FROM registry WHERE id = ?1").bind(id),
    read: (result) => {
      const row = (result?.results as RegistryRow[] | undefined)?.[0];
      return row ? toCitizen(row) : null;
    },
  };
}

/** The registry records of many ID numbers at once; absent IDs are left out. */
export async function findCitizens(db: D1Database, ids: string[]): Promise<Map<string, Citizen>> {
  const found = new Map<string, Citizen>();
  if (!ids.length) return found;
  const { results } = await db
    .prepare(`SELECT * FROM registry WHERE id IN (SELECT value FROM json_each(?1))`)
    .bind(JSON.stringify(ids))
    .all<RegistryRow>();
  for (const row of results) found.set(row.id, toCitizen(row));
  return found;
}

/** What an import is checked against, read in one batch: question ids, registry phones, accounts, device owners. */
export async function readImportBaseline(db: D1Database): Promise<{
  questionIds: Set<number>;
  registryPhones: Map<string, string>;
  accountIds: Set<string>;
  deviceOwners: Map<string, string>;
}> {
  const [questions, registry, accounts, devices] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT id FROM security_questions"),
    db.prepare("SELECT id, phone FROM registry"),
    db.prepare("SELECT id FROM accounts"),
    db.prepare("SELECT device_id, account_id FROM devices"),
  ]);
  return {
    questionIds: new Set((questions?.results ?? []).map((r) => Number(r.id))),
    registryPhones: new Map((registry?.results ?? []).map((r) => [String(r.id), String(r.phone)])),
    accountIds: new Set((accounts?.results ?? []).map((r) => String(r.id))),
    deviceOwners: new Map((devices?.results ?? []).map((r) => [String(r.device_id), String(r.account_id)])),
  };
}

/** A registry record as imported (names and address already NFC, phone already E.164), with its card's QR text. */
export type RegistryRecord = Citizen & { qr: string };

/** A statement adding a registry record, or replacing every field of the one with its id. */
export function upsertCitizenStatement(db: D1Database, r: RegistryRecord, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO registry (id, old_id, full_name, dob, gender, address, phone, card_type, card_issued, qr, updated_at, guardian_ids)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
       ON CONFLICT(id) DO UPDATE SET old_id = excluded.old_id, full_name = excluded.full_name, dob = excluded.dob,
         gender = excluded.gender, address = excluded.address, phone = excluded.phone,
         card_type = excluded.card_type, card_issued = excluded.card_issued, qr = excluded.qr,
         updated_at = excluded.updated_at, guardian_ids = excluded.guardian_ids`,
    )
    .bind(
      r.id,
      r.oldId,
      r.fullName,
      r.dob,
      r.gender,
      r.address,
      r.phone,
      r.cardType,
      r.cardIssued,
      r.qr,
      now,
      JSON.stringify(r.guardianIds ?? []),
    );
}

/** Whether the local registry table holds any record (readiness: the `d1` registry must not be empty). */
export async function registryHasRecords(db: D1Database): Promise<boolean> {
  const row = await db.prepare("SELECT EXISTS (SELECT 1 FROM registry) AS has").first<{ has: number }>();
  return row?.has === 1;
}
