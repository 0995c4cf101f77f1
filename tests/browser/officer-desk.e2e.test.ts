/**
 * What officers stumble on (issue 19, items 8–11), in Chromium at a desk's 1280 × 800 against the real worker:
 * "Nhật ký" in words, never codes, in Vietnamese and English; "Báo cáo" with its date boxes filled, the trend by day
 * in charts whose text is smaller than the headings, and the table by unit; the queue, the file and the reports using
 * the width, without the citizens' footer; people's and units' names, and "Đồng ý" / "Hủy" before a decision (taken
 * by one officer, decided by a second officer of the same unit). Then the screenshot set of issue 19: every screen at
 * 320 × 568, 360 × 740 and 1280 × 800, in tests/e2e/.artifacts/screens/<screen>-<width>x<height>.png. Slot 4 of
 * `people()`, after the citizens tests/browser/officer.e2e.test.ts takes.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ROOT } from "../../scripts/dev-server";
import { AUDIT_EVENTS } from "../../shared/audit-events";
import { type OfficerCredentials, addOfficer, importUnits, launch, layoutProblems, registryRecord } from "./browser";
import { people } from "./people";

const baseUrl = inject("baseUrl");
const take = people(4);
const UNIT = "CAP-TAMTHANH";
const UNIT_NAME = "Công an phường Tam Thanh";
const PASSWORD = "BanLam#Viec2026";
const DESK = { width: 1280, height: 800 };
const SIZES = [{ width: 320, height: 568 }, { width: 360, height: 740 }, DESK];
/** Navigation waits for the document only (the screen is waited for by what it shows): the machine may be busy. */
const GOTO = { waitUntil: "domcontentloaded", timeout: 60_000 } as const;
const SCREENS = join(ROOT, "tests", "e2e", ".artifacts", "screens");
/** A raw code of the log: an event (`otp.sent`), an error code (`OTP_INVALID`), a state (`0/app`), a boolean. */
const RAW = /\b(?:[a-z0-9]+\.[a-z0-9]+(?:\.[a-z]+)*|[A-Z]+_[A-Z_]+|\d\/(?:app|pending|approved|active)|true|false)\b/;

let browser: Browser;
const officers: Record<"taker" | "decider" | "admin", OfficerCredentials & { name: string; changed: boolean }> =
  {} as never;
/** The file taken by one officer and decided by the other. */
const file = { id: 0, reference: "" };

beforeAll(async () => {
  browser = await launch();
  mkdirSync(SCREENS, { recursive: true });
  await importUnits(baseUrl);
  const who = [
    ["taker", UNIT, "officer", "Đinh Thị Tiếp"],
    ["decider", UNIT, "officer", "Mã Văn Duyệt"],
    ["admin", "CAT-LANGSON", "province_admin", "Hà Thị Tỉnh"],
  ] as const;
  const made = await Promise.all(who.map(([, unit, role, name]) => addOfficer(baseUrl, unit, role, name)));
  who.forEach(([k, , , name], i) => (officers[k] = { ...made[i]!, name, changed: false }));
});
afterAll(async () => {
  await browser?.close();
});

const poll = <T>(fn: () => T | Promise<T>, opts: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 20_000, ...opts });
const heading = (page: Page, name: string) => page.getByRole("heading", { name, exact: true });

async function deskPage(size = DESK): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: size, locale: "vi-VN", timezoneId: "UTC" });
  return { context, page: await context.newPage() };
}

/** "Đăng nhập cán bộ", with the first login's password change; ends on the console's menu. */
async function officerLogin(page: Page, who: keyof typeof officers) {
  const o = officers[who];
  await page.goto("/can-bo", GOTO);
  await poll(() => heading(page, "Đăng nhập cán bộ").isVisible()).toBe(true);
  await page.getByLabel("Tên đăng nhập").fill(o.username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(o.changed ? PASSWORD : o.password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  if (!o.changed) {
    await poll(() => page.getByLabel("Mật khẩu mới", { exact: true }).isVisible()).toBe(true);
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Nhập lại mật khẩu mới").fill(PASSWORD);
    await page.getByRole("button", { name: "Lưu mật khẩu" }).click();
    o.changed = true;
  }
  await poll(() => heading(page, "Trang cán bộ").isVisible()).toBe(true);
}

/** The width of the first element matching `selector`, in CSS pixels. */
const widthOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => el.getBoundingClientRect().width);

describe("the officer console at a desk (issue 19, items 8–11)", () => {
  it("one officer takes a file, a second of the unit decides it after 'Đồng ý'; names, never user names or unit codes", async () => {
    // The taker: a level-2 file by the API the intake screen uses (a portrait drawn by the browser).
    for (let i = 0; i < 3; i++) take("no-account"); // those of officer.e2e.test.ts
    const c = take("no-account");
    const rec = registryRecord(c.id);
    const { context: tc, page: tp } = await deskPage();
    await officerLogin(tp, "taker");
    const made = await tp.evaluate(
      async ({ rec, phone }) => {
        const canvas = document.createElement("canvas");
        canvas.width = 480;
        canvas.height = 640;
        const g = canvas.getContext("2d") as CanvasRenderingContext2D;
        g.fillStyle = "#c9d3de";
        g.fillRect(0, 0, 480, 640);
        g.fillStyle = "#8a6f5a";
        g.beginPath();
        g.ellipse(240, 260, 110, 140, 0, 0, Math.PI * 2);
        g.fill();
        const blob = await new Promise<Blob>((done) => canvas.toBlob((b) => done(b as Blob), "image/jpeg", 0.8));
        const photo = (await (
          await fetch("/api/officer/photo", { method: "POST", headers: { "content-type": "image/jpeg" }, body: blob })
        ).json()) as {
          photoId: string;
        };
        const card = {
          id: rec.id,
          oldId: rec.oldId ?? "",
          fullName: rec.fullName,
          dob: rec.dob,
          gender: rec.gender,
          address: rec.address,
          issued: rec.cardIssued,
        };
        const res = await fetch("/api/officer/intake", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ card, phone, photoId: photo.photoId, consent: true }),
        });
        return { status: res.status, body: (await res.json()) as { reference: string } };
      },
      { rec, phone: c.phone },
    );
    expect(made.status).toBe(200);
    file.reference = made.body.reference;
    await tc.close();

    // The second officer of the unit: the queue is a table using the desk's width, with names.
    const { context, page } = await deskPage();
    await officerLogin(page, "decider");
    expect(await page.locator("footer.foot").count()).toBe(0);
    await page.getByRole("link", { name: "Hồ sơ chờ duyệt" }).click();
    await poll(() => heading(page, "Hồ sơ chờ duyệt").isVisible()).toBe(true);
    const link = page.getByRole("link", { name: new RegExp(file.reference) });
    await poll(() => link.count()).toBe(1);
    expect(await widthOf(page, "table.queue-table")).toBeGreaterThanOrEqual(900);
    const headers = await page.locator("table.queue-table thead th").allInnerTexts();
    expect(headers).toEqual(["Mã hồ sơ", "Công dân", "Mức", "Hình thức", "Đơn vị", "Ngày tiếp nhận", "Trạng thái"]);
    const row = page.locator("table.queue-table tbody tr", { has: link });
    const rowText = await row.innerText();
    expect(rowText).toContain(rec.fullName);
    expect(rowText).toContain(UNIT_NAME);
    expect(await page.locator("main").innerText()).not.toContain(UNIT);
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENS, "officer-queue-pending-1280x800.png"), fullPage: true });

    // The file: who took it and who opened it, by name; "Phê duyệt" asks first, and "Hủy" sends nothing.
    await link.click();
    await poll(() => heading(page, `Hồ sơ ${file.reference}`).isVisible()).toBe(true);
    file.id = Number(/\/can-bo\/ho-so\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1]);
    const facts = () => page.locator("main").innerText();
    await poll(facts).toContain(officers.taker.name);
    expect(await facts()).toContain(officers.decider.name);
    expect(await facts()).toContain(UNIT_NAME);
    for (const raw of [officers.taker.username, officers.decider.username, UNIT])
      expect(await facts()).not.toContain(raw);
    expect(await widthOf(page, "main")).toBeGreaterThanOrEqual(900);
    const decisions: string[] = [];
    page.on("request", (r) => /\/(approve|reject)$/.test(r.url()) && decisions.push(r.url()));
    await page.getByRole("button", { name: "Phê duyệt" }).click();
    const dialog = page.getByRole("alertdialog");
    await poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.innerText()).toContain(`Phê duyệt hồ sơ ${file.reference} của ${rec.fullName}?`);
    expect(await dialog.getByRole("button").allInnerTexts()).toEqual(["Đồng ý", "Hủy"]);
    await dialog.getByRole("button", { name: "Hủy", exact: true }).click();
    await poll(() => dialog.count()).toBe(0);
    expect(decisions).toEqual([]);
    await page.getByRole("button", { name: "Phê duyệt" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Đồng ý", exact: true }).click();
    await poll(() => page.getByText("Đã phê duyệt hồ sơ.").isVisible()).toBe(true);
    expect(decisions).toHaveLength(1);
    await poll(() => page.getByRole("button", { name: "Phê duyệt" }).count()).toBe(0);
    const decided = await page.locator("dl").allInnerTexts();
    expect(decided.join("\n")).toMatch(new RegExp(`Cán bộ tiếp nhận\\s+${officers.taker.name}`));
    expect(decided.join("\n")).toMatch(new RegExp(`Cán bộ xử lý\\s+${officers.decider.name}`));
    await page.screenshot({ path: join(SCREENS, "officer-file-decided-1280x800.png"), fullPage: true });
    await context.close();
  });

  it("'Báo cáo' fills its date boxes with the range shown; charts say the trend by day, in text smaller than headings; the table says units", async () => {
    const { context, page } = await deskPage();
    await officerLogin(page, "admin");
    await page.getByRole("link", { name: "Báo cáo" }).click();
    await poll(() => page.locator("svg.chart").count()).toBe(3);
    const range = (await page.locator(".report-range").innerText()).trim();
    const from = await page.getByLabel("Từ ngày").inputValue();
    const to = await page.getByLabel("Đến ngày").inputValue();
    expect(from).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(to).toMatch(/^\d{4}-\d\d-\d\d$/);
    const dmy = (d: string) => d.split("-").reverse().join("/");
    expect(range).toContain(dmy(from));
    expect(range).toContain(dmy(to));
    // The charts: each "… theo ngày"; their text no larger than the page's, smaller than the headings.
    const charts = await page.getByRole("img", { name: /^Biểu đồ: .+ theo ngày$/ }).count();
    expect(charts).toBe(3);
    const sizes = await page.evaluate(() => {
      const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : NaN);
      const texts = Array.from(document.querySelectorAll("svg.chart text")).map(
        (t) => t.getBoundingClientRect().height,
      );
      return {
        label: px(document.querySelector("svg.chart text")),
        h2: px(document.querySelector("main h2")),
        tallest: Math.max(0, ...texts),
      };
    });
    expect(sizes.label).toBeLessThan(sizes.h2);
    expect(sizes.tallest).toBeLessThan(sizes.h2 * 1.3);
    // The table: one row per unit, a unit's name first; activations counted under the unit of the approved file.
    const unitTable = page
      .locator("section", { has: page.getByRole("heading", { name: "Theo đơn vị" }) })
      .locator("table");
    expect(await unitTable.locator("thead th").allInnerTexts()).toEqual([
      "Đơn vị",
      "Hồ sơ",
      "Phê duyệt",
      "Từ chối",
      "Kích hoạt",
    ]);
    const tam = unitTable.locator("tbody tr", { hasText: UNIT_NAME });
    expect(Number((await tam.locator("td").nth(1).innerText()).trim())).toBeGreaterThanOrEqual(1);
    expect(await widthOf(page, "main")).toBeGreaterThanOrEqual(900);
    expect(await page.locator("footer.foot").count()).toBe(0);
    expect(await layoutProblems(page)).toEqual([]);

    // Another range: the boxes keep it, and the report covers it.
    await page.getByLabel("Từ ngày").fill("2026-01-01");
    await page.getByLabel("Đến ngày").fill("2026-01-07");
    await page.getByRole("button", { name: "Xem báo cáo" }).click();
    await poll(() => page.locator(".report-range").innerText()).toContain("01/01/2026");
    expect(await page.getByLabel("Từ ngày").inputValue()).toBe("2026-01-01");
    await context.close();
  });

  it("'Nhật ký' shows labels, never codes, in Vietnamese and English; the filter lists every event", async () => {
    const { context, page } = await deskPage();
    await officerLogin(page, "admin");
    await page.getByRole("link", { name: "Nhật ký" }).click();
    await poll(() => heading(page, "Nhật ký").isVisible()).toBe(true);
    await poll(() => page.locator("tr[data-event]").count()).toBeGreaterThan(5);
    const options = await page.getByLabel("Sự kiện").locator("option").allInnerTexts();
    expect(options).toHaveLength(AUDIT_EVENTS.length + 1);
    for (const o of options) expect(o).not.toMatch(RAW);
    expect(await widthOf(page, "table.audit-table")).toBeGreaterThanOrEqual(900);
    const words = async () =>
      page.locator("table.audit-table tbody").evaluate((t) => {
        // The officer's user name is shown beside the name on purpose (the filter takes it): leave it out.
        const copy = t.cloneNode(true) as HTMLElement;
        copy.querySelectorAll(".muted").forEach((m) => m.remove());
        return copy.innerText;
      });
    const vi = await words();
    expect(vi).toContain("Phê duyệt hồ sơ");
    expect(vi).toContain(officers.decider.name);
    expect(vi).not.toMatch(RAW);
    for (const e of AUDIT_EVENTS) expect(vi).not.toContain(e);
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENS, "officer-audit-vi-1280x800.png"), fullPage: true });

    await page.getByRole("button", { name: "English" }).click();
    await poll(() => heading(page, "Audit log").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Show log" }).click();
    await poll(() => page.locator("tr[data-event]").count()).toBeGreaterThan(5);
    const en = await words();
    expect(en).toContain("Application approved");
    expect(en).not.toMatch(RAW);
    for (const o of await page.getByLabel("Event").locator("option").allInnerTexts()) expect(o).not.toMatch(RAW);
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await poll(() => heading(page, "Nhật ký").isVisible()).toBe(true);
    await context.close();
  });
});

/** Every screen, by its name in the file names, its path, and who is signed in. */
const EVERY_SCREEN: Array<{
  name: string;
  path: string;
  as: "nobody" | "citizen" | "officer" | "admin";
  heading?: string;
}> = [
  { name: "home", path: "/", as: "nobody" },
  { name: "activate", path: "/kich-hoat", as: "nobody" },
  { name: "login", path: "/dang-nhap", as: "nobody" },
  { name: "register", path: "/dang-ky", as: "nobody" },
  { name: "track", path: "/tra-cuu", as: "nobody" },
  { name: "booking", path: "/dat-lich", as: "nobody" },
  { name: "verify", path: "/xac-thuc", as: "nobody" },
  { name: "forgot-password", path: "/quen-mat-khau", as: "nobody" },
  { name: "officer-login", path: "/can-bo", as: "nobody" },
  { name: "event", path: "/can-bo/su-kien", as: "nobody" },
  { name: "account", path: "/tai-khoan", as: "citizen" },
  { name: "identity-qr", path: "/tai-khoan/ma-qr", as: "citizen" },
  { name: "papers", path: "/tai-khoan/giay-to", as: "citizen" },
  { name: "dependants", path: "/tai-khoan/nguoi-phu-thuoc", as: "citizen" },
  { name: "notifications", path: "/tai-khoan/thong-bao", as: "citizen" },
  { name: "devices", path: "/tai-khoan/thiet-bi", as: "citizen" },
  { name: "activity", path: "/tai-khoan/hoat-dong", as: "citizen" },
  { name: "forgot-passcode", path: "/tai-khoan/quen-ma-passcode", as: "citizen" },
  { name: "level1", path: "/tai-khoan/dang-ky-muc-1", as: "citizen" },
  { name: "officer-menu", path: "/can-bo", as: "officer" },
  { name: "officer-intake", path: "/can-bo/tiep-nhan", as: "officer" },
  { name: "officer-queue", path: "/can-bo/ho-so", as: "officer" },
  { name: "officer-file", path: "/can-bo/ho-so/{file}", as: "officer" },
  { name: "officer-appointments", path: "/can-bo/lich-hen", as: "officer" },
  { name: "officer-reports", path: "/can-bo/bao-cao", as: "admin" },
  { name: "officer-audit", path: "/can-bo/nhat-ky", as: "admin" },
];

describe("the screenshot set (issue 19)", () => {
  const citizen = take("active");
  for (const size of SIZES) {
    it(`every screen at ${size.width} × ${size.height}`, async () => {
      expect(file.id).toBeGreaterThan(0);
      const pages: Partial<Record<(typeof EVERY_SCREEN)[number]["as"], { context: BrowserContext; page: Page }>> = {};
      const pageAs = async (as: (typeof EVERY_SCREEN)[number]["as"]) => {
        const open = pages[as];
        if (open) return open.page;
        const made = await deskPage(size);
        pages[as] = made;
        if (as === "citizen") {
          await made.page.goto("/dang-nhap", GOTO);
          await made.page.getByLabel("Số định danh cá nhân").fill(citizen.id);
          await made.page.getByLabel("Mật khẩu", { exact: true }).fill(citizen.password as string);
          await made.page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
          await poll(() => made.page.getByText(citizen.fullName).first().isVisible()).toBe(true);
        } else if (as === "officer") await officerLogin(made.page, "decider");
        else if (as === "admin") await officerLogin(made.page, "admin");
        return made.page;
      };
      try {
        for (const screen of EVERY_SCREEN) {
          const page = await pageAs(screen.as);
          await page.goto(screen.path.replace("{file}", String(file.id)), GOTO);
          await poll(() => page.locator("main h1").first().isVisible()).toBe(true);
          await poll(() => page.locator("main .loading").count()).toBe(0);
          // What the screen reads (a report, a list) has arrived.
          await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => undefined);
          await poll(() => page.locator('main [aria-busy="true"]').count()).toBe(0);
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({
            path: join(SCREENS, `${screen.name}-${size.width}x${size.height}.png`),
            fullPage: true,
          });
          // Nothing scrolls sideways, at any size.
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
            screen.name,
          ).toBe(true);
          // The console's screens carry no citizens' footer.
          if (screen.path.startsWith("/can-bo")) expect(await page.locator("footer.foot").count(), screen.name).toBe(0);
        }
      } finally {
        for (const p of Object.values(pages)) await p?.context.close();
      }
    }, 300_000);
  }
});
