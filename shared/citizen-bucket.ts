/**
 * National scale (docs/scale.md): which shard holds what. Citizen data is hashed by the 12-digit ID number into
 * one of {@link CITIZEN_BUCKETS} virtual buckets, and buckets are mapped to the `CITIZEN_<n>` D1 databases; office
 * data lives in the database of its province (`PROVINCE_<code>`). The simulation (scripts/simulate-national.ts)
 * and the sharded worker of part 2 use these definitions, so both place a row in the same shard.
 */

/** Virtual buckets: the unit of placement and of a data move (`npm run shard:move -- --bucket N --to <shard>`). */
export const CITIZEN_BUCKETS = 4096;

/** murmur3's 32-bit finaliser: spreads FNV-1a's low bits, which the bucket number is taken from. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a (32-bit) of a string's UTF-16 code units, then fmix32. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** The bucket of a citizen (by ID number), or of any other key placed like one (a device id). */
export function citizenBucket(key: string): number {
  return keyHash(key) % CITIZEN_BUCKETS;
}

/** The shard (0-based, `CITIZEN_<n>`) of a bucket in the initial layout of `shards` databases: contiguous ranges. */
export function initialShardOf(bucket: number, shards: number): number {
  return Math.floor((bucket * shards) / CITIZEN_BUCKETS);
}

/** Tables whose rows belong to one citizen and live in that citizen's shard. */
export const CITIZEN_TABLES: readonly string[] = [
  "registry",
  "accounts",
  "security_answers",
  "devices",
  "sessions",
  "activation_flows",
  "registration_flows",
  "recovery_flows",
  "notifications",
  "dependants",
  "photos",
  // Login counts of submitted IDs with no account (`citizen:<id>` rows, by the ID's bucket); the rows of unknown
  // officer user names (`officer:<name>`) live in the province's copy of the table.
  "login_failures",
  // Lines with `account_id` and no `officer` (the citizen's "Hoạt động của tôi").
  "audit_log",
  // Eight reference rows, copied into every citizen shard (activation reads them beside the answers).
  "security_questions",
];

/** Tables of the police offices, kept in the database of their province. */
export const OFFICE_TABLES: readonly string[] = [
  "units",
  "officers",
  "officer_sessions",
  "reference_counters",
  "intake_photos",
  "applications",
  "appointments",
  "event_sessions",
  "event_records",
  // Texts that could not be sent after their commit ("Tin nhắn lỗi", read by the province_admin).
  "sms_failed",
  // Lines with an `officer` (the officer audit view).
  "audit_log",
];

/** Development-only tables (movable clock, fault injection, local SMS outbox): in no production shard. */
export const DEV_TABLES: readonly string[] = ["dev_clock", "dev_faults", "sms_outbox"];
