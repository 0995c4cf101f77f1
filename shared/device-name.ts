/**
 * A device as people name it ("Chrome trên Android", "Safari trên iPhone"), read from the browser's User-Agent when
 * the account is bound to it, and kept with the binding: "Quản lý thiết bị" and "Thông báo" never show the raw
 * device id. Only well-known browsers and systems are named; anything else is "Trình duyệt khác" (the PWA's words).
 */

/** The browsers named, as their makers write them. */
export const BROWSERS = [
  "Cốc Cốc",
  "Edge",
  "Opera",
  "Samsung Internet",
  "Zalo",
  "Firefox",
  "Chrome",
  "Safari",
] as const;
/** A named browser. */
export type BrowserName = (typeof BROWSERS)[number];

/** The systems named. */
export const SYSTEMS = ["Android", "iPhone", "iPad", "Windows", "macOS", "ChromeOS", "Linux"] as const;
/** A named system. */
export type SystemName = (typeof SYSTEMS)[number];

/** What a User-Agent says about the device: its browser and its system, each `null` when not recognised. */
export interface DeviceName {
  browser: BrowserName | null;
  os: SystemName | null;
}

/** The browser of a User-Agent. The order matters: Edge, Opera, Cốc Cốc… also say "Chrome", and Chrome "Safari". */
function browserOf(ua: string): BrowserName | null {
  if (/coc_coc_browser/i.test(ua)) return "Cốc Cốc";
  if (/\bEdg(e|A|iOS)?\//.test(ua)) return "Edge";
  if (/\bOPR\/|\bOpera\b/.test(ua)) return "Opera";
  if (/\bSamsungBrowser\//.test(ua)) return "Samsung Internet";
  if (/\bZalo\b/i.test(ua)) return "Zalo";
  if (/\b(Firefox|FxiOS)\//.test(ua)) return "Firefox";
  if (/(Chrome|CriOS|Chromium)\//.test(ua)) return "Chrome";
  if (/\bVersion\/[\d.]+.*\bSafari\//.test(ua) || /\b(iPhone|iPad)\b.*\bMobile\//.test(ua)) return "Safari";
  return null;
}

/** The system of a User-Agent. */
function systemOf(ua: string): SystemName | null {
  if (/\bAndroid\b/.test(ua)) return "Android";
  if (/\biPhone\b|\biPod\b/.test(ua)) return "iPhone";
  if (/\biPad\b/.test(ua)) return "iPad";
  if (/\bWindows\b/.test(ua)) return "Windows";
  if (/\bCrOS\b/.test(ua)) return "ChromeOS";
  if (/\bMacintosh\b|\bMac OS X\b/.test(ua)) return "macOS";
  if (/\bLinux\b|\bX11\b/.test(ua)) return "Linux";
  return null;
}

/** The browser and system a User-Agent names (`null` or an empty string: neither). */
export function deviceNameOf(userAgent: string | null | undefined): DeviceName {
  const ua = (userAgent ?? "").slice(0, 512);
  return { browser: browserOf(ua), os: systemOf(ua) };
}
