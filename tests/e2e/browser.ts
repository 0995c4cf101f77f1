/** Debian's Chromium through playwright-core, as an old phone would show the app: 360×640, touch, Vietnamese. */
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Launches headless Debian Chromium. */
export function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** A phone-sized page on the app. */
export async function phonePage(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
  });
  const page = await context.newPage();
  return { context, page };
}

/** The newest 6-digit code texted to `phone`, from the development outbox. */
export async function readOtp(baseUrl: string, phone: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/dev/sms?phone=${encodeURIComponent(phone)}`);
  const { messages } = (await res.json()) as { messages: Array<{ text: string }> };
  const code = messages.map((m) => /\b(\d{6})\b/.exec(m.text)?.[1]).find(Boolean);
  if (!code) throw new Error(`no OTP texted to ${phone}`);
  return code;
}

/** Moves the server clock forward. */
export async function advanceClock(baseUrl: string, seconds: number): Promise<void> {
  const res = await fetch(`${baseUrl}/api/dev/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  if (!res.ok) throw new Error(`clock: ${res.status}`);
}
