/**
 * The upload of queued records: batches of {@link EVENT_SYNC_BATCH}, each answered record confirmed in IndexedDB
 * (sealed content deleted) as soon as its answer arrives; a failed batch (no network, a 5xx, no answer within
 * {@link SYNC_TIMEOUT_MS}) is retried with exponential backoff. A closed tab loses nothing: unconfirmed records stay
 * queued and the next start sends them again, and the server gives a replayed record its first outcome.
 */
import { EVENT_SYNC_BATCH, EventSyncResponse } from "../../../shared/event-schemas";
import { type LocalRecord, confirmRecords, listRecords } from "./store";

/** How long one batch may take before it counts as failed: 15 s, more for a large batch on a slow link (20 kB/s). */
export const SYNC_TIMEOUT_MS = 15_000;
const timeoutFor = (bytes: number) => Math.max(SYNC_TIMEOUT_MS, Math.ceil(bytes / 20));
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 60_000];

/** What a sync run tells the screen. */
export type SyncStatus =
  | { kind: "idle" }
  | { kind: "running"; done: number; total: number }
  | { kind: "waiting"; seconds: number }
  | { kind: "login" }
  | { kind: "forbidden" }
  | { kind: "done" };

let running: Promise<void> | null = null;
let wake: (() => void) | null = null;

/** Runs one batch; `"retry"` on a network failure, a timeout or a 5xx, otherwise the answer. */
async function sendBatch(eventId: string, batch: LocalRecord[]): Promise<"retry" | "login" | "forbidden" | "ok"> {
  const body = JSON.stringify({
    records: batch.map((r) => ({ clientId: r.clientId, capturedAt: r.capturedAt, sealed: r.sealed })),
  });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutFor(body.length));
  try {
    const res = await fetch(`/api/officer/events/${encodeURIComponent(eventId)}/records`, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { "content-type": "application/json", accept: "application/json" },
      body,
      signal: controller.signal,
    });
    if (res.status === 401) return "login";
    if (res.status === 403 || res.status === 404) {
      const body = (await res.json().catch(() => ({}))) as { code?: string };
      return body.code === "PASSWORD_CHANGE_REQUIRED" ? "login" : "forbidden";
    }
    if (!res.ok) return "retry";
    const parsed = EventSyncResponse.safeParse(await res.json());
    if (!parsed.success) return "retry";
    const decided = parsed.data.results.filter((r) => r.outcome !== "retry");
    await confirmRecords(
      decided.map((r) => ({
        clientId: r.clientId,
        state: r.outcome as Exclude<typeof r.outcome, "retry">,
        reference: r.reference,
        code: r.code,
        message: r.message,
      })),
    );
    return decided.length === batch.length ? "ok" : "retry";
  } catch {
    return "retry";
  } finally {
    clearTimeout(timer);
  }
}

/** Wakes a sync run that waits out its backoff (the `online` event, "Đồng bộ ngay"). */
export function wakeSync(): void {
  wake?.();
}

/**
 * Uploads every queued record of `eventId`; one run at a time per page (and per browser, where Web Locks exist).
 * Resolves when the queue is empty, or the session is refused (login, another officer).
 */
export function syncQueue(eventId: string, report: (s: SyncStatus) => void): Promise<void> {
  if (running) {
    wakeSync();
    return running;
  }
  const work = async (): Promise<void> => {
    let failures = 0;
    for (;;) {
      const queued = (await listRecords()).filter((r) => r.eventId === eventId && r.sealed);
      if (!queued.length) return report({ kind: "done" });
      const total = queued.length;
      let done = 0;
      let retry = false;
      for (let i = 0; i < queued.length; i += EVENT_SYNC_BATCH) {
        const batch = queued.slice(i, i + EVENT_SYNC_BATCH);
        report({ kind: "running", done, total });
        const answer = await sendBatch(eventId, batch);
        if (answer === "login" || answer === "forbidden") return report({ kind: answer });
        if (answer === "retry") {
          retry = true;
          break;
        }
        failures = 0;
        done += batch.length;
      }
      if (!retry) continue;
      const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] as number;
      failures += 1;
      report({ kind: "waiting", seconds: Math.round(delay / 1000) });
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  };
  const locks = (navigator as unknown as { locks?: { request(n: string, f: () => Promise<void>): Promise<void> } })
    .locks;
  const run: Promise<void> = (locks ? locks.request("vneid-event-sync", work) : work()).finally(() => {
    running = null;
  });
  running = run;
  return run;
}

/** True while a sync run is under way in this page. */
export function isSyncing(): boolean {
  return running !== null;
}
