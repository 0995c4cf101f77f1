/**
 * The one QR scanner of the app, three ways in, one decode path:
 * - `start(video, onResult)` / `stop()`: the live back camera, frame after frame;
 * - `decodeImage(file)`: a photo (or any image), decoded on a canvas at several sizes.
 * The decoders (@zxing/browser + @zxing/library, then jsQR as the fallback) are imported lazily, the first time
 * one of these is called: they are not part of any screen's bundle.
 *
 * `performance.mark("vneid-scan-start")` and `"vneid-scan-decoded"` time the live scan (scripts/bench-scan.ts
 * reads them; harmless in production).
 */
import { CameraError, closeCamera, openCamera } from "../camera";
import { savingData } from "../device";

export { CameraError };
export type { CameraProblem } from "../camera";

/** Why a photo could not be read at all: it is not an image, or the decoders could not be fetched. */
export class ImageError extends Error {
  constructor(readonly problem: "not-image" | "load") {
    super(problem);
  }
}

type Decoders = typeof import("./zxing");

let decodersPromise: Promise<Decoders> | null = null;

/** Loads the decoder chunk once; a failed load (network) may be retried. */
function loadDecoders(): Promise<Decoders> {
  if (!decodersPromise) {
    decodersPromise = import("./zxing");
    decodersPromise.catch(() => (decodersPromise = null));
  }
  return decodersPromise;
}

/**
 * Starts fetching the decoders ahead of time (when the scan screen shows), without waiting for them; not when the
 * browser asks to save data (`Save-Data`): then they load on the first scan.
 */
export function preload(): void {
  if (savingData()) return;
  void loadDecoders().catch(() => undefined);
}

function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // no User Timing API
  }
}

/** A 2D context for reading pixels back often. */
function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext("2d", { willReadFrequently: true }) as CanvasRenderingContext2D | null;
  } catch {
    return canvas.getContext("2d");
  }
}

/** A part of a source image: x, y, width, height. */
type Rect = [number, number, number, number];

/**
 * Draws `source` (w×h), or its part `crop`, on `canvas` with the longest side `longest` px (at most `maxScale`
 * times enlarged).
 */
function drawScaled(
  canvas: HTMLCanvasElement,
  source: CanvasImageSource,
  w: number,
  h: number,
  longest: number,
  maxScale = 1,
  crop: Rect = [0, 0, w, h],
): boolean {
  const [sx, sy, sw, sh] = crop;
  const scale = Math.min(maxScale, longest / Math.max(sw, sh));
  const cw = Math.max(1, Math.round(sw * scale));
  const ch = Math.max(1, Math.round(sh * scale));
  if (canvas.width !== cw) canvas.width = cw;
  if (canvas.height !== ch) canvas.height = ch;
  const ctx = context2d(canvas);
  if (!ctx) return false;
  ctx.imageSmoothingEnabled = true;
  try {
    ctx.imageSmoothingQuality = "high";
  } catch {
    // older browsers
  }
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, cw, ch);
  ctx.drawImage(source, sx, sy, sw, sh, 0, 0, cw, ch);
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Live camera

interface Session {
  video: HTMLVideoElement;
  stream: MediaStream | null;
  stopped: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

let session: Session | null = null;

/** Longest side of a whole video frame handed to the decoder: enough for a card's QR held in the frame. */
const FRAME_MAX = 640;
/**
 * Every other attempt reads only the square inside the framing guide (this share of the frame's short side, the
 * guide in styles.css being a bit smaller), at up to this many px: half the pixels of a whole frame, so twice as
 * fast on a slow phone, and sharper on a camera that gives more than 640 px.
 */
const CENTRE_SHARE = 0.8;
const CENTRE_MAX = 480;
/** Pause between two decode attempts, so that a slow phone still answers taps. */
const FRAME_GAP_MS = 30;
/** The same text is reported once per this long. */
const REPEAT_MS = 2000;

/**
 * Opens the back camera in `video` and calls `onResult` with the text of each QR code seen (the same text at most
 * every 2 s) until {@link stop}. Rejects with a {@link CameraError} when there is no usable camera.
 */
export async function start(video: HTMLVideoElement, onResult: (text: string) => void): Promise<void> {
  stop();
  mark("vneid-scan-start");
  const s: Session = { video, stream: null, stopped: false, timer: undefined };
  session = s;
  const decoders = loadDecoders();
  decoders.catch(() => undefined);
  const stream = await openCamera(video, "environment");
  if (s.stopped) {
    closeCamera(stream, video);
    return;
  }
  s.stream = stream;
  const dec = await decoders;
  if (s.stopped) return;

  const canvas = document.createElement("canvas");
  let lastText = "";
  let lastAt = 0;
  let reported = false;
  let attempt = 0;
  const tick = () => {
    if (s.stopped) return;
    const w = video.videoWidth;
    const h = video.videoHeight;
    const side = Math.round(Math.min(w, h) * CENTRE_SHARE);
    const centre: Rect = [Math.round((w - side) / 2), Math.round((h - side) / 2), side, side];
    const drawn =
      video.readyState >= 2 &&
      w > 0 &&
      h > 0 &&
      (attempt++ % 2 === 0 ? drawScaled(canvas, video, w, h, CENTRE_MAX, 1, centre) : drawScaled(canvas, video, w, h, FRAME_MAX));
    if (drawn) {
      const text = dec.zxingDecode(canvas, "fast");
      if (text && !s.stopped) {
        const now = Date.now();
        if (text !== lastText || now - lastAt > REPEAT_MS) {
          lastText = text;
          lastAt = now;
          if (!reported) mark("vneid-scan-decoded");
          reported = true;
          onResult(text);
        }
      }
    }
    if (!s.stopped) s.timer = setTimeout(tick, FRAME_GAP_MS);
  };
  tick();
}

/** Stops the live scan and the camera (every track). Safe to call at any time. */
export function stop(): void {
  const s = session;
  session = null;
  if (!s) return;
  s.stopped = true;
  if (s.timer !== undefined) clearTimeout(s.timer);
  closeCamera(s.stream, s.video);
}

// ---------------------------------------------------------------------------------------------------------------
// Photos

interface LoadedImage {
  source: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

async function loadImage(file: Blob): Promise<LoadedImage> {
  if (typeof createImageBitmap === "function") {
    try {
      const bitmap = await createImageBitmap(file);
      return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
    } catch {
      // some browsers cannot decode every format this way: try an <img>
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.decoding = "async";
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("image"));
      img.src = url;
    });
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e;
  }
}

/**
 * The sizes (longest side, px) a photo is tried at, best first: phone photos decode only once scaled down, and
 * @zxing/library 0.23 misses some clean codes at one scale that it reads at another (zxing-js/library#653).
 */
export function photoSizes(longest: number): number[] {
  const out: number[] = [];
  // A small image (a screenshot, a cropped code) is tried as it is first, then enlarged up to twice.
  if (longest < 1024) out.push(longest);
  for (const s of [1024, 800, 600, 1280, 700, 900, 480, 1600, 400]) {
    if (s <= longest * 2 && !out.includes(s)) out.push(s);
  }
  if (longest <= 2000 && !out.includes(longest)) out.push(longest);
  return out;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Reads the QR code in a photo: zxing at several sizes (TRY_HARDER), then PURE_BARCODE, then jsQR. Resolves to
 * the code's text, or `null` when no code could be read. Rejects with an {@link ImageError} when the file is not
 * an image or the decoders could not be fetched.
 */
export async function decodeImage(file: Blob): Promise<string | null> {
  const [dec, img] = await Promise.all([
    loadDecoders().catch(() => {
      throw new ImageError("load");
    }),
    loadImage(file).catch(() => {
      throw new ImageError("not-image");
    }),
  ]);
  const canvas = document.createElement("canvas");
  try {
    const sizes = photoSizes(Math.max(img.width, img.height));
    for (const size of sizes) {
      if (!drawScaled(canvas, img.source, img.width, img.height, size, 2)) return null;
      // TRY_HARDER first; PURE_BARCODE is nearly free and reads clean codes that the detector misses.
      const text = dec.zxingDecode(canvas, "hard") ?? dec.zxingDecode(canvas, "pure");
      if (text) return text;
      await nextTask(); // let the page breathe between attempts
    }
    const jsQR = await dec.loadJsQr();
    for (const size of sizes) {
      if (!drawScaled(canvas, img.source, img.width, img.height, size, 2)) return null;
      const text = dec.jsQrDecode(jsQR, canvas);
      if (text) return text;
      await nextTask();
    }
    return null;
  } finally {
    img.close();
    canvas.width = canvas.height = 0;
  }
}
