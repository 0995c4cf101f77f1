/**
 * Issue 17, "Phishing": the OTP field is a one-time-code field, and where the browser has WebOTP the page asks it
 * for the code, aborts the request when the citizen types, and always keeps the manual field. Slot 5 of `people()`
 * (security.e2e.test.ts takes only its active and app citizens; this file only its approved-new ones).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DemoCitizen } from "../../scripts/demo-registry";
import { launch, phonePage, readOtp } from "./browser";
import { people } from "./people";

const baseUrl = inject("baseUrl");
const take = people(5);
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function reachOtp(page: Page, c: DemoCitizen) {
  await page.goto("/");
  await page
    .getByRole("link", { name: "Kích hoạt tài khoản" })
    .or(page.getByRole("button", { name: "Kích hoạt tài khoản" }))
    .first()
    .click();
  await page.getByLabel("Số định danh cá nhân").fill(c.id);
  await page.getByLabel("Số điện thoại").fill(c.phone);
  await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
  await page.getByRole("button", { name: "Tiếp tục" }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Xác thực OTP" }).isVisible()).toBe(true);
}

describe("WebOTP (issue 17, Phishing)", () => {
  /** Headless Chromium never answers a WebOTP request: this stub records each one and lets the test answer it. */
  const STUB = `(() => {
    window.OTPCredential = function OTPCredential() {};
    window.__otp = { requests: [], aborted: 0, answer: null };
    navigator.credentials.get = (options) => new Promise((resolve, reject) => {
      window.__otp.requests.push(JSON.stringify({ otp: options.otp }));
      options.signal?.addEventListener("abort", () => {
        window.__otp.aborted += 1;
        reject(new DOMException("aborted", "AbortError"));
      });
      window.__otp.answer = (code) => resolve({ type: "otp", code });
    });
  })();`;

  it("the field is a one-time-code field; the page asks the browser for the code and fills it in", async () => {
    const c = take("approved-new");
    const { context, page } = await phonePage(browser, baseUrl);
    await context.addInitScript(STUB);
    await reachOtp(page, c);
    const field = page.getByLabel("Mã OTP");
    expect(await field.getAttribute("autocomplete")).toBe("one-time-code");
    await expect
      .poll(() => page.evaluate(() => (window as any).__otp.requests as string[]))
      .toEqual([JSON.stringify({ otp: { transport: ["sms"] } })]);
    const code = await readOtp(baseUrl, c.phone);
    await page.evaluate((x) => (window as any).__otp.answer(x), code);
    await expect.poll(() => field.inputValue()).toBe(code);
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => page.getByLabel("Mật khẩu", { exact: true }).isVisible()).toBe(true);
    await context.close();
  });

  it("typing aborts the request, and the manual field keeps working", async () => {
    const c = take("approved-new");
    const { context, page } = await phonePage(browser, baseUrl);
    await context.addInitScript(STUB);
    await reachOtp(page, c);
    await expect.poll(() => page.evaluate(() => (window as any).__otp.requests.length as number)).toBe(1);
    await page.getByLabel("Mã OTP").pressSequentially("1");
    await expect.poll(() => page.evaluate(() => (window as any).__otp.aborted as number)).toBe(1);
    // A late answer after the abort changes nothing.
    await page.evaluate(() => (window as any).__otp.answer("999999"));
    await page.getByLabel("Mã OTP").fill(await readOtp(baseUrl, c.phone));
    expect(await page.getByLabel("Mã OTP").inputValue()).not.toBe("999999");
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => page.getByLabel("Mật khẩu", { exact: true }).isVisible()).toBe(true);
    await context.close();
  });
});
