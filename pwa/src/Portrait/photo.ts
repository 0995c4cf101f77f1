/**
 * The portrait as the server takes it: a JPEG of at most 640 px on its longest side and 150 kB (153,600 bytes),
 * made on the device. The quality steps down (0.85 → 0.5), then the size, until it fits.
 */

export const PHOTO_MAX_BYTES = 153_600;
export const PHOTO_MAX_SIDE = 640;
const QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.5];

export interface Portrait {
  blob: Blob;
  width: number;
  height: number;
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  if (typeof canvas.toBlob === "function") {
    return new Promise((resolve) => canvas.toBlob((b) => resolve(b), "image/jpeg", quality));
  }
  // Very old browsers: through a data URL.
  const url = canvas.toDataURL("image/jpeg", quality);
  const bytes = atob(url.slice(url.indexOf(",") + 1));
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i);
  return Promise.resolve(new Blob([out], { type: "image/jpeg" }));
}

/** True when `blob` starts like a JPEG (some old browsers quietly make a PNG instead). */
async function isJpeg(blob: Blob): Promise<boolean> {
  const head = new Uint8Array(await new Response(blob.slice(0, 3)).arrayBuffer());
  return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
}

/**
 * Encodes `source` (w×h px), or its part `crop` (x, y, width, height), as a portrait JPEG that fits the limits;
 * `null` if the browser cannot.
 */
export async function encodePortrait(
  source: CanvasImageSource,
  sourceW: number,
  sourceH: number,
  crop: [number, number, number, number] = [0, 0, sourceW, sourceH],
  limits: { maxSide: number; maxBytes: number } = { maxSide: PHOTO_MAX_SIDE, maxBytes: PHOTO_MAX_BYTES },
): Promise<Portrait | null> {
  const [sx, sy, w, h] = crop;
  if (!(w > 0 && h > 0)) return null;
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  let longest = Math.min(limits.maxSide, Math.max(w, h));
  try {
    for (let round = 0; round < 8 && longest >= 120; round++) {
      const scale = longest / Math.max(w, h);
      canvas.width = Math.max(1, Math.round(w * scale));
      canvas.height = Math.max(1, Math.round(h * scale));
      ctx.imageSmoothingEnabled = true;
      try {
        ctx.imageSmoothingQuality = "high";
      } catch {
        // older browsers
      }
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(source, sx, sy, w, h, 0, 0, canvas.width, canvas.height);
      for (const q of QUALITIES) {
        const blob = await toBlob(canvas, q);
        if (!blob || !(await isJpeg(blob))) return null;
        if (blob.size <= limits.maxBytes) {
          return {
            blob: blob.type === "image/jpeg" ? blob : new Blob([blob], { type: "image/jpeg" }),
            width: canvas.width,
            height: canvas.height,
          };
        }
      }
      longest = Math.round(longest * 0.8);
    }
    return null;
  } finally {
    canvas.width = canvas.height = 0;
  }
}

/** Width / height of the portrait frame on screen (`.camera-portrait` in styles.css). */
const FRAME_ASPECT = 3 / 4;

/** A still of the playing `video`, the part the citizen saw in the 3:4 frame, as a portrait JPEG. */
export function captureVideo(video: HTMLVideoElement): Promise<Portrait | null> {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  const w = Math.min(vw, Math.round(vh * FRAME_ASPECT));
  const h = Math.min(vh, Math.round(w / FRAME_ASPECT));
  return encodePortrait(video, vw, vh, [Math.round((vw - w) / 2), Math.round((vh - h) / 2), w, h]);
}

/** A picked photo file as a portrait JPEG (smaller `limits` for an event record); rejects when it is not an image. */
export async function portraitFromFile(
  file: Blob,
  limits?: { maxSide: number; maxBytes: number },
): Promise<Portrait | null> {
  if (typeof createImageBitmap === "function") {
    let bitmap: ImageBitmap | null = null;
    try {
      bitmap = await createImageBitmap(file);
    } catch {
      bitmap = null;
    }
    if (bitmap) {
      try {
        return await encodePortrait(bitmap, bitmap.width, bitmap.height, undefined, limits);
      } finally {
        bitmap.close();
      }
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("image"));
      img.src = url;
    });
    return await encodePortrait(img, img.naturalWidth, img.naturalHeight, undefined, limits);
  } finally {
    URL.revokeObjectURL(url);
  }
}
