/**
 * The scanner's worker: every QR decode runs here, off the page's main thread, so a slow phone still answers taps
 * while the camera scans. @zxing's QR reader decodes video frames and photos; jsQR, the fallback for photos that
 * zxing gives up on, is a second lazy chunk loaded by `./jsqr` (a module worker imports it; the classic worker
 * of old browsers, built by scripts/scanner-classic.ts, loads a plain script). Only the QR reader is imported; the
 * bundler treats @zxing/* as side-effect free, so the rest of the library is left out.
 *
 * The page side is `./index.ts`; the messages are in `./protocol.ts`.
 */
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from "@zxing/library";
import { PHOTO_MAX_SCALE, type Pixels, type Rect, type Surface, drawScaled, photoSizes, readPixels } from "./draw";
import { type JsQr, loadJsQr } from "./jsqr";
import type { Effort, JobMessage, Ready, Reply } from "./protocol";

/** What this file uses of a dedicated worker's global scope (the page's DOM types describe the rest). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<JobMessage>) => void) | null;
  postMessage(message: Reply | Ready): void;
}

const scope = self as unknown as WorkerScope;

const reader = new QRCodeReader();

function hints(effort: "fast" | "hard" | "pure"): Map<DecodeHintType, unknown> {
  const map = new Map<DecodeHintType, unknown>();
  // The card's QR is UTF-8 without an ECI marker; guessing the encoding would garble Vietnamese names.
  map.set(DecodeHintType.CHARACTER_SET, "UTF-8");
  if (effort === "hard") map.set(DecodeHintType.TRY_HARDER, true);
  if (effort === "pure") map.set(DecodeHintType.PURE_BARCODE, true);
  return map;
}

const HINTS = { fast: hints("fast"), hard: hints("hard"), pure: hints("pure") };

/** Luminance of RGBA pixels, as @zxing/browser computes it from a canvas (transparent counts as white). */
function luminance(px: Pixels): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(px.data);
  const out = new Uint8ClampedArray(px.width * px.height);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j++) {
    out[j] = rgba[i + 3] === 0 ? 0xff : (306 * rgba[i]! + 601 * rgba[i + 1]! + 117 * rgba[i + 2]! + 0x200) >> 10;
  }
  return out;
}

/** zxing on `gray`, or `null` (zxing throws for "not found", "checksum" and such). */
function zxing(gray: Uint8ClampedArray, px: Pixels, effort: "fast" | "hard" | "pure"): string | null {
  try {
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(gray, px.width, px.height)));
    return reader.decode(bitmap, HINTS[effort]).getText() || null;
  } catch {
    return null;
  } finally {
    reader.reset();
  }
}

const utf8 = typeof TextDecoder !== "undefined" ? new TextDecoder("utf-8") : null;

/** jsQR on the pixels; the bytes are read as UTF-8 whatever jsQR guessed. */
function jsQrDecode(jsQR: JsQr, px: Pixels): string | null {
  const code = jsQR(new Uint8ClampedArray(px.data), px.width, px.height, { inversionAttempts: "dontInvert" });
  if (!code) return null;
  if (utf8 && code.binaryData.length) {
    try {
      return utf8.decode(new Uint8Array(code.binaryData));
    } catch {
      // fall back to jsQR's own text
    }
  }
  return code.data || null;
}

/** The pixels at one `effort`; jsQR is loaded on its first use (a failed load rejects). */
async function decodePixels(px: Pixels, effort: Effort): Promise<string | null> {
  if (effort === "jsqr") return jsQrDecode(await loadJsQr(), px);
  const gray = luminance(px);
  if (effort === "fast") return zxing(gray, px, "fast");
  // TRY_HARDER first; PURE_BARCODE is nearly free and reads clean codes that the detector misses.
  return zxing(gray, px, "hard") ?? zxing(gray, px, "pure");
}

/**
 * `image` (or its part `crop`) drawn at `longest` px (at most `maxScale`×) on the worker's canvas; `null` without
 * a 2D context.
 */
function imagePixels(
  canvas: Surface,
  image: ImageBitmap | VideoFrame,
  longest: number,
  maxScale: number,
  crop?: Rect,
): Pixels | null {
  const [w, h] = "displayWidth" in image ? [image.displayWidth, image.displayHeight] : [image.width, image.height];
  const ctx = drawScaled(canvas, image, w, h, longest, maxScale, crop);
  return ctx ? readPixels(ctx, canvas) : null;
}

let canvas: OffscreenCanvas | null = null;

function offscreen(): OffscreenCanvas {
  canvas ??= new OffscreenCanvas(1, 1);
  return canvas;
}

/** A photo at each size: zxing at all of them first, then jsQR. */
async function decodePhoto(bitmap: ImageBitmap): Promise<string | null | "image"> {
  const sizes = photoSizes(Math.max(bitmap.width, bitmap.height));
  for (const effort of ["photo", "jsqr"] as const) {
    for (const size of sizes) {
      const px = imagePixels(offscreen(), bitmap, size, PHOTO_MAX_SCALE);
      if (!px) return "image";
      const text = await decodePixels(px, effort);
      if (text) return text;
    }
  }
  return null;
}

async function run(job: JobMessage): Promise<Reply> {
  const { id } = job;
  try {
    if (job.op === "pixels") return { id, text: await decodePixels(job.pixels, job.effort) };
    if (job.op === "frame") {
      const px = imagePixels(offscreen(), job.frame, job.longest, 1, job.crop);
      return px ? { id, text: await decodePixels(px, "fast") } : { id, error: "image" };
    }
    const text = await decodePhoto(job.bitmap);
    return text === "image" ? { id, error: "image" } : { id, text };
  } catch {
    // only jsQR's load can fail here (the decoders catch their own errors)
    return { id, error: "load" };
  } finally {
    if (job.op === "frame") job.frame.close();
    else if (job.op === "photo") job.bitmap.close();
  }
}

/** True when this worker can draw a bitmap itself (Chrome 69, Safari 16.4, Firefox 105). */
function canDraw(): boolean {
  try {
    return typeof OffscreenCanvas === "function" && !!new OffscreenCanvas(1, 1).getContext("2d");
  } catch {
    return false;
  }
}

scope.onmessage = (event) => {
  void run(event.data).then((reply) => scope.postMessage(reply));
};
scope.postMessage({ ready: true, offscreen: canDraw() });
