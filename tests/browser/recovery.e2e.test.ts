/**
 * "Quên mật khẩu" in Chromium, from the login screen's link to a login with the new password (the OTP read from the
 * development outbox), the old session revoked; and "Quản lý thiết bị" → "Đăng xuất các phiên khác".
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { DemoCitizen } from "../../scripts/demo-registry";
import { phonePage, readOtp } from "./browser";
import { extraPeople } from "./people";
import { browserSuite } from "./suite";

const baseUrl = inject("baseUrl");
const take = extraPeople(2);
const suite = browserSuite();

async function login(page: Page, id: string, password: string) {
  await page.goto("/dang-nhap");
  await page.getByLabel("Số định danh cá nhân").fill(id);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe("/tai-khoan");
}

/** The status of `GET /api/me` with the page's own cookie. */
const meStatus = (page: Page) => page.evaluate(() => fetch("/api/me", { cache: "no-store" }).then((r) => r.status));

describe("Quên mật khẩu in Chromium at 360×640", () => {
  it("ID + phone → OTP → security question → new password, then logs in with it; the old session is revoked", async () => {
    const c: DemoCitizen = take("active");
    const old = await phonePage(suite.browser, baseUrl);
    await login(old.page, c.id, c.password as string);
    expect(await meStatus(old.page)).toBe(200);

    const { context, page } = await phonePage(suite.browser, baseUrl);
    await page.goto("/dang-nhap");
    await page.getByRole("link", { name: "Quên mật khẩu", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Quên mật khẩu" }).isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/quen-mat-khau");
    await page.getByLabel("Số định danh cá nhân").fill(c.id);
    await page.getByLabel("Số điện thoại").fill(c.phone);
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();

    await expect.poll(() => page.getByRole("heading", { name: "Xác thực OTP" }).isVisible()).toBe(true);
    await expect.poll(async () => (await page.getByText(/Mã sẽ hết hạn 0[23]:\d\d/).count()) > 0).toBe(true);
    expect(await page.getByRole("button", { name: /^Gửi lại mã/ }).isDisabled()).toBe(true);
    await page.getByLabel("Mã OTP").fill(await readOtp(baseUrl, c.phone));
    await page.getByRole("button", { name: "Xác nhận" }).click();

    await expect.poll(() => page.getByRole("heading", { name: "Câu hỏi bảo mật" }).isVisible()).toBe(true);
    const questions = (await (await fetch(`${baseUrl}/api/security-questions`)).json()) as {
      questions: Array<{ id: number; text: string }>;
    };
    const shown = (await page.locator(".question-text").innerText()).trim();
    const question = questions.questions.find((q) => q.text === shown);
    expect(question, shown).toBeDefined();
    const answer = (c.securityAnswers as Record<number, string>)[question?.id as number] as string;
    expect(answer).toBeDefined();
    // A wrong answer first: the count is shown, in the alert.
    await page.getByLabel("Câu trả lời").fill("không phải");
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect
      .poll(() => page.getByText("Câu trả lời không đúng. Bạn còn 4 lần thử.").first().isVisible())
      .toBe(true);
    await page.getByLabel("Câu trả lời").fill(answer);
    await page.getByRole("button", { name: "Tiếp tục" }).click();

    const next = "Laymk@2026Moi";
    await expect.poll(() => page.getByLabel("Nhập lại mật khẩu").isVisible()).toBe(true);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(next);
    await page.getByLabel("Nhập lại mật khẩu").fill(next);
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Đặt lại mật khẩu thành công" }).isVisible()).toBe(true);

    // The old browser's session is gone: its account page sends it to the login screen.
    expect(await meStatus(old.page)).toBe(401);
    await old.page.goto("/tai-khoan");
    await expect.poll(() => new URL(old.page.url()).pathname).toBe("/dang-nhap");

    await page.getByRole("link", { name: "Đăng nhập" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/dang-nhap");
    await page.getByLabel("Số định danh cá nhân").fill(c.id);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(next);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/tai-khoan");
    await expect.poll(() => page.getByText(c.fullName).first().isVisible()).toBe(true);
    expect(await meStatus(page)).toBe(200);
    await old.context.close();
    await context.close();
  });
});

describe("Quản lý thiết bị in Chromium", () => {
  it("lists the sessions, marks the current one, and logs out the others", async () => {
    const c: DemoCitizen = take("active");
    const other = await phonePage(suite.browser, baseUrl);
    await login(other.page, c.id, c.password as string);
    const { context, page } = await phonePage(suite.browser, baseUrl);
    await login(page, c.id, c.password as string);

    await page.getByRole("link", { name: "Quản lý thiết bị" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Quản lý thiết bị" }).isVisible()).toBe(true);
    await expect.poll(() => page.locator("li[data-session]").count()).toBe(2);
    expect(await page.locator('li[data-current="true"]').count()).toBe(1);
    await expect.poll(() => page.getByText("Phiên hiện tại").isVisible()).toBe(true);
    // The device bound at import is not this browser's.
    expect(await page.getByText("Thiết bị này").count()).toBe(0);

    await page.getByRole("button", { name: "Đăng xuất các phiên khác" }).click();
    await expect.poll(() => page.getByText("Đã đăng xuất 1 phiên khác.").isVisible()).toBe(true);
    await expect.poll(() => page.locator("li[data-session]").count()).toBe(1);
    expect(await meStatus(other.page)).toBe(401);
    expect(await meStatus(page)).toBe(200);

    await page.getByRole("link", { name: "Về trang tài khoản" }).click();
    await page.getByRole("link", { name: "Hoạt động của tôi" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Hoạt động của tôi" }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('li[data-event="session.revoked"]').count()).toBe(1);
    expect(await page.locator('li[data-event="login.succeeded"]').count()).toBe(2);
    await other.context.close();
    await context.close();
  });
});
