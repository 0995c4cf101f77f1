/**
 * The messages between the page and the scanner's worker (`./zxing.ts`). The worker says {@link Ready} once its
 * decoder is loaded, then answers each {@link Job} with one {@link Reply} carrying the same `id`. Frames, bitmaps
 * and pixel buffers are transferred, not copied; the worker closes what it receives.
 */
import type { Pixels, Rect } from "./draw";

/**
 * How hard the decoders try on {@link Pixels}: `fast` (zxing) for a video frame, `photo` (zxing TRY_HARDER, then
 * PURE_BARCODE) and `jsqr` (the fallback) for one size of a photo.
 */
export type Effort = "fast" | "photo" | "jsqr";

/** What the page asks for. */
export type Job =
  /**
   * A whole video frame; its part `crop` is drawn in the worker at up to `longest` px and read with zxing `fast`.
   * A `VideoFrame` where the browser has them (a handle on the camera's frame: the page copies nothing).
   */
  | { op: "frame"; frame: VideoFrame | ImageBitmap; crop: Rect; longest: number }
  /** Pixels the page prepared (no `OffscreenCanvas` in the worker). */
  | { op: "pixels"; pixels: Pixels; effort: Effort }
  /** A whole photo: every size of `photoSizes`, zxing first, then jsQR. */
  | { op: "photo"; bitmap: ImageBitmap };

/** A job as posted: with the id its reply carries. */
export type JobMessage = Job & { id: number };

/** Why a job failed: the fallback decoder could not be fetched, or the bitmap could not be drawn. */
export type JobError = "load" | "image";

/** The text read (`null`: no code), or why nothing could be tried. */
export type Reply = { id: number; text: string | null } | { id: number; error: JobError };

/** The worker's first message: its decoder is loaded; `offscreen` when it can draw bitmaps itself. */
export interface Ready {
  ready: true;
  offscreen: boolean;
}
