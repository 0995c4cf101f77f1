/** Helpers for the police-office tests: units, officers through the development route `npm run officer:add` uses. */
import { exports } from "cloudflare:workers";
import langSon from "../../data/units/lang-son.json";
import type { RegistryRecordT } from "../../shared/registry-file";
import { expect } from "vitest";
import { jpeg } from "../fixtures/jpeg";
import { call, post } from "./helpers";

export { jpeg };

const BASE = "http://127.0.0.1:8787";

/** The sample units of Lạng Sơn. */
export const LANG_SON = langSon;
/** The province police and a ward and a commune of the sample file. */
export const PROVINCE = "CAT-LANGSON";
export const TAM_THANH = "CAP-TAMTHANH";
export const HUU_LIEN = "CAX-HUULIEN";

/** Imports the sample units (or another file) through the development route. */
export async function importUnits(file: unknown = LANG_SON): Promise<void> {
  const res = await post("/api/dev/units/import", file);
  if (res.status !== 200) throw new Error(`units import failed: ${JSON.stringify(res.body)}`);
}

/** Creates an officer as `npm run officer:add` does; the one-time credentials. */
export async function addOfficer(
  unit: string,
  role: "officer" | "province_admin" = "officer",
  name = "Nguyễn Văn An",
): Promise<{ username: string; password: string }> {
  const res = await post("/api/dev/officers", { unit, role, name });
  if (res.status !== 200) throw new Error(`officer:add failed: ${JSON.stringify(res.body)}`);
  return res.body as { username: string; password: string };
}

/** Logs an officer in; the cookie pair (`vneid_officer=…`) and the answer. */
export async function officerLogin(username: string, password: string) {
  const res = await post("/api/officer/login", { username, password });
  const set = res.headers.get("set-cookie");
  return { res, cookie: set ? (set.split(";")[0] as string) : "" };
}

/** The password officers choose at first login in these tests. */
export const NEW_PASSWORD = "Canbo@2026x";

/** An officer created, logged in and past the first-login password change: their cookie and user name. */
export async function readyOfficer(
  unit: string,
  role: "officer" | "province_admin" = "officer",
  name?: string,
): Promise<{ cookie: string; username: string }> {
  const { username, password } = await addOfficer(unit, role, name);
  const { cookie } = await officerLogin(username, password);
  const changed = await post(
    "/api/officer/password",
    { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
    { cookie },
  );
  if (changed.status !== 200) throw new Error(`password change failed: ${JSON.stringify(changed.body)}`);
  return { cookie, username };
}

/** A request with an officer's (or a citizen's) cookie. */
export const as = (cookie: string) => ({
  get: (path: string) => call("GET", path, undefined, { headers: { cookie } }),
  post: (path: string, body: unknown) => post(path, body, { cookie }),
});

/** Uploads a portrait taken at the office; the answer. */
export async function uploadIntakePhoto(cookie: string, body: Uint8Array | string = jpeg(), type = "image/jpeg") {
  const res = await exports.default.fetch(`${BASE}/api/officer/photo`, {
    method: "POST",
    headers: { cookie, "content-type": type, origin: BASE },
    body: body as BodyInit,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** The card of a registry record, as the QR gives it. */
export function cardOf(r: RegistryRecordT) {
  return {
    id: r.id,
    oldId: r.oldId ?? "",
    fullName: r.fullName,
    dob: r.dob,
    gender: r.gender,
    address: r.address,
    issued: r.cardIssued,
  };
}

/** A level-2 intake of a registry citizen by an officer (a fresh portrait each time); the answer. */
export async function intake(
  cookie: string,
  r: RegistryRecordT,
  extra: Record<string, unknown> = {},
): Promise<{ status: number; body: Record<string, any> }> {
  const photo = await uploadIntakePhoto(cookie);
  if (photo.status !== 200) throw new Error(`photo failed: ${JSON.stringify(photo.body)}`);
  return post(
    "/api/officer/intake",
    { card: cardOf(r), phone: r.phone, photoId: photo.body.photoId, consent: true, ...extra },
    { cookie },
  );
}

/** The SMS texts sent to a phone, newest first. */
export async function texts(phone: string): Promise<string[]> {
  const res = await call("GET", `/api/dev/sms?phone=${encodeURIComponent(phone)}`);
  return (res.body.messages as Array<{ text: string }>).map((m) => m.text);
}

/**
 * The texts sent to a phone, newest first, once at least `count` have arrived: every text but the OTP is queued
 * after its commit and reaches the development outbox through the queue's consumer (worker/src/domain/texts.ts).
 */
export async function queuedTexts(phone: string, count = 1): Promise<string[]> {
  let found: string[] = [];
  await expect
    .poll(
      async () => {
        found = await texts(phone);
        return found.length;
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBeGreaterThanOrEqual(count);
  return found;
}

/** Today in Vietnam (UTC+7), yyyy-mm-dd, by the real clock (the tests that use it do not move the clock). */
export function vnToday(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** `day` plus `n` days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The first day at least `n` days ahead that is not a Sunday. */
export function bookableDay(n = 3): string {
  let day = addDays(vnToday(), n);
  while (new Date(`${day}T00:00:00Z`).getUTCDay() === 0) day = addDays(day, 1);
  return day;
}
