/**
 * Offline intake at community events (issue 5; seed 001: "tại địa điểm tập trung đông người như nhà văn hóa, khu
 * vui chơi, sinh hoạt cộng đồng"). An officer starts an event session online and gets the server's public sealing
 * key; the phone then captures level-2 files offline, each sealed to that key (`shared/seal.ts`), and uploads them
 * later in batches. Here a record is opened with the private key (the `INTAKE_SEAL_KEY` secret) and goes through
 * exactly the office's intake (`intakeLevel2`): the registry match, one live level-2 file per ID, the numbering.
 *
 * Uploads are idempotent on (session, client id): the first request claims the record, later ones get its outcome.
 */
import { type EventOutcomeT, EventRecordPlain, type EventRecordResultT, type EventSessionT, type EventStartInput, type EventSyncInput } from "../../../shared/event-schemas";
import { type ErrorCode, isErrorCode, messageFor } from "../../../shared/messages";
import type { IntakeInput } from "../../../shared/officer-schemas";
import { type SealPrivateKey, type SealPublicKey, fromBase64Url, importSealPrivateKey, openRecord, publicOf } from "../../../shared/seal";
import { iso, vnToday } from "../clock";
import type { Ctx } from "../context";
import { randomToken } from "../crypto";
import { officerAuditStatement } from "../db/audit";
import {
  type EventRecordRow,
  type EventSessionRow,
  claimEventRecord,
  findEventRecord,
  findEventSession,
  finishEventRecordStatement,
  insertEventSessionStatement,
  listEventRecords,
  setEventRecordPhoto,
} from "../db/events";
import type { Env } from "../env";
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
function sealKeys(env: Env): Promise<SealKeys> {
  const secret = env.INTAKE_SEAL_KEY ?? "";
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
export async function startEvent(ctx: Ctx, officer: Officer, input: EventStartInput): Promise<Result<{ event: EventSessionT }>> {
  if (input.lastDay < vnToday(ctx.clock)) return fail("EVENT_DATES", { fields: { lastDay: messageFor("EVENT_DATES") } });
  const keys = await sealKeys(ctx.env);
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
  return { clientId: row.client_id, outcome, reference: row.reference, code: row.code, message: code ? messageFor(code) : null };
}

/** `GET /api/officer/events/:id`: the session and the outcome of every record the server holds. */
export async function eventDetail(ctx: Ctx, officer: Officer, id: string) {
  const own = await ownSession(ctx, officer, id);
  if (!own.ok) return own;
  const keys = await sealKeys(ctx.env);
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
  const keys = await sealKeys(ctx.env);
  const results = await Promise.all(
    body.records.map(async (upload) => {
      try {
        return await syncOne(ctx, officer, own.row, keys.all, upload, origin);
      } catch (err) {
        // One record's unexpected failure costs the others nothing: it stays claimed and is tried again later.
        console.error("event record failed", err);
        return { clientId: upload.clientId, outcome: "retry", reference: null, code: null, message: null } as const;
      }
    }),
  );
  return { ok: true, results };
}

async function syncOne(
  ctx: Ctx,
  officer: Officer,
  event: EventSessionRow,
  keys: SealPrivateKey[],
  upload: Upload,
  origin: string,
): Promise<EventRecordResultT> {
  const db = ctx.db;
  const claimed = await claimEventRecord(db, event.id, upload.clientId, upload.capturedAt, ctx.clock.now());
  if (!claimed) {
    const row = await findEventRecord(db, event.id, upload.clientId);
    if (!row) throw new Error("event record vanished");
    return resultOf(row);
  }
  let accountId: string | null = null;
  let photo: { id: string; keep: boolean } | null = null;
  const finish = async (state: EventRecordRow["state"], reference: string | null, code: ErrorCode | null) => {
    if (photo && !photo.keep) await dropPhoto(ctx, photo.id);
    const now = ctx.clock.now();
    await db.batch([
      finishEventRecordStatement(db, event.id, upload.clientId, state, reference, code, now),
      officerAuditStatement(db, now, "event.record", officer.username, accountId, {
        event: event.id,
        clientId: upload.clientId,
        outcome: state,
        ...(reference && { reference }),
        ...(code && { code }),
      }),
    ]);
    return resultOf({ client_id: upload.clientId, state, reference, code });
  };

  // A claim taken over from a request that stored the portrait: did it make the file before it died?
  if (claimed.photo_id) {
    const made = await db
      .prepare("SELECT reference FROM applications WHERE intake_photo_id = ?1")
      .bind(claimed.photo_id)
      .first<{ reference: string | null }>();
    if (made?.reference) return finish("accepted", made.reference, null);
  }

  const key = keys.find((k) => k.kid === upload.sealed.kid);
  const bytes = key ? await openRecord(key, { eventId: event.id, clientId: upload.clientId }, upload.sealed) : null;
  if (!bytes) return finish("rejected", null, "SEAL_INVALID");
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return finish("rejected", null, "SEAL_INVALID");
  }
  const parsed = EventRecordPlain.safeParse(data);
  if (!parsed.success) return finish("rejected", null, "CARD_INVALID");
  const { capturedAt, photo: photoText, ...fields } = parsed.data;
  accountId = fields.card.id;
  // The clear capture time must be the sealed one, within the event's days (Vietnam dates), and not in the future.
  const day = vnDay(capturedAt);
  if (capturedAt !== upload.capturedAt || day < event.first_day || day > event.last_day || capturedAt > ctx.clock.now() + CLOCK_SLACK_SECONDS) {
    return finish("rejected", null, "EVENT_OUT_OF_DATES");
  }
  const jpeg = fromBase64Url(photoText);
  const size = checkPortrait(jpeg);
  if (!size.ok) return finish("rejected", null, size.code);
  const stored = await storeIntakePhoto(ctx, officer, jpeg, { width: size.width, height: size.height });
  photo = { id: stored.photoId, keep: false };
  await setEventRecordPhoto(db, event.id, upload.clientId, stored.photoId);

  const input: IntakeInput = { ...fields, photoId: stored.photoId, unitCode: event.unit_code };
  const outcome = await intakeLevel2(ctx, officer, input, origin);
  if (outcome.ok) {
    photo.keep = true;
    return finish("accepted", outcome.reference, null);
  }
  if (outcome.code === "LEVEL2_EXISTS") return finish("duplicate", outcome.hint ?? null, "LEVEL2_EXISTS");
  return finish("rejected", null, outcome.code);
}

/** Removes a portrait no file uses (a record that was not accepted keeps no photo on the server). */
async function dropPhoto(ctx: Ctx, photoId: string): Promise<void> {
  const row = await ctx.db
    .prepare("DELETE FROM intake_photos WHERE id = ?1 AND claim IS NULL RETURNING r2_key")
    .bind(photoId)
    .first<{ r2_key: string }>();
  if (row) await ctx.env.PHOTOS.delete(row.r2_key);
}
