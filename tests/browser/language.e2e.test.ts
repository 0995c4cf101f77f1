/**
 * The language switch (issue #8) in Chromium: Vietnamese by default, "English" in the header switches the whole app
 * (labels, `<html lang>`, the title, the server's error messages by code), the choice survives a reload, and
 * "Tiếng Việt" brings back the seed's Vietnamese labels verbatim.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { phonePage, readOtp } from "./browser";
import { extraPeople } from "./people";
import { browserSuite } from "./suite";

const baseUrl = inject("baseUrl");
const take = extraPeople(4);
const suite = browserSuite();

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const heading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name });

async function switchHeight(page: Page, name: string): Promise<number> {
  const box = await page.getByRole("button", { name, exact: true }).boundingBox();
  return box?.height ?? 0;
}

describe("language switch", () => {
  it("Vietnamese by default; English on request, remembered; the start of activation in English; back to Vietnamese", async () => {
    const c = take("approved-new");
    const other = take("approved-new");
    const { context, page } = await phonePage(suite.browser, baseUrl);

    // Default: Vietnamese, with a switch named in English.
    await page.goto("/");
    await expect.poll(() => page.getByRole("link", { name: "Kích hoạt tài khoản" }).isVisible()).toBe(true);
    expect(await htmlLang(page)).toBe("vi");
    const toEnglish = page.getByRole("button", { name: "English", exact: true });
    expect(await toEnglish.getAttribute("lang")).toBe("en");
    expect(await switchHeight(page, "English")).toBeGreaterThanOrEqual(44);

    // English: the home screen's labels, <html lang>, the title.
    await toEnglish.click();
    await expect.poll(() => heading(page, "Electronic identification account").isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Activate account" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Register" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Track an application" }).isVisible()).toBe(true);
    expect(await page.getByText("Kích hoạt tài khoản", { exact: true }).count()).toBe(0);
    expect(await htmlLang(page)).toBe("en");
    expect(await page.title()).toBe("Electronic identification account activation");
    expect(await switchHeight(page, "Tiếng Việt")).toBeGreaterThanOrEqual(44);
    expect(await page.getByRole("button", { name: "Tiếng Việt", exact: true }).getAttribute("lang")).toBe("vi");

    // Remembered across a reload.
    await page.reload();
    await expect.poll(() => heading(page, "Electronic identification account").isVisible()).toBe(true);
    expect(await htmlLang(page)).toBe("en");

    // The start of activation: English labels, an English validation message, English server errors by code.
    await page.getByRole("link", { name: "Activate account" }).click();
    await expect.poll(() => heading(page, "Activate account").isVisible()).toBe(true);
    expect(await page.title()).toBe("Activate account · Electronic identification account activation");
    expect(await page.getByText("Step 1 of 6").isVisible()).toBe(true);
    await page.getByLabel("Personal identification number").fill("12345");
    await page.getByLabel("Phone number").fill(other.phone);
    await page.getByRole("button", { name: "Send request" }).click();
    await expect.poll(() => page.getByText("The personal identification number has 12 digits").isVisible()).toBe(true);

    await page.getByLabel("Personal identification number").fill(c.id);
    await page.getByRole("button", { name: "Send request" }).click();
    const alert = page.getByRole("alert");
    await expect
      .poll(() => alert.textContent())
      .toContain("The personal identification number or the phone number is not correct");
    expect(await alert.textContent()).not.toContain("Số định danh");

    await page.getByLabel("Phone number").fill(c.phone);
    await page.getByRole("button", { name: "Send request" }).click();
    await expect.poll(() => heading(page, "Device check").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect.poll(() => heading(page, "OTP verification").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: /^Resend code/ }).isVisible()).toBe(true);
    const otp = await readOtp(baseUrl, c.phone);
    await page.getByLabel("OTP code").fill(otp === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toContain("The OTP code is not correct. You have 4 attempts left.");

    // Back to Vietnamese: the seed's labels verbatim, on this screen (the flow resumes) and at home.
    await page.getByRole("button", { name: "Tiếng Việt", exact: true }).click();
    await expect.poll(() => heading(page, "Xác thực OTP").isVisible()).toBe(true);
    expect(await page.getByText("Vui lòng nhập mã OTP vừa gửi tới số điện thoại").isVisible()).toBe(true);
    expect(await htmlLang(page)).toBe("vi");
    await page.getByLabel("Mã OTP").fill(otp);
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => heading(page, "Thiết lập mật khẩu").isVisible()).toBe(true);
    expect(await page.getByText("Có chữ viết hoa").isVisible()).toBe(true);

    await page.goto("/");
    await expect.poll(() => page.getByRole("link", { name: "Kích hoạt tài khoản" }).isVisible()).toBe(true);
    for (const name of ["Đăng ký", "Đăng nhập", "Tra cứu hồ sơ", "Đặt lịch hẹn"]) {
      expect(await page.getByRole("link", { name, exact: true }).isVisible(), name).toBe(true);
    }
    expect(await htmlLang(page)).toBe("vi");
    expect(await page.title()).toBe("Kích hoạt tài khoản định danh điện tử");
    expect(await page.getByRole("button", { name: "English", exact: true }).isVisible()).toBe(true);
    await context.close();
  });
});
