/**
 * `npm run simulate:national`: a national peak day, modelled from what was measured (docs/scale/statements.json and
 * its detail, docs/scale/bytes-per-row.json) over 100 million ID numbers spread like the 2019 census by birth
 * province (data/provinces.json), streamed one at a time. For each candidate layout it prints per-shard storage after
 * 3 years and queries a second in the 10× busiest hour, the busiest citizen shard ÷ the mean, the busiest province
 * and the busiest instance of each Durable Object class; then how today's per-IP limits treat a carrier-NAT address
 * and a commune office's shared computer. Writes bench/national.json; exits 1 when the chosen layout is over budget.
 * The decision and every assumption are explained in docs/scale.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { CITIZEN_BUCKETS, OFFICE_TABLES, citizenBucket, fmix32, initialShardOf } from "../shared/citizen-bucket";

// ---------------------------------------------------------------------------------------------------------------
// Inputs: the issue's numbers, and the assumptions docs/scale.md states (each named here once).

/** The peak day of the issue, and its busiest hour. */
const PEAK_DAY = { logins: 6_000_000, activations: 1_000_000, level2: 300_000, level1: 100_000 };
const BUSIEST_HOUR_SHARE = 0.15;
const SURGE = 10;
const IDS = 100_000_000;
const YEARS = 3;

/** The chosen layout (docs/scale.md): (b) with this many citizen databases, and one database per province. */
const CHOSEN = { layout: "b", citizenShards: 256 } as const;
/** Citizen-shard counts the simulation also evaluates for layout (b). */
const SHARD_OPTIONS = [32, 64, 128, 256];
/**
 * A province whose office data would pass this share of the D1 budget gets more than one database, its units
 * spread over them (`PROVINCE_<code>`, `PROVINCE_<code>_2`, …); units are uneven, hence the imbalance factor.
 */
const PROVINCE_TARGET = 0.8;
const UNIT_IMBALANCE = 1.1;

/** The budget at 10× the busiest hour (issue 15). */
const BUDGET = {
  d1Bytes: 0.5 * 10 * 1e9,
  d1QueriesPerSecond: 0.5 * 1000,
  doRequestsPerSecond: 500,
  busiestOverMean: 1.2,
  /** Not in the issue: D1's storage limit per account is 1 TB (Workers Paid); keep half of it free. */
  accountBytes: 0.5 * 1e12,
};

/** An average day, for storage growth (the peak day is not every day). Logins: VNeID's 3–6 million users a day. */
const AVERAGE_DAY = { logins: 4_500_000, activations: 100_000, level2: 50_000, level1: 20_000 };
/** Accounts after 3 years: everyone of 14 and over (83.5 million in mid-2025, of about 100 million people). */
const ACCOUNTS = 90_000_000;
/** Children under 14 linked by a guardian ("Người phụ thuộc"), with their guardians: about 1.5 links a child. */
const DEPENDANT_LINKS = 30_000_000;

/**
 * How long rows stay in D1 (days; `Infinity` = kept). Each is a requirement on part 2 (a cron trigger deletes, or
 * moves to R2, what is older): see docs/scale.md, "Retention".
 */
const RETENTION_DAYS: Record<string, number> = {
  sessions: 2, // 12 h absolute lifetime; ended sessions kept a day for "Quản lý thiết bị" and support
  activation_flows: 7,
  registration_flows: 7,
  recovery_flows: 7,
  audit_log: 90, // then NDJSON in R2 (one object per shard and day), kept for the legal period
  "audit_log:officer": 90,
  notifications: 365,
  applications: 180, // decided files leave the province database (a copy stays in the citizen shard, the file in R2)
  intake_photos: 180,
  appointments: 180,
  event_sessions: 180,
  event_records: 180,
  officer_sessions: 2,
  citizen_files: Infinity,
  photos: Infinity,
};

/**
 * The journeys of a day: how many a peak day and an average day have, and the requests each makes (route →
 * requests per journey). The four volumes of the issue are given; the others are stated as ratios of them.
 */
interface Journey {
  peak: number;
  average: number;
  routes: Record<string, number>;
}
const FILES_PEAK = PEAK_DAY.level1 + PEAK_DAY.level2;
const FILES_AVERAGE = AVERAGE_DAY.level1 + AVERAGE_DAY.level2;
const JOURNEYS: Record<string, Journey> = {
  login: {
    peak: PEAK_DAY.logins,
    average: AVERAGE_DAY.logins,
    routes: {
      "POST /api/auth/login": 1,
      "GET /api/me": 1,
      "GET /api/me/card": 1,
      "GET /api/me/notifications": 0.3,
      "GET /api/me/papers": 0.1,
      "GET /api/me/dependants": 0.05,
      "GET /api/me/activity": 0.05,
      "GET /api/me/devices": 0.05,
      "POST /api/identity/qr": 0.5,
      "POST /api/auth/logout": 0.2,
    },
  },
  activation: {
    peak: PEAK_DAY.activations,
    average: AVERAGE_DAY.activations,
    routes: {
      "GET /api/security-questions": 1,
      "POST /api/activation/start": 1,
      "POST /api/activation/status": 1,
      "POST /api/activation/otp": 1.2,
      "POST /api/activation/verify": 1,
      "POST /api/activation/password": 0.5,
      "POST /api/activation/passcode": 1,
      "POST /api/activation/security": 1,
    },
  },
  level1: {
    peak: PEAK_DAY.level1,
    average: AVERAGE_DAY.level1,
    routes: {
      "POST /api/registration/start": 1,
      "POST /api/registration/otp": 0.2,
      "POST /api/registration/verify": 1,
      "POST /api/registration/password": 1,
      "POST /api/auth/login": 1,
      "POST /api/level1/photo": 1.2,
      "POST /api/level1/apply": 1,
      "GET /api/track/mine": 1,
      // Its decision by an officer.
      "GET /api/officer/applications/{id}": 1,
      "POST /api/officer/applications/{id}/approve": 0.9,
      "POST /api/officer/applications/{id}/reject": 0.1,
    },
  },
  level2: {
    peak: PEAK_DAY.level2,
    average: AVERAGE_DAY.level2,
    routes: {
      "POST /api/officer/photo": 0.8,
      "POST /api/officer/intake": 0.8,
      // One in five is taken offline at a community event and synced (a batch of one record measured).
      "POST /api/officer/events/{id}/records": 0.2,
      "GET /api/officer/applications": 0.1,
      "GET /api/officer/applications/{id}": 1,
      "POST /api/officer/applications/{id}/approve": 0.95,
      "POST /api/officer/applications/{id}/reject": 0.05,
    },
  },
  tracking: { peak: 0.5 * FILES_PEAK, average: 0.5 * FILES_AVERAGE, routes: { "POST /api/track": 1 } },
  booking: {
    peak: 0.3 * PEAK_DAY.level2,
    average: 0.3 * AVERAGE_DAY.level2,
    routes: {
      "GET /api/units": 1,
      "GET /api/appointments/slots": 2,
      "POST /api/appointments": 1,
      "POST /api/appointments/cancel": 0.05,
    },
  },
  recovery: {
    peak: 0.02 * PEAK_DAY.logins,
    average: 0.02 * AVERAGE_DAY.logins,
    routes: {
      "POST /api/recovery/start": 1,
      "POST /api/recovery/verify": 1,
      "POST /api/recovery/answer": 1,
      "POST /api/recovery/password": 1,
    },
  },
  /** An officer's day: about 3,400 units with 3 officers each. */
  officerDay: {
    peak: 10_000,
    average: 10_000,
    routes: {
      "POST /api/officer/login": 1,
      "GET /api/officer/me": 1,
      "GET /api/officer/appointments": 2,
      "POST /api/officer/events": 0.05,
      "GET /api/officer/events/{id}": 0.2,
    },
  },
  /** A province admin's look at reports and the audit, 20 times a day in each of 34 provinces. */
  reports: { peak: 34 * 20, average: 34 * 20, routes: { "GET /api/officer/reports": 1, "GET /api/officer/audit": 1 } },
};

/**
 * Routes that show the citizen their own data: in the sharded layouts they read only the citizen's shard (which
 * keeps a copy of the citizen's files, `citizen_files`, written by the decision's durable step).
 */
const CITIZEN_VIEW = (key: string) =>
  key === "POST /api/auth/login" || key === "GET /api/track/mine" || /^GET \/api\/me(\/|$)/.test(key);

/**
 * Routes whose writes span two shards in layout (b) (docs/scale.md §4): each is one durable cross-shard step.
 * Activation's last step binds a device whose `device_index` row is in the device's bucket, nearly always another shard.
 */
const CROSS_SHARD_ROUTES = [
  "POST /api/officer/applications/{id}/approve",
  "POST /api/officer/applications/{id}/reject",
  "POST /api/officer/intake",
  "POST /api/officer/events/{id}/records",
  "POST /api/level1/apply",
  "POST /api/activation/security",
];

/** Carrier NAT: online users in Vietnam (about 78 million internet users, 2024) and addresses to evaluate. */
const ONLINE_USERS = 78_000_000;
const NAT_SUBSCRIBERS = [1_000, 5_000, 20_000];
/** The design case the proposed per-IP limits must let through at the 10× hour. */
const NAT_DESIGN = 20_000;
/** A commune office's shared computer: 30 citizens in an hour, each activating, logging in, and booking or tracking. */
const OFFICE_CITIZENS = 30;

// ---------------------------------------------------------------------------------------------------------------
// Measured inputs.

type Cost = { d1: { reads: number; writes: number; batches: number }; do: number; r2: number };
type TableCost = { reads: number; writes: number; rowsRead: number; rowsWritten: number; inserted: number };
type Detail = {
  tables: Record<string, TableCost>;
  doCalls: Record<string, number>;
  r2Ops: Record<string, number>;
  sms: number;
};
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;
const statements = readJson<Record<string, Cost | string[]>>("docs/scale/statements.json");
const details = readJson<Record<string, Detail | string[]>>("docs/scale/statements.detail.json");
const bytes = readJson<{
  pageSize: number;
  perCitizenObject: { btrees: number; bytes: number };
  tables: Record<string, { bytesPerRow: number }>;
}>("docs/scale/bytes-per-row.json");
const provinces = readJson<{
  oldProvinces: Array<{ code: string; name: string; population2019: number }>;
  provinces: Array<{ code: string; name: string; merged: string[]; population2019: number }>;
}>("data/provinces.json");
const limitsToml = readFileSync("wrangler.toml", "utf8");

function costOf(key: string): Cost {
  const c = statements[key];
  if (!c || Array.isArray(c))
    throw new Error(`${key} is not in docs/scale/statements.json: measure it (tests/workerd/statements.test.ts)`);
  return c;
}
function detailOf(key: string): Detail {
  const d = details[key];
  if (!d || Array.isArray(d)) throw new Error(`${key} is not in docs/scale/statements.detail.json`);
  return d;
}
const bytesPerRow = (table: string): number => {
  const t = bytes.tables[table === "citizen_files" ? "applications" : table.replace(":officer", "")];
  if (!t) throw new Error(`no bytes per row for ${table}`);
  return t.bytesPerRow;
};

// ---------------------------------------------------------------------------------------------------------------
// Streaming the 100 million ID numbers.

/** What the stream keeps: counts, never the IDs. */
interface IdStream {
  buckets: Float64Array;
  /** By birth-province code (old, 63). */
  byBirthCode: Map<string, number>;
  /** FNV-1a % 64 of the ID: the RateLimiter/OtpGuard sharding of worker/src/do/shard.ts. */
  limiterShards: Float64Array;
  seconds: number;
}

/** xorshift32: a fast deterministic stream of 32-bit values. */
function xorshift(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

function streamIds(): IdStream {
  const started = performance.now();
  const total = provinces.oldProvinces.reduce((s, p) => s + p.population2019, 0);
  const buckets = new Float64Array(CITIZEN_BUCKETS);
  const limiterShards = new Float64Array(64);
  const byBirthCode = new Map<string, number>();
  const next = xorshift(2019);
  const codes = new Uint16Array(12);
  let emitted = 0;
  provinces.oldProvinces.forEach((p, i) => {
    // Largest remainder would be exact; rounding each and giving the last the rest keeps the total at IDS.
    const n = i === provinces.oldProvinces.length - 1 ? IDS - emitted : Math.round((IDS * p.population2019) / total);
    emitted += n;
    byBirthCode.set(p.code, n);
    for (let k = 0; k < 3; k++) codes[k] = p.code.charCodeAt(k);
    for (let j = 0; j < n; j++) {
      const r1 = next();
      const r2 = next();
      // Born 1925–2025: century/gender digit (0/1 for the 1900s, 2/3 for the 2000s), two year digits, six random digits.
      const year = 1925 + (r1 % 101);
      const female = (r1 >>> 8) & 1;
      codes[3] = 48 + (year >= 2000 ? 2 : 0) + female;
      const yy = year % 100;
      codes[4] = 48 + Math.floor(yy / 10);
      codes[5] = 48 + (yy % 10);
      let six = r2 % 1_000_000;
      for (let k = 11; k >= 6; k--) {
        codes[k] = 48 + (six % 10);
        six = Math.floor(six / 10);
      }
      const h = fnv12(codes);
      (limiterShards[h % 64] as number)++;
      (buckets[fmix32(h) % CITIZEN_BUCKETS] as number)++;
    }
  });
  return { buckets, byBirthCode, limiterShards, seconds: (performance.now() - started) / 1000 };
}

/** FNV-1a (32-bit) of the 12 character codes of an ID number: the hash of shard.ts and of citizenBucket, unmixed. */
function fnv12(codes: Uint16Array): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < 12; k++) {
    h ^= codes[k] as number;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The stream's digit-by-digit path must place an ID exactly as shared/citizen-bucket.ts does. */
function checkFastPath(): void {
  const next = xorshift(7);
  const codes = new Uint16Array(12);
  for (let i = 0; i < 10_000; i++) {
    const id = `${String(next() % 97).padStart(3, "0")}${next() % 4}${String(next() % 100).padStart(2, "0")}${String(next() % 1_000_000).padStart(6, "0")}`;
    for (let k = 0; k < 12; k++) codes[k] = id.charCodeAt(k);
    if (fmix32(fnv12(codes)) % CITIZEN_BUCKETS !== citizenBucket(id))
      throw new Error(`bucket fast path differs for ${id}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Load: statements per second by side (citizen / office), Durable Object calls by group, in the 10× hour.

type Side = "citizen" | "office";
const OFFICE_SET = new Set(OFFICE_TABLES.filter((t) => t !== "audit_log"));

const sideOfTable = (t: string): Side => (OFFICE_SET.has(t) || t === "audit_log:officer" ? "office" : "citizen");

/**
 * Where a statement of `route` on `tableKey` runs in a sharded layout. A write runs where the table it changes
 * lives (the other tables only guard it: across shards, that guard becomes the durable step's idempotency key, see
 * docs/scale.md); a read of the citizen's own data runs on the citizen shard (which keeps a copy of the citizen's
 * files); any other read runs on the side of its tables, an officer route's mixed read on the office side.
 */
function sideOf(route: string, tableKey: string): Side {
  const parts = tableKey.split(",");
  const target = parts.find((t) => t.endsWith("*"));
  if (target) return sideOfTable(target.slice(0, -1));
  if (CITIZEN_VIEW(route)) return "citizen";
  const sides = new Set(parts.map(sideOfTable));
  if (sides.size === 1) return [...sides][0] as Side;
  return route.includes(" /api/officer/") ? "office" : "citizen";
}

interface Load {
  /** Requests per second in the 10× hour, all routes. */
  requests: number;
  /** Statements per second: all (one database), and by side (see {@link sideOf}). */
  statements: number;
  bySide: Record<Side, number>;
  /** Rows inserted per average day, by table key (`audit_log:officer` apart). */
  insertedPerAverageDay: Record<string, number>;
  /** Durable Object calls per second by `<binding>:<group>`. */
  doCalls: Record<string, number>;
  r2: number;
  sms: number;
  /** Per-IP limited actions per second (RateLimiter groups ending in `-ip`). */
  routesPerSecond: Record<string, number>;
}

function load(): Load {
  const out: Load = {
    requests: 0,
    statements: 0,
    bySide: { citizen: 0, office: 0 },
    insertedPerAverageDay: {},
    doCalls: {},
    r2: 0,
    sms: 0,
    routesPerSecond: {},
  };
  for (const j of Object.values(JOURNEYS)) {
    const perSecond = (j.peak * BUSIEST_HOUR_SHARE * SURGE) / 3600;
    for (const [route, times] of Object.entries(j.routes)) {
      const rate = perSecond * times;
      const cost = costOf(route);
      const detail = detailOf(route);
      out.requests += rate;
      out.routesPerSecond[route] = (out.routesPerSecond[route] ?? 0) + rate;
      out.statements += rate * (cost.d1.reads + cost.d1.writes);
      for (const [key, t] of Object.entries(detail.tables)) {
        out.bySide[sideOf(route, key)] += rate * (t.reads + t.writes);
        const target = key
          .split(",")
          .find((x) => x.endsWith("*"))
          ?.slice(0, -1);
        if (target && t.inserted > 0)
          out.insertedPerAverageDay[target] = (out.insertedPerAverageDay[target] ?? 0) + j.average * times * t.inserted;
      }
      for (const [group, n] of Object.entries(detail.doCalls))
        out.doCalls[group] = (out.doCalls[group] ?? 0) + rate * n;
      out.r2 += rate * cost.r2;
      out.sms += rate * detail.sms;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Storage after 3 years, by table, national totals (rows and bytes), under the retention of RETENTION_DAYS.

interface TableRows {
  rows: number;
  bytes: number;
  side: Side;
}

function storage(l: Load, withRetention: boolean): Record<string, TableRows> {
  const days = YEARS * 365;
  const kept = (table: string) => (withRetention ? Math.min(days, RETENTION_DAYS[table] ?? Infinity) : days);
  const rows: Record<string, number> = {
    registry: IDS,
    accounts: ACCOUNTS,
    security_answers: 2 * ACCOUNTS,
    devices: ACCOUNTS,
    dependants: DEPENDANT_LINKS,
    units: 3_400,
    officers: 10_000,
    reference_counters: 34 * 2 * YEARS,
  };
  for (const [table, perDay] of Object.entries(l.insertedPerAverageDay)) {
    if (table in rows) continue;
    rows[table] = perDay * kept(table);
  }
  // The citizen's copy of each decided file (part 2): every file of the 3 years.
  if (withRetention) rows.citizen_files = FILES_AVERAGE * days;
  const out: Record<string, TableRows> = {};
  for (const [table, n] of Object.entries(rows)) {
    const side: Side = OFFICE_SET.has(table) || table === "audit_log:officer" ? "office" : "citizen";
    out[table] = { rows: n, bytes: n * bytesPerRow(table), side };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Layouts.

interface ShardLine {
  name: string;
  count: number;
  /** The busiest instance. */
  bytes: number;
  queriesPerSecond: number;
  meanBytes: number;
  meanQueriesPerSecond: number;
}
interface LayoutResult {
  id: string;
  title: string;
  shards: ShardLine[];
  busiestOverMean: number;
  busiestProvince: { name: string; queriesPerSecond: number; bytes: number };
  durableObjects: Record<string, number>;
  overBudget: string[];
}

const sum = (xs: Iterable<number>) => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

function provinceShares(): Array<{ name: string; share: number }> {
  const total = sum(provinces.provinces.map((p) => p.population2019));
  return provinces.provinces.map((p) => ({ name: p.name, share: p.population2019 / total }));
}

/** Busiest instance of each Durable Object group: calls ÷ 64 shards × the shards' skew, plus one carrier-NAT key. */
function durableObjects(l: Load, stream: IdStream, extra: Record<string, number> = {}): Record<string, number> {
  const skew = Math.max(...stream.limiterShards) / (sum(stream.limiterShards) / 64);
  const out: Record<string, number> = {};
  for (const [group, rate] of Object.entries(l.doCalls)) {
    const hotKey = group.endsWith("-ip") ? rate * (NAT_DESIGN / ONLINE_USERS) : 0;
    out[group] = (rate / 64) * skew + hotKey;
  }
  return { ...out, ...extra };
}

function budgetCheck(r: Omit<LayoutResult, "overBudget">): string[] {
  const over: string[] = [];
  for (const s of r.shards) {
    if (s.name.includes("Durable Object")) continue;
    if (s.bytes > BUDGET.d1Bytes) over.push(`${s.name}: ${gb(s.bytes)} GB > ${gb(BUDGET.d1Bytes)} GB`);
    if (s.queriesPerSecond > BUDGET.d1QueriesPerSecond)
      over.push(`${s.name}: ${Math.round(s.queriesPerSecond)} queries/s > ${BUDGET.d1QueriesPerSecond}`);
  }
  for (const [group, rate] of Object.entries(r.durableObjects)) {
    if (rate > BUDGET.doRequestsPerSecond)
      over.push(`Durable Object ${group}: ${Math.round(rate)} requests/s > ${BUDGET.doRequestsPerSecond}`);
  }
  const total = sum(r.shards.filter((s) => !s.name.includes("Durable Object")).map((s) => s.meanBytes * s.count));
  if (total > BUDGET.accountBytes)
    over.push(`all D1 databases: ${gb(total)} GB > ${gb(BUDGET.accountBytes)} GB (half the account's 1 TB)`);
  if (r.busiestOverMean > BUDGET.busiestOverMean)
    over.push(`busiest citizen shard ÷ mean ${r.busiestOverMean.toFixed(3)} > ${BUDGET.busiestOverMean}`);
  return over;
}

function layoutA(l: Load, st: Record<string, TableRows>, stream: IdStream): LayoutResult {
  const bytesAll = sum(Object.values(st).map((t) => t.bytes));
  const shares = provinceShares();
  const top = shares.reduce((a, b) => (b.share > a.share ? b : a));
  const r = {
    id: "a",
    title: "(a) one D1 database for everything (today)",
    shards: [
      {
        name: "DB",
        count: 1,
        bytes: bytesAll,
        queriesPerSecond: l.statements,
        meanBytes: bytesAll,
        meanQueriesPerSecond: l.statements,
      },
    ],
    busiestOverMean: 1,
    busiestProvince: {
      name: top.name,
      queriesPerSecond: l.bySide.office * top.share,
      bytes: sideBytes(st, "office") * top.share,
    },
    durableObjects: durableObjects(l, stream),
  };
  return { ...r, overBudget: budgetCheck(r) };
}

function sideBytes(st: Record<string, TableRows>, side: Side) {
  return sum(
    Object.values(st)
      .filter((t) => t.side === side)
      .map((t) => t.bytes),
  );
}

/** Office databases: one per province, more for a province whose load or size would pass {@link PROVINCE_TARGET}. */
function provinceLine(
  l: Load,
  st: Record<string, TableRows>,
): { line: ShardLine; busiest: LayoutResult["busiestProvince"]; split: Record<string, number> } {
  const shares = provinceShares();
  const officeBytes = sideBytes(st, "office");
  const split: Record<string, number> = {};
  let count = 0;
  let worst = { qps: 0, bytes: 0 };
  for (const p of shares) {
    const qps = l.bySide.office * p.share;
    const size = officeBytes * p.share;
    const k = Math.max(
      1,
      Math.ceil((qps * UNIT_IMBALANCE) / (BUDGET.d1QueriesPerSecond * PROVINCE_TARGET)),
      Math.ceil((size * UNIT_IMBALANCE) / (BUDGET.d1Bytes * PROVINCE_TARGET)),
    );
    if (k > 1) split[p.name] = k;
    count += k;
    const skew = k > 1 ? UNIT_IMBALANCE : 1;
    worst = { qps: Math.max(worst.qps, (qps / k) * skew), bytes: Math.max(worst.bytes, (size / k) * skew) };
  }
  const top = shares.reduce((a, b) => (b.share > a.share ? b : a));
  const splitText = Object.entries(split)
    .map(([n, k]) => `${n} ×${k}`)
    .join(", ");
  return {
    line: {
      name: `PROVINCE_<code> (${count} D1${splitText ? `; ${splitText}` : ""})`,
      count,
      bytes: worst.bytes,
      queriesPerSecond: worst.qps,
      meanBytes: officeBytes / count,
      meanQueriesPerSecond: l.bySide.office / count,
    },
    busiest: { name: top.name, queriesPerSecond: l.bySide.office * top.share, bytes: officeBytes * top.share },
    split,
  };
}

function layoutB(l: Load, st: Record<string, TableRows>, stream: IdStream, shards: number): LayoutResult {
  const perShard = new Float64Array(shards);
  stream.buckets.forEach((n, b) => {
    (perShard[initialShardOf(b, shards)] as number) += n;
  });
  const mean = IDS / shards;
  const busiest = Math.max(...perShard) / mean;
  const citizenBytes = sideBytes(st, "citizen");
  const province = provinceLine(l, st);
  const r = {
    id: `b${shards}`,
    title: `(b) citizens hashed into ${CITIZEN_BUCKETS} buckets on ${shards} D1 (CITIZEN_<n>), offices per province`,
    shards: [
      {
        name: `CITIZEN_<n> (${shards} D1)`,
        count: shards,
        bytes: (citizenBytes / shards) * busiest,
        queriesPerSecond: (l.bySide.citizen / shards) * busiest,
        meanBytes: citizenBytes / shards,
        meanQueriesPerSecond: l.bySide.citizen / shards,
      },
      province.line,
    ],
    busiestOverMean: busiest,
    busiestProvince: province.busiest,
    durableObjects: durableObjects(l, stream),
  };
  return { ...r, overBudget: budgetCheck(r) };
}

/** Citizen data sharded by the birth-province prefix instead of a hash: what hashing avoids. */
function layoutPrefix(l: Load, st: Record<string, TableRows>, stream: IdStream): LayoutResult {
  const counts = [...stream.byBirthCode.values()];
  const mean = IDS / counts.length;
  const busiest = Math.max(...counts) / mean;
  const citizenBytes = sideBytes(st, "citizen");
  const province = provinceLine(l, st);
  const r = {
    id: "prefix",
    title: "(b') citizens by birth-province prefix on 63 D1, offices per province",
    shards: [
      {
        name: "CITIZEN_<prefix> (63 D1)",
        count: counts.length,
        bytes: (citizenBytes / counts.length) * busiest,
        queriesPerSecond: (l.bySide.citizen / counts.length) * busiest,
        meanBytes: citizenBytes / counts.length,
        meanQueriesPerSecond: l.bySide.citizen / counts.length,
      },
      province.line,
    ],
    busiestOverMean: busiest,
    busiestProvince: province.busiest,
    durableObjects: durableObjects(l, stream),
  };
  return { ...r, overBudget: budgetCheck(r) };
}

function layoutC(l: Load, st: Record<string, TableRows>, stream: IdStream): LayoutResult {
  const citizenBytes = sideBytes(st, "citizen");
  // Each citizen object holds at least one page per B-tree; its own rows come on top of that.
  const perObject = bytes.perCitizenObject.bytes + citizenBytes / IDS;
  const objects = IDS;
  // Requests of one citizen in the 10× hour: the citizen's share of the citizen-side requests; the busiest citizen is
  // one whose home screen sends its requests at once (login answer, then /api/me and /api/me/card in parallel).
  const citizenRequests = sum(
    Object.entries(l.routesPerSecond)
      .filter(([route]) => !route.startsWith("POST /api/officer/") && !route.startsWith("GET /api/officer/"))
      .map(([, rate]) => rate),
  );
  const meanPerObject = citizenRequests / objects;
  const busiestPerObject = 3;
  // Directory objects the per-citizen layout still needs: device id → account, sharded by hash like the limiters.
  const deviceLookups =
    (l.routesPerSecond["POST /api/activation/start"] ?? 0) + (l.routesPerSecond["POST /api/activation/security"] ?? 0);
  const province = provinceLine(l, st);
  const r = {
    id: "c",
    title: "(c) one SQLite Durable Object per citizen (CITIZEN namespace), offices per province",
    shards: [
      {
        name: `CITIZEN Durable Object (${(objects / 1e6).toFixed(0)} M objects)`,
        count: objects,
        bytes: perObject,
        queriesPerSecond: busiestPerObject,
        meanBytes: perObject,
        meanQueriesPerSecond: meanPerObject,
      },
      province.line,
    ],
    busiestOverMean: busiestPerObject / meanPerObject,
    busiestProvince: province.busiest,
    durableObjects: durableObjects(l, stream, {
      "CITIZEN:citizen": busiestPerObject,
      "DEVICES:device-index": (deviceLookups / 64) * 1.01,
    }),
  };
  const over = budgetCheck(r).filter((o) => !o.startsWith("busiest citizen shard"));
  return { ...r, overBudget: over };
}

// ---------------------------------------------------------------------------------------------------------------
// Carrier NAT and a commune office.

/** `count/seconds` of a wrangler var (the development block, which production repeats). */
function limitOf(name: string): { limit: number; window: number } | null {
  const m = new RegExp(`^${name}\\s*=\\s*"(\\d+)/(\\d+)"`, "m").exec(limitsToml);
  return m ? { limit: Number(m[1]), window: Number(m[2]) } : null;
}

/**
 * The per-IP limits of today (wrangler.toml; which routes take a slot is measured: the RateLimiter calls of each
 * route), and the start limit that issue 17 plans for the three start routes.
 */
const PER_IP: Array<{ kind: string; variable: string; planned?: { value: string; routes: string[] } }> = [
  { kind: "login-ip", variable: "LIMIT_LOGIN_PER_IP" },
  { kind: "otp-ip", variable: "LIMIT_OTP_PER_IP" },
  { kind: "booking-ip", variable: "LIMIT_BOOKING_PER_IP" },
  { kind: "track-ip", variable: "LIMIT_TRACK_PER_IP" },
  {
    kind: "start-ip",
    variable: "LIMIT_START_PER_IP",
    planned: {
      value: "20/300",
      routes: ["POST /api/activation/start", "POST /api/registration/start", "POST /api/recovery/start"],
    },
  },
];

/** Slots of `kind` that one request of `route` takes. */
function slotsOf(route: string, kind: string, planned?: { routes: string[] }): number {
  if (planned) return planned.routes.includes(route) ? 1 : 0;
  return detailOf(route).doCalls[`LIMITER:${kind}`] ?? 0;
}

/** Share of Poisson(λ) arrivals above `limit` in a window: E[max(0, X − limit)] / λ. */
function refusedShare(lambda: number, limit: number): number {
  if (lambda <= 0) return 0;
  // pmf by recurrence in log space; the tail beyond λ + 12√λ + 20 is negligible.
  const top = Math.ceil(lambda + 12 * Math.sqrt(lambda) + 20);
  let logP = -lambda;
  let excess = 0;
  for (let k = 0; k <= top; k++) {
    if (k > 0) logP += Math.log(lambda / k);
    if (k > limit) excess += (k - limit) * Math.exp(logP);
  }
  return excess / lambda;
}

/** The count a window reaches with probability 0.999 (Poisson). */
function p999(lambda: number): number {
  let logP = -lambda;
  let cdf = Math.exp(logP);
  let k = 0;
  while (cdf < 0.999 && k < lambda + 50 * Math.sqrt(lambda + 1) + 50) {
    k++;
    logP += Math.log(lambda / k);
    cdf += Math.exp(logP);
  }
  return k;
}

const nice = (x: number) => {
  const steps = [
    10, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200, 250, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000, 3000,
  ];
  return steps.find((s) => s >= x) ?? Math.ceil(x / 1000) * 1000;
};

interface NatLine {
  kind: string;
  variable: string;
  limit: string;
  /** Per subscriber count: expected actions in one window at the 10× hour, and the share refused. */
  nat: Array<{ subscribers: number; perWindow: number; refused: number }>;
  office: { evenPerWindow: number; burstPerWindow: number; refusedEven: boolean; refusedBurst: boolean };
  proposed: string;
}

function carrierNat(l: Load): NatLine[] {
  // One commune-office citizen: an activation (start, OTP 1.2 times), a login, and a booking or a tracking look-up.
  const officeCitizen: Record<string, number> = {
    "POST /api/activation/start": 1,
    "POST /api/activation/otp": 1.2,
    "POST /api/auth/login": 1,
    "POST /api/appointments": 0.5,
    "POST /api/track": 0.5,
  };
  return PER_IP.map((p) => {
    const current = limitOf(p.variable) ?? (p.planned ? limitOfText(p.planned.value) : null);
    if (!current) throw new Error(`${p.variable} is missing from wrangler.toml`);
    const national = sum(
      Object.entries(l.routesPerSecond).map(([route, rate]) => rate * slotsOf(route, p.kind, p.planned)),
    );
    const nat = NAT_SUBSCRIBERS.map((n) => {
      const lambda = national * (n / ONLINE_USERS) * current.window;
      return { subscribers: n, perWindow: lambda, refused: refusedShare(lambda, current.limit) };
    });
    const perCitizen = sum(
      Object.entries(officeCitizen).map(([route, times]) => times * slotsOf(route, p.kind, p.planned)),
    );
    // Evenly over the hour, or the whole queue served in the first 15 minutes (three helpers at once).
    const evenPerWindow = (OFFICE_CITIZENS / 3600) * current.window * perCitizen;
    const burstPerWindow = (OFFICE_CITIZENS / 900) * current.window * perCitizen;
    const designLambda = national * (NAT_DESIGN / ONLINE_USERS) * current.window;
    const proposed = Math.max(current.limit, nice(2 * p999(designLambda)));
    return {
      kind: p.kind,
      variable: p.variable + (p.planned ? " (issue 17, planned)" : ""),
      limit: `${current.limit}/${current.window}`,
      nat,
      office: {
        evenPerWindow,
        burstPerWindow,
        refusedEven: evenPerWindow > current.limit,
        refusedBurst: burstPerWindow > current.limit,
      },
      proposed: `${proposed}/${current.window}`,
    };
  });
}

const limitOfText = (v: string) => ({ limit: Number(v.split("/")[0]), window: Number(v.split("/")[1]) });

// ---------------------------------------------------------------------------------------------------------------
// Output.

const gb = (b: number) => (b / 1e9).toFixed(b < 1e6 ? 6 : b < 1e9 ? 3 : 1);
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(n >= 10 ? 1 : 2));

function printLayout(r: LayoutResult): void {
  console.log(`\n${r.title}${r.overBudget.length ? "  — OVER BUDGET" : "  — within budget"}`);
  console.log("  shard                                      count   busiest GB   mean GB   busiest q/s   mean q/s");
  for (const s of r.shards) {
    console.log(
      `  ${s.name.padEnd(40)} ${int(s.count).padStart(8)} ${gb(s.bytes).padStart(12)} ${gb(s.meanBytes).padStart(9)} ${fmt(s.queriesPerSecond).padStart(13)} ${fmt(s.meanQueriesPerSecond).padStart(10)}`,
    );
  }
  const total = sum(r.shards.map((s) => s.meanBytes * s.count));
  console.log(`  storage of all shards: ${gb(total)} GB`);
  console.log(
    `  busiest citizen shard ÷ mean: ${r.id === "c" ? `not applicable (one object per citizen: busiest ${fmt(r.shards[0]?.queriesPerSecond ?? 0)} requests/s, mean ${(r.shards[0]?.meanQueriesPerSecond ?? 0).toExponential(1)})` : r.busiestOverMean.toFixed(4)}`,
  );
  console.log(
    `  busiest province: ${r.busiestProvince.name}, ${fmt(r.busiestProvince.queriesPerSecond)} office queries/s, ${gb(r.busiestProvince.bytes)} GB of office data`,
  );
  console.log(
    `  busiest Durable Object instance (requests/s): ${Object.entries(r.durableObjects)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(", ")}`,
  );
  for (const o of r.overBudget) console.log(`  over budget: ${o}`);
}

function main(): void {
  const started = performance.now();
  checkFastPath();
  const stream = streamIds();
  const l = load();
  const kept = storage(l, true);
  const keptForever = storage(l, false);
  const layouts = [
    layoutA(l, kept, stream),
    ...SHARD_OPTIONS.map((n) => layoutB(l, kept, stream, n)),
    layoutPrefix(l, kept, stream),
    layoutC(l, kept, stream),
  ];
  const chosen = layouts.find((r) => r.id === `${CHOSEN.layout}${CHOSEN.citizenShards}`);
  if (!chosen) throw new Error("the chosen layout is not among those simulated");
  const nat = carrierNat(l);

  console.log(
    `National peak day: ${fmt(PEAK_DAY.logins)} logins, ${fmt(PEAK_DAY.activations)} activations, ${fmt(PEAK_DAY.level2)} level-2 intakes, ${fmt(PEAK_DAY.level1)} level-1 applications`,
  );
  console.log(
    `Busiest hour ${BUSIEST_HOUR_SHARE * 100}% of the day, at ${SURGE}×: ${fmt(l.requests)} requests/s, ${fmt(l.statements)} D1 statements/s (citizen side ${fmt(l.bySide.citizen)}, office side ${fmt(l.bySide.office)}), ${fmt(l.r2)} R2 operations/s, ${fmt(l.sms)} texts/s`,
  );
  console.log(
    `Cross-shard steps in layout (b): ${fmt(sum(CROSS_SHARD_ROUTES.map((r) => l.routesPerSecond[r] ?? 0)))}/s (${CROSS_SHARD_ROUTES.map((r) => `${r.split(" ")[1]?.replace("/api/", "")} ${fmt(l.routesPerSecond[r] ?? 0)}`).join(", ")})`,
  );
  console.log(
    `${fmt(IDS)} ID numbers streamed in ${stream.seconds.toFixed(1)} s over ${CITIZEN_BUCKETS} buckets (fullest bucket ÷ mean ${(Math.max(...stream.buckets) / (IDS / CITIZEN_BUCKETS)).toFixed(4)}; fullest of the 64 Durable Object shards ÷ mean ${(Math.max(...stream.limiterShards) / (IDS / 64)).toFixed(4)})`,
  );
  console.log(
    `Storage after ${YEARS} years with the retention of docs/scale.md: citizen side ${gb(sideBytes(kept, "citizen"))} GB, office side ${gb(sideBytes(kept, "office"))} GB; keeping every row: ${gb(sum(Object.values(keptForever).map((t) => t.bytes)))} GB`,
  );
  console.log(
    "  by table (rows, GB): " +
      Object.entries(kept)
        .sort((a, b) => b[1].bytes - a[1].bytes)
        .map(([t, v]) => `${t} ${fmt(v.rows / 1e6)}M ${gb(v.bytes)}`)
        .join("; "),
  );
  for (const r of layouts) printLayout(r);

  console.log(
    `\nCarrier NAT at the ${SURGE}× hour (an address shared by N online subscribers of ${fmt(ONLINE_USERS)}), and a commune office's shared computer (${OFFICE_CITIZENS} citizens in an hour):`,
  );
  console.log(
    "  limit                                   today      per window at N = " +
      NAT_SUBSCRIBERS.map((n) => fmt(n)).join(" / ") +
      "  (refused)        office: even / 15-min queue   proposed",
  );
  for (const n of nat) {
    const cells = n.nat.map((x) => `${fmt(x.perWindow)} (${(x.refused * 100).toFixed(0)}%)`).join(" / ");
    const office = `${n.office.evenPerWindow.toFixed(1)}${n.office.refusedEven ? " REFUSED" : ""} / ${n.office.burstPerWindow.toFixed(1)}${n.office.refusedBurst ? " REFUSED" : ""}`;
    console.log(
      `  ${n.variable.padEnd(38)} ${n.limit.padStart(8)}   ${cells.padEnd(44)}   ${office.padEnd(28)} ${n.proposed}`,
    );
  }

  console.log(
    "\nSummary at the 10× hour (budget: D1 ≤ 5 GB and ≤ 500 q/s, Durable Object ≤ 500 req/s, citizen shards ≤ 1.2 × mean)",
  );
  console.log(
    "  layout          D1 databases  busiest D1 GB  busiest D1 q/s  busiest÷mean  busiest DO req/s  all storage GB  verdict",
  );
  for (const r of layouts) {
    const d1 = r.shards.filter((s) => !s.name.includes("Durable Object"));
    const ratio = r.id === "c" ? "n/a" : r.busiestOverMean.toFixed(3);
    const busiestDo = Math.max(...Object.values(r.durableObjects));
    const total = sum(r.shards.map((s) => s.meanBytes * s.count));
    console.log(
      `  ${r.id.padEnd(15)} ${int(sum(d1.map((s) => s.count))).padStart(12)} ${gb(Math.max(...d1.map((s) => s.bytes))).padStart(14)} ${fmt(Math.max(...d1.map((s) => s.queriesPerSecond))).padStart(15)} ${ratio.padStart(13)} ${fmt(busiestDo).padStart(17)} ${gb(total).padStart(15)}  ${r.overBudget.length ? "over budget" : "within budget"}${r === chosen ? " (chosen)" : ""}`,
    );
  }

  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\nChosen: ${chosen.title}. ${chosen.overBudget.length ? `OVER BUDGET:\n  ${chosen.overBudget.join("\n  ")}` : "Within budget: every D1 ≤ 5 GB and ≤ 500 queries/s, every Durable Object ≤ 500 requests/s, busiest citizen shard ≤ 1.2 × mean."}`,
  );
  console.log(`Simulated in ${seconds.toFixed(1)} s.`);

  mkdirSync("bench", { recursive: true });
  writeFileSync(
    "bench/national.json",
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        seconds,
        inputs: {
          PEAK_DAY,
          BUSIEST_HOUR_SHARE,
          SURGE,
          IDS,
          YEARS,
          AVERAGE_DAY,
          ACCOUNTS,
          DEPENDANT_LINKS,
          RETENTION_DAYS,
          ONLINE_USERS,
          NAT_DESIGN,
          BUDGET,
          JOURNEYS,
        },
        load: l,
        storage: { kept, keptForever },
        stream: {
          seconds: stream.seconds,
          fullestBucketOverMean: Math.max(...stream.buckets) / (IDS / CITIZEN_BUCKETS),
          fullestDurableObjectShardOverMean: Math.max(...stream.limiterShards) / (IDS / 64),
        },
        layouts,
        chosen: { ...CHOSEN, overBudget: chosen.overBudget },
        carrierNat: nat,
      },
      (_k, v) => (v === Infinity ? "kept" : v instanceof Float64Array ? undefined : v),
      2,
    )}\n`,
  );
  if (chosen.overBudget.length) process.exit(1);
}

main();
