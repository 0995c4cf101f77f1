/**
 * jsQR for the module worker: its own lazy chunk, imported the first time zxing gives up on a photo. The classic
 * worker of old browsers gets `./jsqr.classic.ts` instead (scripts/scanner-classic.ts swaps them).
 */

/** jsQR's decode function. */
export type JsQr = typeof import("jsqr").default;

let jsQrPromise: Promise<JsQr> | null = null;

/** Loads jsQR once; a failed load (network) may be retried. */
export function loadJsQr(): Promise<JsQr> {
  if (!jsQrPromise) {
    jsQrPromise = import("jsqr").then((m) => (m as unknown as { default: JsQr }).default ?? (m as unknown as JsQr));
    jsQrPromise.catch(() => (jsQrPromise = null));
  }
  return jsQrPromise;
}
