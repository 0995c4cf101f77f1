/**
 * Reach: the oldest browsers and the smallest screens, and the people who use them with assistive technology.
 * - The legacy bundle is ES2015 (`es-check es6`), and Chromium forced onto the nomodule path (module scripts
 *   stripped from index.html, the built-ins Chrome 49 / Safari 10 lack deleted first) completes an activation.
 * - The first screen is in index.html itself and the app takes it over in place (no node replaced); a deep link
 *   replaces it without moving what stays (the footer keeps to the bottom of the screen).
 * - At 320×568, every screen reachable without a special server state (home, each activation step, login,
 *   each registration step with the card screen's manual form, account home, the level-1 intro) scrolls only
 *   down, every control is at least 44 px high, every input has a visible label, axe finds no serious or
 *   critical violation; a screenshot of each is kept in tests/e2e/.artifacts/reach/.
 * - Errors are announced: field errors are tied to their field and focused, server errors are role="alert".
 * - The same at 320×568 for the account features' screens: "Mã QR định danh" (passcode, the QR with its countdown
 *   and the level-2 choice), "Xác thực thông tin" (before and after reading a photo of that QR), "Quản lý thiết
 *   bị", "Hoạt động của tôi", "Quên mã passcode" (each step), "Quên mật khẩu" (each step), "Giấy tờ tích hợp",
 *   "Người phụ thuộc", "Thông báo", and the home and activation start screens in English.
 * Slots 6 and 7 of `people()`; slots 5, 6 and 7 of `extraPeople()`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DemoCitizen } from "../../scripts/demo-registry";
import { ROOT } from "../../scripts/dev-server";
import { birthdayAt } from "../../shared/card-expiry";
import { finishActivation, launch, nomoduleContext, phonePage, qrPng, readOtp, registryRecord } from "./browser";
import { extraPeople, extraRegistry, people } from "./people";

const baseUrl = inject("baseUrl");
const take6 = people(6);
const take7 = people(7);
// The account features' screens (second registry): slots 5, 6 and 7 of `extraPeople`.
const takeX5 = extraPeople(5);
const takeX6 = extraPeople(6);
const takeX7 = extraPeople(7);
const ARTIFACTS = join(ROOT, "tests", "e2e", ".artifacts", "reach");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

// ---------------------------------------------------------------------------------------------------------------
// The flows (as in activation/registration tests)

async function requestActivation(page: Page, c: Pick<DemoCitizen, "id" | "phone">) {
  await page.getByLabel("Số định danh cá nhân").fill(c.id);
  await page.getByLabel("Số điện thoại").fill(c.phone);
  await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
}

async function login(page: Page, id: string, password: string) {
  await page.getByLabel("Số định danh cá nhân").fill(id);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { name, level: 1 });

// ---------------------------------------------------------------------------------------------------------------
// The nomodule path

/** Before any script: what Chrome 49 / Safari 10 lack and the app, zod/mini or workbox-window might use. */
const OLD_BROWSER = `(() => {
  const gone = [
    [Object, ["fromEntries", "entries", "values", "getOwnPropertyDescriptors", "hasOwn", "groupBy"]],
    [String.prototype, ["padStart", "padEnd", "trimStart", "trimEnd", "replaceAll", "at", "matchAll", "isWellFormed"]],
    [Array.prototype, ["flat", "flatMap", "at", "findLast", "findLastIndex", "toSorted", "toReversed", "toSpliced", "with"]],
    [Promise.prototype, ["finally"]],
    [Promise, ["allSettled", "any", "withResolvers"]],
    [globalThis, ["structuredClone", "queueMicrotask", "globalThis"]],
  ];
  for (const [o, keys] of gone) for (const k of keys) { try { delete o[k]; } catch (e) {} }
  window.__oldBrowser = typeof Object.fromEntries === "undefined" && typeof window.globalThis === "undefined";
})();`;

describe("the legacy bundle (Android 7, iOS 12)", () => {
  it("is ES2015: es-check es6 passes on every legacy chunk and the polyfills", () => {
    const legacy = readdirSync(join(ROOT, "pwa", "dist", "assets")).filter((f) => /-legacy-.*\.js$/.test(f));
    expect(legacy.some((f) => f.startsWith("polyfills-legacy"))).toBe(true);
    expect(legacy.some((f) => f.startsWith("index-legacy"))).toBe(true);
    const r = spawnSync(
      join(ROOT, "node_modules", ".bin", "es-check"),
      ["es6", "pwa/dist/assets/*-legacy-*.js", "--noColor"],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it("activates an account in Chromium forced onto the nomodule path, with an old browser's built-ins", async () => {
    const c = take6("approved-new");
    const { context, page, problems, scripts } = await nomoduleContext(browser, baseUrl, OLD_BROWSER);
    await page.goto("/");
    await page.waitForFunction(() => performance.getEntriesByName("vneid-app-ready").length > 0);
    // The polyfills put back what was deleted; SystemJS runs the legacy entry.
    expect(await page.evaluate(() => (window as unknown as { __oldBrowser: boolean }).__oldBrowser)).toBe(true);
    expect(await page.evaluate(() => typeof Object.fromEntries === "function" && typeof globalThis === "object")).toBe(
      true,
    );
    expect(await page.evaluate(() => typeof (window as unknown as { System?: unknown }).System)).toBe("object");

    await page.getByRole("link", { name: "Kích hoạt tài khoản" }).click();
    await requestActivation(page, c);
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => heading(page, "Xác thực OTP").isVisible()).toBe(true);
    await page.getByLabel("Mã OTP").fill(await readOtp(baseUrl, c.phone));
    await page.getByRole("button", { name: "Xác nhận" }).click();
    // The password checklist runs the shared \p{Lu} / \p{Ll} / \p{Nd} rules, compiled to ES5 regexes: a
    // Vietnamese capital (not in A–Z) counts as a capital.
    const password = page.getByLabel("Mật khẩu", { exact: true });
    const met = (rule: string) => page.locator(`[data-rule="${rule}"]`).getAttribute("data-met");
    await password.fill("abc");
    await expect.poll(() => met("lower")).toBe("true");
    expect(await met("upper")).toBe("false");
    await password.fill("ĐỖ đạt 1!");
    await expect.poll(() => met("upper")).toBe("true");
    expect(await met("digit")).toBe("true");
    expect(await met("special")).toBe("true");
    await finishActivation(page, { password: "Kichhoat@2026" });

    await page.goto("/dang-nhap");
    await login(page, c.id, "Kichhoat@2026");
    await expect.poll(() => page.getByText(c.fullName).first().isVisible()).toBe(true);

    // Only the legacy files ran: no module chunk was fetched.
    const js = scripts.filter((s) => s.startsWith("/assets/"));
    expect(js.some((s) => /polyfills-legacy/.test(s))).toBe(true);
    expect(js.filter((s) => !/-legacy-/.test(s))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The first screen in index.html

describe("the first screen is prerendered", () => {
  it("index.html carries the home screen and its buttons, and the app hydrates it without replacing a node", async () => {
    const html = await (await fetch(`${baseUrl}/`)).text();
    const app = /<div id="app"[^>]*>([\s\S]*?)<\/div>\s*<script nomodule/.exec(html)?.[1] ?? "";
    for (const text of ["Kích hoạt tài khoản", "Đăng nhập", "Đăng ký"]) expect(app).toContain(`>${text}</a>`);
    expect(app).toContain("<h1");
    expect(html).toMatch(/<style>[^<]+<\/style>/); // the critical CSS

    const { context, page } = await phonePage(browser, baseUrl);
    await context.addInitScript({
      content: `(() => {
        window.__replaced = [];
        new MutationObserver((records) => {
          for (const r of records) for (const n of r.removedNodes) if (n.nodeType === 1) window.__replaced.push(n.nodeName);
        }).observe(document, { childList: true, subtree: true });
      })();`,
    });
    await page.goto("/");
    await page.waitForFunction(() => performance.getEntriesByName("vneid-app-ready").length > 0);
    expect(await page.evaluate(() => (window as unknown as { __replaced: string[] }).__replaced)).toEqual([]);
    // and it is live: a click navigates without a reload
    await page.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));
    await page.getByRole("link", { name: "Kích hoạt tài khoản" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Gửi yêu cầu" }).isVisible()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __same?: boolean }).__same)).toBe(true);
    await context.close();
  });

  it("a deep link replaces the prerendered home without moving what stays (layout shift under 0.1)", async () => {
    // Lighthouse's phone, and scripts held back a moment so that the prerendered home is painted first.
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 412, height: 823 },
      isMobile: true,
      locale: "vi-VN",
    });
    await context.route("**/assets/*.js", async (route) => {
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    await context.addInitScript({
      content: `(() => {
        window.__shift = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
        }).observe({ type: "layout-shift", buffered: true });
      })();`,
    });
    const page = await context.newPage();
    for (const [path, ready] of [
      ["/kich-hoat", "Gửi yêu cầu"],
      ["/dang-nhap", "Đăng nhập"],
    ] as const) {
      await page.goto(path);
      await page.getByRole("button", { name: ready }).waitFor();
      await page.waitForTimeout(300);
      const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
      expect(shift, path).toBeLessThan(0.1);
    }
    await context.close();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 320×568: every screen

interface Finding {
  screen: string;
  problem: string;
}

/** Layout and labelling problems of the current screen (runs in the page). */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth)
      problems.push(`scrolls sideways (${doc.scrollWidth} > ${window.innerWidth})`);
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
    };
    const describe = (el: Element) => el.outerHTML.slice(0, 90);
    const controls = Array.from(
      document.querySelectorAll<HTMLElement>("button, input, select, textarea, a.btn, label.btn"),
    );
    for (const el of controls) {
      const input = el as HTMLInputElement;
      if (el.tagName === "INPUT" && input.type === "hidden") continue;
      // a radio or checkbox is tapped through its label; a file input lies over its button-like label
      const target =
        el.tagName === "INPUT" && (input.type === "radio" || input.type === "checkbox")
          ? (el.closest("label") ?? el)
          : el;
      if (!visible(target) && !(el.tagName === "INPUT" && input.type === "file")) continue;
      const h = target.getBoundingClientRect().height;
      if (visible(target) && h < 44) problems.push(`shorter than 44 px (${Math.round(h)}): ${describe(el)}`);
      if (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA") {
        if (["submit", "button", "reset", "image"].includes(input.type)) continue;
        const labels = Array.from(input.labels ?? []);
        const labelledBy = (el.getAttribute("aria-labelledby") ?? "")
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => document.getElementById(id))
          .filter((x): x is HTMLElement => !!x);
        const shown = [...labels, ...labelledBy].some((l) => visible(l) && (l.textContent ?? "").trim().length > 0);
        if (!shown) problems.push(`no visible label: ${describe(el)}`);
      }
    }
    return problems;
  });
}

async function auditScreen(page: Page, screen: string, findings: Finding[], n: { i: number }) {
  await page.waitForLoadState("domcontentloaded");
  await page.evaluate(() => document.fonts?.ready);
  for (const problem of await layoutProblems(page)) findings.push({ screen, problem });
  const axe = await new AxeBuilder({ page }).analyze();
  if (axe.passes.length < 10) findings.push({ screen, problem: `axe ran only ${axe.passes.length} rules` });
  if (process.env.REACH_AXE_LOG) {
    for (const v of axe.violations) console.log(`[axe] ${screen}: ${v.impact} ${v.id} (${v.nodes.length})`);
  }
  for (const v of axe.violations) {
    if (v.impact === "serious" || v.impact === "critical") {
      findings.push({
        screen,
        problem: `axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((x) => x.target.join(" ")).join(", ")}`,
      });
    }
  }
  const file = `${String(++n.i).padStart(2, "0")}-${screen.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png`;
  await page.screenshot({ path: join(ARTIFACTS, file), fullPage: true });
}

/** A phone of the smallest size still sold: 320×568. */
async function smallPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await phonePage(browser, baseUrl);
  await page.setViewportSize({ width: 320, height: 568 });
  return { context, page };
}

describe("every screen at 320×568: no sideways scroll, 44 px controls, visible labels, axe", () => {
  it("activation (each step), login and the account home", { timeout: 180_000 }, async () => {
    const c = take7("approved-new");
    const findings: Finding[] = [];
    const n = { i: 0 };
    const { context, page } = await smallPhone();

    await page.goto("/");
    await expect.poll(() => heading(page, "Tài khoản định danh điện tử").isVisible()).toBe(true);
    await auditScreen(page, "home", findings, n);

    await page.getByRole("link", { name: "Kích hoạt tài khoản" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Gửi yêu cầu" }).isVisible()).toBe(true);
    await auditScreen(page, "activation start", findings, n);

    // Field errors: shown with the field, tied to it (aria-describedby), and the first one takes the focus.
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    const id = page.getByLabel("Số định danh cá nhân");
    await expect.poll(() => id.getAttribute("aria-invalid")).toBe("true");
    expect(await id.evaluate((el) => el === document.activeElement)).toBe(true);
    const described = await id.evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(/\s+/)
        .map((x) => document.getElementById(x)?.textContent ?? "")
        .join(" "),
    );
    expect(described).toMatch(/\S/);
    await auditScreen(page, "activation start with errors", findings, n);

    await requestActivation(page, c);
    await expect.poll(() => page.getByRole("button", { name: "Tiếp tục" }).isVisible()).toBe(true);
    await auditScreen(page, "activation device check", findings, n);
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => heading(page, "Xác thực OTP").isVisible()).toBe(true);
    await auditScreen(page, "activation otp", findings, n);

    // A server error is an alert (role="alert": announced at once).
    await page.getByLabel("Mã OTP").fill("000000");
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => page.getByRole("alert").first().isVisible()).toBe(true);
    await auditScreen(page, "activation otp wrong code", findings, n);

    await page.getByLabel("Mã OTP").fill(await readOtp(baseUrl, c.phone));
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => page.getByLabel("Nhập lại mật khẩu").isVisible()).toBe(true);
    await page.getByLabel("Mật khẩu", { exact: true }).fill("abc");
    await auditScreen(page, "activation password", findings, n);
    await page.getByLabel("Mật khẩu", { exact: true }).fill("Kichhoat@2026");
    await page.getByLabel("Nhập lại mật khẩu").fill("Kichhoat@2026");
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => page.getByLabel("Mã passcode", { exact: true }).isVisible()).toBe(true);
    await auditScreen(page, "activation passcode", findings, n);
    await page.getByLabel("Mã passcode", { exact: true }).fill("246802");
    await page.getByLabel("Nhập lại mã passcode").fill("246802");
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => page.getByLabel("Câu hỏi bảo mật 1").isVisible()).toBe(true);
    await auditScreen(page, "activation security questions", findings, n);
    await page.getByLabel("Câu hỏi bảo mật 1").selectOption({ index: 1 });
    await page.getByLabel("Câu hỏi bảo mật 2").selectOption({ index: 3 });
    await page.getByLabel("Câu trả lời 1").fill("Nguyễn Văn Bình");
    await page.getByLabel("Câu trả lời 2").fill("Phở bò");
    await page.getByRole("button", { name: "Hoàn tất" }).click();
    await expect.poll(() => page.getByText("Kích hoạt tài khoản thành công").first().isVisible()).toBe(true);
    await auditScreen(page, "activation done", findings, n);

    await page.goto("/dang-nhap");
    await expect.poll(() => heading(page, "Đăng nhập").isVisible()).toBe(true);
    await auditScreen(page, "login", findings, n);
    await login(page, c.id, "Sai@matkhau9");
    await expect.poll(() => page.getByRole("alert").first().isVisible()).toBe(true);
    await auditScreen(page, "login wrong password", findings, n);
    await login(page, c.id, "Kichhoat@2026");
    await expect.poll(() => page.getByText(c.fullName).first().isVisible()).toBe(true);
    await auditScreen(page, "account home (active)", findings, n);

    await context.close();
    expect(findings).toEqual([]);
  });

  it("registration (each step, the card screen and its manual form), then the account home and the level-1 intro", {
    timeout: 180_000,
  }, async () => {
    const c = take6("no-account");
    const rec = registryRecord(c.id);
    const findings: Finding[] = [];
    const n = { i: 20 };
    const { context, page } = await smallPhone();

    await page.goto("/dang-ky");
    await expect.poll(() => page.getByRole("button", { name: "Đăng ký", exact: true }).isVisible()).toBe(true);
    await auditScreen(page, "registration start", findings, n);
    await page.getByLabel("Số định danh cá nhân").fill(c.id);
    await page.getByLabel("Số điện thoại").fill(c.phone);
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await expect.poll(() => page.getByRole("button", { name: "Quét mã QR" }).isVisible()).toBe(true);
    await auditScreen(page, "registration card screen", findings, n);

    await page.getByRole("button", { name: "Không quét được QR code?" }).click();
    await expect.poll(() => page.getByLabel("Họ và tên").isVisible()).toBe(true);
    await auditScreen(page, "registration manual form", findings, n);
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => page.getByLabel("Họ và tên").getAttribute("aria-invalid")).toBe("true");
    await auditScreen(page, "registration manual form with errors", findings, n);

    // Back to the card screen through a photo of the card's QR: the review screen.
    await page.goto("/dang-ky");
    await page.getByLabel("Số định danh cá nhân").fill(c.id);
    await page.getByLabel("Số điện thoại").fill(c.phone);
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await page
      .getByLabel("Chụp ảnh mã QR")
      .setInputFiles({ name: "qr.png", mimeType: "image/png", buffer: await qrPng(rec.qr) });
    await expect.poll(() => heading(page, "Kiểm tra thông tin trên thẻ").isVisible(), { timeout: 20_000 }).toBe(true);
    await auditScreen(page, "registration card review", findings, n);
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => heading(page, "Xác thực OTP").isVisible()).toBe(true);
    await auditScreen(page, "registration otp", findings, n);
    await page.getByLabel("Mã OTP").fill(await readOtp(baseUrl, c.phone));
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => page.getByLabel("Nhập lại mật khẩu").isVisible()).toBe(true);
    await auditScreen(page, "registration password", findings, n);
    await page.getByLabel("Mật khẩu", { exact: true }).fill("Quet#Ma2026");
    await page.getByLabel("Nhập lại mật khẩu").fill("Quet#Ma2026");
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => heading(page, "Đăng ký tài khoản thành công").isVisible()).toBe(true);
    await auditScreen(page, "registration done", findings, n);

    await page.getByRole("link", { name: "Đăng nhập" }).first().click();
    await login(page, c.id, "Quet#Ma2026");
    await expect.poll(() => page.getByText(c.fullName).first().isVisible()).toBe(true);
    await auditScreen(page, "account home (app account)", findings, n);
    await page.getByRole("link", { name: "Đăng ký tài khoản mức 1" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Bắt đầu" }).isVisible()).toBe(true);
    await auditScreen(page, "level-1 intro", findings, n);
    await page.getByRole("button", { name: "Bắt đầu" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Tôi đã hiểu" }).isVisible()).toBe(true);
    await auditScreen(page, "level-1 guide", findings, n);

    await context.close();
    expect(findings).toEqual([]);
  });

  it("'Mã QR định danh', 'Xác thực thông tin', 'Quản lý thiết bị', 'Hoạt động của tôi' and 'Quên mã passcode'", {
    timeout: 480_000,
  }, async () => {
    const c = takeX5("active"); // level 2: the field choice shows
    expect(c.level).toBe(2);
    const findings: Finding[] = [];
    const n = { i: 40 };
    const { context, page } = await smallPhone();
    // This browser is the device the account is bound to (as identity.e2e logs in).
    await context.addInitScript((id: string) => localStorage.setItem("vneid.deviceId", id), c.deviceId as string);
    await page.goto("/dang-nhap");
    await login(page, c.id, c.password as string);
    await expect.poll(() => page.getByText(c.fullName).first().isVisible()).toBe(true);
    await auditScreen(page, "account home (active, level 2)", findings, n);

    // "Xác thực thông tin" (no login), opened before the QR is shown: the QR lives 60 s, which a busy machine can
    // spend on the screens between; the photo of the QR is checked as soon as it is taken.
    const verifier = await smallPhone();
    await verifier.page.goto("/xac-thuc");
    await expect.poll(() => heading(verifier.page, "Xác thực thông tin").isVisible()).toBe(true);
    await expect.poll(() => verifier.page.getByRole("button", { name: "Quét mã QR" }).isVisible()).toBe(true);
    await auditScreen(verifier.page, "verify", findings, n);

    await page.getByRole("link", { name: "Mã QR định danh" }).click();
    await expect.poll(() => heading(page, "Mã QR định danh").isVisible()).toBe(true);
    await auditScreen(page, "identity qr passcode", findings, n);
    await page.getByLabel("Mã passcode").fill(String((Number(c.passcode) + 1) % 1_000_000).padStart(6, "0"));
    await page.getByRole("button", { name: "Hiển thị mã QR" }).click();
    await expect.poll(() => page.getByRole("alert").first().isVisible()).toBe(true);
    await auditScreen(page, "identity qr wrong passcode", findings, n);
    await page.getByLabel("Mã passcode").fill(c.passcode as string);
    await page.getByRole("button", { name: "Hiển thị mã QR" }).click();
    const qr = page.getByRole("img", { name: "Mã QR định danh của bạn" });
    await expect.poll(() => qr.isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/Mã có hiệu lực trong \d+ giây/).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("group", { name: "Chọn thông tin chia sẻ" }).isVisible()).toBe(true);
    const png = await qr.screenshot();
    await verifier.page
      .locator("#verify-photo")
      .setInputFiles({ name: "ma-qr.png", mimeType: "image/png", buffer: png });
    await expect
      .poll(() => verifier.page.getByRole("heading", { name: "Đã xác thực" }).isVisible(), { timeout: 30_000 })
      .toBe(true);
    await auditScreen(verifier.page, "verify result", findings, n);
    await verifier.page
      .locator("#verify-photo")
      .setInputFiles({ name: "the.txt", mimeType: "text/plain", buffer: Buffer.from("không phải ảnh") });
    await expect.poll(() => verifier.page.getByRole("alert").first().isVisible(), { timeout: 30_000 }).toBe(true);
    await auditScreen(verifier.page, "verify not an image", findings, n);
    await verifier.context.close();
    await auditScreen(page, "identity qr with countdown and field choice", findings, n);
    // Nothing chosen: the choice's own error.
    for (const box of await page.getByRole("group", { name: "Chọn thông tin chia sẻ" }).getByRole("checkbox").all()) {
      if (await box.isChecked()) await box.uncheck();
    }
    await page.getByRole("button", { name: "Cập nhật mã QR" }).click();
    await expect.poll(() => page.getByText("Vui lòng chọn ít nhất một thông tin.").isVisible()).toBe(true);
    await auditScreen(page, "identity qr no field chosen", findings, n);

    await page.goto("/tai-khoan/thiet-bi");
    await expect.poll(() => page.locator("li[data-session]").count()).toBeGreaterThan(0);
    await auditScreen(page, "devices", findings, n);
    await page.getByRole("button", { name: "Đăng xuất các phiên khác" }).click();
    await expect.poll(() => page.getByText("Không có phiên nào khác.").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Hủy liên kết thiết bị" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Xác nhận hủy liên kết" }).isVisible()).toBe(true);
    await auditScreen(page, "devices unlink form", findings, n);

    await page.goto("/tai-khoan/hoat-dong");
    await expect.poll(() => page.locator("li[data-event]").count()).toBeGreaterThan(0);
    await auditScreen(page, "activity", findings, n);

    await page.goto("/tai-khoan/quen-ma-passcode");
    await expect.poll(() => page.getByRole("button", { name: "Gửi mã OTP" }).isVisible()).toBe(true);
    await auditScreen(page, "forgot passcode start", findings, n);
    await page.getByRole("button", { name: "Gửi mã OTP" }).click();
    await expect.poll(() => heading(page, "Xác thực OTP").isVisible()).toBe(true);
    await auditScreen(page, "forgot passcode otp", findings, n);
    await page.getByLabel("Mã OTP").fill(await readOtp(baseUrl, c.phone));
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => page.getByLabel("Nhập lại mã passcode mới").isVisible()).toBe(true);
    await auditScreen(page, "forgot passcode new passcode", findings, n);
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect
      .poll(() => page.getByLabel("Mã passcode mới", { exact: true }).getAttribute("aria-invalid"))
      .toBe("true");
    await auditScreen(page, "forgot passcode new passcode with errors", findings, n);
    await page.getByLabel("Mã passcode mới", { exact: true }).fill("135790");
    await page.getByLabel("Nhập lại mã passcode mới").fill("135790");
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => heading(page, "Đặt lại mã passcode thành công").isVisible()).toBe(true);
    await auditScreen(page, "forgot passcode done", findings, n);
    await context.close();

    expect(findings).toEqual([]);
  });

  it("'Quên mật khẩu' (each step)", { timeout: 180_000 }, async () => {
    const c = takeX6("active");
    const findings: Finding[] = [];
    const n = { i: 60 };
    const { context, page } = await smallPhone();

    await page.goto("/dang-nhap");
    await page.getByRole("link", { name: "Quên mật khẩu", exact: true }).click();
    await expect.poll(() => heading(page, "Quên mật khẩu").isVisible()).toBe(true);
    await auditScreen(page, "forgot password start", findings, n);
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await expect.poll(() => page.getByLabel("Số định danh cá nhân").getAttribute("aria-invalid")).toBe("true");
    await auditScreen(page, "forgot password start with errors", findings, n);
    await page.getByLabel("Số định danh cá nhân").fill(c.id);
    await page.getByLabel("Số điện thoại").fill(c.phone);
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await expect.poll(() => heading(page, "Xác thực OTP").isVisible()).toBe(true);
    await auditScreen(page, "forgot password otp", findings, n);
    await page.getByLabel("Mã OTP").fill(await readOtp(baseUrl, c.phone));
    await page.getByRole("button", { name: "Xác nhận" }).click();

    await expect.poll(() => heading(page, "Câu hỏi bảo mật").isVisible()).toBe(true);
    await auditScreen(page, "forgot password security question", findings, n);
    const questions = (await (await fetch(`${baseUrl}/api/security-questions`)).json()) as {
      questions: Array<{ id: number; text: string }>;
    };
    const shown = (await page.locator(".question-text").innerText()).trim();
    const question = questions.questions.find((q) => q.text === shown);
    const answer = (c.securityAnswers as Record<number, string>)[question?.id as number] as string;
    expect(answer, shown).toBeDefined();
    await page.getByLabel("Câu trả lời").fill("không phải");
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => page.getByRole("alert").first().isVisible()).toBe(true);
    await auditScreen(page, "forgot password wrong answer", findings, n);
    await page.getByLabel("Câu trả lời").fill(answer);
    await page.getByRole("button", { name: "Tiếp tục" }).click();

    await expect.poll(() => page.getByLabel("Nhập lại mật khẩu").isVisible()).toBe(true);
    await page.getByLabel("Mật khẩu", { exact: true }).fill("abc");
    await auditScreen(page, "forgot password new password", findings, n);
    await page.getByLabel("Mật khẩu", { exact: true }).fill("Laymk@2026Moi");
    await page.getByLabel("Nhập lại mật khẩu").fill("Laymk@2026Moi");
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => heading(page, "Đặt lại mật khẩu thành công").isVisible()).toBe(true);
    await auditScreen(page, "forgot password done", findings, n);

    await context.close();
    expect(findings).toEqual([]);
  });

  it("'Giấy tờ tích hợp', 'Người phụ thuộc' and 'Thông báo'", { timeout: 180_000 }, async () => {
    const records = extraRegistry().file.registry ?? [];
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const dobOf = (id: string) => records.find((r) => r.id === id)?.dob ?? today;
    // A level-2 citizen past 40: the card issued at 24 below has expired.
    let c = takeX7("active");
    while (c.level !== 2 || birthdayAt(dobOf(c.id), 40) >= today) c = takeX7("active");
    const child = takeX5("no-account"); // under 14 (slot 5's no-account citizens are children)
    const childRecord = records.find((r) => r.id === child.id);
    expect(childRecord).toBeDefined();
    // An expired card (issued at 24, valid through the 40th birthday): a notice under "Thông báo".
    const record = records.find((r) => r.id === c.id);
    if (!record) throw new Error(`${c.id} is not in the registry`);
    const { qr: _qr, ...withoutQr } = record;
    const imported = await fetch(`${baseUrl}/api/dev/registry/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ registry: [{ ...withoutQr, cardIssued: birthdayAt(record.dob, 24) }] }),
    });
    expect(imported.status).toBe(200);

    const findings: Finding[] = [];
    const n = { i: 80 };
    const { context, page } = await smallPhone();
    await context.addInitScript((id: string) => localStorage.setItem("vneid.deviceId", id), c.deviceId as string);
    await page.goto("/dang-nhap");
    await login(page, c.id, c.password as string);
    await expect
      .poll(() => page.getByRole("heading", { name: "Thẻ Căn cước" }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await auditScreen(page, "account home (expired card, a notice)", findings, n);

    await page.goto("/tai-khoan/giay-to");
    await expect.poll(() => heading(page, "Giấy tờ tích hợp").isVisible()).toBe(true);
    await expect.poll(() => page.locator(".loading").count()).toBe(0);
    await auditScreen(page, "papers", findings, n);

    await page.goto("/tai-khoan/nguoi-phu-thuoc");
    await expect.poll(() => page.getByLabel("Số định danh cá nhân của trẻ").isVisible()).toBe(true);
    await auditScreen(page, "dependants", findings, n);
    await page.getByRole("button", { name: "Thêm người phụ thuộc" }).click();
    await expect.poll(() => page.getByLabel("Số định danh cá nhân của trẻ").getAttribute("aria-invalid")).toBe("true");
    await auditScreen(page, "dependants with errors", findings, n);
    await page.getByLabel("Số định danh cá nhân của trẻ").fill(child.id);
    await page.getByLabel("Ngày sinh của trẻ").fill("01/01/2000");
    await page.getByRole("button", { name: "Thêm người phụ thuộc" }).click();
    await expect.poll(() => page.getByRole("alert").first().isVisible()).toBe(true);
    await auditScreen(page, "dependants not found", findings, n);
    await page.getByLabel("Ngày sinh của trẻ").fill((childRecord?.dob ?? "").split("-").reverse().join("/"));
    await page.getByRole("button", { name: "Thêm người phụ thuộc" }).click();
    await expect.poll(() => page.locator("li.dependant").count()).toBe(1);
    await auditScreen(page, "dependants with a child", findings, n);

    await page.goto("/tai-khoan/thong-bao");
    await expect.poll(() => page.getByRole("button", { name: "Đánh dấu đã đọc" }).isVisible()).toBe(true);
    await auditScreen(page, "notifications", findings, n);
    await page.getByRole("button", { name: "Đánh dấu đã đọc" }).click();
    await expect.poll(() => page.getByText("Không có thông báo chưa đọc").isVisible()).toBe(true);
    await auditScreen(page, "notifications read", findings, n);

    await context.close();
    expect(findings).toEqual([]);
  });

  it("the home screen and the activation start in English", { timeout: 120_000 }, async () => {
    const findings: Finding[] = [];
    const n = { i: 95 };
    const { context, page } = await smallPhone();
    await page.goto("/");
    await expect.poll(() => page.getByRole("button", { name: "English", exact: true }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "English", exact: true }).click();
    await expect.poll(() => heading(page, "Electronic identification account").isVisible()).toBe(true);
    await auditScreen(page, "home (English)", findings, n);
    await page.getByRole("link", { name: "Activate account" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Send request" }).isVisible()).toBe(true);
    await auditScreen(page, "activation start (English)", findings, n);
    await page.getByRole("button", { name: "Send request" }).click();
    await expect
      .poll(() => page.getByLabel("Personal identification number").getAttribute("aria-invalid"))
      .toBe("true");
    await auditScreen(page, "activation start with errors (English)", findings, n);
    await context.close();
    expect(findings).toEqual([]);
  });
});
