/**
 * "Quản lý cán bộ" (issue 14) in Chromium at phone size, against the real worker: a province_admin finds it in the
 * console's menu, adds an officer ("Thêm cán bộ": a one-time password, shown once, that logs in), locks them ("Khóa":
 * their session ends at once and their login is refused), unlocks them, resets their password ("Đặt lại mật khẩu")
 * and moves them to another unit ("Chuyển đơn vị"); an ordinary officer has no such menu entry and is refused the
 * screen. The province_admin is made with `npm run officer:add`.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type OfficerCredentials, addOfficer, importUnits, launch, layoutProblems, phonePage } from "./browser";

const baseUrl = inject("baseUrl");
const ADMIN_PASSWORD = "QuanTri#Tinh2026";
const FORBIDDEN = "Bạn không có quyền thực hiện chức năng này.";
const NEW_NAME = "Đàm Thị Quản";

let browser: Browser;
let admin: OfficerCredentials;
let plain: OfficerCredentials;

beforeAll(async () => {
  browser = await launch();
  await importUnits(baseUrl);
  [admin, plain] = await Promise.all([
    addOfficer(baseUrl, "CAT-LANGSON", "province_admin", "Bế Văn Quản Trị"),
    addOfficer(baseUrl, "CAP-TAMTHANH", "officer", "Chu Văn Thường"),
  ]);
});
afterAll(async () => {
  await browser?.close();
});

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const heading = (page: Page, name: string) => page.getByRole("heading", { name, exact: true });

/** An officer API call from outside the browser (as another device would make it). */
async function officerApi(
  path: string,
  body?: unknown,
  cookie = "",
): Promise<{ status: number; body: Record<string, any>; cookie: string }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", origin: baseUrl, ...(cookie && { cookie }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, any>,
    cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
  };
}

/** "Đăng nhập cán bộ" with a one-time password, then "Đổi mật khẩu lần đầu"; ends on the console's menu. */
async function firstLogin(page: Page, who: OfficerCredentials, password: string) {
  await page.goto("/can-bo");
  await poll(() => heading(page, "Đăng nhập cán bộ").isVisible()).toBe(true);
  await page.getByLabel("Tên đăng nhập").fill(who.username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await poll(() => page.getByLabel("Mật khẩu mới", { exact: true }).isVisible()).toBe(true);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(password);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(password);
  await page.getByRole("button", { name: "Lưu mật khẩu" }).click();
  await poll(() => heading(page, "Trang cán bộ").isVisible()).toBe(true);
}

describe("Quản lý cán bộ", () => {
  it("a province_admin adds, locks, unlocks, resets and moves an officer; every answer shows on the screen", async () => {
    const { context, page } = await phonePage(browser, baseUrl);
    await firstLogin(page, admin, ADMIN_PASSWORD);
    await page.getByRole("link", { name: "Quản lý cán bộ" }).click();
    await poll(() => heading(page, "Quản lý cán bộ").isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/can-bo/quan-ly-can-bo");
    await poll(() => page.title()).toMatch(/^Quản lý cán bộ · /);
    // The list: the admin themself, marked, with no reset or lock for oneself.
    const mine = page.locator(`li[data-username="${admin.username}"]`);
    await poll(() => mine.innerText()).toContain("(bạn)");
    expect(await mine.getByRole("button", { name: "Khóa", exact: true }).count()).toBe(0);
    expect(await mine.getByRole("button", { name: "Đặt lại mật khẩu" }).count()).toBe(0);

    // "Thêm cán bộ": the unit must be chosen first.
    await page.getByLabel("Họ và tên").fill(NEW_NAME);
    expect(await page.getByLabel("Vai trò").inputValue()).toBe("officer");
    await page.getByRole("button", { name: "Thêm cán bộ" }).click();
    await poll(() => page.getByText("Vui lòng chọn đơn vị").isVisible()).toBe(true);
    await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: "Công an phường Tam Thanh" });
    const added = page.waitForResponse(
      (r) => r.url().endsWith("/api/admin/officers") && r.request().method() === "POST",
    );
    await page.getByRole("button", { name: "Thêm cán bộ" }).click();
    expect((await added).status()).toBe(200);
    await poll(() => page.locator(".admin-notice").innerText()).toBe(`Đã thêm cán bộ ${NEW_NAME}.`);
    await poll(() => heading(page, "Mật khẩu dùng một lần").isVisible()).toBe(true);
    const shown = page.locator(".one-time-password");
    const username = (await shown.getAttribute("data-username")) as string;
    const first = (await shown.innerText()).trim();
    expect(first).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    const row = page.locator(`li[data-username="${username}"]`);
    await poll(() => row.innerText()).toContain("Chưa đổi mật khẩu lần đầu");
    expect(await row.innerText()).toContain("Công an phường Tam Thanh");
    expect(await row.innerText()).toContain("Chưa đăng nhập");
    expect(await layoutProblems(page)).toEqual([]);

    // The one-time password logs in (elsewhere) and must be changed.
    const login = await officerApi("/api/officer/login", { username, password: first });
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);

    // "Khóa", confirmed: the officer's session ends at once and their login is refused.
    await row.getByRole("button", { name: "Khóa", exact: true }).click();
    await poll(() => row.innerText()).toContain("Các phiên đăng nhập của cán bộ này kết thúc ngay");
    // The question takes the focus (the button that opened it is gone); "Hủy" gives it back to the row.
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`adm-confirm-${username}`);
    await row.getByRole("button", { name: "Hủy" }).click();
    await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Đặt lại mật khẩu");
    expect(await row.getByRole("button", { name: "Khóa", exact: true }).count()).toBe(1);
    await row.getByRole("button", { name: "Khóa", exact: true }).click();
    await row.getByRole("button", { name: "Khóa", exact: true }).click();
    await poll(() => page.locator(".admin-notice").innerText()).toBe(`Đã khóa tài khoản của ${NEW_NAME}.`);
    await poll(() => row.innerText()).toContain("Trạng thái: Đã khóa");
    expect((await officerApi("/api/officer/me", undefined, login.cookie)).status).toBe(401);
    const refused = await officerApi("/api/officer/login", { username, password: first });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("OFFICER_DISABLED");

    // "Mở khóa".
    await row.getByRole("button", { name: "Mở khóa", exact: true }).click();
    await poll(() => page.locator(".admin-notice").innerText()).toBe(`Đã mở khóa tài khoản của ${NEW_NAME}.`);
    await poll(() => row.innerText()).toContain("Trạng thái: Đang hoạt động");

    // "Đặt lại mật khẩu", confirmed: a new one-time password; the old one no longer works.
    await row.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
    await row.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
    await poll(() => page.locator(".admin-notice").innerText()).toBe(`Đã đặt lại mật khẩu cho ${NEW_NAME}.`);
    const second = (await page.locator(".one-time-password").innerText()).trim();
    expect(second).not.toBe(first);
    expect((await officerApi("/api/officer/login", { username, password: first })).status).toBe(401);
    expect((await officerApi("/api/officer/login", { username, password: second })).status).toBe(200);

    // "Chuyển đơn vị": the unit must be chosen, then the officer belongs to the new one.
    await row.getByRole("button", { name: "Chuyển đơn vị" }).click();
    await row.getByRole("button", { name: "Chuyển", exact: true }).click();
    await poll(() => row.getByText("Vui lòng chọn đơn vị").isVisible()).toBe(true);
    await row.getByLabel("Đơn vị mới").selectOption({ label: "Công an phường Kỳ Lừa" });
    await row.getByRole("button", { name: "Chuyển", exact: true }).click();
    await poll(() => page.locator(".admin-notice").innerText()).toBe(
      `Đã chuyển ${NEW_NAME} sang Công an phường Kỳ Lừa.`,
    );
    await poll(() => row.innerText()).toContain("Công an phường Kỳ Lừa");

    // At 320 px nothing scrolls sideways and every control is large enough.
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await layoutProblems(page)).toEqual([]);
    await context.close();
  });

  it("an ordinary officer has no 'Quản lý cán bộ' in the menu and is refused the screen", async () => {
    const { context, page } = await phonePage(browser, baseUrl);
    await firstLogin(page, plain, "CanBo#Thuong2026");
    await poll(() => page.getByRole("link", { name: "Hồ sơ chờ duyệt" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Quản lý cán bộ" }).count()).toBe(0);
    await page.goto("/can-bo/quan-ly-can-bo");
    await poll(() =>
      page
        .getByRole("alert")
        .first()
        .innerText()
        .catch(() => ""),
    ).toContain(FORBIDDEN);
    expect(await page.getByRole("button", { name: "Thêm cán bộ" }).count()).toBe(0);
    await context.close();
  });
});
