/**
 * A random id for this browser, kept in localStorage so that the worker can tell which device an account is
 * activated on. "web-" followed by 16 random bytes in base64url (22 characters).
 */
import { DeviceId } from "../../shared/schemas";

const KEY = "vneid.deviceId";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

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

/** base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** This browser's device id, created on first use. Works (for the session) even when storage is blocked. */
export function getDeviceId(): string {
  if (memory) return memory;
  try {
    const stored = localStorage.getItem(KEY);
    // Any id the API accepts is kept (tests and older versions may have stored other shapes).
    if (stored && DeviceId.safeParse(stored).success) return (memory = stored);
  } catch {
    // storage blocked (private mode on old Safari, disabled cookies): keep the id in memory
  }
  memory = "web-" + base64url(randomBytes(16));
  try {
    localStorage.setItem(KEY, memory);
  } catch {
    // see above
  }
  return memory;
}
