/**
 * What the phone keeps of an event (IndexedDB through `idb`): the session (with the server's public key, the PIN's
 * hash, the cached units and security questions) and the queue of records. A record is kept sealed; beside it, in
 * clear, only a sequence number, the capture time, the state, the initials and the last 3 ID digits. No name, ID,
 * phone or photo is ever stored in clear. A sealed record is deleted only once the server has confirmed it; its
 * clear line stays for the sync report until the event ends.
 */
import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { EventOutcomeT, EventSessionT } from "../../../shared/event-schemas";
import type { SealedRecord } from "../../../shared/seal";

/** The session as the phone keeps it. */
export interface LocalSession {
  event: EventSessionT;
  /** PBKDF2-SHA-256 of the PIN (base64url), with its salt: a screen lock, nothing to do with the sealing. */
  pinHash: string;
  pinSalt: string;
  /** Server time minus device time (ms) when the session started: capture times follow the server's clock. */
  clockOffset: number;
  units: unknown;
  questions: unknown;
  nextSeq: number;
}

/** One record's state on the phone. */
export type LocalState = "queued" | Exclude<EventOutcomeT, "retry">;

/** One record: the clear line, and the sealed content until the server confirms it. */
export interface LocalRecord {
  clientId: string;
  eventId: string;
  seq: number;
  capturedAt: number;
  state: LocalState;
  initials: string;
  last3: string;
  sealed?: SealedRecord;
  reference?: string | null;
  code?: string | null;
  message?: string | null;
}

interface EventDb extends DBSchema {
  meta: { key: string; value: LocalSession };
  records: { key: string; value: LocalRecord; indexes: { bySeq: number } };
}

let dbPromise: Promise<IDBPDatabase<EventDb>> | null = null;

/**
 * The database's name. Never a cache name: workbox's expiration plugin deletes any IndexedDB database named like a
 * runtime cache it manages (its old per-cache databases), and `vneid-event` is one.
 */
export const EVENT_DB = "vneid-event-queue";

/** The database, opened once per page. */
export function db(): Promise<IDBPDatabase<EventDb>> {
  dbPromise ??= openDB<EventDb>(EVENT_DB, 1, {
    upgrade(d) {
      d.createObjectStore("meta");
      d.createObjectStore("records", { keyPath: "clientId" }).createIndex("bySeq", "seq");
    },
  });
  return dbPromise;
}

/** The current session, or `null`. */
export async function loadSession(): Promise<LocalSession | null> {
  return (await (await db()).get("meta", "session")) ?? null;
}

/** Saves the session. */
export async function saveSession(s: LocalSession): Promise<void> {
  await (await db()).put("meta", s, "session");
}

/** Every record, in capture order. */
export async function listRecords(): Promise<LocalRecord[]> {
  return (await db()).getAllFromIndex("records", "bySeq");
}

/** Stores a new sealed record and takes its sequence number, in one transaction. */
export async function addRecord(r: Omit<LocalRecord, "seq">): Promise<number> {
  const tx = (await db()).transaction(["meta", "records"], "readwrite");
  const meta = tx.objectStore("meta");
  const session = await meta.get("session");
  if (!session) throw new Error("no event session");
  const seq = session.nextSeq;
  await meta.put({ ...session, nextSeq: seq + 1 }, "session");
  await tx.objectStore("records").put({ ...r, seq });
  await tx.done;
  return seq;
}

/** The server's outcome for records: the sealed content goes, the clear line takes the outcome. */
export async function confirmRecords(
  outcomes: Array<{
    clientId: string;
    state: LocalState;
    reference: string | null;
    code: string | null;
    message: string | null;
  }>,
): Promise<void> {
  const tx = (await db()).transaction("records", "readwrite");
  for (const o of outcomes) {
    const r = await tx.store.get(o.clientId);
    if (!r) continue;
    const { sealed: _sealed, ...clear } = r;
    await tx.store.put({ ...clear, state: o.state, reference: o.reference, code: o.code, message: o.message });
  }
  await tx.done;
}

/** Ends the event on this phone: the session and the report lines (only once nothing waits). */
export async function clearEvent(): Promise<boolean> {
  const tx = (await db()).transaction(["meta", "records"], "readwrite");
  const all = await tx.objectStore("records").getAll();
  if (all.some((r) => r.sealed)) return false;
  await tx.objectStore("records").clear();
  await tx.objectStore("meta").delete("session");
  await tx.done;
  return true;
}
