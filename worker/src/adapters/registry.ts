import type { Gender } from "../../../shared/citizen";

/** A citizen as the population registry (CSDL quốc gia về dân cư) knows them. */
export interface Citizen {
  id: string;
  oldId: string;
  fullName: string;
  dob: string;
  gender: Gender;
  address: string;
  /** E.164. */
  phone: string;
  cardType: string;
  cardIssued: string;
}

/** Read access to the population registry. Production talks to the national database; the default is local D1. */
export interface RegistryAdapter {
  findCitizen(id: string): Promise<Citizen | null>;
  /** Many at once (a batch of offline-intake records), where the registry can; absent IDs are left out. */
  findCitizens?(ids: string[]): Promise<Map<string, Citizen>>;
  /**
   * Where the registry is a table of the app's own D1 database: the lookup as a statement for the caller's batch
   * (one round trip instead of two), and how to read its result.
   */
  lookupInBatch?(id: string): RegistryLookup;
}

/** A registry lookup that rides in the caller's D1 batch. */
export interface RegistryLookup {
  statement: D1PreparedStatement;
  read(result: D1Result | undefined): Citizen | null;
}

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
  };
}

/** The local registry: the `registry` table, filled by `npm run registry:import`. */
export class D1Registry implements RegistryAdapter {
  constructor(private readonly db: D1Database) {}

  async findCitizen(id: string): Promise<Citizen | null> {
    const row = await this.db.prepare("SELECT * FROM registry WHERE id = ?1").bind(id).first<RegistryRow>();
    return row ? toCitizen(row) : null;
  }

  lookupInBatch(id: string): RegistryLookup {
    return {
      statement: this.db.prepare("SELECT * FROM registry WHERE id = ?1").bind(id),
      read: (result) => {
        const row = (result?.results as RegistryRow[] | undefined)?.[0];
        return row ? toCitizen(row) : null;
      },
    };
  }

  async findCitizens(ids: string[]): Promise<Map<string, Citizen>> {
    const found = new Map<string, Citizen>();
    if (!ids.length) return found;
    const { results } = await this.db
      .prepare(`SELECT * FROM registry WHERE id IN (SELECT value FROM json_each(?1))`)
      .bind(JSON.stringify(ids))
      .all<RegistryRow>();
    for (const row of results) found.set(row.id, toCitizen(row));
    return found;
  }
}
