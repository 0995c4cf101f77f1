import { describe, expect, inject, it } from "vitest";
import type { DemoCitizen } from "../../scripts/demo-registry";
import { ageOn } from "../../shared/cccd";
import { birthdayAt, cardValidUntil } from "../../shared/card-expiry";
import type { RegistryRecordT } from "../../shared/registry-file";
import { phonePage } from "./browser";
import { extraPeople, extraRegistry } from "./people";
import { browserSuite } from "./suite";

const baseUrl = inject("baseUrl");
const take = extraPeople(3);
const records = extraRegistry().file.registry ?? [];
const recordOf = (c: DemoCitizen) => records.find((r) => r.id === c.id) as RegistryRecordT;
const ddmmyyyy = (iso: string) => iso.split("-").reverse().join("/");
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

const suite = browserSuite();

/** The next citizen of `kind` that passes `ok`. */
function takeWhere(kind: DemoCitizen["kind"], ok: (c: DemoCitizen) => boolean): DemoCitizen {
  for (;;) {
    const c = take(kind);
    if (ok(c)) return c;
  }
}

describe("card, dependants and notifications in Chromium at 360×640", () => {
  it("shows the card's validity, adds a child from the registry, and lists the notifications", async () => {
    const parent = takeWhere("active", (c) => c.level === 2 && birthdayAt(recordOf(c).dob, 40) < today);
    const child = takeWhere("no-account", (c) => ageOn(recordOf(c).dob, today) < 14);
    const childRecord = recordOf(child);

    // The registry says the parent's card was issued at 24: it skipped 25 and was valid through the 40th birthday.
    const record = recordOf(parent);
    const { qr: _qr, ...withoutQr } = record;
    const issued = birthdayAt(record.dob, 24);
    const validUntil = birthdayAt(record.dob, 40);
    expect(cardValidUntil(record.dob, issued)).toBe(validUntil);
    const imported = await fetch(`${baseUrl}/api/dev/registry/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // The child's record lists the parent (issue 17: a link the registry backs is made at once).
      body: JSON.stringify({
        registry: [
          { ...withoutQr, cardIssued: issued },
          { ...childRecord, guardianIds: [parent.id] },
        ],
      }),
    });
    expect(imported.status).toBe(200);

    const { context, page } = await phonePage(suite.browser, baseUrl);
    // This browser is the device the account is bound to.
    await context.addInitScript(
      (deviceId: string) => localStorage.setItem("vneid.deviceId", deviceId),
      parent.deviceId as string,
    );
    await page.goto("/dang-nhap");
    await page.getByLabel("Số định danh cá nhân").fill(parent.id);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(parent.password as string);
    await page.getByRole("button", { name: "Đăng nhập" }).click();

    await expect
      .poll(() => page.getByRole("heading", { name: "Thẻ Căn cước" }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect.poll(() => page.getByText(`Có giá trị đến: ${ddmmyyyy(validUntil)}`).isVisible()).toBe(true);
    expect(await page.getByText("Thẻ đã hết hạn").isVisible()).toBe(true);
    const notices = page.getByRole("link", { name: "Thông báo 1 chưa đọc" });
    await expect.poll(() => notices.isVisible()).toBe(true);

    // "Người phụ thuộc": the child's ID and date of birth, checked against the registry.
    await page.getByRole("link", { name: "Người phụ thuộc" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Người phụ thuộc", level: 1 }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText("Chưa có người phụ thuộc.").isVisible()).toBe(true);
    await page.getByLabel("Số định danh cá nhân của trẻ").fill(child.id);
    await page.getByLabel("Ngày sinh của trẻ").fill("01/01/2000");
    await page.getByRole("button", { name: "Thêm người phụ thuộc" }).click();
    await expect.poll(() => page.getByRole("alert").first().innerText()).toContain("Không tìm thấy công dân");
    await page.getByLabel("Ngày sinh của trẻ").fill(ddmmyyyy(childRecord.dob));
    await page.getByRole("button", { name: "Thêm người phụ thuộc" }).click();
    await expect
      .poll(() => page.getByText(`Đã thêm ${childRecord.fullName} vào danh sách người phụ thuộc.`).isVisible())
      .toBe(true);
    const listed = page.locator("li.dependant");
    expect(await listed.count()).toBe(1);
    expect(await listed.first().innerText()).toContain(childRecord.fullName);
    expect(await listed.first().innerText()).toContain(`Ngày sinh: ${ddmmyyyy(childRecord.dob)}`);

    // Still there after a reload (the child is in the account).
    await page.reload();
    await expect.poll(() => page.locator("li.dependant").count()).toBe(1);

    // A child whose registry record does not list this parent (issue 17): a request, "Chờ xác nhận", that shows
    // nothing about the child but the ID typed.
    const stranger = takeWhere("no-account", (c) => ageOn(recordOf(c).dob, today) < 14);
    const strangerRecord = recordOf(stranger);
    await page.getByLabel("Số định danh cá nhân của trẻ").fill(stranger.id);
    await page.getByLabel("Ngày sinh của trẻ").fill(ddmmyyyy(strangerRecord.dob));
    await page.getByRole("button", { name: "Thêm người phụ thuộc" }).click();
    const pending = page.locator("li.dependant-pending");
    await expect.poll(() => pending.count()).toBe(1);
    expect(await pending.innerText()).toContain("Chờ xác nhận");
    expect(await pending.innerText()).toContain(stranger.id);
    expect(await pending.innerText()).not.toContain(strangerRecord.fullName);

    // "Thông báo": the expiry notice, then "Đánh dấu đã đọc".
    await page.getByRole("link", { name: "Về trang tài khoản" }).click();
    await page.getByRole("link", { name: "Thông báo 1 chưa đọc" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Thông báo", level: 1 }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText("1 thông báo chưa đọc").isVisible()).toBe(true);
    expect(
      await page.getByText(`Thẻ của bạn đã hết hạn (có giá trị đến ngày ${ddmmyyyy(validUntil)}).`).isVisible(),
    ).toBe(true);
    await page.getByRole("button", { name: "Đánh dấu đã đọc" }).click();
    await expect.poll(() => page.getByText("Không có thông báo chưa đọc").isVisible()).toBe(true);
    await page.getByRole("link", { name: "Về trang tài khoản" }).click();
    await expect.poll(() => page.getByRole("link", { name: "Thông báo", exact: true }).isVisible()).toBe(true);

    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});
