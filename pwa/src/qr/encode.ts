/**
 * A small QR code encoder (ISO/IEC 18004), enough for the receipt's tracking link and the identity QR: byte mode
 * (UTF-8), or alphanumeric mode when every character is in its set (the identity token's base45), error
 * correction level M, versions 1–15 (up to 412 bytes or 600 characters), the mask with the lowest penalty. No
 * dependency, no DOM: `encodeQr` returns the module matrix, `qrSvgPath` an SVG path of its dark modules.
 *
 * The layout follows the standard step by step (function patterns, format and version information, the zig-zag
 * placement of the interleaved data and Reed–Solomon codewords, the eight masks and the four penalty rules); a test
 * compares the matrices with the `qrcode` package's and decodes them with the scanner's decoders.
 */

/** Per version 1–15 at level M: EC codewords per block, and the blocks as [count, data codewords] groups. */
const EC_M: ReadonlyArray<readonly [number, ReadonlyArray<readonly [number, number]>]> = [
  [10, [[1, 16]]],
  [16, [[1, 28]]],
  [26, [[1, 44]]],
  [18, [[2, 32]]],
  [24, [[2, 43]]],
  [16, [[4, 27]]],
  [18, [[4, 31]]],
  [
    22,
    [
      [2, 38],
      [2, 39],
    ],
  ],
  [
    22,
    [
      [3, 36],
      [2, 37],
    ],
  ],
  [
    26,
    [
      [4, 43],
      [1, 44],
    ],
  ],
  [
    30,
    [
      [1, 50],
      [4, 51],
    ],
  ],
  [
    22,
    [
      [6, 36],
      [2, 37],
    ],
  ],
  [
    22,
    [
      [8, 37],
      [1, 38],
    ],
  ],
  [
    24,
    [
      [4, 40],
      [5, 41],
    ],
  ],
  [
    24,
    [
      [5, 41],
      [5, 42],
    ],
  ],
];

/** Centres of the alignment patterns' rows and columns, versions 1–15. */
const ALIGNMENT: ReadonlyArray<readonly number[]> = [
  [],
  [6, 18],
  [6, 22],
  [6, 26],
  [6, 30],
  [6, 34],
  [6, 22, 38],
  [6, 24, 42],
  [6, 26, 46],
  [6, 28, 50],
  [6, 30, 54],
  [6, 32, 58],
  [6, 34, 62],
  [6, 26, 46, 66],
  [6, 26, 48, 70],
];

export const QR_MAX_VERSION = 15;

/** The alphanumeric mode's 45 characters, by value. */
const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
const isAlphanumeric = (text: string) => [...text].every((c) => ALPHANUMERIC.includes(c));

/** Data codewords of `version` at level M. */
function dataCodewords(version: number): number {
  const [, groups] = EC_M[version - 1]!;
  return groups.reduce((sum, [count, size]) => sum + count * size, 0);
}

/** Bits of the character count indicator (versions 1–26). */
const countBits = (version: number, alnum = false) => (alnum ? (version <= 9 ? 9 : 11) : version <= 9 ? 8 : 16);

/** The largest payload a version holds: bytes, or characters in alphanumeric mode. */
export function qrCapacity(version: number, alnum = false): number {
  const bits = dataCodewords(version) * 8 - 4 - countBits(version, alnum);
  return alnum ? Math.floor(bits / 11) * 2 + (bits % 11 >= 6 ? 1 : 0) : Math.floor(bits / 8);
}

// ---------------------------------------------------------------------------------------------------------------
// Reed–Solomon over GF(256), polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D).

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
(() => {
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;
})();

function gfMul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!;
}

/** The generator polynomial of degree `n` (coefficients from the highest power, the leading 1 left out). */
function generator(n: number): Uint8Array {
  let poly = [1];
  for (let i = 0; i < n; i++) {
    const next = new Array<number>(poly.length + 1).fill(0);
    for (let j = 0; j < poly.length; j++) {
      next[j] = next[j]! ^ poly[j]!;
      next[j + 1] = next[j + 1]! ^ gfMul(poly[j]!, EXP[i]!);
    }
    poly = next;
  }
  return Uint8Array.from(poly.slice(1));
}

/** The `n` error correction codewords of `data`. */
function reedSolomon(data: Uint8Array, n: number): Uint8Array {
  const gen = generator(n);
  const rem = new Uint8Array(n);
  for (const byte of data) {
    const factor = byte ^ rem[0]!;
    rem.copyWithin(0, 1);
    rem[n - 1] = 0;
    for (let i = 0; i < n; i++) rem[i] = rem[i]! ^ gfMul(gen[i]!, factor);
  }
  return rem;
}

// ---------------------------------------------------------------------------------------------------------------
// Codewords.

/** UTF-8 bytes of a string (TextEncoder where there is one). */
function utf8(text: string): Uint8Array {
  if (typeof TextEncoder !== "undefined") return new TextEncoder().encode(text);
  const s = unescape(encodeURIComponent(text));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The data codewords: mode, count, bytes (or alphanumeric `text`), terminator, padding. */
function dataBits(bytes: Uint8Array, version: number, text: string | null): Uint8Array {
  const total = dataCodewords(version);
  const out = new Uint8Array(total);
  let bit = 0;
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--, bit++)
      if ((value >>> i) & 1) out[bit >>> 3] = out[bit >>> 3]! | (0x80 >>> (bit & 7));
  };
  if (text !== null) {
    put(0b0010, 4);
    put(text.length, countBits(version, true));
    for (let i = 0; i < text.length; i += 2) {
      const a = ALPHANUMERIC.indexOf(text[i]!);
      if (i + 1 < text.length) put(a * 45 + ALPHANUMERIC.indexOf(text[i + 1]!), 11);
      else put(a, 6);
    }
  } else {
    put(0b0100, 4);
    put(bytes.length, countBits(version));
    for (const b of bytes) put(b, 8);
  }
  put(0, Math.min(4, total * 8 - bit));
  bit = (bit + 7) & ~7;
  for (let i = bit >>> 3, pad = 0; i < total; i++, pad ^= 1) out[i] = pad ? 0x11 : 0xec;
  return out;
}

/** Data and error correction codewords, split into blocks and interleaved. */
function codewords(bytes: Uint8Array, version: number, text: string | null): Uint8Array {
  const [ecLen, groups] = EC_M[version - 1]!;
  const data = dataBits(bytes, version, text);
  const blocks: Uint8Array[] = [];
  const ecs: Uint8Array[] = [];
  let offset = 0;
  for (const [count, size] of groups) {
    for (let i = 0; i < count; i++) {
      const block = data.subarray(offset, offset + size);
      offset += size;
      blocks.push(block);
      ecs.push(reedSolomon(block, ecLen));
    }
  }
  const out: number[] = [];
  const longest = Math.max(...blocks.map((b) => b.length));
  for (let i = 0; i < longest; i++) for (const b of blocks) if (i < b.length) out.push(b[i]!);
  for (let i = 0; i < ecLen; i++) for (const e of ecs) out.push(e[i]!);
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------------------------
// The matrix.

/** A QR code: `size`×`size` modules, `modules[y][x]` true for dark. */
export interface QrCode {
  version: number;
  mask: number;
  size: number;
  modules: boolean[][];
}

class Grid {
  readonly size: number;
  readonly dark: boolean[][];
  readonly fixed: boolean[][];
  constructor(readonly version: number) {
    this.size = version * 4 + 17;
    this.dark = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false));
    this.fixed = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false));
  }
  set(x: number, y: number, dark: boolean): void {
    this.dark[y]![x] = dark;
    this.fixed[y]![x] = true;
  }
}

const bitOf = (value: number, i: number) => ((value >>> i) & 1) !== 0;

function drawFunctionPatterns(g: Grid): void {
  const { size, version } = g;
  for (let i = 0; i < size; i++) {
    g.set(6, i, i % 2 === 0);
    g.set(i, 6, i % 2 === 0);
  }
  // Finder patterns with their separators.
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ] as const) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x < 0 || y < 0 || x >= size || y >= size) continue;
        const d = Math.max(Math.abs(dx), Math.abs(dy));
        g.set(x, y, d !== 2 && d !== 4);
      }
    }
  }
  // Alignment patterns, except where they would overlap a finder.
  const pos = ALIGNMENT[version - 1]!;
  const last = pos.length - 1;
  pos.forEach((cy, i) => {
    pos.forEach((cx, j) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) g.set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    });
  });
  // Reserve the format areas (drawn for real once the mask is known) and draw the version information.
  drawFormat(g, 0);
  if (version >= 7) {
    let rem = version;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const bits = (version << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const a = size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      g.set(a, b, bitOf(bits, i));
      g.set(b, a, bitOf(bits, i));
    }
  }
}

/** The 15 format bits (level M = 00, then the mask) with their BCH code, in both copies, and the dark module. */
function drawFormat(g: Grid, mask: number): void {
  const { size } = g;
  const data = mask; // level M's two bits are 00
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  const bits = ((data << 10) | rem) ^ 0x5412;
  for (let i = 0; i <= 5; i++) g.set(8, i, bitOf(bits, i));
  g.set(8, 7, bitOf(bits, 6));
  g.set(8, 8, bitOf(bits, 7));
  g.set(7, 8, bitOf(bits, 8));
  for (let i = 9; i < 15; i++) g.set(14 - i, 8, bitOf(bits, i));
  for (let i = 0; i < 8; i++) g.set(size - 1 - i, 8, bitOf(bits, i));
  for (let i = 8; i < 15; i++) g.set(8, size - 15 + i, bitOf(bits, i));
  g.set(8, size - 8, true);
}

/** Places the codewords in the zig-zag order, two columns at a time from the bottom right, skipping column 6. */
function drawCodewords(g: Grid, data: Uint8Array): void {
  const { size } = g;
  let i = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let v = 0; v < size; v++) {
      const y = upward ? size - 1 - v : v;
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        if (g.fixed[y]![x]) continue;
        if (i < data.length * 8) {
          g.dark[y]![x] = bitOf(data[i >>> 3]!, 7 - (i & 7));
          i++;
        }
        // remainder bits stay light
      }
    }
  }
}

const MASKS: ReadonlyArray<(x: number, y: number) => boolean> = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

function applyMask(g: Grid, mask: number): void {
  const fn = MASKS[mask]!;
  for (let y = 0; y < g.size; y++)
    for (let x = 0; x < g.size; x++) if (!g.fixed[y]![x] && fn(x, y)) g.dark[y]![x] = !g.dark[y]![x];
}

/** The penalty of a finished symbol (rules N1–N4 of the standard). */
export function penalty(m: boolean[][]): number {
  const size = m.length;
  let score = 0;
  const at = (x: number, y: number, vertical: boolean) => (vertical ? m[x]![y]! : m[y]![x]!);
  for (const vertical of [false, true]) {
    for (let y = 0; y < size; y++) {
      // N1: runs of five or more modules of one colour.
      let run = 1;
      for (let x = 1; x <= size; x++) {
        if (x < size && at(x, y, vertical) === at(x - 1, y, vertical)) {
          run++;
        } else {
          if (run >= 5) score += 3 + (run - 5);
          run = 1;
        }
      }
      // N3: 1:1:3:1:1 finder-like patterns with four light modules on one side.
      let bits = 0;
      for (let x = 0; x < size; x++) {
        bits = ((bits << 1) & 0x7ff) | (at(x, y, vertical) ? 1 : 0);
        if (x >= 10 && (bits === 0x5d0 || bits === 0x05d)) score += 40;
      }
    }
  }
  // N2: 2×2 blocks of one colour.
  let dark = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (m[y]![x]) dark++;
      if (x < size - 1 && y < size - 1) {
        const c = m[y]![x];
        if (c === m[y]![x + 1] && c === m[y + 1]![x] && c === m[y + 1]![x + 1]) score += 3;
      }
    }
  }
  // N4: the share of dark modules away from 50 %.
  score += Math.floor(Math.abs((dark * 100) / (size * size) - 50) / 5) * 10;
  return score;
}

/**
 * Encodes `text` at level M (alphanumeric mode when every character allows it, else UTF-8 bytes) in the smallest
 * version that holds it (or `opts.version`), with the best mask (or `opts.mask`). Throws a RangeError when it
 * does not fit version 15.
 */
export function encodeQr(text: string, opts: { version?: number; mask?: number } = {}): QrCode {
  const alnum = isAlphanumeric(text);
  const bytes = alnum ? new Uint8Array(0) : utf8(text);
  const length = alnum ? text.length : bytes.length;
  let version = opts.version ?? 1;
  while (version <= QR_MAX_VERSION && qrCapacity(version, alnum) < length) {
    if (opts.version !== undefined) break;
    version++;
  }
  if (version > QR_MAX_VERSION || qrCapacity(version, alnum) < length) {
    throw new RangeError(
      `QR: ${length} ${alnum ? "characters" : "bytes"} do not fit version ${Math.min(version, QR_MAX_VERSION)}-M`,
    );
  }
  const data = codewords(bytes, version, alnum ? text : null);
  const build = (mask: number) => {
    const g = new Grid(version);
    drawFunctionPatterns(g);
    drawCodewords(g, data);
    applyMask(g, mask);
    drawFormat(g, mask);
    return g;
  };
  let best: Grid | null = null;
  let bestMask = 0;
  let bestScore = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    if (opts.mask !== undefined && mask !== opts.mask) continue;
    const g = build(mask);
    const score = opts.mask !== undefined ? 0 : penalty(g.dark);
    if (score < bestScore) {
      best = g;
      bestMask = mask;
      bestScore = score;
    }
  }
  const g = best as Grid;
  return { version, mask: bestMask, size: g.size, modules: g.dark };
}

/** An SVG path (in module units, offset by `margin`) of the dark modules, one rectangle per horizontal run. */
export function qrSvgPath(qr: QrCode, margin = 4): string {
  let d = "";
  qr.modules.forEach((row, y) => {
    let x = 0;
    while (x < qr.size) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < qr.size && row[x]) x++;
      d += `M${start + margin} ${y + margin}h${x - start}v1h${start - x}z`;
    }
  });
  return d;
}
