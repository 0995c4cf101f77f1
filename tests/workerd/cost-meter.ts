/**
 * A cost meter for the workerd tests: wraps every D1 database, Durable Object namespace and R2 bucket of an `Env`
 * and counts what one request costs while a meter is running (see docs/scale/statements.json for the definitions).
 * Bindings are found by shape, not by name, so the meter keeps working when part 2 adds `CITIZEN_<n>` and
 * `PROVINCE_<code>` databases or a `CITIZEN` namespace.
 */

/** What one request costs, in the shape of a `docs/scale/statements.json` value. */
export interface RouteCost {
  d1: { reads: number; writes: number; batches: number };
  do: number;
  r2: number;
}

/** Per table (or table set) of one request: statements, and rows from D1's result meta. */
export interface TableCost {
  reads: number;
  writes: number;
  /** `meta.rows_read` of those statements (rows scanned, indexes included). */
  rowsRead: number;
  /** `meta.rows_written` of those statements (rows and index entries written). */
  rowsWritten: number;
  /** `meta.changes` of the INSERT statements: rows added to the table. */
  inserted: number;
}

/** The detail behind a {@link RouteCost}, for the simulation (docs/scale/statements.detail.json). */
export interface RouteDetail {
  /** By table key: the tables a statement names, sorted, `,`-joined, the written one with `*`; `audit_log:officer` for officer lines. */
  tables: Record<string, TableCost>;
  /** Durable Object calls by `<binding>:<group>`, the group being the object's name without its shard number. */
  doCalls: Record<string, number>;
  /** R2 operations by `<binding>.<method>`. */
  r2Ops: Record<string, number>;
  /** D1 statements by binding. */
  d1ByBinding: Record<string, { reads: number; writes: number; batches: number }>;
  /**
   * Texts sent: the OTP's rows of `sms_outbox` in development (which the D1 counts leave out), and the messages
   * queued on `SMS_QUEUE` for every other text.
   */
  sms: number;
}

/** A running count. */
export interface Meter {
  cost: RouteCost;
  detail: RouteDetail;
}

/** A fresh, empty meter. */
export function newMeter(): Meter {
  return {
    cost: { d1: { reads: 0, writes: 0, batches: 0 }, do: 0, r2: 0 },
    detail: { tables: {}, doCalls: {}, r2Ops: {}, d1ByBinding: {}, sms: 0 },
  };
}

/** Development-only tables: the movable clock, fault injection and the local SMS outbox cost nothing in production. */
const DEV_ONLY_TABLES = ["dev_clock", "dev_faults", "sms_outbox"];

/** The tables of the schema, read from `sqlite_master` once per wrapped database. */
type TableNames = () => Promise<string[]>;

/** SQL without comments and string literals, so that keywords and names are matched on code only. */
function codeOf(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/'(?:[^']|'')*'/g, "''");
}

/**
 * A statement is a write when it contains INSERT, UPDATE, DELETE or REPLACE (an `INSERT … SELECT … WHERE` that
 * inserts nothing is still a write: it takes the database's write path), and a read otherwise.
 */
export function isWrite(sql: string): boolean {
  return /\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(codeOf(sql));
}

function isInsert(sql: string): boolean {
  return /^\s*(WITH\b[\s\S]*?\)\s*)?(INSERT|REPLACE)\b/i.test(codeOf(sql));
}

/** The table a write statement changes (INSERT/REPLACE INTO, UPDATE, DELETE FROM), or `null`. */
function writeTarget(code: string): string | null {
  const m = /\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+"?(\w+)/i.exec(
    code,
  );
  return m ? (m[1] as string).toLowerCase() : null;
}

/**
 * The table key of a statement: the schema's tables that it names, sorted and joined with `,`; the table a write
 * changes carries a `*` (the others only guard it); officer audit lines are `audit_log:officer`.
 */
export function tableKey(sql: string, tables: readonly string[]): string {
  const code = codeOf(sql);
  const target = writeTarget(code);
  const named = tables.filter((t) => new RegExp(`\\b${t}\\b`, "i").test(code));
  return (
    named
      .sort()
      .map(
        (t) => (t === "audit_log" && /\bofficer\b/i.test(code) ? "audit_log:officer" : t) + (t === target ? "*" : ""),
      )
      .join(",") || "(none)"
  );
}

function devOnly(sql: string): boolean {
  const code = codeOf(sql);
  return DEV_ONLY_TABLES.some((t) => new RegExp(`\\b${t}\\b`, "i").test(code));
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

interface Meta {
  rows_read?: number;
  rows_written?: number;
  changes?: number;
}

/** Counts one executed statement into the running meter. */
function record(meter: Meter, binding: string, sql: string, tables: string[], meta: Meta | undefined): void {
  if (devOnly(sql)) {
    if (isInsert(sql) && /\bsms_outbox\b/i.test(sql)) meter.detail.sms += 1;
    return;
  }
  const write = isWrite(sql);
  const kind = write ? "writes" : "reads";
  meter.cost.d1[kind] += 1;
  const byBinding = (meter.detail.d1ByBinding[binding] ??= { reads: 0, writes: 0, batches: 0 });
  byBinding[kind] += 1;
  const t = (meter.detail.tables[tableKey(sql, tables)] ??= {
    reads: 0,
    writes: 0,
    rowsRead: 0,
    rowsWritten: 0,
    inserted: 0,
  });
  t[kind] += 1;
  t.rowsRead += meta?.rows_read ?? 0;
  t.rowsWritten += meta?.rows_written ?? 0;
  if (isInsert(sql)) t.inserted += meta?.changes ?? 0;
}

/** The meter that counts now, or `null` (setup requests through the same env are not counted). */
export type CurrentMeter = () => Meter | null;

interface Inner {
  stmt: D1PreparedStatement;
  sql: string;
}

/** Wraps one D1 database (or a session of it). */
function meteredD1<T extends D1Database | D1DatabaseSession>(
  db: T,
  binding: string,
  current: CurrentMeter,
  tableNames: TableNames,
): T {
  const inners = new WeakMap<object, Inner>();
  const wrapStatement = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const count = async <R>(run: () => Promise<R>, metaOf: (r: R) => Meta | undefined): Promise<R> => {
      const meter = current();
      const result = await run();
      if (meter) record(meter, binding, sql, await tableNames(), metaOf(result));
      return result;
    };
    const wrapped: D1PreparedStatement = {
      bind: (...values: unknown[]) => wrapStatement(stmt.bind(...values), sql),
      // `first` is run as `all` so that the result meta (rows read and written) is seen; the SQL is the same.
      first: (async (column?: string) => {
        const res = await count(
          () => stmt.all<Record<string, unknown>>(),
          (r) => r.meta,
        );
        const row = res.results[0] ?? null;
        return column === undefined ? row : row === null ? null : (row[column] ?? null);
      }) as D1PreparedStatement["first"],
      all: (() =>
        count(
          () => stmt.all(),
          (r) => r.meta,
        )) as D1PreparedStatement["all"],
      run: (() =>
        count(
          () => stmt.run(),
          (r) => r.meta,
        )) as D1PreparedStatement["run"],
      raw: ((options?: { columnNames?: boolean }) =>
        count<unknown>(
          () => (options?.columnNames ? stmt.raw({ columnNames: true }) : stmt.raw()),
          () => undefined,
        )) as D1PreparedStatement["raw"],
    } as D1PreparedStatement;
    inners.set(wrapped, { stmt, sql });
    return wrapped;
  };
  const unwrap = (s: D1PreparedStatement): Inner => {
    const inner = inners.get(s);
    if (!inner) throw new Error("cost meter: a batch got a statement of another database");
    return inner;
  };
  const base = {
    prepare: (sql: string) => wrapStatement(db.prepare(sql), sql),
    batch: async <R = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<R>[]> => {
      const meter = current();
      const inner = statements.map(unwrap);
      const results = await db.batch<R>(inner.map((i) => i.stmt));
      if (meter) {
        const tables = await tableNames();
        const counted = inner.filter((i) => !devOnly(i.sql)).length;
        if (counted > 0) {
          meter.cost.d1.batches += 1;
          (meter.detail.d1ByBinding[binding] ??= { reads: 0, writes: 0, batches: 0 }).batches += 1;
        }
        inner.forEach((i, n) => record(meter, binding, i.sql, tables, results[n]?.meta));
      }
      return results;
    },
  };
  if ("exec" in db) {
    const full = db as D1Database;
    return {
      ...base,
      exec: async (sql: string) => {
        const meter = current();
        const res = await full.exec(sql);
        if (meter) {
          const tables = await tableNames();
          for (const one of sql.split(";").filter((s) => s.trim())) record(meter, binding, one, tables, undefined);
        }
        return res;
      },
      dump: () => full.dump(),
      withSession: (constraint?: string) =>
        meteredD1(full.withSession(constraint as D1SessionConstraint), binding, current, tableNames),
    } as unknown as T;
  }
  return { ...base, getBookmark: () => (db as D1DatabaseSession).getBookmark() } as unknown as T;
}

/** Wraps a Durable Object namespace: every call on a stub (RPC method or `fetch`) counts one request. */
function meteredNamespace(ns: DurableObjectNamespace, binding: string, current: CurrentMeter): DurableObjectNamespace {
  const names = new Map<string, string>();
  const group = (name: string | undefined) => (name ?? "(unnamed)").replace(/\/\d+$/, "");
  const stubOf = (stub: DurableObjectStub, name: string | undefined): DurableObjectStub =>
    new Proxy(stub, {
      get(target, prop) {
        const value = Reflect.get(target, prop);
        if (typeof prop !== "string" || prop === "then" || typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const meter = current();
          if (meter) {
            meter.cost.do += 1;
            bump(meter.detail.doCalls, `${binding}:${group(name)}`);
          }
          return Reflect.apply(value as (...a: unknown[]) => unknown, target, args);
        };
      },
    });
  return new Proxy(ns, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === "idFromName")
        return (name: string) => {
          const id = target.idFromName(name);
          names.set(id.toString(), name);
          return id;
        };
      if (prop === "get")
        return (id: DurableObjectId, opts?: DurableObjectNamespaceGetDurableObjectOptions) =>
          stubOf(target.get(id, opts), names.get(id.toString()) ?? id.name);
      if (prop === "getByName")
        return (name: string, opts?: DurableObjectNamespaceGetDurableObjectOptions) =>
          stubOf(target.getByName(name, opts), name);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const R2_METHODS = new Set(["head", "get", "put", "delete", "list", "createMultipartUpload", "resumeMultipartUpload"]);

/** Wraps an R2 bucket: every operation counts one. */
function meteredBucket(bucket: R2Bucket, binding: string, current: CurrentMeter): R2Bucket {
  return new Proxy(bucket, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      if (typeof prop !== "string" || !R2_METHODS.has(prop)) return value.bind(target);
      return (...args: unknown[]) => {
        const meter = current();
        if (meter) {
          meter.cost.r2 += 1;
          bump(meter.detail.r2Ops, `${binding}.${prop}`);
        }
        return Reflect.apply(value as (...a: unknown[]) => unknown, target, args);
      };
    },
  });
}

/** Wraps a queue producer: every message sent is a text (the texts queued after a commit, domain/texts.ts). */
function meteredQueue(queue: Queue, current: CurrentMeter): Queue {
  return new Proxy(queue, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      if (prop !== "send" && prop !== "sendBatch") return value.bind(target);
      return (...args: unknown[]) => {
        const meter = current();
        if (meter) meter.detail.sms += prop === "send" ? 1 : [...(args[0] as Iterable<unknown>)].length;
        return Reflect.apply(value as (...a: unknown[]) => unknown, target, args);
      };
    },
  });
}

const isD1 = (v: unknown): v is D1Database =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as D1Database).prepare === "function" &&
  typeof (v as D1Database).batch === "function";
const isNamespace = (v: unknown): v is DurableObjectNamespace =>
  typeof v === "object" && v !== null && typeof (v as DurableObjectNamespace).idFromName === "function";
const isBucket = (v: unknown): v is R2Bucket =>
  typeof v === "object" && v !== null && typeof (v as R2Bucket).createMultipartUpload === "function";
const isQueue = (v: unknown): v is Queue =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as Queue).send === "function" &&
  typeof (v as Queue).sendBatch === "function";

/** A copy of `env` whose D1, Durable Object, R2 and queue bindings count into `current()` while it returns a meter. */
export function meteredEnv<E extends object>(env: E, current: CurrentMeter): E {
  const out: Record<string, unknown> = { ...(env as Record<string, unknown>) };
  for (const [name, value] of Object.entries(env)) {
    if (isD1(value)) {
      let tables: Promise<string[]> | undefined;
      const tableNames = () =>
        (tables ??= value
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
          )
          .all<{ name: string }>()
          .then((r) => r.results.map((x) => x.name)));
      out[name] = meteredD1(value, name, current, tableNames);
    } else if (isNamespace(value)) out[name] = meteredNamespace(value, name, current);
    else if (isBucket(value)) out[name] = meteredBucket(value, name, current);
    else if (isQueue(value)) out[name] = meteredQueue(value, current);
  }
  return out as E;
}
