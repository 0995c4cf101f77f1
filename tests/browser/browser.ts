/** Debian's Chromium through playwright-core, as an old phone would show the app: 360×640, touch, Vietnamese. */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import QRCode from "qrcode";
import { expect } from "vitest";
import { generateRegistry } from "../../scripts/demo-registry";
import type { RegistryRecordT } from "../../shared/registry-file";
import { E2E_COUNT, E2E_SEED } from "./people";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Launches headless Debian Chromium. */
export function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** The phone every page of the tests is: 360×640 at 2×, touch, Vietnamese. */
export const PHONE = {
  viewport: { width: 360, height: 640 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "vi-VN",
};

/** A phone-sized page on the app. */
export async function phonePage(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE, baseURL: baseUrl });
  const page = await context.newPage();
  return { context, page };
}

/** The newest 6-digit code texted to `phone`, from the development outbox. */
export async function readOtp(baseUrl: string, phone: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/dev/sms?phone=${encodeURIComponent(phone)}`);
  const { messages } = (await res.json()) as { messages: Array<{ text: string }> };
  const code = messages.map((m) => /\b(\d{6})\b/.exec(m.text)?.[1]).find(Boolean);
  if (!code) throw new Error(`no OTP texted to ${phone}`);
  return code;
}

/** Moves the server clock forward. */
export async function advanceClock(baseUrl: string, seconds: number): Promise<void> {
  const res = await fetch(`${baseUrl}/api/dev/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  if (!res.ok) throw new Error(`clock: ${res.status}`);
}

/**
 * The activation screens after "Xác nhận" on the OTP: the password (when `password` is given), passcode 246802,
 * two security questions, "Hoàn tất", until "Kích hoạt tài khoản thành công".
 */
export async function finishActivation(page: Page, opts: { password?: string }): Promise<void> {
  if (opts.password) {
    await page.getByLabel("Mật khẩu", { exact: true }).fill(opts.password);
    await page.getByLabel("Nhập lại mật khẩu").fill(opts.password);
    await page.getByRole("button", { name: "Tiếp tục" }).click();
  }
  await page.getByLabel("Mã passcode", { exact: true }).fill("246802");
  await page.getByLabel("Nhập lại mã passcode").fill("246802");
  await page.getByRole("button", { name: "Tiếp tục" }).click();
  await page.getByLabel("Câu hỏi bảo mật 1").selectOption({ index: 1 });
  await page.getByLabel("Câu hỏi bảo mật 2").selectOption({ index: 3 });
  await page.getByLabel("Câu trả lời 1").fill("Nguyễn Văn Bình");
  await page.getByLabel("Câu trả lời 2").fill("Phở bò");
  await page.getByRole("button", { name: "Hoàn tất" }).click();
  await expect.poll(() => page.getByText("Kích hoạt tài khoản thành công").first().isVisible()).toBe(true);
}

// ---------------------------------------------------------------------------------------------------------------
// Card QR codes as the scanner sees them: rendered stills, a fake camera video, a large noisy phone photo.

/** A QR code of `payload` as PNG bytes (`scale` px per module, 4 modules of quiet zone). */
export function qrPng(payload: string, scale = 6): Promise<Buffer> {
  return QRCode.toBuffer(payload, { type: "png", scale, margin: 4, errorCorrectionLevel: "M" });
}

function ffmpeg(args: string[]): void {
  const r = spawnSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
}

/** A new temporary directory (the caller removes it). */
export function tempDir(prefix = "vneid-media-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A Y4M video (640×480, 15 fps, 3 s, looped by Chromium) of the QR code in `png` with a slight wobble (rotation
 * and zoom): a perfectly still QR may never decode with @zxing (see /work/shared/TOOLCHAIN.md). Returns its path.
 */
export async function fakeCameraVideo(png: Buffer, dir: string, name = "camera"): Promise<string> {
  const src = join(dir, `${name}.png`);
  const out = join(dir, `${name}.y4m`);
  await writeFile(src, png);
  ffmpeg([
    "-loop",
    "1",
    "-i",
    src,
    "-vf",
    "scale=-1:360:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,rotate='0.05*sin(2*PI*t/3)':fillcolor=white," +
      "scale=w='2*trunc(320*(0.8+0.2*cos(2*PI*t/1.5)))':h=-2:eval=frame,pad=640:480:(ow-iw)/2:(oh-ih)/2:white:eval=frame,format=yuv420p",
    "-t",
    "3",
    "-r",
    "15",
    out,
  ]);
  return out;
}

/**
 * A 12-megapixel (4000×3000) phone-like JPEG of the QR code in `png`: enlarged off-centre on a grey desk, rotated,
 * blurred, with sensor noise and low contrast. Returns its path.
 */
export async function noisyPhoto(png: Buffer, dir: string, name = "photo"): Promise<string> {
  const src = join(dir, `${name}.png`);
  const out = join(dir, `${name}.jpg`);
  await writeFile(src, png);
  ffmpeg([
    "-i",
    src,
    "-vf",
    "scale=1500:-1:flags=bicubic,pad=4000:3000:(ow-iw)/2+300:(oh-ih)/2-200:0xd8d0c0,rotate=0.3:fillcolor=0xd8d0c0," +
      "gblur=sigma=2.5,noise=alls=45:allf=t+u,eq=brightness=-0.05:contrast=0.85",
    "-q:v",
    "4",
    out,
  ]);
  return out;
}

/**
 * Opens the card scanner of registration ("Đăng ký" with `typed`, whose ID no fixture card carries, so that each
 * decoded card is answered with "Mã QR không khớp…" and the ID read from it, without any server state).
 */
export async function openCardScanner(page: Page, typed: { id: string; phone: string }): Promise<void> {
  await page.goto("/dang-ky");
  await page.getByLabel("Số định danh cá nhân").fill(typed.id);
  await page.getByLabel("Số điện thoại").fill(typed.phone);
  await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
  await page.getByRole("button", { name: "Quét mã QR" }).waitFor();
}

/** Index.html as a browser without ES modules runs it: no module script or preload; nomodule scripts run. */
function asNomodule(html: string): string {
  return html
    .replace(/<script type="module"[^>]*>[\s\S]*?<\/script>/g, "")
    .replace(/<link rel="modulepreload"[^>]*>/g, "")
    .replace(/<script nomodule/g, "<script");
}

/**
 * A phone page on the legacy (nomodule) path, with `initScript` run before any script (an old browser's missing
 * built-ins): page errors and CSP refusals in `problems`, the paths of the scripts requested in `scripts`.
 */
export async function nomoduleContext(
  browser: Browser,
  baseUrl: string,
  initScript: string,
): Promise<{ context: BrowserContext; page: Page; problems: string[]; scripts: string[] }> {
  // every request through the route below
  const context = await browser.newContext({ ...PHONE, baseURL: baseUrl, serviceWorkers: "block" });
  await context.route("**/*", async (route) => {
    if (route.request().resourceType() !== "document") return route.continue();
    const res = await route.fetch();
    // the server's own headers, CSP included: the legacy inline scripts must pass it unchanged
    await route.fulfill({ response: res, body: asNomodule(await res.text()) });
  });
  await context.addInitScript({ content: initScript });
  const page = await context.newPage();
  const problems: string[] = [];
  const scripts: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused/.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
  });
  return { context, page, problems, scripts };
}

/** Chromium whose camera (back and front alike) shows the video file `y4m`, permission granted. */
export function launchWithCamera(y4m: string): Promise<Browser> {
  return launch([
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-video-capture=${y4m}`,
  ]);
}

/** The registry record (with its card's QR payload) of a citizen of the e2e server (`tests/browser/people.ts`). */
export function registryRecord(id: string): RegistryRecordT & { qr: string } {
  const record = (generateRegistry(E2E_SEED, E2E_COUNT).file.registry ?? []).find((r) => r.id === id);
  if (!record?.qr) throw new Error(`no registry record with a QR for ${id}`);
  return { ...record, qr: record.qr };
}

/** Records every stream the page's getUserMedia returns, so a test can check that the camera was stopped. */
export async function trackCameraStreams(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const md = navigator.mediaDevices;
    if (!md || !md.getUserMedia) return;
    const original = md.getUserMedia.bind(md);
    const w = window as unknown as { __streams: MediaStream[] };
    w.__streams = [];
    md.getUserMedia = async (c) => {
      const s = await original(c);
      w.__streams.push(s);
      return s;
    };
  });
}

/** How many camera tracks the page opened, and how many are still live. */
export function cameraTracks(page: Page): Promise<{ opened: number; live: number }> {
  return page.evaluate(() => {
    const streams = (window as unknown as { __streams?: MediaStream[] }).__streams ?? [];
    const tracks = streams.flatMap((s) => s.getTracks());
    return { opened: tracks.length, live: tracks.filter((t) => t.readyState === "live").length };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The police-office side (tests/browser/officer.e2e.test.ts): units, officers, QR stills of a module matrix, PDFs.

/** Loads the police units of `data/units/lang-son.json` into the server (idempotent: units are upserted). */
export async function importUnits(baseUrl: string): Promise<void> {
  const file = await readFile(new URL("../../data/units/lang-son.json", import.meta.url), "utf8");
  const res = await fetch(`${baseUrl}/api/dev/units/import`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: file,
  });
  if (!res.ok) throw new Error(`units import: ${res.status} ${await res.text()}`);
}

/** A police officer's one-time credentials, as `npm run officer:add` prints them. */
export interface OfficerCredentials {
  username: string;
  password: string;
}

/**
 * Creates an officer with `npm run officer:add -- --unit … --role … --name …` against the running server
 * (`VNEID_URL`), and parses the one line of JSON it prints on stdout (npm's own banner lines are skipped).
 */
export function addOfficer(
  baseUrl: string,
  unit: string,
  role: "officer" | "province_admin",
  name: string,
): Promise<OfficerCredentials> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "officer:add", "--", "--unit", unit, "--role", role, "--name", name], {
      cwd: new URL("../..", import.meta.url).pathname,
      env: { ...process.env, VNEID_URL: baseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.stderr.on("data", (d) => (err += String(d)));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => /^\{.*\}$/.test(l.trim()));
      if (code !== 0 || !line) return reject(new Error(`officer:add exited with ${code}: ${out}\n${err}`));
      resolve(JSON.parse(line) as OfficerCredentials);
    });
  });
}

/** A PNG (8-bit greyscale) of a QR module matrix, `scale` px per module, `margin` modules of quiet zone. */
export function matrixPng(modules: boolean[][], scale = 6, margin = 4): Buffer {
  const n = modules.length;
  const side = (n + 2 * margin) * scale;
  const raw = Buffer.alloc((side + 1) * side, 255);
  for (let y = 0; y < side; y++) {
    raw[y * (side + 1)] = 0; // filter: none
    const my = Math.floor(y / scale) - margin;
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - margin;
      if (my >= 0 && my < n && mx >= 0 && mx < n && modules[my]![mx]) raw[y * (side + 1) + 1 + x] = 0;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The number of pages of a PDF that Chromium wrote (`page.pdf()`). */
export function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString("latin1");
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  if (counts.length) return Math.max(...counts);
  return [...text.matchAll(/\/Type\s*\/Page\b(?!s)/g)].length;
}

/**
 * Nothing scrolls sideways; every control has a name and a target at least 44 px tall (radio buttons and check boxes by
 * their label); only tables in `.table-wrap` may be wider than the screen. The officer and event screens use it.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push("scrolls sideways");
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("button, a, input, select, textarea"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const input = el as HTMLInputElement;
      const name =
        el.getAttribute("aria-label") ||
        (input.labels && input.labels.length ? input.labels[0]!.textContent : "") ||
        (["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName) ? "" : el.textContent);
      if (!name || !name.trim()) problems.push(`no name: ${el.outerHTML.slice(0, 80)}`);
      const boxed = input.type === "radio" || input.type === "checkbox";
      const target = boxed ? (input.closest("label") as HTMLElement).getBoundingClientRect() : r;
      if (target.height < 44) problems.push(`too small (${target.height}px): ${el.outerHTML.slice(0, 80)}`);
      if (r.right > window.innerWidth + 1 && !el.closest(".table-wrap"))
        problems.push(`overflows: ${el.outerHTML.slice(0, 80)}`);
    }
    return problems;
  });
}
