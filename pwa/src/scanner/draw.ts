/**
 * Pixels for the decoders, on either side of the scanner's worker: a source image (a video frame, a photo) drawn
 * scaled on a canvas (a page `<canvas>`, or an `OffscreenCanvas` in the worker), and the sizes a photo is tried at.
 */

/** A part of a source image: x, y, width, height. */
export type Rect = [number, number, number, number];

/** RGBA pixels, 4 bytes each, row after row (an `ImageData`'s buffer, movable between threads). */
export interface Pixels {
  width: number;
  height: number;
  data: ArrayBuffer;
}

type Context2d = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** What both kinds of canvas offer here. */
export interface Surface {
  width: number;
  height: number;
  getContext(contextId: "2d", options?: CanvasRenderingContext2DSettings): Context2d | null;
}

/** A 2D context for reading pixels back often. */
function context2d(canvas: Surface): Context2d | null {
  try {
    return canvas.getContext("2d", { willReadFrequently: true });
  } catch {
    return canvas.getContext("2d");
  }
}

/**
 * Draws `source` (w×h), or its part `crop`, on `canvas` with the longest side `longest` px (at most `maxScale`
 * times enlarged), on white. Returns the context, or `null` when the browser gives none.
 */
export function drawScaled(
  canvas: Surface,
  source: CanvasImageSource,
  w: number,
  h: number,
  longest: number,
  maxScale = 1,
  crop: Rect = [0, 0, w, h],
): Context2d | null {
  const [sx, sy, sw, sh] = crop;
  const scale = Math.min(maxScale, longest / Math.max(sw, sh));
  const cw = Math.max(1, Math.round(sw * scale));
  const ch = Math.max(1, Math.round(sh * scale));
  if (canvas.width !== cw) canvas.width = cw;
  if (canvas.height !== ch) canvas.height = ch;
  const ctx = context2d(canvas);
  if (!ctx) return null;
  ctx.imageSmoothingEnabled = true;
  try {
    ctx.imageSmoothingQuality = "high";
  } catch {
    // older browsers
  }
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, cw, ch);
  ctx.drawImage(source, sx, sy, sw, sh, 0, 0, cw, ch);
  return ctx;
}

/** The whole canvas of `ctx` as {@link Pixels}. */
export function readPixels(ctx: Context2d, canvas: Surface): Pixels {
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return { width: image.width, height: image.height, data: image.data.buffer as ArrayBuffer };
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

/** Largest photo enlargement: a small image is tried at up to twice its size. */
export const PHOTO_MAX_SCALE = 2;
