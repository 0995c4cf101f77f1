import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { DemoCitizen } from "../../scripts/demo-registry";
import {
  cameraTracks,
  fakeCameraVideo,
  launchWithCamera,
  noisyPhoto,
  phonePage,
  qrPng,
  registryRecord,
  trackCameraStreams,
} from "./browser";
import { people } from "./people";
import { browserSuite } from "./suite";

const baseUrl = inject("baseUrl");
const take = people(1);
const suite = browserSuite();

async function login(page: Page, c: DemoCitizen) {
  await page.goto("/dang-nhap");
  await page.getByLabel("Số định danh cá nhân").fill(c.id);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(c.password as string);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect.poll(() => page.getByText(c.fullName).first().isVisible()).toBe(true);
}

/** Account home → "Đăng ký tài khoản mức 1" → "Bắt đầu" → "Tôi đã hiểu": the card screen. */
async function openLevel1(page: Page) {
  await page.getByRole("link", { name: "Đăng ký tài khoản mức 1" }).click();
  await page.getByRole("button", { name: "Bắt đầu" }).click();
  await page.getByRole("button", { name: "Tôi đã hiểu" }).click();
  await expect.poll(() => page.getByRole("button", { name: "Quét mã QR" }).isVisible()).toBe(true);
  await expect
    .poll(() =>
      page.getByText("Trình duyệt không đọc được chip NFC trên thẻ; vui lòng quét mã QR trên thẻ.").isVisible(),
    )
    .toBe(true);
}

describe("level-1 registration in Chromium at phone size (seed 001, step 5)", () => {
  it("goes from login to 'đang chờ phê duyệt', card and portrait from the camera", async () => {
    const c = take("app");
    const rec = registryRecord(c.id);
    const video = await fakeCameraVideo(await qrPng(rec.qr), suite.dir, "level1");
    const cam = await launchWithCamera(video);
    try {
      const { context, page } = await phonePage(cam, baseUrl);
      await trackCameraStreams(context);
      await login(page, c);
      await expect.poll(() => page.getByText("Chưa định danh điện tử").isVisible()).toBe(true);
      await openLevel1(page);

      await page.getByRole("button", { name: "Quét mã QR" }).click();
      await expect
        .poll(() => page.getByRole("heading", { name: "Kiểm tra thông tin trên thẻ" }).isVisible(), { timeout: 20_000 })
        .toBe(true);
      const facts = await page.locator("dl").innerText();
      expect(facts).toContain(c.id);
      expect(facts).toContain(rec.fullName);
      await expect.poll(async () => (await cameraTracks(page)).live).toBe(0);
      await page.getByRole("button", { name: "Tiếp tục" }).click();

      // The portrait: front camera, oval guide, "Chụp ảnh", "Chụp lại", then the upload.
      await expect.poll(() => page.getByRole("heading", { name: "Chụp ảnh chân dung" }).isVisible()).toBe(true);
      expect(await page.locator(".face-guide").count()).toBe(1);
      expect(await page.getByLabel("Chọn ảnh chân dung").getAttribute("capture")).toBe("user");
      const shoot = page.getByRole("button", { name: "Chụp ảnh", exact: true });
      await expect.poll(() => shoot.isEnabled()).toBe(true);
      await shoot.click();
      await expect.poll(() => page.getByRole("img", { name: "Ảnh chân dung của bạn" }).isVisible()).toBe(true);
      await expect.poll(async () => (await cameraTracks(page)).live).toBe(0);
      await page.getByRole("button", { name: "Chụp lại" }).click();
      await expect.poll(() => shoot.isEnabled()).toBe(true);
      await shoot.click();
      const uploaded = page.waitForResponse((r) => r.url().endsWith("/api/level1/photo"));
      await page.getByRole("button", { name: "Tiếp tục" }).click();
      const res = await uploaded;
      expect(res.status()).toBe(200);
      expect(res.request().headers()["content-type"]).toBe("image/jpeg");
      const photo = (await res.json()) as { bytes: number; width: number; height: number };
      expect(photo.bytes).toBeLessThanOrEqual(153_600);
      expect(Math.max(photo.width, photo.height)).toBeLessThanOrEqual(640);

      // Review, with an optional e-mail that is checked.
      await expect.poll(() => page.getByRole("heading", { name: "Xác nhận thông tin đăng ký" }).isVisible()).toBe(true);
      expect(await page.locator("dl").innerText()).toContain(rec.fullName);
      const email = page.getByLabel("Email (không bắt buộc)");
      await email.fill("khong-phai-email");
      await page.getByRole("button", { name: "Xác nhận thông tin đăng ký" }).click();
      await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
      await email.fill("cong.dan@example.vn");
      await page.getByRole("button", { name: "Xác nhận thông tin đăng ký" }).click();

      await expect.poll(() => page.getByText("Hồ sơ đăng ký mức 1 đang chờ phê duyệt").isVisible()).toBe(true);
      expect(await page.getByText("Kích hoạt tài khoản", { exact: false }).first().isVisible()).toBe(true);
      expect(await page.getByText("Đang chờ phê duyệt", { exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole("link", { name: "Đăng ký tài khoản mức 1" }).count()).toBe(0);
      expect((await cameraTracks(page)).live).toBe(0);
      // The server agrees.
      const me = await page.evaluate(async () => (await fetch("/api/me")).json());
      expect(me).toMatchObject({ level: 1, status: "pending", application: { level: 1 } });
      await context.close();
    } finally {
      await cam.close();
    }
  });

  it("refuses another citizen's card before any request, and takes a portrait from a file", async () => {
    const c = take("app");
    const other = registryRecord(take("app").id);
    const { context, page } = await phonePage(suite.browser, baseUrl);
    const calls: string[] = [];
    page.on("request", (r) => r.url().includes("/api/level1/") && calls.push(r.url()));
    await login(page, c);
    await openLevel1(page);
    await page
      .getByLabel("Chụp ảnh mã QR")
      .setInputFiles({ name: "qr.png", mimeType: "image/png", buffer: await qrPng(other.qr) });
    await expect
      .poll(() => page.getByRole("alert").first().innerText())
      .toContain("Mã QR không khớp với số định danh cá nhân đã nhập");
    expect(calls).toEqual([]);

    await page.getByLabel("Chụp ảnh mã QR").setInputFiles({
      name: "qr.png",
      mimeType: "image/png",
      buffer: await qrPng(registryRecord(c.id).qr),
    });
    await expect.poll(() => page.getByRole("heading", { name: "Kiểm tra thông tin trên thẻ" }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    // No camera on this machine: the page says so and the file input remains.
    await expect.poll(() => page.getByRole("alert").first().innerText()).toContain("camera");
    // A 12-megapixel photo is made a ≤ 640 px, ≤ 150 kB JPEG on the device.
    const big = await noisyPhoto(await qrPng(registryRecord(c.id).qr), suite.dir, "portrait");
    await page.getByLabel("Chọn ảnh chân dung").setInputFiles(big);
    await expect.poll(() => page.getByRole("img", { name: "Ảnh chân dung của bạn" }).isVisible()).toBe(true);
    const uploaded = page.waitForResponse((r) => r.url().endsWith("/api/level1/photo"));
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    const photo = (await (await uploaded).json()) as { bytes: number; width: number; height: number };
    expect(photo.bytes).toBeLessThanOrEqual(153_600);
    expect(Math.max(photo.width, photo.height)).toBeLessThanOrEqual(640);
    await page.getByRole("button", { name: "Xác nhận thông tin đăng ký" }).click();
    await expect.poll(() => page.getByText("Hồ sơ đăng ký mức 1 đang chờ phê duyệt").isVisible()).toBe(true);
    await context.close();
  });
});
