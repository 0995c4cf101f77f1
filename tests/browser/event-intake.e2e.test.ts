/**
 * Offline intake at a community event (issue 5) in Chromium at phone size, against the real worker, with the network
 * cut by `context.setOffline(true)`:
 * - an officer starts an event online ("Bắt đầu sự kiện", "Mã PIN"); the console and scanner chunks are cached;
 * - 20 records taken offline (two by the fake camera's QR, the rest typed); the page closed and reopened offline:
 *   locked by the PIN, all 20 there, and IndexedDB holds no name, ID number, phone or photo in clear;
 * - one sealed record tampered with in IndexedDB; back online while the server fails the first uploads (500, 500,
 *   then a timeout whose batch it processes): all 20 end on the server exactly once, the tampered one `rejected`,
 *   the second scan of the same card `duplicate` with the first one's reference, a typed card the registry disagrees
 *   with `rejected`; a batch replayed is still exactly once; the report prints and exports as CSV.
 * Citizens: a registry of this file's own (seed 5505, IDs and phones checked against the shared ones), imported
 * through the development route.
 */
import { readFileSync, rmSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generateRegistry } from "../../scripts/demo-registry";
import type { RegistryRecordT } from "../../shared/registry-file";
import { fakeCameraVideo, importUnits, launchWithCamera, layoutProblems, qrPng, tempDir } from "./browser";
import { E2E_COUNT, E2E_SEED, extraRegistry } from "./people";

const baseUrl = inject("baseUrl");
const UNIT = "CAP-TAMTHANH";
const PASSWORD = "SuKien#Tam2026";
const PIN = "2468";
const CONSENT = "Công dân đồng ý cung cấp thông tin để đăng ký tài khoản định danh điện tử mức 2";
const REFERENCE = /^L2-020-\d{4}-\d{6}$/;

let browser: Browser;
let dir: string;
let people: RegistryRecordT[];
let officer: { username: string; password: string };

/** 19 adults of a registry no other test file uses (no ID or phone shared with the suite's registries). */
function ownRegistry(): { records: RegistryRecordT[]; file: unknown } {
  const taken = new Set<string>();
  for (const r of [
    ...(generateRegistry(E2E_SEED, E2E_COUNT).file.registry ?? []),
    ...(extraRegistry().file.registry ?? []),
  ]) {
    taken.add(r.id);
    taken.add(r.phone);
  }
  const { file } = generateRegistry(5505, 80);
  const records = (file.registry ?? [])
    .filter((r) => !taken.has(r.id) && !taken.has(r.phone) && Number(r.dob.slice(0, 4)) < 2006)
    .slice(0, 19);
  return { records, file: { securityQuestions: file.securityQuestions, registry: records, accounts: [] } };
}

beforeAll(async () => {
  dir = tempDir();
  const own = ownRegistry();
  people = own.records;
  expect(people).toHaveLength(19);
  const imported = await fetch(`${baseUrl}/api/dev/registry/import`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(own.file),
  });
  expect(imported.status, await imported.text()).toBe(200);
  await importUnits(baseUrl);
  const made = await fetch(`${baseUrl}/api/dev/officers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ unit: UNIT, role: "officer", name: "Hoàng Văn Sự" }),
  });
  officer = (await made.json()) as { username: string; password: string };
  browser = await launchWithCamera(await fakeCameraVideo(await qrPng(people[0]!.qr as string), dir));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const poll = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout });
/** Waits until `name` is a visible heading; fails with the page's text, to show what was there instead. */
async function seeHeading(page: Page, name: string, timeout = 30_000) {
  try {
    await page.getByRole("heading", { name, exact: true }).waitFor({ state: "visible", timeout });
  } catch {
    throw new Error(
      `no heading "${name}"; the page shows:\n${await page
        .locator("body")
        .innerText()
        .catch(() => "?")}`,
    );
  }
}
const heading = (page: Page, name: string) => page.getByRole("heading", { name, exact: true });

async function newPhone(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __printed: number };
    w.__printed = 0;
    window.print = () => {
      w.__printed++;
    };
  });
  return page;
}

/** Everything in the `vneid-event-queue` IndexedDB database, as JSON text. */
function dumpIdb(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open("vneid-event-queue");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["meta", "records"], "readonly");
          const out: Record<string, unknown> = {};
          const a = tx.objectStore("meta").getAll();
          const b = tx.objectStore("records").getAll();
          tx.oncomplete = () => {
            out.meta = a.result;
            out.records = b.result;
            db.close();
            resolve(JSON.stringify(out));
          };
        };
      }),
  );
}

/** "Tiếp nhận hồ sơ mức 2"-like capture on the event screen: card (scanned or typed), portrait, details, "Lưu hồ sơ". */
async function capture(page: Page, r: RegistryRecordT, how: { scan?: boolean; fullName?: string }, seq: number) {
  await page.getByRole("button", { name: "Tiếp nhận hồ sơ mới" }).click();
  await poll(() => heading(page, "Tiếp nhận tại sự kiện: quét mã QR trên thẻ").isVisible()).toBe(true);
  if (how.scan) {
    await page.getByRole("button", { name: "Quét mã QR" }).click();
    await poll(() => heading(page, "Kiểm tra thông tin trên thẻ").isVisible(), 30_000).toBe(true);
    expect(await page.locator("dl").first().innerText()).toContain(r.id);
  } else {
    await page.getByRole("button", { name: "Không quét được QR code?" }).click();
    await page.getByLabel("Số định danh cá nhân").fill(r.id);
    await page.getByLabel("Họ và tên").fill(how.fullName ?? r.fullName);
    await page.getByLabel("Ngày sinh").fill(r.dob.split("-").reverse().join("/"));
    await page.getByLabel(r.gender, { exact: true }).check();
    await page.getByLabel("Nơi thường trú").fill(r.address);
    await page.getByLabel("Ngày cấp").fill(r.cardIssued.split("-").reverse().join("/"));
  }
  await page.getByRole("button", { name: "Tiếp tục" }).click();
  await poll(() => heading(page, "Chụp ảnh chân dung").isVisible()).toBe(true);
  const shoot = page.getByRole("button", { name: "Chụp ảnh", exact: true });
  await poll(() => shoot.isEnabled()).toBe(true);
  await shoot.click();
  await page.getByRole("button", { name: "Tiếp tục" }).click();
  await poll(() => heading(page, "Thông tin hồ sơ").isVisible()).toBe(true);
  await page.getByLabel("Số điện thoại").fill(r.phone);
  await page.getByLabel(CONSENT).check();
  await page.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await poll(() => page.getByText(`Đã lưu hồ sơ số ${seq} (đã mã hóa).`).isVisible()).toBe(true);
}

describe("offline intake at an event", () => {
  it("20 records offline survive a closed page, sync exactly once through injected faults, and a replay", async () => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
      locale: "vi-VN",
      acceptDownloads: true,
    });
    let page = await newPhone(context);

    // Online: log in (first login: new password), open "Tiếp nhận tại sự kiện", start the event.
    await page.goto("/can-bo");
    await page.getByLabel("Tên đăng nhập").fill(officer.username);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(officer.password);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Nhập lại mật khẩu mới").fill(PASSWORD);
    await page.getByRole("button", { name: "Lưu mật khẩu" }).click();
    await poll(() => heading(page, "Trang cán bộ").isVisible()).toBe(true);
    await page.getByRole("link", { name: "Tiếp nhận tại sự kiện" }).click();
    await poll(() => heading(page, "Bắt đầu sự kiện").isVisible()).toBe(true);
    await page.getByLabel("Địa điểm").fill("Nhà văn hóa khối 5, phường Tam Thanh");
    await page.getByLabel("Mã PIN", { exact: true }).fill(PIN);
    await page.getByLabel("Nhập lại mã PIN").fill("1111");
    await page.getByRole("button", { name: "Bắt đầu sự kiện" }).click();
    await poll(() => page.getByText("Mã PIN nhập lại không khớp").isVisible()).toBe(true);
    await page.getByLabel("Nhập lại mã PIN").fill(PIN);
    const started = page.waitForResponse((r) => r.url().endsWith("/api/officer/events"));
    await page.getByRole("button", { name: "Bắt đầu sự kiện" }).click();
    const event = (await (await started).json()) as { id: string };
    await poll(() => page.getByTestId("event-waiting").innerText()).toBe("Đang chờ đồng bộ: 0 hồ sơ");
    // the service worker controls the page, and the chunks a day offline needs are in its caches
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === "activated", null, {
      timeout: 30_000,
    });
    const lists = JSON.parse(
      readFileSync(new URL("../../pwa/dist/event-assets.json", import.meta.url), "utf8"),
    ) as Record<string, string[]>;
    expect(lists["vneid-event"]!.some((u) => /Officer-/.test(u))).toBe(true);
    expect(lists["vneid-scanner"]!.some((u) => /zxing-/.test(u))).toBe(true);
    await poll(() =>
      page.evaluate(async (l) => {
        for (const [name, urls] of Object.entries(l)) {
          const cache = await caches.open(name);
          for (const u of urls) if (!(await cache.match(u))) return false;
        }
        return true;
      }, lists),
    ).toBe(true);
    // A reload (online) puts the page under the service worker; the event screen comes back locked.
    await page.reload();
    await seeHeading(page, "Màn hình đã khóa");
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await page.getByLabel("Mã PIN").fill(PIN);
    await page.getByRole("button", { name: "Mở khóa" }).click();
    await poll(() => page.getByTestId("event-waiting").innerText()).toBe("Đang chờ đồng bộ: 0 hồ sơ");

    // Offline from here: 20 records. Records 1 and 2 scan the same card (the fake camera's), 19 types a name the
    // registry does not have, 20 will be tampered with.
    await context.setOffline(true);
    await poll(() => page.getByText("Không có mạng: hồ sơ được lưu trên máy và đồng bộ khi có mạng").isVisible()).toBe(
      true,
    );
    const plan: Array<{ r: RegistryRecordT; scan?: boolean; fullName?: string }> = [
      { r: people[0]!, scan: true },
      { r: people[0]!, scan: true },
      ...people.slice(1, 17).map((r) => ({ r })),
      { r: people[17]!, fullName: `${people[17]!.fullName} Anh` },
      { r: people[18]! },
    ];
    for (const [i, step] of plan.entries()) await capture(page, step.r, step, i + 1);
    await poll(() => page.getByTestId("event-waiting").innerText()).toBe("Đang chờ đồng bộ: 20 hồ sơ");

    // Close the page, reopen it offline: the PIN lock, then all 20 waiting.
    await page.close();
    page = await newPhone(context);
    await page.goto("/can-bo/su-kien");
    await seeHeading(page, "Màn hình đã khóa");
    await page.getByLabel("Mã PIN").fill("0000");
    await page.getByRole("button", { name: "Mở khóa" }).click();
    await poll(() => page.getByText("Mã PIN không đúng").first().isVisible()).toBe(true);
    await page.getByLabel("Mã PIN").fill(PIN);
    await page.getByRole("button", { name: "Mở khóa" }).click();
    await poll(() => page.getByTestId("event-waiting").innerText()).toBe("Đang chờ đồng bộ: 20 hồ sơ");
    expect(await page.getByTestId("event-record").count()).toBe(20);
    expect(await page.locator('[data-testid="event-record"][data-state="queued"]').count()).toBe(20);

    // IndexedDB holds no plaintext name, ID number, phone or photo.
    const dump = await dumpIdb(page);
    expect(JSON.parse(dump).records).toHaveLength(20);
    for (const r of people) {
      expect(dump).not.toContain(r.id);
      expect(dump).not.toContain(r.phone);
      expect(dump).not.toContain(r.fullName);
      expect(dump.normalize("NFD")).not.toContain(r.fullName.normalize("NFD"));
      for (const part of r.fullName.split(" ").filter((w) => w.length > 3)) expect(dump).not.toContain(`"${part}`);
    }
    // A portrait in clear would be a string value starting with a JPEG's base64 (or a data URL). The quote matters:
    // "_9j_" alone turns up inside 1.6 MB of random base64url ciphertext in about one run in ten.
    for (const jpegStart of ['"/9j/', '"_9j_', "data:image"]) expect(dump).not.toContain(jpegStart);
    expect(dump).toContain(`"last3":"${people[1]!.id.slice(-3)}"`);

    // Tamper with record 20's ciphertext on the device.
    const tampered = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open("vneid-event-queue");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction("records", "readwrite");
            const store = tx.objectStore("records");
            const all = store.getAll();
            all.onsuccess = () => {
              const rec = (all.result as Array<{ seq: number; clientId: string; sealed: { ct: string } }>).find(
                (x) => x.seq === 20,
              )!;
              const ct = rec.sealed.ct;
              const i = 40;
              rec.sealed.ct = ct.slice(0, i) + (ct[i] === "A" ? "B" : "A") + ct.slice(i + 1);
              store.put(rec);
              tx.oncomplete = () => resolve(rec.clientId);
            };
          };
        }),
    );

    // Online while the server fails the first uploads: 500, 500, then a processed batch whose answer comes too late.
    const fault = await fetch(`${baseUrl}/api/dev/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        route: "event-sync",
        failNext: 3,
        mode: "500",
        sequence: ["500", "500", "timeout"],
        delayMs: 45_000,
      }),
    });
    expect(fault.status).toBe(200);
    const answers: number[] = [];
    const bodies: string[] = [];
    page.on("response", (r) => {
      if (r.url().endsWith(`/api/officer/events/${event.id}/records`)) answers.push(r.status());
    });
    page.on("request", (r) => {
      if (r.url().endsWith(`/api/officer/events/${event.id}/records`)) bodies.push(r.postData() ?? "");
    });
    await context.setOffline(false);
    await poll(() => page.getByTestId("event-waiting").innerText(), 120_000).toBe("Đang chờ đồng bộ: 0 hồ sơ");
    expect(answers.filter((s) => s === 500)).toHaveLength(2);
    expect(bodies.length).toBeGreaterThanOrEqual(5); // 2 failed + 1 timed out + the 2 batches of 10 (one again)

    // The server holds the 20 records exactly once.
    const detail = async () => {
      const res = await page.request.get(`/api/officer/events/${event.id}`);
      expect(res.status()).toBe(200);
      return (await res.json()) as {
        records: Array<{ clientId: string; outcome: string; reference: string | null; code: string | null }>;
        counts: Record<string, number>;
      };
    };
    const held = await detail();
    expect(held.records).toHaveLength(20);
    expect(new Set(held.records.map((r) => r.clientId)).size).toBe(20);
    expect(held.counts).toEqual({ accepted: 17, duplicate: 1, rejected: 2, retry: 0 });
    const accepted = held.records.filter((r) => r.outcome === "accepted").map((r) => r.reference);
    expect(new Set(accepted).size).toBe(17);
    for (const ref of accepted) expect(ref).toMatch(REFERENCE);
    expect(held.records.find((r) => r.clientId === tampered)).toMatchObject({
      outcome: "rejected",
      code: "SEAL_INVALID",
    });

    // What the officer sees: each record's outcome, the reasons, the duplicate's existing reference.
    const rows = page.getByTestId("event-record");
    expect(await page.locator('[data-testid="event-record"][data-state="accepted"]').count()).toBe(17);
    // the same card twice (in one batch): one file, and the other record points to it
    const scans = [await rows.nth(0).innerText(), await rows.nth(1).innerText()];
    const firstRef = scans.map((t) => /Mã hồ sơ: (L2-020-\d{4}-\d{6})/.exec(t)?.[1]).find(Boolean);
    expect(firstRef).toBeTruthy();
    expect(scans.filter((t) => t.includes(`Mã hồ sơ đã có: ${firstRef}`))).toHaveLength(1);
    expect(await rows.nth(18).innerText()).toContain("không khớp với Cơ sở dữ liệu quốc gia về dân cư");
    expect(await rows.nth(19).innerText()).toContain("Bản ghi đã bị thay đổi hoặc hư hỏng");
    expect(await page.getByTestId("event-counts").innerText()).toBe(
      "Đã tiếp nhận: 17 · Đã có hồ sơ: 1 · Bị từ chối: 2 · Chờ đồng bộ: 0",
    );
    // the sealed content is gone from the device once confirmed
    expect(JSON.parse(await dumpIdb(page)).records.every((r: { sealed?: unknown }) => !r.sealed)).toBe(true);

    // Replay a batch as it was sent: the same outcomes, still exactly once.
    const sent = bodies.filter(Boolean).at(-1)!;
    const replay = await page.request.post(`/api/officer/events/${event.id}/records`, {
      data: sent,
      headers: { "content-type": "application/json", origin: baseUrl },
    });
    expect(replay.status()).toBe(200);
    const replayed = (await replay.json()) as {
      results: Array<{ clientId: string; outcome: string; reference: string | null }>;
    };
    for (const r of replayed.results) {
      const original = held.records.find((x) => x.clientId === r.clientId)!;
      expect([r.outcome, r.reference]).toEqual([original.outcome, original.reference]);
    }
    const after = await detail();
    expect(after.records).toHaveLength(20);
    expect(after.counts).toEqual(held.counts);

    // The report: printed, and exported as CSV.
    await page.getByRole("button", { name: "In báo cáo" }).click();
    expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Xuất CSV" }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, "utf8");
    expect(csv.split("\r\n")[0]).toBe("\uFEFFSTT,Thời gian,Viết tắt tên,3 số cuối,Trạng thái,Mã hồ sơ,Lý do");
    expect(csv.trim().split("\r\n")).toHaveLength(21);
    expect(csv).toContain(firstRef as string);

    // The event screen on a 320 px phone.
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await layoutProblems(page)).toEqual([]);
    await context.close();
  }, 600_000);
});
