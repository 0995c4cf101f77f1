/**
 * Offline intake at community events (issue 5), inside workerd: the event session and its public key, the batch
 * endpoint's outcomes (accepted, duplicate with the existing reference, rejected with the reason), idempotency on
 * the client id (a replayed batch makes no second file), tampering, the event's days, authorisation, and the
 * development-only fault injection.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { EVENT_SYNC_BATCH, type EventSessionT } from "../../shared/event-schemas";
import type { RegistryAccountT, RegistryRecordT } from "../../shared/registry-file";
import {
  type SealedRecord,
  fromBase64Url,
  importSealPrivateKey,
  openRecord,
  sealRecord,
  toBase64Url,
} from "../../shared/seal";
import { generateRegistry } from "../../scripts/demo-registry";
import { post, row, seedRegistry } from "./helpers";
import {
  HUU_LIEN,
  TAM_THANH,
  addDays,
  as,
  cardOf,
  importUnits,
  intake,
  jpeg,
  readyOfficer,
  vnToday,
} from "./officer-helpers";

const SEED = 1505;
const COUNT = 300;
const enc = new TextEncoder();

type Person = { r: RegistryRecordT; account: RegistryAccountT | undefined };
let people: Person[];
const used = new Set<string>();
let ward: { cookie: string; username: string };
let ward2: { cookie: string; username: string };
let commune: { cookie: string; username: string };

beforeAll(async () => {
  await seedRegistry(SEED, COUNT);
  const { file } = generateRegistry(SEED, COUNT);
  people = (file.registry ?? []).map((r) => ({ r, account: (file.accounts ?? []).find((a) => a.id === r.id) }));
  await importUnits();
  [ward, ward2, commune] = await Promise.all([
    readyOfficer(TAM_THANH, "officer", "Hoàng Thị Thanh"),
    readyOfficer(TAM_THANH, "officer", "Lăng Văn Hùng"),
    readyOfficer(HUU_LIEN, "officer", "Nông Thị Liên"),
  ]);
}, 120_000);

function person(pred: (p: Person) => boolean = (p) => !p.account): Person {
  const p = people.find((x) => !used.has(x.r.id) && Number(x.r.dob.slice(0, 4)) < 2008 && pred(x));
  if (!p) throw new Error("no such person in the seeded registry");
  used.add(p.r.id);
  return p;
}

async function startEvent(
  cookie: string,
  days: [string, string] = [vnToday(), addDays(vnToday(), 1)],
): Promise<EventSessionT> {
  const res = await as(cookie).post("/api/officer/events", {
    place: "Nhà văn hóa khối 5",
    firstDay: days[0],
    lastDay: days[1],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as EventSessionT;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A record as the phone seals it. */
async function sealed(
  event: EventSessionT,
  r: RegistryRecordT,
  over: Record<string, unknown> = {},
  capturedAt = nowSeconds(),
) {
  const clientId = crypto.randomUUID();
  const plain = {
    card: cardOf(r),
    phone: r.phone,
    consent: true,
    capturedAt,
    photo: toBase64Url(jpeg(300, 360)),
    ...over,
  };
  const s = await sealRecord(event.publicKey, { eventId: event.id, clientId }, enc.encode(JSON.stringify(plain)));
  return { clientId, capturedAt, sealed: s };
}

const sync = (cookie: string, event: EventSessionT, records: unknown[]) =>
  as(cookie).post(`/api/officer/events/${event.id}/records`, { records });
const filesOf = async (id: string) =>
  (await row<{ n: number }>("SELECT COUNT(*) AS n FROM applications WHERE account_id = ?1 AND level = 2", id))?.n ?? 0;

describe("event session", () => {
  it("belongs to the officer and unit, and hands out the public sealing key only", async () => {
    const event = await startEvent(ward.cookie);
    expect(event.id).toMatch(/^ev_/);
    expect(event.unit).toEqual({ code: TAM_THANH, name: "Công an phường Tam Thanh" });
    expect(event.officer).toBe(ward.username);
    expect(event.publicKey).toMatchObject({ kty: "EC", crv: "P-256", kid: "dev-2026" });
    expect(event.publicKey).not.toHaveProperty("d");
    expect(
      await row("SELECT event, officer FROM audit_log WHERE event = 'event.started' AND officer = ?1", ward.username),
    ).toEqual({
      event: "event.started",
      officer: ward.username,
    });
  });

  it("refuses days in the past, a reversed or too long range, and a citizen or no session", async () => {
    const past = await as(ward.cookie).post("/api/officer/events", {
      place: "Chợ",
      firstDay: "2020-01-01",
      lastDay: "2020-01-02",
    });
    expect([past.status, past.body.code]).toEqual([422, "EVENT_DATES"]);
    const reversed = await as(ward.cookie).post("/api/officer/events", {
      place: "Chợ",
      firstDay: addDays(vnToday(), 2),
      lastDay: vnToday(),
    });
    expect([reversed.status, reversed.body.code]).toEqual([422, "VALIDATION_FAILED"]);
    const long = await as(ward.cookie).post("/api/officer/events", {
      place: "Chợ",
      firstDay: vnToday(),
      lastDay: addDays(vnToday(), 9),
    });
    expect(long.status).toBe(422);
    const none = await post("/api/officer/events", { place: "Chợ", firstDay: vnToday(), lastDay: vnToday() });
    expect([none.status, none.body.code]).toEqual([401, "UNAUTHENTICATED"]);
  });
});

describe("batch upload", () => {
  it("accepts a record through the office's intake: a numbered file, the portrait, the audit line", async () => {
    const event = await startEvent(ward.cookie);
    const p = person();
    const rec = await sealed(event, p.r, { driverLicence: "200123456789" });
    const res = await sync(ward.cookie, event, [rec]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [result] = res.body.results;
    expect(result).toMatchObject({ clientId: rec.clientId, outcome: "accepted", code: null, message: null });
    expect(result.reference).toMatch(/^L2-020-\d{4}-\d{6}$/);
    const file = await row<Record<string, any>>("SELECT * FROM applications WHERE reference = ?1", result.reference);
    expect(file).toMatchObject({
      account_id: p.r.id,
      level: 2,
      channel: "office",
      status: "pending",
      unit_code: TAM_THANH,
      intake_by: ward.username,
    });
    expect(JSON.parse(file?.papers)).toEqual({ driverLicence: "200123456789" });
    const photo = await row<{ r2_key: string }>(
      "SELECT r2_key FROM intake_photos WHERE id = ?1",
      file?.intake_photo_id,
    );
    expect(await env.PHOTOS.head(photo!.r2_key)).not.toBeNull();
    expect(await row("SELECT state, reference FROM event_records WHERE client_id = ?1", rec.clientId)).toEqual({
      state: "accepted",
      reference: result.reference,
    });
    expect(
      await row("SELECT COUNT(*) AS n FROM audit_log WHERE event = 'event.record' AND account_id = ?1", p.r.id),
    ).toEqual({ n: 1 });
  });

  it("is idempotent: the same batch twice, or a record again in a new batch, makes one file and gives the first outcome", async () => {
    const event = await startEvent(ward.cookie);
    const a = person();
    const b = person();
    const recs = [await sealed(event, a.r), await sealed(event, b.r)];
    const first = await sync(ward.cookie, event, recs);
    const again = await sync(ward.cookie, event, recs);
    expect(again.body).toEqual(first.body);
    // concurrently too
    const c = person();
    const rc = await sealed(event, c.r);
    const both = await Promise.all([sync(ward.cookie, event, [rc]), sync(ward.cookie, event, [rc])]);
    const outcomes = both.map((x) => x.body.results[0].outcome).sort();
    expect(outcomes[0]).toBe("accepted");
    expect(["accepted", "retry"]).toContain(outcomes[1]);
    const later = await sync(ward.cookie, event, [rc, recs[0]]);
    expect(later.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(["accepted", "accepted"]);
    for (const p of [a, b, c]) expect(await filesOf(p.r.id)).toBe(1);
    expect(await row("SELECT COUNT(*) AS n FROM event_records WHERE event_id = ?1", event.id)).toEqual({ n: 3 });
  });

  it("duplicate: an ID that already has a level-2 file or account gets the existing reference, and no second file", async () => {
    const event = await startEvent(ward.cookie);
    const p = person();
    const office = await intake(ward2.cookie, p.r);
    expect(office.status).toBe(200);
    const res = await sync(ward.cookie, event, [await sealed(event, p.r)]);
    expect(res.body.results[0]).toMatchObject({
      outcome: "duplicate",
      reference: office.body.reference,
      code: "LEVEL2_EXISTS",
    });
    expect(res.body.results[0].message).toContain("đã có hồ sơ/tài khoản định danh mức 2");
    expect(await filesOf(p.r.id)).toBe(1);
    // the same citizen twice in one batch: one file, one duplicate of it
    const q = person();
    const twice = await sync(ward.cookie, event, [await sealed(event, q.r), await sealed(event, q.r)]);
    const kinds = twice.body.results.map((r: { outcome: string }) => r.outcome).sort();
    expect(kinds).toEqual(["accepted", "duplicate"]);
    const refs = twice.body.results.map((r: { reference: string }) => r.reference);
    expect(refs[0]).toBe(refs[1]);
    expect(await filesOf(q.r.id)).toBe(1);
    // a level-2 account with no live file
    const l2 = person((x) => x.account?.level === 2);
    const acc = await sync(ward.cookie, event, [await sealed(event, l2.r)]);
    expect(acc.body.results[0]).toMatchObject({ outcome: "duplicate", code: "LEVEL2_EXISTS" });
  });

  it("rejected: a registry mismatch, a tampered seal, a capture outside the event's days; nothing else is lost", async () => {
    const event = await startEvent(ward.cookie);
    const mismatch = person();
    const tampered = person();
    const fine = person();
    const late = person();
    const rm = await sealed(event, mismatch.r, {
      card: { ...cardOf(mismatch.r), fullName: `${mismatch.r.fullName} Anh` },
    });
    const rt = await sealed(event, tampered.r);
    const ct = fromBase64Url(rt.sealed.ct);
    ct[10]! ^= 0x01;
    const bad: SealedRecord = { ...rt.sealed, ct: toBase64Url(ct) };
    const rf = await sealed(event, fine.r);
    const rl = await sealed(event, late.r, {}, nowSeconds() - 3 * 86400);
    const res = await sync(ward.cookie, event, [rm, { ...rt, sealed: bad }, rf, rl]);
    expect(res.status).toBe(200);
    const [m, t, f, l] = res.body.results;
    expect(m).toMatchObject({ outcome: "rejected", code: "REGISTRY_MISMATCH", reference: null });
    expect(m.message).toContain("không khớp với Cơ sở dữ liệu quốc gia về dân cư");
    expect(t).toMatchObject({ outcome: "rejected", code: "SEAL_INVALID" });
    expect(f).toMatchObject({ outcome: "accepted" });
    expect(l).toMatchObject({ outcome: "rejected", code: "EVENT_OUT_OF_DATES" });
    for (const p of [mismatch, tampered, late]) expect(await filesOf(p.r.id)).toBe(0);
    // a rejected record keeps no portrait on the server
    expect(
      await row("SELECT COUNT(*) AS n FROM intake_photos WHERE officer = ?1 AND claim IS NULL", ward.username),
    ).toEqual({ n: 0 });
    // the clear capture time must be the sealed one
    const other = person();
    const moved = await sealed(event, other.r);
    const r2 = await sync(ward.cookie, event, [{ ...moved, capturedAt: moved.capturedAt + 1 }]);
    expect(r2.body.results[0]).toMatchObject({ outcome: "rejected", code: "EVENT_OUT_OF_DATES" });
  });

  it("a record sealed for another event or record id does not open", async () => {
    const e1 = await startEvent(ward.cookie);
    const e2 = await startEvent(ward.cookie);
    const p = person();
    const rec = await sealed(e1, p.r);
    const res = await sync(ward.cookie, e2, [rec]);
    expect(res.body.results[0]).toMatchObject({ outcome: "rejected", code: "SEAL_INVALID" });
    const swapped = await sync(ward.cookie, e1, [{ ...rec, clientId: crypto.randomUUID() }]);
    expect(swapped.body.results[0]).toMatchObject({ outcome: "rejected", code: "SEAL_INVALID" });
    // only the server's private key opens it (the dev secret here)
    const jwk = JSON.parse(env.INTAKE_SEAL_KEY as string);
    const key = await importSealPrivateKey(jwk);
    expect(await openRecord(key, { eventId: e1.id, clientId: rec.clientId }, rec.sealed)).not.toBeNull();
  });

  it("authorisation: another officer of the same unit, another unit, or a citizen cannot use the session", async () => {
    const event = await startEvent(ward.cookie);
    const p = person();
    const rec = await sealed(event, p.r);
    const other = await sync(ward2.cookie, event, [rec]);
    expect([other.status, other.body.code]).toEqual([403, "FORBIDDEN"]);
    const unit = await sync(commune.cookie, event, [rec]);
    expect([unit.status, unit.body.code]).toEqual([403, "FORBIDDEN"]);
    expect((await as(ward2.cookie).get(`/api/officer/events/${event.id}`)).status).toBe(403);
    const none = await post(`/api/officer/events/${event.id}/records`, { records: [rec] });
    expect(none.status).toBe(401);
    const unknown = await sync(ward.cookie, { ...event, id: "ev_AAAAAAAAAAAAAAAAAAAAAA" }, [rec]);
    expect([unknown.status, unknown.body.code]).toEqual([404, "EVENT_NOT_FOUND"]);
    expect(await filesOf(p.r.id)).toBe(0);
    expect(await row("SELECT COUNT(*) AS n FROM event_records WHERE client_id = ?1", rec.clientId)).toEqual({ n: 0 });
    // too many records in one batch
    const big = await sync(
      ward.cookie,
      event,
      Array.from({ length: EVENT_SYNC_BATCH + 1 }, () => rec),
    );
    expect(big.status).toBe(422);
  });

  it("the session's detail lists every outcome the server holds", async () => {
    const event = await startEvent(ward.cookie);
    const recs = [await sealed(event, person().r), await sealed(event, person().r)];
    await sync(ward.cookie, event, recs);
    const res = await as(ward.cookie).get(`/api/officer/events/${event.id}`);
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ accepted: 2, duplicate: 0, rejected: 0, retry: 0 });
    expect(res.body.records.map((r: { clientId: string }) => r.clientId)).toEqual(recs.map((r) => r.clientId));
  });

  it("injected faults (development only): a 500 before any work, then a timeout whose batch is processed", async () => {
    const event = await startEvent(ward.cookie);
    const p = person();
    const rec = await sealed(event, p.r);
    const set = await post("/api/dev/faults", { route: "event-sync", failNext: 1, mode: "500" });
    expect(set.status).toBe(200);
    const failed = await sync(ward.cookie, event, [rec]);
    expect([failed.status, failed.body.code]).toEqual([500, "INTERNAL"]);
    expect(await filesOf(p.r.id)).toBe(0);
    await post("/api/dev/faults", { route: "event-sync", failNext: 1, mode: "timeout", delayMs: 50 });
    const slow = await sync(ward.cookie, event, [rec]);
    expect(slow.body.results[0].outcome).toBe("accepted");
    const replay = await sync(ward.cookie, event, [rec]);
    expect(replay.body).toEqual(slow.body);
    expect(await filesOf(p.r.id)).toBe(1);
    // a sequence of faults, taken in order
    await post("/api/dev/faults", {
      route: "event-sync",
      failNext: 0,
      mode: "500",
      sequence: ["timeout", "500"],
      delayMs: 10,
    });
    expect((await sync(ward.cookie, event, [rec])).status).toBe(200);
    expect((await sync(ward.cookie, event, [rec])).status).toBe(500);
    expect((await sync(ward.cookie, event, [rec])).status).toBe(200);
  });
});
