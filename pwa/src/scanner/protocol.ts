/**
 * The messages between the page and the scanner's worker (`./zxing.ts`). The worker says {@link Ready} once its
 * decoder is loaded, then answers each {@link Job} with one {@link Reply} carrying the same `id`.
 */
import type { Pixels } from "./draw";

/**
 * How hard the decoders try on {@link Pixels}: `fast` (zxing) for a video frame, `photo` (zxing TRY_HARDER, then
 * PURE_BARCODE) and `jsqr` (the fallback) for one size of a photo.
 */
export type Effort = "fast" | "photo" | "jsqr";

/** What the page asks for. Bitmaps and pixel buffers are transferred, not copied. */
export type Job =
  /** A video frame (already cropped), scaled down in the worker to `longest` px and read with zxing `fast`. */
  | { op: "frame"; bitmap: ImageBitmap; longest: number }
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
