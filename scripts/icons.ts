/**
 * `npm run icons`: draws the app icons (pwa/public/icons/*.png) with no image library: the brand mark of the page
 * header (a yellow star on a red ground) rasterised with 4×4 supersampling and written by a tiny PNG encoder
 * (zlib + CRC-32 from node). The PNGs are committed; run this again only to change them.
 *
 * - icon-192.png, icon-512.png: "any" purpose: a red rounded square with a yellow disc and a red star;
 * - maskable-512.png: the full square is red (the launcher cuts its own shape) and the star stays inside the
 *   central 80 % safe zone;
 * - apple-touch-icon.png (180 px): iOS ignores the manifest's icons.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { ROOT } from "./dev-server";

type RGBA = [number, number, number, number];
const RED: RGBA = [0xa3, 0x11, 0x1b, 255];
const YELLOW: RGBA = [0xff, 0xd2, 0x00, 255];
const CLEAR: RGBA = [0, 0, 0, 0];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGBA PNG of `size`×`size` pixels. */
function encodePng(size: number, pixels: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, pixels.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Is (x, y) inside the polygon? (even-odd rule) */
function inPolygon(x: number, y: number, pts: Array<[number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i] as [number, number];
    const [xj, yj] = pts[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A five-pointed star centred on (cx, cy) with outer radius r. */
function star(cx: number, cy: number, r: number): Array<[number, number]> {
  const inner = r * 0.382;
  return Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r : inner;
    return [cx + rr * Math.cos(a), cy + rr * Math.sin(a)] as [number, number];
  });
}

/** Colour of the point (u, v) in a unit square (0..1). */
type Shader = (u: number, v: number) => RGBA;

function render(size: number, shade: Shader): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const S = 4; // 4×4 samples per pixel
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = shade((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
          // premultiplied, so that the edge against a transparent corner is not darkened
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const i = (y * size + x) * 4;
      out[i] = a ? Math.round(r / a) : 0;
      out[i + 1] = a ? Math.round(g / a) : 0;
      out[i + 2] = a ? Math.round(b / a) : 0;
      out[i + 3] = Math.round(a / (S * S));
    }
  }
  return out;
}

/** The header's brand mark: a yellow disc with a red star, on a red ground of the given corner radius. */
function brandMark(opts: { corner: number; disc: number }): Shader {
  const starPts = star(0.5, 0.53, opts.disc * 0.72);
  return (u, v) => {
    const k = opts.corner;
    // rounded square: outside the corner circles is transparent
    const dx = Math.max(k - u, 0, u - (1 - k));
    const dy = Math.max(k - v, 0, v - (1 - k));
    if (k > 0 && dx * dx + dy * dy > k * k) return CLEAR;
    const d = Math.hypot(u - 0.5, v - 0.5);
    if (d > opts.disc) return RED;
    return inPolygon(u, v, starPts) ? RED : YELLOW;
  };
}

function main(): void {
  const dir = join(ROOT, "pwa", "public", "icons");
  mkdirSync(dir, { recursive: true });
  const any = brandMark({ corner: 0.18, disc: 0.4 });
  // Maskable: full bleed, everything that matters within a radius of 0.4 (the safe zone's circle).
  const maskable = brandMark({ corner: 0, disc: 0.34 });
  const apple = brandMark({ corner: 0, disc: 0.4 });
  const files: Array<[string, number, Shader]> = [
    ["icon-192.png", 192, any],
    ["icon-512.png", 512, any],
    ["maskable-512.png", 512, maskable],
    ["apple-touch-icon.png", 180, apple],
  ];
  for (const [name, size, shade] of files) {
    const png = encodePng(size, render(size, shade));
    writeFileSync(join(dir, name), png);
    console.log(`pwa/public/icons/${name}: ${size}×${size}, ${png.length} bytes`);
  }
}

main();
