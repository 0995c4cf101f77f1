/** What the event screens share: their catalogue, the page's lock state, ids, and a record's outcome as text. */
import { errorText } from "../i18n";
import type { LocalRecord } from "./store";
import { tEvent } from "../i18n/event";

/** The catalogue of the current language. */
export const L = () => tEvent();

/** Unlocked in this page (by the PIN or a fresh login); a reload locks again. */
let unlocked = false;

/** Whether this page is unlocked. */
export const isUnlocked = () => unlocked;

/** Unlocks (the PIN, a fresh login) or locks (a hidden page, "Khóa màn hình") this page. */
export function setUnlocked(value: boolean): void {
  unlocked = value;
}

/** A random UUID (v4), also where `crypto.randomUUID` is missing. */
export function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** "H.V.N" from "Hoàng Văn Nam": the only trace of a name the phone keeps. */
export function initialsOf(fullName: string): string {
  return fullName
    .trim()
    .split(/\s+/)
    .map((w) => w.normalize("NFD").charAt(0).toUpperCase())
    .join(".");
}

/** A record's outcome as the report says it. */
export function result(r: LocalRecord): string {
  const l = L();
  if (r.state === "accepted" && r.reference) return l.referenceOf(r.reference);
  if (r.state === "duplicate") return l.existingOf(r.reference ?? null);
  if (r.state === "rejected") return errorText({ code: r.code ?? undefined, message: r.message ?? r.code ?? "" });
  return "";
}
