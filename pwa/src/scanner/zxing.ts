/**
 * The decoders, loaded only when the scanner opens (see `./index.ts`): @zxing's QR reader on a canvas, and jsQR as
 * the fallback (a second lazy chunk, fetched only if zxing gives up on a photo). Only the QR reader is imported;
 * the bundler treats @zxing/* as side-effect free, so the rest of the library is left out.
 */
import { HTMLCanvasElementLuminanceSource } from "@zxing/browser";
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader } from "@zxing/library";

/** How hard zxing tries: `fast` for video frames, `hard` and `pure` for photos. */
export type Effort = "fast" | "hard" | "pure";

const reader = new QRCodeReader();

function hints(effort: Effort): Map<DecodeHintType, unknown> {
  const map = new Map<DecodeHintType, unknown>();
  // The card's QR is UTF-8 without an ECI marker; guessing the encoding would garble Vietnamese names.
  map.set(DecodeHintType.CHARACTER_SET, "UTF-8");
  if (effort === "hard") map.set(DecodeHintType.TRY_HARDER, true);
  if (effort === "pure") map.set(DecodeHintType.PURE_BARCODE, true);
  return map;
}

const HINTS: Record<Effort, Map<DecodeHintType, unknown>> = { fast: hints("fast"), hard: hints("hard"), pure: hints("pure") };

/** The text of the QR code drawn on `canvas`, or `null` (zxing throws for "not found", "checksum" and such). */
export function zxingDecode(canvas: HTMLCanvasElement, effort: Effort): string | null {
  try {
    const bitmap = new BinaryBitmap(new HybridBinarizer(new HTMLCanvasElementLuminanceSource(canvas)));
    const text = reader.decode(bitmap, HINTS[effort]).getText();
    return text || null;
  } catch {
    return null;
  } finally {
    reader.reset();
  }
}

type JsQr = typeof import("jsqr").default;
let jsQrPromise: Promise<JsQr> | null = null;

/** Loads jsQR once (its own lazy chunk). */
export function loadJsQr(): Promise<JsQr> {
  if (!jsQrPromise) {
    jsQrPromise = import("jsqr").then((m) => (m as unknown as { default: JsQr }).default ?? (m as unknown as JsQr));
    jsQrPromise.catch(() => (jsQrPromise = null));
  }
  return jsQrPromise;
}

const utf8 = typeof TextDecoder !== "undefined" ? new TextDecoder("utf-8") : null;

/** jsQR on the canvas's pixels; the bytes are read as UTF-8 whatever jsQR guessed. */
export function jsQrDecode(jsQR: JsQr, canvas: HTMLCanvasElement): string | null {
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const code = jsQR(data, width, height, { inversionAttempts: "dontInvert" });
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
