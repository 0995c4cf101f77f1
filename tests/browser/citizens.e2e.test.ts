/**
 * What citizens stumble on (issue 19, items 1–7), walked on the real screens at 360 px: the honest device notice after
 * a first activation, the next step after each answer of "Gửi yêu cầu" and after an expired OTP, a name typed without
 * accents, "Hiện" / "Ẩn" on passwords and the ID filled in at "Đăng nhập", device names, Vietnam time on a UTC
 * computer, and the small things (address box, "Chọn giới tính", the chosen question, the badge, the back links,
 * "Có giá trị đến" without layout shift). Slot 0 of `extraPeople()`.
 */
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DemoCitizen } from "../../scripts/demo-registry";
import { PHONE, advanceClock, finishActivation, launch, readOtp } from "./browser";
import { extraPeople, extraRegistry } from "./people";

const baseUrl = inject("baseUrl");
const take = extraPeople(0);
const records = extraRegistry().file.registry ?? [];
const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
const SCREENS = "tests/e2e/.artifacts/screens";
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  mkdirSync(SCREENS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** A 360×640 phone page whose browser says it is Chrome on Android, on a computer clock in `timezoneId`. */
async function phone(timezoneId = "Asia/Ho_Chi_Minh") {
  const context = await browser.newContext({ ...PHONE, baseURL: baseUrl, userAgent: ANDROID_CHROME, timezoneId });
  // A page load has no deadline of its own on a busy machine: the test's own timeout bounds it.
  context.setDefaultNavigationTimeout(0);
  return { context, page: await context.newPage() };
}

async function requestActivation(page: Page, c: Pick<DemoCitizen, "id" | "phone">, phoneNumber = c.phone) {
  await page.goto("/kich-hoat");
  await page.getByLabel("Số định danh cá nhân").fill(c.id);
  await page.getByLabel("Số điện thoại").fill(phoneNumber);
  await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
}

/** Screenshots of the page as it is at the three sizes of issue 19 (then back to the phone), for a person to look at. */
async function screens(page: Page, screen: string): Promise<void> {
  for (const [width, height] of [
    [320, 568],
    [360, 740],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SCREENS}/${screen}-${width}x${height}.png`, fullPage: true });
  }
  await page.setViewportSize(PHONE.viewport);
}

/** The classes of a control: "btn" alone is the screen's main (filled) button, "btn btn-secondary" an outlined one. */
const classOf = (page: Page, role: "link" | "button", name: string) =>
  page.getByRole(role, { name, exact: true }).getAttribute("class");

describe("citizens (issue 19)", () => {
  it("a first activation: no alarm; passwords with 'Hiện'; the ID filled in; devices by name; the small things", async () => {
    const c = take("approved-new");
    const { context, page } = await phone();
    await requestActivation(page, c);
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await page.getByLabel("Mã OTP").fill(await readOtp(baseUrl, c.phone));
    await page.getByRole("button", { name: "Xác nhận" }).click();

    // Item 4: "Hiện" / "Ẩn" on both password fields, and the special characters by example.
    const password = page.getByLabel("Mật khẩu", { exact: true });
    await password.fill("Kichhoat@2026");
    expect(await password.getAttribute("type")).toBe("password");
    const shows = page.getByRole("button", { name: "Hiện", exact: true });
    expect(await shows.count()).toBe(2);
    await shows.first().click();
    expect(await password.getAttribute("type")).toBe("text");
    await page.getByRole("button", { name: "Ẩn", exact: true }).click();
    expect(await password.getAttribute("type")).toBe("password");
    expect(await page.getByText("Có ký tự đặc biệt (ví dụ @ # ! $)").isVisible()).toBe(true);
    await page.getByLabel("Nhập lại mật khẩu").fill("Kichhoat@2026");
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await page.getByLabel("Mã passcode", { exact: true }).fill("246802");
    await page.getByLabel("Nhập lại mã passcode").fill("246802");
    await page.getByRole("button", { name: "Tiếp tục" }).click();

    // Item 7: the chosen question is shown whole where it is answered, even when the <select> cuts it at 360 px.
    const q1 = page.getByLabel("Câu hỏi bảo mật 1");
    await expect.poll(() => q1.isVisible()).toBe(true);
    await q1.selectOption({ index: 1 });
    const chosen = (await q1.locator("option:checked").innerText()).trim();
    await expect.poll(() => page.locator("#sq-a1-hint").innerText()).toBe(chosen);
    await page.getByLabel("Câu hỏi bảo mật 2").selectOption({ index: 3 });
    await page.getByLabel("Câu trả lời 1").fill("Nguyễn Văn Bình");
    await page.getByLabel("Câu trả lời 2").fill("Phở bò");
    await screens(page, "activation-security");
    await page.getByRole("button", { name: "Hoàn tất" }).click();
    await expect.poll(() => page.getByText("Kích hoạt tài khoản thành công").first().isVisible()).toBe(true);

    // Item 4: "Đăng nhập" after the activation has the ID number filled in.
    await page.getByRole("link", { name: "Đăng nhập" }).first().click();
    await expect.poll(() => page.getByLabel("Số định danh cá nhân").inputValue()).toBe(c.id);
    await page.getByLabel("Mật khẩu", { exact: true }).fill("Kichhoat@2026");
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await expect.poll(() => page.getByText(c.fullName).first().isVisible()).toBe(true);

    // Item 5: the device by name and date, never its id. Item 1: no unread badge after a first activation.
    await expect.poll(() => page.locator(".facts .device-name").innerText()).toBe("Chrome trên Android");
    expect(await page.getByText(/web-[A-Za-z0-9_-]{10,}/).count()).toBe(0);
    const notices = page.getByRole("link", { name: /^Thông báo/ });
    await expect.poll(() => notices.isVisible()).toBe(true);
    expect(await notices.locator(".badge").count()).toBe(0);
    await expect.poll(() => page.locator(".card-validity").innerText()).toContain("Có giá trị đến");
    await screens(page, "account");

    await notices.click();
    await expect
      .poll(() => page.getByText("Tài khoản đã được kích hoạt trên thiết bị này (Chrome trên Android).").isVisible())
      .toBe(true);
    expect(await page.getByText("Tài khoản của bạn đã được kích hoạt trên một thiết bị khác.").count()).toBe(0);
    expect(await page.getByText("Thay đổi thiết bị").count()).toBe(0);
    expect(await page.getByText("Không có thông báo chưa đọc").isVisible()).toBe(true);
    await screens(page, "notifications");
    // Item 6: dd/mm/yyyy hh:mm.
    expect(await page.locator(".notification .list-meta").first().innerText()).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    await page.getByRole("link", { name: "Về trang tài khoản" }).click();

    await page.getByRole("link", { name: "Quản lý thiết bị" }).click();
    await expect.poll(() => page.locator(".device-name").first().innerText()).toBe("Chrome trên Android");
    expect(await page.getByText(/web-[A-Za-z0-9_-]{10,}/).count()).toBe(0);
    // Item 7: one wording for the way back.
    expect(await page.getByRole("link", { name: "Về trang tài khoản" }).count()).toBe(1);

    // Item 6: the identity QR's date of birth as dd/mm/yyyy, never 1945-08-06.
    await page.getByRole("link", { name: "Về trang tài khoản" }).click();
    await page.getByRole("link", { name: "Mã QR định danh" }).click();
    await page.getByLabel("Mã passcode").fill("246802");
    await page.getByRole("button", { name: "Hiển thị mã QR" }).click();
    await expect.poll(() => page.getByRole("img", { name: "Mã QR định danh của bạn" }).isVisible()).toBe(true);
    const shared = await page.locator(".facts").innerText();
    expect(shared).toMatch(/\b\d\d\/\d\d\/\d{4}\b/);
    expect(shared).not.toMatch(/\d{4}-\d\d-\d\d/);
    await context.close();
  });

  it("'Thông báo' keeps its count apart from its word, and 'Có giá trị đến' moves nothing when it arrives", async () => {
    const c = take("active");
    const { context, page } = await phone();
    // An unread notice: the account's device is taken by another account's activation.
    const other = take("approved-new");
    await context.addInitScript((id: string) => localStorage.setItem("vneid.deviceId", id), c.deviceId as string);
    await requestActivation(page, other);
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Xác thực OTP" }).isVisible()).toBe(true);
    await page.getByLabel("Mã OTP").fill(await readOtp(baseUrl, other.phone));
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await finishActivation(page, { password: "Kichhoat@2026" });

    // The card answer is held back, so that the line it fills is seen before and after it arrives.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route("**/api/me/card", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/dang-nhap");
    await page.getByLabel("Số định danh cá nhân").fill(c.id);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(c.password as string);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    const menu = page.locator(".my-card .menu");
    await expect.poll(() => menu.isVisible()).toBe(true);
    const before = await menu.boundingBox();
    release();
    await expect.poll(() => page.locator(".card-validity").innerText()).toContain("Có giá trị đến");
    expect((await menu.boundingBox())?.y).toBe(before?.y);

    const notices = page.getByRole("link", { name: /^Thông báo/ });
    const word = await notices.evaluate((a) => {
      const range = document.createRange();
      range.selectNodeContents(a.firstChild as Node);
      return range.getBoundingClientRect().right;
    });
    const badge = await notices.locator(".badge").boundingBox();
    expect(badge?.x ?? 0).toBeGreaterThanOrEqual(word + 4);
    await notices.click();
    await expect
      .poll(() => page.getByText("Tài khoản không còn liên kết với thiết bị", { exact: false }).isVisible())
      .toBe(true);
    await context.close();
  });

  it("every answer of 'Gửi yêu cầu' offers the next step, as the main button where it is the way on", async () => {
    const { context, page } = await phone();
    const alert = () => page.getByRole("alert").first().innerText();

    await requestActivation(page, take("no-account"));
    await expect.poll(alert).toContain("Tài khoản của bạn chưa được định danh điện tử");
    expect(await classOf(page, "link", "Đăng ký")).toBe("btn");
    expect(await classOf(page, "button", "Gửi yêu cầu")).toBe("btn btn-secondary");

    await requestActivation(page, take("app"));
    await expect.poll(() => page.getByRole("link", { name: "Đăng ký tài khoản mức 1" }).isVisible()).toBe(true);
    expect(await classOf(page, "link", "Đăng ký tài khoản mức 1")).toBe("btn");

    await requestActivation(page, take("pending"));
    await expect.poll(() => page.getByText("Hồ sơ của bạn đang chờ phê duyệt").isVisible()).toBe(true);
    expect(await classOf(page, "link", "Tra cứu hồ sơ")).toBe("btn");
    expect(await classOf(page, "link", "Đặt lịch hẹn")).toBe("btn btn-secondary");

    await requestActivation(page, take("active"));
    await expect.poll(alert).toContain("Tài khoản của bạn đã thực hiện kích hoạt");
    expect(await classOf(page, "link", "Đăng nhập")).toBe("btn");
    expect(await classOf(page, "button", "Gửi yêu cầu")).toBe("btn btn-secondary");

    // A wrong pair answers like an unknown ID: "Đăng ký" beside it, outlined; "Gửi yêu cầu" stays the main button.
    const c = take("approved-new");
    await requestActivation(page, c, "0987000333");
    await expect.poll(alert).toContain("Số định danh cá nhân hoặc số điện thoại không đúng");
    expect(await classOf(page, "link", "Đăng ký")).toBe("btn btn-secondary");
    expect(await classOf(page, "button", "Gửi yêu cầu")).toBe("btn");
    await screens(page, "activation-start-wrong");

    // After "Mã OTP đã hết hạn", "Gửi lại mã" is the main button.
    await requestActivation(page, c);
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Xác thực OTP" }).isVisible()).toBe(true);
    expect(await classOf(page, "button", "Xác nhận")).toBe("btn");
    const code = await readOtp(baseUrl, c.phone);
    await advanceClock(baseUrl, 301);
    await page.getByLabel("Mã OTP").fill(code);
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(alert).toContain("Mã OTP đã hết hạn");
    await expect.poll(() => page.getByRole("button", { name: /^Gửi lại mã/ }).getAttribute("class")).toBe("btn");
    expect(await classOf(page, "button", "Xác nhận")).toBe("btn btn-secondary");
    await context.close();
  });

  it("a name typed without accents passes the registry check; the address is a text area; an empty gender says 'Chọn giới tính'", async () => {
    // An adult: the no-account citizens include children, whom a parent registers.
    let c = take("no-account");
    while (Number((records.find((r) => r.id === c.id)?.dob ?? "2020").slice(0, 4)) > 2005) c = take("no-account");
    const rec = records.find((r) => r.id === c.id);
    if (!rec) throw new Error("no registry record");
    const { context, page } = await phone();
    await page.goto("/dang-ky");
    await page.getByLabel("Số định danh cá nhân").fill(c.id);
    await page.getByLabel("Số điện thoại").fill(c.phone);
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await page.getByRole("button", { name: "Không quét được QR code?" }).click();
    await expect.poll(() => page.getByLabel("Họ và tên").isVisible()).toBe(true);
    expect(await page.getByLabel("Nơi thường trú").evaluate((el) => el.tagName)).toBe("TEXTAREA");
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => page.locator(".field-error").filter({ hasText: "Chọn giới tính" }).isVisible()).toBe(true);
    expect(await page.getByText("Giới tính phải là Nam hoặc Nữ.").count()).toBe(0);

    const plain = rec.fullName.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
    await page.getByLabel("Họ và tên").fill(plain);
    await page.getByLabel("Ngày sinh").fill(rec.dob.split("-").reverse().join("/"));
    await page.getByLabel(rec.gender, { exact: true }).check();
    await page.getByLabel("Nơi thường trú").fill(rec.address);
    if (rec.oldId) await page.getByLabel("Số CMND cũ").fill(rec.oldId);
    await page.getByLabel("Ngày cấp").fill(rec.cardIssued.split("-").reverse().join("/"));
    await screens(page, "registration-manual-card");
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Xác thực OTP" }).isVisible()).toBe(true);
    await context.close();
  });

  it("on a computer set to UTC, the account home and its file's timeline say the same Vietnam time", async () => {
    const c = take("app");
    const rec = records.find((r) => r.id === c.id);
    if (!rec) throw new Error("no registry record");
    const { context, page } = await phone("UTC");
    await page.goto("/dang-nhap");
    await page.getByLabel("Số định danh cá nhân").fill(c.id);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(c.password as string);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await expect.poll(() => page.getByText(c.fullName).first().isVisible()).toBe(true);

    // A level-1 file, sent as the screen sends it (portrait then application).
    const headers = { origin: baseUrl };
    const up = await page.request.post("/api/level1/photo", {
      headers: { ...headers, "content-type": "image/jpeg" },
      data: jpeg(300, 400),
    });
    expect(up.status()).toBe(200);
    const card = {
      id: rec.id,
      oldId: rec.oldId ?? "",
      fullName: rec.fullName,
      dob: rec.dob,
      gender: rec.gender,
      address: rec.address,
      issued: rec.cardIssued,
    };
    const applied = await page.request.post("/api/level1/apply", {
      headers,
      data: { card, photoId: (await up.json()).photoId },
    });
    expect(applied.status()).toBe(200);

    await page.reload();
    const banner = page.locator(".notice-warn").filter({ hasText: "Ngày gửi hồ sơ:" });
    await expect.poll(() => banner.isVisible()).toBe(true);
    const sent = /(\d\d\/\d\d\/\d{4} \d\d:\d\d)/.exec(await banner.innerText())?.[1];
    const received = page.locator('[data-step="received"] time').first();
    await expect.poll(() => received.isVisible()).toBe(true);
    expect(sent).toBeTruthy();
    expect(await received.innerText()).toBe(sent);
    // …and it is Vietnam's time (UTC+7), not the computer's.
    const iso = (await received.getAttribute("datetime")) as string;
    const vn = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
    expect(sent).toBe(`${vn.slice(8, 10)}/${vn.slice(5, 7)}/${vn.slice(0, 4)} ${vn.slice(11, 16)}`);
    await context.close();
  });
});

/** A tiny baseline JPEG of the given size (a SOF0 header is all the server reads). */
function jpeg(width: number, height: number): Buffer {
  const head = [
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00,
  ];
  const sof = [
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01,
  ];
  return Buffer.from([...head, ...sof, 0xff, 0xd9]);
}
