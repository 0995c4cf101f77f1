import type { Gender } from "../../../shared/citizen";
import { citizenLookup, findCitizen, findCitizens } from "../db/registry";

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
  /** A child's parents or guardians as the registry records them (ID numbers); absent or empty when it records none. */
  guardianIds?: string[];
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

/** The local registry: the `registry` table of the app's own D1 database (db/registry.ts). */
export class D1Registry implements RegistryAdapter {
  constructor(private readonly db: D1Database) {}

  findCitizen(id: string): Promise<Citizen | null> {
    return findCitizen(this.db, id);
  }

  lookupInBatch(id: string): RegistryLookup {
    return citizenLookup(this.db, id);
  }

  findCitizens(ids: string[]): Promise<Map<string, Citizen>> {
    return findCitizens(this.db, ids);
  }
}
