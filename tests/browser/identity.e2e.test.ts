import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { DemoCitizen } from "../../scripts/demo-registry";
import { fakeCameraVideo, launchWithCamera, phonePage } from "./browser";
import { extraPeople } from "./people";
import { browserSuite } from "./suite";

const baseUrl = inject("baseUrl");
const take = extraPeople(1);
const suite = browserSuite("vneid-identity-");

/** An active citizen of the wanted level if the slot has one, else any active one. */
function activeCitizen(level?: 1 | 2): DemoCitizen {
  const seen: DemoCitizen[] = [];
  for (let i = 0; i < 5; i++) {
    let c: DemoCitizen;
    try {
      c = take("active");
    } catch {
      break;
    }
    if (level === undefined || c.level === level) return c;
    seen.push(c);
  }
  const fallback = seen[0];
  if (!fallback) throw new Error("no active citizens left in slot 1");
  return fallback;
}

/** Logs in on the citizen's bound device (its device id in localStorage, as the PWA keeps it). */
async function login(page: Page, c: DemoCitizen) {
  await page.addInitScript((id) => localStorage.setItem("vneid.deviceId", id), c.deviceId as string);
  await page.goto("/dang-nhap");
  await page.getByLabel("Số định danh cá nhân").fill(c.id);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(c.password as string);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect.poll(() => page.getByText(c.fullName).first().isVisible()).toBe(true);
}

const wrong = (p: string) => String((Number(p) + 1) % 1_000_000).padStart(6, "0");

/** Account home → "Mã QR định danh" → passcode; returns the server's issue time (unix seconds) of the first QR. */
async function openQr(page: Page, c: DemoCitizen): Promise<number> {
  await page.getByRole("link", { name: "Mã QR định danh" }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Mã QR định danh" }).isVisible()).toBe(true);
  await page.getByLabel("Mã passcode").fill(wrong(c.passcode as string));
  await page.getByRole("button", { name: "Hiển thị mã QR" }).click();
  await expect.poll(() => page.getByText("Mã passcode không đúng. Bạn còn 4 lần thử.").isVisible()).toBe(true);
  await page.getByLabel("Mã passcode").fill(c.passcode as string);
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/identity/qr") && r.status() === 200);
  await page.getByRole("button", { name: "Hiển thị mã QR" }).click();
  const body = (await (await answer).json()) as { issuedAt: string };
  await expect.poll(() => page.getByRole("img", { name: "Mã QR định danh của bạn" }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText(/Mã có hiệu lực trong \d+ giây/).isVisible()).toBe(true);
  return Date.parse(body.issuedAt) / 1000;
}

describe("identity QR and the verifier (seed 001, Phụ lục 1)", () => {
  it("the verifier reads citizen A's QR from its camera: 'Đã xác thực'; 61 s later on its clock, offline keys: expired", async () => {
    const c = activeCitizen();
    const { context, page } = await phonePage(suite.browser, baseUrl);
    await page.setViewportSize({ width: 320, height: 640 });
    await login(page, c);
    const iat = await openQr(page, c);
    const qr = page.getByRole("img", { name: "Mã QR định danh của bạn" });
    // Large enough on a 320 px screen: at least 250 CSS px wide.
    expect((await qr.boundingBox())?.width).toBeGreaterThanOrEqual(250);
    const facts = await page.locator("dl.facts").innerText();
    expect(facts).toContain(c.id);
    expect(facts).toContain(c.fullName);
    const png = await qr.screenshot();
    await context.close();

    const cam = await launchWithCamera(await fakeCameraVideo(png, suite.dir, "identity"));
    try {
      const { page: verifier } = await phonePage(cam, baseUrl);
      // The verifier's own clock (offline verification reads Date.now()), set a few seconds after the issue.
      await verifier.clock.setFixedTime(new Date((iat + 5) * 1000));
      await verifier.goto("/");
      await verifier.getByRole("link", { name: "Xác thực thông tin" }).click();
      await expect.poll(() => verifier.getByRole("heading", { name: "Xác thực thông tin" }).isVisible()).toBe(true);
      await verifier.getByRole("button", { name: "Quét mã QR" }).click();
      await expect
        .poll(() => verifier.getByRole("heading", { name: "Đã xác thực" }).isVisible(), { timeout: 30_000 })
        .toBe(true);
      const shown = await verifier.locator(".verify-ok").innerText();
      expect(shown).toContain(c.fullName);
      expect(shown).toContain(c.id);

      // A photo of the code ("Chọn ảnh mã QR") verifies the same way (on a fresh page, so no earlier result shows).
      await verifier.reload();
      await expect.poll(() => verifier.getByRole("button", { name: "Quét mã QR" }).isVisible()).toBe(true);
      expect(await verifier.getByRole("heading", { name: "Đã xác thực" }).count()).toBe(0);
      await verifier.locator("#verify-photo").setInputFiles({ name: "ma-qr.png", mimeType: "image/png", buffer: png });
      await expect
        .poll(() => verifier.getByRole("heading", { name: "Đã xác thực" }).isVisible(), { timeout: 30_000 })
        .toBe(true);
      expect(await verifier.locator(".verify-ok").innerText()).toContain(c.id);

      // Offline: the key set cannot be fetched any more; the saved keys verify, and the code is now 61 s old.
      await verifier.route("**/.well-known/jwks.json", (route) => route.abort());
      await verifier.reload();
      await verifier.clock.setFixedTime(new Date((iat + 61) * 1000));
      await expect.poll(() => verifier.getByText("Đang dùng khóa đã lưu (không có mạng).").isVisible()).toBe(true);
      await verifier.getByRole("button", { name: "Quét mã QR" }).click();
      await expect.poll(() => verifier.getByText("Mã QR đã hết hạn").isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await verifier.getByRole("heading", { name: "Đã xác thực" }).count()).toBe(0);
      expect(await verifier.getByRole("alert").filter({ hasText: "Không xác thực được" }).count()).toBe(1);
    } finally {
      await cam.close();
    }
  });

  it("a level-2 account chooses the fields to share", async () => {
    const c = activeCitizen(2);
    if (c.level !== 2) return; // no level-2 account left in this slot: the worker tests cover the choice
    const { context, page } = await phonePage(suite.browser, baseUrl);
    try {
      await login(page, c);
      await openQr(page, c);
      await expect.poll(() => page.getByRole("group", { name: "Chọn thông tin chia sẻ" }).isVisible()).toBe(true);
      await page.getByRole("checkbox", { name: "Ngày sinh" }).uncheck();
      await page.getByRole("checkbox", { name: "Nơi thường trú" }).check();
      await page.getByRole("button", { name: "Cập nhật mã QR" }).click();
      await expect.poll(() => page.locator("dl.facts").innerText()).toContain("Nơi thường trú");
      expect(await page.locator("dl.facts").innerText()).not.toContain("Ngày sinh");
    } finally {
      await context.close();
    }
  });
});
