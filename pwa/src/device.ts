/**
 * This browser as a device: its id, kept in localStorage so that the worker can tell which device an account is
 * activated on ("web-" followed by 16 random bytes in base64url, 22 characters), and whether its user asked to save
 * data. Part of the first screen's bundle: no schemas here.
 */
import { toBase64Url } from "../../shared/base64url";
import { t } from "./i18n";

const KEY = "vneid.deviceId";
/** Any id the API's `DeviceId` (shared/schemas.ts) accepts: tests and older versions may have stored other shapes. */
const ACCEPTED = /^[A-Za-z0-9_-]{8,128}$/;

let memory: string | null = null;

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  if (typeof crypto !== "undefined" && typeof crypto.getRandomValues === "function") {
    crypto.getRandomValues(bytes);
  } else {
    // Very old browsers only; the id is not a secret, just a label for the device.
    for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  return bytes;
}

/** This browser's device id, created on first use. Works (for the session) even when storage is blocked. */
export function getDeviceId(): string {
  if (memory) return memory;
  try {
    const stored = localStorage.getItem(KEY);
    if (stored && ACCEPTED.test(stored)) return (memory = stored);
  } catch {
    // storage blocked (private mode on old Safari, disabled cookies): keep the id in memory
  }
  memory = `web-${toBase64Url(randomBytes(16))}`;
  try {
    localStorage.setItem(KEY, memory);
  } catch {
    // see above
  }
  return memory;
}

/**
 * Has the citizen asked their browser to save data (`Save-Data`, "Lite mode")? Then nothing is fetched ahead of
 * time: screens and the QR decoder load when they are opened.
 */
export function savingData(): boolean {
  const c = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
  return !!c && c.saveData === true;
}

/**
 * A bound device as people name it: "Chrome trên Android", "Firefox trên Windows", "Trình duyệt khác" when its
 * User-Agent named no browser (`null` or "" for what is unknown).
 */
export function deviceName(d: { browser?: string | null | undefined; os?: string | null | undefined }): string {
  const { device } = t();
  const browser = d.browser || device.other;
  return d.os ? device.named(browser, d.os) : browser;
}
