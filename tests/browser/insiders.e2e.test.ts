/**
 * Issue 17 in the officer console (Chromium at phone size): a file whose phone is not the account's says so, the
 * officer who took it is refused when approving it (SELF_APPROVAL) and a second officer approves it; "Người phụ
 * thuộc chờ xác nhận" lists a parent's request for a child of the unit, and "Xác nhận" confirms it. Its citizens
 * are made for it through the development import (IDs of their own, apart from the `people()` slots).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { centuryGenderDigit } from "../../shared/citizen";
import { jpeg } from "../fixtures/jpeg";
import { type OfficerCredentials, addOfficer, importUnits, launch, phonePage } from "./browser";

const baseUrl = inject("baseUrl");
/** "Đồng ý" in the question a decision asks first ("Phê duyệt hồ sơ … ?"). */
const agree = (page: Page) =>
  page.getByRole("alertdialog").getByRole("button", { name: "Đồng ý", exact: true }).click();
const UNIT = "CAP-TAMTHANH";
const PASSWORD = "CanBo#Ins2026";
const CITIZEN_PASSWORD = "Matkhau@Ins2026";
let browser: Browser;
let taker: OfficerCredentials;
let approver: OfficerCredentials;

/** A JSON request as a same-origin browser sends it; the answer and the session cookie it sets, if any. */
async function api(path: string, body: unknown, cookie = ""): Promise<{ status: number; body: any; cookie: string }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl, ...(cookie && { cookie }) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), cookie: res.headers.get("set-cookie")?.split(";")[0] ?? "" };
}

/** An officer past the first-login password change (through the API); their session cookie. */
async function ready(o: OfficerCredentials): Promise<string> {
  const { cookie } = await api("/api/officer/login", { username: o.username, password: o.password });
  const changed = await api("/api/officer/password", { newPassword: PASSWORD, confirmPassword: PASSWORD }, cookie);
  if (changed.status !== 200) throw new Error(`password change: ${JSON.stringify(changed.body)}`);
  return cookie;
}

let serial = 0;
/** A registry record (and an account with a password unless `level` is null), living in the ward. */
async function craft(dob: string, level: 1 | 2 | null, status = "active") {
  serial += 1;
  const year = Number(dob.slice(0, 4));
  const id = `001${centuryGenderDigit(year, "Nữ")}${String(year % 100).padStart(2, "0")}${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
  const phone = `093${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
  const record = {
    id,
    oldId: "",
    fullName: `Hà Thị Kiểm ${"ABCDEFGH"[serial]}`,
    dob,
    gender: "Nữ",
    address: "Phường Tam Thanh, Tỉnh Lạng Sơn",
    phone,
    cardType: "cancuoc-2024",
    cardIssued: `${year + 1}${dob.slice(4)}`,
  };
  const accounts = level === null ? [] : [{ id, phone, level, status, password: CITIZEN_PASSWORD }];
  const res = await api("/api/dev/registry/import", { registry: [record], accounts });
  if (res.status !== 200) throw new Error(`import: ${JSON.stringify(res.body)}`);
  return record;
}

/** "Đăng nhập cán bộ" with the password already changed; ends on the console's menu. */
async function officerLogin(page: Page, o: OfficerCredentials) {
  await page.goto("/can-bo");
  await page.getByLabel("Tên đăng nhập").fill(o.username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Trang cán bộ" }).isVisible()).toBe(true);
}

beforeAll(async () => {
  browser = await launch();
  await importUnits(baseUrl);
  [taker, approver] = await Promise.all([
    addOfficer(baseUrl, UNIT, "officer", "Hoàng Thị Nhận"),
    addOfficer(baseUrl, UNIT, "officer", "Lăng Văn Duyệt"),
  ]);
});
afterAll(async () => {
  await browser?.close();
});

describe("insiders in the officer console (issue 17)", () => {
  it("a phone change is said on the file; its taker is refused (SELF_APPROVAL); a second officer approves it", async () => {
    const takerCookie = await ready(taker);
    await ready(approver);
    const citizen = await craft("1984-05-06", 1);
    const newPhone = `097${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
    const photo = await fetch(`${baseUrl}/api/officer/photo`, {
      method: "POST",
      headers: { "content-type": "image/jpeg", origin: baseUrl, cookie: takerCookie },
      body: jpeg() as BodyInit,
    });
    const { photoId } = (await photo.json()) as { photoId: string };
    const card = {
      id: citizen.id,
      oldId: "",
      fullName: citizen.fullName,
      dob: citizen.dob,
      gender: citizen.gender,
      address: citizen.address,
      issued: citizen.cardIssued,
    };
    const taken = await api("/api/officer/intake", { card, phone: newPhone, photoId, consent: true }, takerCookie);
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const reference = taken.body.reference as string;

    const { context, page } = await phonePage(browser, baseUrl);
    await officerLogin(page, taker);
    await page.getByRole("link", { name: "Hồ sơ chờ duyệt" }).click();
    await page.getByRole("link", { name: new RegExp(reference) }).click();
    await expect.poll(() => page.getByRole("heading", { name: `Hồ sơ ${reference}` }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText("Số điện thoại khác với số đang dùng cho tài khoản").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Phê duyệt" }).click();
    await agree(page);
    await expect
      .poll(() => page.getByRole("alert").first().innerText())
      .toContain("Cán bộ tiếp nhận hồ sơ không được tự phê duyệt hồ sơ đó.");
    await context.close();

    const second = await phonePage(browser, baseUrl);
    await officerLogin(second.page, approver);
    await second.page.getByRole("link", { name: "Hồ sơ chờ duyệt" }).click();
    await second.page.getByRole("link", { name: new RegExp(reference) }).click();
    await expect
      .poll(() => second.page.getByText("Số điện thoại khác với số đang dùng cho tài khoản").isVisible())
      .toBe(true);
    await second.page.getByRole("button", { name: "Phê duyệt" }).click();
    await agree(second.page);
    await expect.poll(() => second.page.getByText("Đã phê duyệt hồ sơ.").isVisible()).toBe(true);
    const sms = (await (await fetch(`${baseUrl}/api/dev/sms?phone=${citizen.phone}`)).json()) as {
      messages: Array<{ text: string }>;
    };
    expect(sms.messages.some((m) => m.text.includes(reference) && m.text.includes("phan doi"))).toBe(true);
    await second.context.close();
  });

  it("'Người phụ thuộc chờ xác nhận': a parent's request for a child of the unit, confirmed by an officer", async () => {
    const parent = await craft("1986-02-03", 2, "approved");
    const childDob = `${new Date().getUTCFullYear() - 7}-04-05`;
    const child = await craft(childDob, null);
    const { cookie } = await api("/api/auth/login", { citizenId: parent.id, password: CITIZEN_PASSWORD });
    const asked = await api("/api/me/dependants", { childId: child.id, dob: child.dob }, cookie);
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.dependants).toEqual([expect.objectContaining({ status: "pending", citizenId: child.id })]);

    const { context, page } = await phonePage(browser, baseUrl);
    await officerLogin(page, approver);
    await page.getByRole("link", { name: "Người phụ thuộc chờ xác nhận" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Người phụ thuộc chờ xác nhận" }).isVisible()).toBe(true);
    const item = page.locator("li.dependant-link", { hasText: child.id });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.innerText()).toContain(parent.fullName);
    expect(await item.innerText()).toContain("Chờ xác nhận");
    await item.getByRole("button", { name: `Xác nhận: ${child.fullName}` }).click();
    await expect.poll(() => page.getByText(`Đã xác nhận người phụ thuộc ${child.fullName}.`).isVisible()).toBe(true);
    await expect.poll(() => page.locator("li.dependant-link", { hasText: child.id }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();

    const mine = await fetch(`${baseUrl}/api/me/dependants`, { headers: { cookie } });
    expect(((await mine.json()) as { dependants: unknown[] }).dependants).toEqual([
      expect.objectContaining({ status: "approved", citizenId: child.id, fullName: child.fullName }),
    ]);
  });
});
