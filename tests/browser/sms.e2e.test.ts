/**
 * "Tin nhắn lỗi" (province_admin) in Chromium at phone size, against the real worker and its queue in miniflare: a
 * booking's text that the provider keeps refusing (faults injected on the queue's deliveries) goes to the
 * dead-letter queue while the booking stands; the province_admin sees it with the phone masked, and "Gửi lại" sends
 * it; a ward officer has no such screen. Slot 0 of the second registry, taken from its end (`lastPeople`).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type OfficerCredentials, addOfficer, importUnits, launch, layoutProblems, phonePage } from "./browser";
import { lastPeople } from "./people";

const baseUrl = inject("baseUrl");
const take = lastPeople(0); // citizens.e2e takes slot 0 from its start
const PASSWORD = "CanBo#Sms2026";
const FORBIDDEN = "Bạn không có quyền thực hiện chức năng này.";

let browser: Browser;
let admin: OfficerCredentials;
let ward: OfficerCredentials;

beforeAll(async () => {
  browser = await launch();
  await importUnits(baseUrl);
  [admin, ward] = await Promise.all([
    addOfficer(baseUrl, "CAT-LANGSON", "province_admin", "Hà Văn Tỉnh"),
    addOfficer(baseUrl, "CAP-TAMTHANH", "officer", "Lăng Thị Phường"),
  ]);
});
afterAll(async () => {
  await browser?.close();
});

const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });
const heading = (page: Page, name: string) => page.getByRole("heading", { name, exact: true });

const api = (path: string, body: unknown) =>
  fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify(body),
  });

/** "Đăng nhập cán bộ", with the first login's new password; ends on the console's menu. */
async function officerLogin(page: Page, who: OfficerCredentials) {
  await page.goto("/can-bo");
  await poll(() => heading(page, "Đăng nhập cán bộ").isVisible()).toBe(true);
  await page.getByLabel("Tên đăng nhập").fill(who.username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await poll(() => page.getByLabel("Mật khẩu mới", { exact: true }).isVisible()).toBe(true);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(PASSWORD);
  await page.getByRole("button", { name: "Lưu mật khẩu" }).click();
  await poll(() => heading(page, "Trang cán bộ").isVisible()).toBe(true);
}

/** A bookable day: `n` days ahead in Vietnam, not a Sunday. */
function bookableDay(n: number): string {
  const at = new Date(Date.now() + 7 * 3600_000 + n * 86400_000);
  if (at.getUTCDay() === 0) at.setUTCDate(at.getUTCDate() + 1);
  return at.toISOString().slice(0, 10);
}

describe("'Tin nhắn lỗi'", () => {
  it("a text that keeps failing is listed for the province_admin, masked; 'Gửi lại' sends it once; a ward officer has no such screen", async () => {
    const c = take("active");
    const masked = `${c.phone.slice(0, 3)}****${c.phone.slice(-3)}`;
    // The provider answers 503 to the first try and to every retry of the next text (and of any other text, until
    // the faults are lifted).
    expect((await api("/api/dev/faults", { route: "sms-queue", failNext: 100, mode: "500" })).status).toBe(200);
    const booked = await api("/api/appointments", {
      unitCode: "CAP-TAMTHANH",
      day: bookableDay(5),
      time: "09:30",
      citizenId: c.id,
      phone: c.phone,
    });
    expect(booked.status).toBe(200);
    const { code } = (await booked.json()) as { code: string };

    const { context, page } = await phonePage(browser, baseUrl);
    await officerLogin(page, admin);
    const failedTexts = () =>
      page.evaluate(async () => {
        const res = await fetch("/api/admin/sms/failed");
        return ((await res.json()) as { items: Array<{ text: string }> }).items.map((x) => x.text);
      });
    await poll(async () => (await failedTexts()).some((t) => t.includes(code)), 60_000).toBe(true);
    expect((await api("/api/dev/faults", { route: "sms-queue", failNext: 0, mode: "500" })).status).toBe(200);

    await page.getByRole("link", { name: "Tin nhắn lỗi" }).click();
    await poll(() => heading(page, "Tin nhắn lỗi").isVisible()).toBe(true);
    const item = page.locator(".failed-text", { hasText: code });
    await poll(() => item.count()).toBe(1);
    const text = await item.innerText();
    for (const part of ["Đặt lịch hẹn", masked, "HTTP 503", "6 lần thử", "Chưa gửi được"]) expect(text).toContain(part);
    expect(await page.locator("main").innerText()).not.toContain(c.phone);
    expect(await layoutProblems(page)).toEqual([]);

    await item.getByRole("button", { name: "Gửi lại" }).click();
    await poll(() => page.getByText("Đã đưa tin nhắn vào hàng đợi để gửi lại.").isVisible()).toBe(true);
    await poll(() => item.innerText()).toContain("Đã gửi lại bởi");
    expect(await item.getByRole("button", { name: "Gửi lại" }).count()).toBe(0);
    await poll(async () => {
      const sms = (await (await fetch(`${baseUrl}/api/dev/sms?phone=${c.phone}`)).json()) as {
        messages: Array<{ text: string }>;
      };
      return sms.messages.filter((m) => m.text.includes(code)).length;
    }).toBe(1);
    // After a reload, the list says so too.
    await page.reload();
    await poll(() => page.locator(".failed-text", { hasText: code }).innerText()).toContain("Đã gửi lại");
    await context.close();

    // A ward officer: no "Tin nhắn lỗi" in the menu, and the path answers that they may not.
    const other = await phonePage(browser, baseUrl);
    await officerLogin(other.page, ward);
    expect(await other.page.getByRole("link", { name: "Tin nhắn lỗi" }).count()).toBe(0);
    await other.page.goto("/can-bo/tin-nhan-loi");
    await poll(() =>
      other.page
        .getByRole("alert")
        .first()
        .innerText()
        .catch(() => ""),
    ).toContain(FORBIDDEN);
    await other.context.close();
  });
});
