import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { DemoCitizen } from "../../scripts/demo-registry";
import { advanceClock, finishActivation, phonePage, readOtp } from "./browser";
import { people } from "./people";
import { browserSuite } from "./suite";

const baseUrl = inject("baseUrl");
const take = people(0);
const suite = browserSuite();

async function requestActivation(page: Page, c: Pick<DemoCitizen, "id" | "phone">, phone = c.phone) {
  await page.goto("/");
  await page
    .getByRole("link", { name: "Kích hoạt tài khoản" })
    .or(page.getByRole("button", { name: "Kích hoạt tài khoản" }))
    .first()
    .click();
  await page.getByLabel("Số định danh cá nhân").fill(c.id);
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
}

async function reachOtp(page: Page, c: DemoCitizen) {
  await requestActivation(page, c);
  await page.getByRole("button", { name: "Tiếp tục" }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Xác thực OTP" }).isVisible()).toBe(true);
}

async function loginThroughUi(page: Page, id: string, password: string) {
  await page.getByLabel("Số định danh cá nhân").fill(id);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

describe("web activation in Chromium at 360×640 (seed 000)", () => {
  it("goes from 'Kích hoạt tài khoản' to a logged-in home", async () => {
    const c = take("approved-new");
    const { context, page } = await phonePage(suite.browser, baseUrl);
    await requestActivation(page, c);
    await expect
      .poll(() => page.getByText("chưa được kích hoạt cho tài khoản nào", { exact: false }).isVisible())
      .toBe(true);
    await page.getByRole("button", { name: "Tiếp tục" }).click();

    await expect.poll(() => page.getByRole("heading", { name: "Xác thực OTP" }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText("Vui lòng nhập mã OTP vừa gửi tới số điện thoại").isVisible()).toBe(true);
    await expect.poll(() => page.getByText(`${c.phone.slice(0, 3)}****${c.phone.slice(-3)}`).isVisible()).toBe(true);
    await expect.poll(async () => (await page.getByText(/Mã sẽ hết hạn 0[23]:\d\d/).count()) > 0).toBe(true);
    expect(await page.getByRole("button", { name: /^Gửi lại mã/ }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Hủy bỏ" }).isVisible()).toBe(true);

    await page.getByLabel("Mã OTP").fill(await readOtp(baseUrl, c.phone));
    await page.getByRole("button", { name: "Xác nhận" }).click();

    // The password checklist follows what is typed.
    await page.getByLabel("Mật khẩu", { exact: true }).fill("abc");
    await expect.poll(() => page.getByText("Có chữ viết hoa").isVisible()).toBe(true);
    await finishActivation(page, { password: "Kichhoat@2026" });

    await page
      .getByRole("link", { name: "Đăng nhập" })
      .or(page.getByRole("button", { name: "Đăng nhập" }))
      .first()
      .click();
    await loginThroughUi(page, c.id, "Kichhoat@2026");
    await expect.poll(() => page.getByText(c.fullName).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText("Đã kích hoạt").first().isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("button", { name: "Đăng xuất" }).isVisible()).toBe(true);
    // Usable at phone width: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Đăng xuất" }).count()).toBe(0);
    await context.close();
  });

  it("skips the password step for a level-1 account that already has a password", async () => {
    const c = take("approved-with-password");
    const { context, page } = await phonePage(suite.browser, baseUrl);
    await reachOtp(page, c);
    await page.getByLabel("Mã OTP").fill(await readOtp(baseUrl, c.phone));
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => page.getByLabel("Mã passcode", { exact: true }).isVisible()).toBe(true);
    expect(await page.getByLabel("Nhập lại mật khẩu").count()).toBe(0);
    await finishActivation(page, {});
    await page.goto("/dang-nhap");
    await loginThroughUi(page, c.id, c.password as string);
    await expect.poll(() => page.getByText(c.fullName).first().isVisible()).toBe(true);
    await context.close();
  });

  it("shows each message of the account check (seed 001, step 6)", async () => {
    const { context, page } = await phonePage(suite.browser, baseUrl);
    const alert = () => page.getByRole("alert").first().innerText();

    await requestActivation(page, take("app"));
    await expect.poll(alert).toContain("Tài khoản của bạn chưa được định danh điện tử");

    await requestActivation(page, take("pending"));
    await expect.poll(alert).toContain("Tài khoản của bạn chưa được định danh điện tử");
    await expect.poll(() => page.getByText("Hồ sơ của bạn đang chờ phê duyệt").isVisible()).toBe(true);

    await requestActivation(page, take("active"));
    await expect.poll(alert).toContain("Tài khoản của bạn đã thực hiện kích hoạt");
    const login = page.getByRole("link", { name: "Đăng nhập" }).or(page.getByRole("button", { name: "Đăng nhập" }));
    expect(await login.count()).toBeGreaterThan(0);

    const c = take("approved-new");
    await requestActivation(page, { id: "020199000001", phone: c.phone });
    await expect.poll(alert).toContain("Số định danh cá nhân hoặc số điện thoại không đúng");
    await requestActivation(page, { id: c.id, phone: "0987000111" });
    await expect.poll(alert).toContain("Số định danh cá nhân hoặc số điện thoại không đúng");
    await context.close();
  });

  it("marks invalid input as the user types, and accepts +84 numbers", async () => {
    const c = take("approved-new");
    const { context, page } = await phonePage(suite.browser, baseUrl);
    await page.goto("/kich-hoat");
    const id = page.getByLabel("Số định danh cá nhân");
    await id.pressSequentially("0201");
    await expect.poll(() => id.getAttribute("aria-invalid")).toBe("true");
    await id.fill(c.id);
    await expect.poll(() => id.getAttribute("aria-invalid")).not.toBe("true");
    const phone = page.getByLabel("Số điện thoại");
    await phone.pressSequentially("02438");
    await expect.poll(() => phone.getAttribute("aria-invalid")).toBe("true");
    await phone.fill(`+84${c.phone.slice(1)}`);
    await expect.poll(() => phone.getAttribute("aria-invalid")).not.toBe("true");
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Tiếp tục" }).isVisible()).toBe(true);
    await context.close();
  });

  it("an expired code is refused; 'Gửi lại mã' sends a new one that works", async () => {
    const c = take("approved-new");
    const { context, page } = await phonePage(suite.browser, baseUrl);
    await reachOtp(page, c);
    const first = await readOtp(baseUrl, c.phone);
    await advanceClock(baseUrl, 181);
    await page.getByLabel("Mã OTP").fill(first);
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => page.getByRole("alert").first().innerText()).toContain("hết hạn");
    const resend = page.getByRole("button", { name: /^Gửi lại mã/ });
    await expect.poll(() => resend.isEnabled()).toBe(true);
    await resend.click();
    await expect.poll(async () => (await readOtp(baseUrl, c.phone)) !== first).toBe(true);
    await expect.poll(() => resend.isDisabled()).toBe(true);
    await page.getByLabel("Mã OTP").fill(await readOtp(baseUrl, c.phone));
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => page.getByLabel("Nhập lại mật khẩu").isVisible()).toBe(true);
    await context.close();
  });

  it("follows the server clock: after 3 minutes the screen says the code expired and offers 'Gửi lại mã'", async () => {
    const c = take("approved-new");
    const { context, page } = await phonePage(suite.browser, baseUrl);
    await reachOtp(page, c);
    const resend = page.getByRole("button", { name: /^Gửi lại mã/ });
    expect(await resend.isDisabled()).toBe(true);
    await advanceClock(baseUrl, 181);
    // No click, no reload: the countdowns catch up with the server by themselves.
    await expect.poll(() => resend.isEnabled(), { timeout: 8000 }).toBe(true);
    await expect.poll(() => page.getByText("Mã OTP đã hết hạn").first().isVisible()).toBe(true);
    expect(await page.getByText(/Mã sẽ hết hạn 0[0-3]:[0-5]\d/).count()).toBe(0);
    await context.close();
  });
});

describe("login lockout in Chromium", () => {
  it("locks after 5 wrong passwords, says 'tạm khóa' with the minutes, and refuses the right password", async () => {
    const c = take("active");
    const { context, page } = await phonePage(suite.browser, baseUrl);
    await page.goto("/");
    await page
      .getByRole("link", { name: "Đăng nhập" })
      .or(page.getByRole("button", { name: "Đăng nhập" }))
      .first()
      .click();
    for (let i = 1; i <= 5; i++) {
      // Each attempt waits for its own answer (the alert of the one before is still on screen).
      const answered = page.waitForResponse((r) => r.url().endsWith("/api/auth/login"));
      await loginThroughUi(page, c.id, `Sai@mat${i}khau`);
      await answered;
      await expect.poll(() => page.getByRole("alert").first().isVisible()).toBe(true);
    }
    await expect.poll(() => page.getByRole("alert").first().innerText()).toMatch(/tạm khóa.*15 phút/s);
    await loginThroughUi(page, c.id, c.password as string);
    await expect.poll(() => page.getByRole("alert").first().innerText()).toContain("tạm khóa");
    expect(await page.getByRole("button", { name: "Đăng xuất" }).count()).toBe(0);
    await context.close();
  });
});
