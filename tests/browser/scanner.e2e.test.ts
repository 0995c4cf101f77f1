/**
 * The card scanner (pwa/src/scanner) through the app's own screen: every QR of tests/fixtures/citizens.json read
 * from a rendered still through "Chụp ảnh mã QR" (the module's `decodeImage`), codes that are not a card's, and
 * the camera refused or missing. Nothing here reaches the server past loading the page: the typed ID matches none
 * of the fixture's cards, so each decoded card is answered with "Mã QR không khớp…" and the ID read from it.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { RegistryFileT } from "../../shared/registry-file";
import { fakeCameraVideo, launch, launchWithCamera, openCardScanner, phonePage, qrPng } from "./browser";
import { browserSuite } from "./suite";

const baseUrl = inject("baseUrl");
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/citizens.json", import.meta.url), "utf8"),
) as RegistryFileT;
const records = (fixture.registry ?? []).map((r) => ({ id: r.id, qr: r.qr ?? "" }));
/** Typed on the first screen; no fixture card carries it. */
const TYPED = { id: "001099000001", phone: "0912345678" };
const NOT_CCCD = "Đây không phải mã QR trên thẻ Căn cước công dân. Vui lòng quét mã QR in trên thẻ.";
const suite = browserSuite();

const openScanner = (page: Page) => openCardScanner(page, TYPED);

const alertText = (page: Page) =>
  page
    .getByRole("alert")
    .first()
    .innerText()
    .catch(() => "");

describe("the card scanner", () => {
  it("reads the QR of every card of the fixture file from a rendered still ('Chụp ảnh mã QR')", {
    timeout: 300_000,
  }, async () => {
    expect(records.length).toBe(120);
    expect(records.some((r) => r.id === TYPED.id)).toBe(false);
    const { context, page } = await phonePage(suite.browser, baseUrl);
    await openScanner(page);
    const input = photoInput(page);
    expect(await input.getAttribute("type")).toBe("file");
    expect(await input.getAttribute("accept")).toBe("image/*");
    expect(await input.getAttribute("capture")).toBe("environment");
    const misread: string[] = [];
    for (const r of records) {
      await expect.poll(() => input.isEnabled()).toBe(true);
      await input.setInputFiles({ name: `${r.id}.png`, mimeType: "image/png", buffer: await qrPng(r.qr) });
      // The decoded payload is parsed (`parseCccdQr`) and its ID is shown against the typed one.
      const expected = `Số định danh cá nhân trên thẻ: ${r.id}`;
      await expect.poll(() => alertText(page), { timeout: 20_000 }).toContain(expected);
      const text = await alertText(page);
      if (!text.includes("Mã QR không khớp với số định danh cá nhân đã nhập")) misread.push(`${r.id}: ${text}`);
    }
    expect(misread).toEqual([]);
    await context.close();
  });

  it("says a code that is not a card's (URL, VietQR, text) is not a CCCD QR", async () => {
    const { context, page } = await phonePage(suite.browser, baseUrl);
    const calls: string[] = [];
    page.on("request", (r) => r.url().includes("/api/") && calls.push(r.url()));
    await openScanner(page);
    const payloads = [
      "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
      "00020101021238570010A000000727012700069704220113VQRQ00000000102080QRIBFTTA53037045802VN62150811Thanh toan6304ABCD",
      "Xin chào, đây là một đoạn văn bản bất kỳ.",
    ];
    for (const payload of payloads) {
      await expect.poll(() => photoInput(page).isEnabled()).toBe(true);
      await photoInput(page).setInputFiles({ name: "qr.png", mimeType: "image/png", buffer: await qrPng(payload) });
      await expect.poll(() => alertText(page)).toContain(NOT_CCCD);
    }
    expect(calls).toEqual([]);
    await context.close();
  });

  it("keeps the live camera scanning past a code that is not a card's, and stops it on 'Dừng quét'", async () => {
    const video = await fakeCameraVideo(await qrPng("https://example.vn/thanh-toan?ma=123"), suite.dir, "url");
    const cam = await launchWithCamera(video);
    try {
      const { page } = await phonePage(cam, baseUrl);
      await openScanner(page);
      await page.getByRole("button", { name: "Quét mã QR" }).click();
      await expect.poll(() => alertText(page), { timeout: 20_000 }).toContain(NOT_CCCD);
      expect(await page.getByLabel("Hình ảnh từ camera").isVisible()).toBe(true);
      expect(await page.getByRole("button", { name: "Chụp ảnh mã QR" }).count()).toBe(1);
      await page.getByRole("button", { name: "Dừng quét" }).click();
      await expect.poll(() => page.locator("video").count()).toBe(0);
    } finally {
      await cam.close();
    }
  });

  it("explains a refused camera and a missing one, and still offers the photo", async () => {
    // A camera exists but the permission prompt is refused (no fake-UI flag: Playwright dismisses it).
    const refusing = await launch(["--use-fake-device-for-media-stream"]);
    try {
      const { page } = await phonePage(refusing, baseUrl);
      await openScanner(page);
      await page.getByRole("button", { name: "Quét mã QR" }).click();
      await expect.poll(() => alertText(page)).toContain("Bạn chưa cho phép sử dụng camera");
      expect(await page.getByRole("button", { name: "Chụp ảnh mã QR" }).isEnabled()).toBe(true);
    } finally {
      await refusing.close();
    }
    // This machine has no camera at all.
    const { context, page } = await phonePage(suite.browser, baseUrl);
    await openScanner(page);
    await page.getByRole("button", { name: "Quét mã QR" }).click();
    await expect.poll(() => alertText(page)).toContain("Không tìm thấy camera");
    expect(await page.getByRole("button", { name: "Chụp ảnh mã QR" }).isEnabled()).toBe(true);
    await context.close();
  });
});

function photoInput(page: Page) {
  return page.getByLabel("Chụp ảnh mã QR");
}
