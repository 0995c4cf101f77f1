/**
 * jsQR for the classic worker of old browsers (no module workers): a plain script next to the worker
 * (`./jsqr.global.ts`, built by scripts/scanner-classic.ts, which also puts its file name in
 * `__VNEID_JSQR_FILE__`), loaded with `importScripts` the first time zxing gives up on a photo.
 */
import type { JsQr } from "./jsqr";

declare const __VNEID_JSQR_FILE__: string;

interface ClassicScope {
  importScripts(...urls: string[]): void;
  jsQR?: JsQr;
}

/** Loads jsQR once; a failed load (network) rejects and may be retried. */
export function loadJsQr(): Promise<JsQr> {
  const scope = self as unknown as ClassicScope;
  try {
    if (!scope.jsQR) scope.importScripts(__VNEID_JSQR_FILE__);
    return scope.jsQR ? Promise.resolve(scope.jsQR) : Promise.reject(new Error("jsQR"));
  } catch (e) {
    return Promise.reject(e);
  }
}
