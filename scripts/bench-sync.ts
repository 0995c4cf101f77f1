/**
 * `npm run bench:sync`: the time to sync 500 queued event records through the real worker (issue 5; budget ≤ 10 s).
 * Starts its own `wrangler dev --local` on a throwaway D1 (as the e2e setup does), imports its own registry and the
 * sample units, makes an officer and an event session, seals 500 records in node with shared/seal.ts (each with a
 * portrait of a typical event size), and uploads them in the batches the PWA uses, one batch after another. Then it
 * checks that the server holds exactly 500 records with 500 distinct files, replays one batch, and checks again.
 * `measureSync(url)` is also a row of `npm run bench`.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { EVENT_SYNC_BATCH } from "../shared/event-schemas";
import { type SealPublicKey, sealRecord, toBase64Url } from "../shared/seal";
import { generateRegistry } from "./demo-registry";
import { ROOT, applyMigrations, freePort, postImport, startDevServer } from "./dev-server";

export const SYNC_RECORDS = 500;
export const SYNC_BUDGET_MS = 10_000;
const PORTRAIT_BYTES = 24 * 1024;

/** A baseline JPEG header of 300×360 px padded to `size` bytes (the server reads the SOF0 header only). */
function portrait(size = PORTRAIT_BYTES): Uint8Array {
  const head = [
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00,
  ];
  const sof = [
    0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x68, 0x01, 0x2c, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
  ];
  const bytes = new Uint8Array(size);
  crypto.getRandomValues(
    bytes.subarray(head.length + sof.length, Math.min(size - 2, head.length + sof.length + 65536)),
  );
  bytes.set(head, 0);
  bytes.set(sof, head.length);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
}

/** What `measureSync` found. */
export interface SyncFigure {
  ms: number;
  records: number;
  distinctFiles: number;
  accepted: number;
  batches: number;
  replayUnchanged: boolean;
}

async function call(
  url: string,
  path: string,
  init: { method?: string; body?: unknown; cookie?: string } = {},
  retries = 2,
) {
  let res: Response;
  try {
    res = await request(url, path, init);
  } catch (err) {
    // wrangler dev sometimes closes a kept-alive connection under the client: every call here may be repeated
    // (the uploads are idempotent), so try again on a new one.
    if (retries <= 0) throw err;
    return call(url, path, init, retries - 1);
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
  return { res, body: JSON.parse(text) as any };
}

function request(url: string, path: string, init: { method?: string; body?: unknown; cookie?: string }) {
  return fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      "content-type": "application/json",
      origin: url,
      ...(init.cookie && { cookie: init.cookie }),
    },
    ...(init.body !== undefined && { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
  });
}

/**
 * Seeds its citizens, officer and event on the server at `url`, then times the upload of 500 sealed records.
 * `avoid`: ID numbers and phones already on the server (`npm run bench`'s own registry), left out of this one.
 */
export async function measureSync(
  url: string,
  log: (s: string) => void = () => undefined,
  avoid: ReadonlySet<string> = new Set(),
): Promise<SyncFigure> {
  const { file } = generateRegistry(7707, 720);
  const registry = (file.registry ?? [])
    .filter((r) => Number(r.dob.slice(0, 4)) < 2006 && !avoid.has(r.id) && !avoid.has(r.phone))
    .slice(0, SYNC_RECORDS);
  if (registry.length < SYNC_RECORDS) throw new Error("not enough adults in the bench registry");
  const imported = await postImport(
    url,
    JSON.stringify({ securityQuestions: file.securityQuestions, registry, accounts: [] }),
  );
  if (!imported.ok) throw new Error(`registry import failed: ${JSON.stringify(imported.body)}`);
  await call(url, "/api/dev/units/import", {
    body: readFileSync(join(ROOT, "data", "units", "lang-son.json"), "utf8"),
  });
  const { body: creds } = await call(url, "/api/dev/officers", {
    body: { unit: "CAP-TAMTHANH", role: "officer", name: "Cán bộ Bench" },
  });
  const login = await call(url, "/api/officer/login", { body: creds });
  const cookie = (login.res.headers.get("set-cookie") ?? "").split(";")[0] as string;
  const password = "Bench#Sync2026";
  await call(url, "/api/officer/password", { body: { newPassword: password, confirmPassword: password }, cookie });
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const { body: event } = await call(url, "/api/officer/events", {
    body: { place: "Bench", firstDay: today, lastDay: today },
    cookie,
  });

  log(`sealing ${SYNC_RECORDS} records…`);
  const key = event.publicKey as SealPublicKey;
  const photo = toBase64Url(portrait());
  const enc = new TextEncoder();
  const capturedAt = Math.floor(Date.now() / 1000) - 60;
  const records = await Promise.all(
    registry.map(async (r) => {
      const clientId = crypto.randomUUID();
      const card = {
        id: r.id,
        oldId: r.oldId ?? "",
        fullName: r.fullName,
        dob: r.dob,
        gender: r.gender,
        address: r.address,
        issued: r.cardIssued,
      };
      const plain = { card, phone: r.phone, consent: true, capturedAt, photo };
      return {
        clientId,
        capturedAt,
        sealed: await sealRecord(key, { eventId: event.id, clientId }, enc.encode(JSON.stringify(plain))),
      };
    }),
  );
  const batches: string[] = [];
  for (let i = 0; i < records.length; i += EVENT_SYNC_BATCH)
    batches.push(JSON.stringify({ records: records.slice(i, i + EVENT_SYNC_BATCH) }));

  log(`uploading ${batches.length} batches of ${EVENT_SYNC_BATCH}…`);
  const path = `/api/officer/events/${event.id}/records`;
  const started = performance.now();
  let accepted = 0;
  let firstAnswer: unknown = null;
  // One batch after another, as the PWA sends them.
  for (const batch of batches) {
    const { body } = await call(url, path, { body: batch, cookie });
    firstAnswer ??= body;
    accepted += (body.results as Array<{ outcome: string }>).filter((r) => r.outcome === "accepted").length;
  }
  const ms = performance.now() - started;

  const held = (await call(url, `/api/officer/events/${event.id}`, { cookie })).body as {
    records: Array<{ clientId: string; reference: string | null }>;
  };
  const r0 = performance.now();
  const replay = (await call(url, path, { body: batches[0], cookie })).body;
  log(`replaying one batch (nothing to do but answer): ${(performance.now() - r0).toFixed(0)} ms`);
  const after = (await call(url, `/api/officer/events/${event.id}`, { cookie })).body as { records: unknown[] };
  return {
    ms,
    records: new Set(held.records.map((r) => r.clientId)).size === held.records.length ? held.records.length : -1,
    distinctFiles: new Set(held.records.map((r) => r.reference).filter(Boolean)).size,
    accepted,
    batches: batches.length,
    replayUnchanged:
      JSON.stringify(replay) === JSON.stringify(firstAnswer) && after.records.length === held.records.length,
  };
}

async function main() {
  const persistTo = mkdtempSync(join(tmpdir(), "vneid-bench-sync-"));
  applyMigrations(persistTo);
  const server = await startDevServer({
    port: await freePort(),
    persistTo,
    quiet: true,
    vars: { LIMIT_LOGIN_PER_IP: "10000/300" },
  });
  try {
    const f = await measureSync(server.url, (s) => console.error(s));
    const ok =
      f.ms <= SYNC_BUDGET_MS && f.records === SYNC_RECORDS && f.distinctFiles === SYNC_RECORDS && f.replayUnchanged;
    console.log(
      [
        `sync of ${SYNC_RECORDS} queued records (${f.batches} batches of ${EVENT_SYNC_BATCH}) through the real worker: ${(f.ms / 1000).toFixed(2)} s (budget ≤ ${SYNC_BUDGET_MS / 1000} s)`,
        `server holds ${f.records} records, ${f.distinctFiles} distinct files, ${f.accepted} accepted; a replayed batch changed nothing: ${f.replayUnchanged}`,
        ok ? "OK" : "FAIL",
      ].join("\n"),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await server.stop();
    rmSync(persistTo, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
