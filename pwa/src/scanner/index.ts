/**
 * The one QR scanner of the app, three ways in, one decode path:
 * - `start(video, onResult)` / `stop()`: the live back camera, frame after frame;
 * - `decodeImage(file)`: a photo (or any image), decoded at several sizes.
 * The decoding runs in a worker (`./zxing.ts`: @zxing/library, then jsQR as the fallback), started the first time
 * one of these is called; the page only grabs frames and hands them over, one at a time, so that a slow phone
 * still answers taps while the camera scans. The decoders are not part of any screen's bundle.
 *
 * `performance.mark("vneid-scan-start")` and `"vneid-scan-decoded"` time the live scan (scripts/bench-scan.ts
 * reads them; harmless in production).
 */
import { CameraError, closeCamera, openCamera } from "../camera";
import { savingData } from "../device";
import { mark } from "../marks";
import { type Decoder, DecoderError, connect } from "./decoder";
import { PHOTO_MAX_SCALE, type Rect, drawScaled, photoSizes, readPixels } from "./draw";
import type { Effort, Job } from "./protocol";

export { photoSizes };
export { CameraError };
export type { CameraProblem } from "../camera";

/** Why a photo could not be read at all: it is not an image, or the decoders could not be fetched. */
export class ImageError extends Error {
  constructor(readonly problem: "not-image" | "load") {
    super(problem);
  }
}

/**
 * Starts the decoder worker ahead of time (when the scan screen shows), without waiting for it; not when the
 * browser asks to save data (`Save-Data`): then it starts on the first scan.
 */
export function preload(): void {
  if (savingData()) return;
  void connect().catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------------------------
// Live camera

interface Session {
  video: HTMLVideoElement;
  stream: MediaStream | null;
  stopped: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** For frames the page reads itself (no bitmaps for the worker). */
  canvas: HTMLCanvasElement | null;
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
/** At most one frame per this long goes to the worker, and only once the previous one is answered. */
const FRAME_INTERVAL_MS = 50;
/** After the worker died, the next frame waits this long (it restarts then). */
const RETRY_MS = 1000;
/** The same text is reported once per this long. */
const REPEAT_MS = 2000;

/**
 * How the page hands a video frame to a worker that draws: as a `VideoFrame` (Chrome 94, Safari 16.4, Firefox 130:
 * a handle on the camera's frame, nothing is copied on the page), else as an `ImageBitmap` (a copy, made on the
 * page's thread), else not at all (the page reads the pixels itself). A way that failed once is not tried again.
 */
let frameGrab: "video-frame" | "bitmap" | "pixels" =
  typeof VideoFrame === "function" ? "video-frame" : typeof createImageBitmap === "function" ? "bitmap" : "pixels";

/** The way of {@link frameGrab} failed: the next one down from now on. */
function nextFrameGrab(): void {
  frameGrab = frameGrab === "video-frame" && typeof createImageBitmap === "function" ? "bitmap" : "pixels";
}

/** The job for the part `crop` of the video's current frame at up to `longest` px, with what it transfers. */
async function frameJob(s: Session, dec: Decoder, crop: Rect, longest: number): Promise<[Job, Transferable[]] | null> {
  if (dec.offscreen && frameGrab === "video-frame") {
    try {
      const frame = new VideoFrame(s.video);
      return [{ op: "frame", frame, crop, longest }, [frame]];
    } catch {
      nextFrameGrab();
    }
  }
  if (dec.offscreen && frameGrab === "bitmap") {
    try {
      const frame = await createImageBitmap(s.video);
      return [{ op: "frame", frame, crop, longest }, [frame]];
    } catch {
      nextFrameGrab();
    }
  }
  s.canvas ??= document.createElement("canvas");
  const ctx = drawScaled(s.canvas, s.video, s.video.videoWidth, s.video.videoHeight, longest, 1, crop);
  if (!ctx) return null;
  const pixels = readPixels(ctx, s.canvas);
  return [{ op: "pixels", pixels, effort: "fast" }, [pixels.data]];
}

/** Closes what a job that was not sent holds (a sent one is the worker's to close). */
function release(job: Job): void {
  if (job.op === "frame") job.frame.close();
  else if (job.op === "photo") job.bitmap.close();
}

/** The text in the part `crop` of the video's current frame, read by the worker at up to `longest` px. */
async function decodeFrame(s: Session, dec: Decoder, crop: Rect, longest: number): Promise<string | null> {
  const job = await frameJob(s, dec, crop, longest);
  if (!job) return null;
  const [message, transfer] = job;
  if (s.stopped) {
    release(message);
    return null;
  }
  try {
    return await dec.run(message, transfer);
  } catch (e) {
    if (!(e instanceof DecoderError)) {
      // the frame could not be posted: the next frames go the next way down
      release(message);
      if (message.op === "frame") nextFrameGrab();
    }
    throw e;
  }
}

/**
 * Opens the back camera in `video` and calls `onResult` with the text of each QR code seen (the same text at most
 * every 2 s) until {@link stop}. Rejects with a {@link CameraError} when there is no usable camera.
 */
export async function start(video: HTMLVideoElement, onResult: (text: string) => void): Promise<void> {
  stop();
  mark("vneid-scan-start");
  const s: Session = { video, stream: null, stopped: false, timer: undefined, canvas: null };
  session = s;
  const decoder = connect();
  decoder.catch(() => undefined);
  const stream = await openCamera(video, "environment");
  if (s.stopped) {
    closeCamera(stream, video);
    return;
  }
  s.stream = stream;
  await decoder;
  if (s.stopped) return;

  let lastText = "";
  let lastAt = 0;
  let reported = false;
  let attempt = 0;
  const tick = async () => {
    if (s.stopped) return;
    const began = performance.now();
    let wait = FRAME_INTERVAL_MS;
    let text: string | null = null;
    try {
      const dec = await connect();
      const w = video.videoWidth;
      const h = video.videoHeight;
      if (video.readyState >= 2 && w > 0 && h > 0 && !s.stopped) {
        const side = Math.round(Math.min(w, h) * CENTRE_SHARE);
        const centre: Rect = [Math.round((w - side) / 2), Math.round((h - side) / 2), side, side];
        text =
          attempt++ % 2 === 0
            ? await decodeFrame(s, dec, centre, CENTRE_MAX)
            : await decodeFrame(s, dec, [0, 0, w, h], FRAME_MAX);
      }
    } catch {
      wait = RETRY_MS;
    }
    if (s.stopped) return;
    if (text) {
      const now = Date.now();
      if (text !== lastText || now - lastAt > REPEAT_MS) {
        lastText = text;
        lastAt = now;
        if (!reported) mark("vneid-scan-decoded");
        reported = true;
        onResult(text);
      }
    }
    if (!s.stopped) s.timer = setTimeout(() => void tick(), Math.max(0, began + wait - performance.now()));
  };
  void tick();
}

/** Stops the live scan and the camera (every track). Safe to call at any time. */
export function stop(): void {
  const s = session;
  session = null;
  if (!s) return;
  s.stopped = true;
  if (s.timer !== undefined) clearTimeout(s.timer);
  closeCamera(s.stream, s.video);
  if (s.canvas) s.canvas.width = s.canvas.height = 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Photos

interface LoadedImage {
  source: CanvasImageSource;
  /** The same image as a bitmap, which the worker can draw itself. */
  bitmap: ImageBitmap | null;
  width: number;
  height: number;
  close(): void;
}

async function loadImage(file: Blob): Promise<LoadedImage> {
  if (typeof createImageBitmap === "function") {
    try {
      const bitmap = await createImageBitmap(file);
      return { source: bitmap, bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
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
    return {
      source: img,
      bitmap: null,
      width: img.naturalWidth,
      height: img.naturalHeight,
      close: () => URL.revokeObjectURL(url),
    };
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e;
  }
}

/** The photo drawn by the page at each size, each sent to the worker: zxing at every size first, then jsQR. */
async function decodeOnPage(dec: Decoder, img: LoadedImage): Promise<string | null> {
  const canvas = document.createElement("canvas");
  try {
    const sizes = photoSizes(Math.max(img.width, img.height));
    for (const effort of ["photo", "jsqr"] satisfies Effort[]) {
      for (const size of sizes) {
        const ctx = drawScaled(canvas, img.source, img.width, img.height, size, PHOTO_MAX_SCALE);
        if (!ctx) return null;
        const pixels = readPixels(ctx, canvas);
        const text = await dec.run({ op: "pixels", pixels, effort }, [pixels.data]);
        if (text) return text;
      }
    }
    return null;
  } finally {
    canvas.width = canvas.height = 0;
  }
}

/**
 * Reads the QR code in a photo: zxing at several sizes (TRY_HARDER, then PURE_BARCODE), then jsQR, all in the
 * worker. Resolves to the code's text, or `null` when no code could be read. Rejects with an {@link ImageError}
 * when the file is not an image or the decoders could not be fetched.
 */
export async function decodeImage(file: Blob): Promise<string | null> {
  const [dec, img] = await Promise.all([
    connect().catch(() => {
      throw new ImageError("load");
    }),
    loadImage(file).catch(() => {
      throw new ImageError("not-image");
    }),
  ]);
  try {
    // Where the worker can draw, the whole photo goes there at once: the page does not even scale it.
    return dec.offscreen && img.bitmap
      ? await dec.run({ op: "photo", bitmap: img.bitmap }, [img.bitmap])
      : await decodeOnPage(dec, img);
  } catch (e) {
    if (!(e instanceof DecoderError)) throw e;
    if (e.problem === "image") return null;
    throw new ImageError("load");
  } finally {
    img.close();
  }
}
