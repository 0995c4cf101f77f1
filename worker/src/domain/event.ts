/**
 * Offline intake at community events (issue 5; seed 001: "tại địa điểm tập trung đông người như nhà văn hóa, khu
 * vui chơi, sinh hoạt cộng đồng"). An officer starts an event session online and gets the server's public sealing
 * key; the phone then captures level-2 files offline, each sealed to that key (`shared/seal.ts`), and uploads them
 * later in batches. Here a record is opened with the private key (the `INTAKE_SEAL_KEY` secret) and goes through
 * exactly the office's intake (`intakeLevel2`): the registry match, one live level-2 file per ID, the numbering.
 *
 * Uploads are idempotent on (session, client id): the first request claims the record, later ones get its outcome.
 * A claim whose request died mid-record lapses after a minute; the record is then taken again, and if the first
 * attempt had already made the file, the office intake's own duplicate check answers `duplicate` with its reference:
 * never a second file.
 */
import {
  type EventOutcomeT,
  EventRecordPlain,
  type EventRecordResultT,
  type EventSessionT,
  type EventStartInput,
  type EventSyncInput,
} from "../../../shared/event-schemas";
import { type ErrorCode, isErrorCode, messageFor } from "../../../shared/messages";
import type { IntakeInput } from "../../../shared/officer-schemas";
import { fromBase64Url } from "../../../shared/base64url";
import {
  type SealPrivateKey,
  type SealPublicKey,
  importSealPrivateKey,
  openRecord,
  publicOf,
} from "../../../shared/seal";
import { iso, vnToday } from "../clock";
import type { Ctx } from "../context";
import { randomToken } from "../crypto";
import { officerAuditStatement } from "../db/audit";
import {
  type EventRecordRow,
  type EventSessionRow,
  claimEventRecordStatement,
  findEventRecordStatement,
  findEventSession,
  finishEventRecordStatement,
  insertEventSessionStatement,
  listEventRecords,
} from "../db/events";
import { deleteUnusedIntakePhoto } from "../db/photos";
import { type Result, fail } from "../errors";
import { intakeLevel2, storeIntakePhoto } from "./intake";
import { checkPortrait } from "./level1";
import type { Officer } from "./officer";

// ------------------------------------------------------------------------------------------------------------------
// The sealing key.

interface SealKeys {
  current: SealPublicKey;
  all: SealPrivateKey[];
}
const keyCache = new Map<string, Promise<SealKeys>>();

/** The keys of the `INTAKE_SEAL_KEY` secret (one private JWK, or an array, newest first), imported once. */
function sealKeys(secret: string): Promise<SealKeys> {
  let keys = keyCache.get(secret);
  if (!keys) {
    keys = (async () => {
      if (!secret) throw new Error("INTAKE_SEAL_KEY secret is missing");
      const parsed = JSON.parse(secret) as unknown;
      const jwks = (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, string>>;
      if (!jwks.length) throw new Error("INTAKE_SEAL_KEY holds no key");
      return { current: publicOf(jwks[0]!), all: await Promise.all(jwks.map((j) => importSealPrivateKey(j))) };
    })();
    keys.catch(() => keyCache.delete(secret));
    keyCache.set(secret, keys);
  }
  return keys;
}

// ------------------------------------------------------------------------------------------------------------------
// Sessions.

/** The Vietnam date (yyyy-mm-dd) of a unix time. */
export function vnDay(seconds: number): string {
  return new Date((seconds + 7 * 3600) * 1000).toISOString().slice(0, 10);
}

function viewOf(row: EventSessionRow, publicKey: SealPublicKey): EventSessionT {
  return {
    id: row.id,
    place: row.place,
    firstDay: row.first_day,
    lastDay: row.last_day,
    officer: row.officer,
    unit: { code: row.unit_code, name: row.unit_name ?? row.unit_code },
    createdAt: iso(row.created_at),
    publicKey,
  };
}

/** "Bắt đầu sự kiện": a session of this officer at their unit, for days that have not all passed. */
export async function startEvent(
  ctx: Ctx,
  officer: Officer,
  input: EventStartInput,
): Promise<Result<{ event: EventSessionT }>> {
  if (input.lastDay < vnToday(ctx.clock))
    return fail("EVENT_DATES", { fields: { lastDay: messageFor("EVENT_DATES") } });
  const keys = await sealKeys(ctx.config.intakeSealKey);
  const now = ctx.clock.now();
  const row: EventSessionRow = {
    id: `ev_${randomToken(16)}`,
    officer: officer.username,
    unit_code: officer.unitCode,
    unit_name: officer.unitName,
    place: input.place,
    first_day: input.firstDay,
    last_day: input.lastDay,
    kid: keys.current.kid,
    created_at: now,
  };
  await ctx.db.batch([
    insertEventSessionStatement(ctx.db, row),
    officerAuditStatement(ctx.db, now, "event.started", officer.username, null, {
      event: row.id,
      unit: row.unit_code,
      place: row.place,
      days: [row.first_day, row.last_day],
    }),
  ]);
  return { ok: true, event: viewOf(row, keys.current) };
}

/** The session, if it is this officer's, at their unit: EVENT_NOT_FOUND or FORBIDDEN otherwise. */
async function ownSession(ctx: Ctx, officer: Officer, id: string): Promise<Result<{ row: EventSessionRow }>> {
  const row = /^ev_[A-Za-z0-9_-]{10,40}$/.test(id) ? await findEventSession(ctx.db, id) : null;
  if (!row) return fail("EVENT_NOT_FOUND");
  if (row.officer !== officer.username || row.unit_code !== officer.unitCode) return fail("FORBIDDEN");
  return { ok: true, row };
}

function resultOf(row: Pick<EventRecordRow, "client_id" | "state" | "reference" | "code">): EventRecordResultT {
  const outcome: EventOutcomeT = row.state === "processing" ? "retry" : row.state;
  const code = row.code && isErrorCode(row.code) ? row.code : null;
  return {
    clientId: row.client_id,
    outcome,
    reference: row.reference,
    code: row.code,
    message: code ? messageFor(code) : null,
  };
}

/** `GET /api/officer/events/:id`: the session and the outcome of every record the server holds. */
export async function eventDetail(ctx: Ctx, officer: Officer, id: string) {
  const own = await ownSession(ctx, officer, id);
  if (!own.ok) return own;
  const keys = await sealKeys(ctx.config.intakeSealKey);
  const records = (await listEventRecords(ctx.db, id)).map(resultOf);
  const counts = { accepted: 0, duplicate: 0, rejected: 0, retry: 0 };
  for (const r of records) counts[r.outcome]++;
  return { ok: true as const, event: viewOf(own.row, keys.current), records, counts };
}

// ------------------------------------------------------------------------------------------------------------------
// Sync.

type Upload = EventSyncInput["records"][number];

/** Seconds a capture time may be ahead of the server clock (phones' clocks drift). */
const CLOCK_SLACK_SECONDS = 600;

/**
 * One batch of sealed records: each ends `accepted` (a new file), `duplicate` (the ID already has a level-2 file
 * or account: its reference), `rejected` (the reason), or `retry` (another request holds it now). A record already
 * decided gets its first outcome back, so a replayed batch never makes a second file.
 */
export async function syncEventRecords(
  ctx: Ctx,
  officer: Officer,
  id: string,
  body: EventSyncInput,
  origin: string,
): Promise<Result<{ results: EventRecordResultT[] }>> {
  const own = await ownSession(ctx, officer, id);
  if (!own.ok) return own;
  const event = own.row;
  const keys = await sealKeys(ctx.config.intakeSealKey);
  const db = ctx.db;
  // Claims in one write for the whole batch, outcomes in another: the per-record work in between runs in parallel.
  const now = ctx.clock.now();
  const claims = await db.batch<EventRecordRow>(
    body.records.map((u) => claimEventRecordStatement(db, event.id, u.clientId, u.capturedAt, now)),
  );
  const failed = (err: unknown): Decision => {
    // One record's unexpected failure costs the others nothing: it stays claimed and is tried again later.
    console.error("event record failed", err);
    return { state: "processing", reference: null, code: null, accountId: null };
  };
  // Open every claimed record first, then look their IDs up in the registry at once, then file each.
  const opened = await Promise.all(
    body.records.map(async (upload, i): Promise<Decision | Opened | null> => {
      if (!claims[i]?.results[0]) return null; // decided before, or another request holds it now
      return openOne(ctx, event, keys.all, upload).catch(failed);
    }),
  );
  const ids = opened.flatMap((o) => (o && "fields" in o ? [o.fields.card.id] : []));
  const registry = ctx.registry;
  const known = registry.findCitizens && ids.length > 1 ? await registry.findCitizens(ids) : null;
  const filing: Ctx = known
    ? {
        ...ctx,
        registry: {
          findCitizen: async (cid) => (known.has(cid) ? (known.get(cid) ?? null) : registry.findCitizen(cid)),
        },
      }
    : ctx;
  const work = await Promise.all(
    opened.map(async (o): Promise<Decision | null> => {
      if (!o || !("fields" in o)) return o;
      return fileOne(filing, officer, event, o, origin).catch(failed);
    }),
  );
  const at = ctx.clock.now();
  const statements: D1PreparedStatement[] = [];
  const readAt = new Map<number, number>();
  body.records.forEach((upload, i) => {
    const d = work[i];
    if (d === null || d === undefined) {
      readAt.set(i, statements.length);
      statements.push(findEventRecordStatement(db, event.id, upload.clientId));
    } else if (d.state !== "processing") {
      statements.push(
        finishEventRecordStatement(db, event.id, upload.clientId, d.state, d.reference, d.code, at),
        officerAuditStatement(db, at, "event.record", officer.username, d.accountId, {
          event: event.id,
          clientId: upload.clientId,
          outcome: d.state,
          ...(d.reference && { reference: d.reference }),
          ...(d.code && { code: d.code }),
        }),
      );
    }
  });
  const answers = statements.length ? await db.batch<EventRecordRow>(statements) : [];
  const results = body.records.map((upload, i): EventRecordResultT => {
    const d = work[i];
    if (d) return resultOf({ client_id: upload.clientId, state: d.state, reference: d.reference, code: d.code });
    const row = answers[readAt.get(i) as number]?.results[0];
    return row
      ? resultOf(row)
      : resultOf({ client_id: upload.clientId, state: "processing", reference: null, code: null });
  });
  return { ok: true, results };
}

/** What became of one claimed record (`processing`: nothing yet, it is tried again later). */
interface Decision {
  state: EventRecordRow["state"];
  reference: string | null;
  code: ErrorCode | null;
  accountId: string | null;
}

/** A claimed record, opened and checked, ready for the office intake. */
interface Opened {
  fields: Omit<IntakeInput, "photoId" | "unitCode">;
  jpeg: Uint8Array;
  size: { width: number; height: number };
}

const rejected = (code: ErrorCode, accountId: string | null = null): Decision => ({
  state: "rejected",
  reference: null,
  code,
  accountId,
});

/** Opens one claimed record with the server's key and checks its content, capture time and portrait. */
async function openOne(
  ctx: Ctx,
  event: EventSessionRow,
  keys: SealPrivateKey[],
  upload: Upload,
): Promise<Decision | Opened> {
  const key = keys.find((k) => k.kid === upload.sealed.kid);
  const bytes = key ? await openRecord(key, { eventId: event.id, clientId: upload.clientId }, upload.sealed) : null;
  if (!bytes) return rejected("SEAL_INVALID");
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return rejected("SEAL_INVALID");
  }
  const parsed = EventRecordPlain.safeParse(data);
  if (!parsed.success) return rejected("CARD_INVALID");
  const { capturedAt, photo, ...fields } = parsed.data;
  // The clear capture time must be the sealed one, within the event's days (Vietnam dates), and not in the future.
  const day = vnDay(capturedAt);
  if (
    capturedAt !== upload.capturedAt ||
    day < event.first_day ||
    day > event.last_day ||
    capturedAt > ctx.clock.now() + CLOCK_SLACK_SECONDS
  ) {
    return rejected("EVENT_OUT_OF_DATES", fields.card.id);
  }
  const jpeg = fromBase64Url(photo);
  const size = checkPortrait(jpeg);
  if (!size.ok) return rejected(size.code, fields.card.id);
  return { fields, jpeg, size: { width: size.width, height: size.height } };
}

/** Puts an opened record through the office intake: its portrait stored, then `intakeLevel2` unchanged. */
async function fileOne(
  ctx: Ctx,
  officer: Officer,
  event: EventSessionRow,
  o: Opened,
  origin: string,
): Promise<Decision> {
  const accountId = o.fields.card.id;
  const { photoId } = await storeIntakePhoto(ctx, officer, o.jpeg, o.size);
  const outcome = await intakeLevel2(ctx, officer, { ...o.fields, photoId, unitCode: event.unit_code }, origin);
  if (outcome.ok) return { state: "accepted", reference: outcome.reference, code: null, accountId };
  // A record that was not accepted keeps no portrait on the server.
  await dropPhoto(ctx, photoId);
  if (outcome.code === "LEVEL2_EXISTS")
    return { state: "duplicate", reference: outcome.hint ?? null, code: "LEVEL2_EXISTS", accountId };
  return rejected(outcome.code, accountId);
}

/** Removes a portrait no file uses (a record that was not accepted keeps no photo on the server). */
async function dropPhoto(ctx: Ctx, photoId: string): Promise<void> {
  const key = await deleteUnusedIntakePhoto(ctx.db, photoId);
  if (key) await ctx.photos.delete(key);
}
