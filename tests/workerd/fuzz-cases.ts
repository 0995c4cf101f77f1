/**
 * Request generators and the oracle of the fuzz suite (`fuzz.test.ts`). A case is a POST to one route: a body made
 * from the route's documented example (or from scratch) by a few mutations, serialised in one of several (mostly
 * broken) ways, with a content type and a transport. The oracle says, from the same checks the worker makes, which
 * answers a malformed case may get; a case that passes every check is "well-formed" and may get any 4xx the route
 * documents, or 200.
 */
import fc from "fast-check";
import * as z from "zod/mini";
import { RegistryFile } from "../../shared/registry-file";
import { LIMITS } from "../../shared/limits";
import { jpegSize } from "../../worker/src/domain/jpeg";
import { PHOTO_MAX_BYTES, PHOTO_MAX_SIDE } from "../../worker/src/domain/level1";
import { OFFICER_COOKIE } from "../../worker/src/domain/officer";
import { SESSION_COOKIE } from "../../worker/src/domain/session";
import { ROUTES } from "../../worker/src/index";
import { bodyExample } from "../../worker/src/openapi";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = Array<string | number>;

/** One generated request. `bytes === null` sends no body at all. */
export interface FuzzCase {
  /** The path requested: the route's, with any `{param}` filled in. */
  path: string;
  /** The generators that made it, for the report. */
  recipe: string[];
  contentType: string | null;
  bytes: Uint8Array | null;
  /** Sent as a stream of chunks of this size (no Content-Length), or as one buffer. */
  streamChunk: number | null;
  /** A Content-Length that is not the body's (a lie, or not a number); otherwise the true length is sent. */
  declaredLength?: string | null;
  cookie?: string;
}

/** What the oracle expects. */
export type Expectation = { malformed: true; statuses: Map<number, string> } | { malformed: false; parsed: unknown };

/** Every status a well-formed body may legitimately get. */
export const WELL_FORMED_STATUSES = [200, 400, 401, 403, 404, 409, 410, 413, 415, 422, 423, 429];

/** How the fuzz sees a route. */
export interface FuzzRoute {
  /** As the document shows it, `{param}`s included. */
  path: string;
  kind: "json" | "jpeg" | "none";
  /** The session the route needs: a citizen's, an officer's, or none. */
  session: "citizen" | "officer" | null;
  /** The schema that decides well-formedness (the route's `readJson` schema; the import's file schema). */
  schema?: z.ZodMiniType;
  /** The byte limit of the body. */
  limit: number;
  /** The code of a 422 for a body of the wrong shape. */
  shapeCode: string;
  example?: Json;
  /** The error codes the OpenAPI document lists for the route. */
  documented: ReadonlySet<string>;
}

/** The POST routes, from the route declarations (which the router registers). */
export function fuzzRoutes(): FuzzRoute[] {
  return ROUTES.filter((r) => r.method === "post").map((r): FuzzRoute => {
    const body = r.body;
    // The route's own codes: those of its kind and those it declares, but the Origin check and the 500.
    const documented = new Set<string>(r.codes.filter((c) => c !== "CSRF" && c !== "INTERNAL"));
    const session = r.session === "citizen" ? "citizen" : r.session !== "none" ? "officer" : null;
    if (!body) return { path: r.path, kind: "none", session, limit: 0, shapeCode: "", documented };
    if (body.kind === "jpeg") {
      return { path: r.path, kind: "jpeg", session, limit: body.maxBytes, shapeCode: "PHOTO_TYPE", documented };
    }
    const isImport = r.path === "/api/dev/registry/import";
    // The province_admin's registry import also reads its body unchecked, but validates it (with the dev import's
    // validator, fuzzed above) only after the session: for the fuzz's officer, who is no province_admin, any JSON
    // is well-formed and answered 403.
    const adminImport = r.path === "/api/admin/registry";
    return {
      documented,
      path: r.path,
      kind: "json",
      session,
      schema: isImport ? RegistryFile : adminImport ? z.unknown() : body.schema,
      limit: body.maxBytes,
      shapeCode: isImport ? "IMPORT_INVALID" : "VALIDATION_FAILED",
      example: bodyExample(r) as Json,
    };
  });
}

// ------------------------------------------------------------------------------------------------------------------
// Path parameters (`/api/officer/applications/{id}/approve`): ids that exist or not, and ids that are not numbers.
// Nothing that changes which route matches (an empty segment, `.` or `..`).

const paramValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.nat({ max: 1_000_000 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "0",
      "-1",
      "1e3",
      "0x1",
      "999999999999999",
      "9999999999999999999999",
      "abc",
      "%00",
      "%2F",
      "%E1%BB%87",
      "1%0A",
      "%20",
      "1.5",
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .string({ minLength: 1, maxLength: 20 })
      .map(encodeURIComponent)
      .filter((v) => v !== "." && v !== ".."),
  },
);

/** The route's path with every `{param}` filled in. */
export function concretePath(pattern: string): fc.Arbitrary<string> {
  const names = pattern.match(/\{[A-Za-z_]\w*\}/g) ?? [];
  if (names.length === 0) return fc.constant(pattern);
  return fc.array(paramValue, { minLength: names.length, maxLength: names.length }).map((values) => {
    let path = pattern;
    names.forEach((name, i) => {
      path = path.replace(name, values[i] as string);
    });
    return path;
  });
}

// ------------------------------------------------------------------------------------------------------------------
// Values.

const enc = new TextEncoder();
const RAW = "\u0001raw\u0001";

const VIETNAMESE = [
  "Nguyễn Văn An",
  "Trần Thị Hương",
  "Phường Dịch Vọng, Quận Cầu Giấy, Hà Nội",
  "Bình",
  "Cún",
  "Lăng Thị Nhung",
  "Đỗ Hữu Thắng",
];

/** Strings that have broken parsers before: control characters, NFD, odd digits and spaces, surrogates, sizes. */
const weirdString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
  },
  { weight: 2, arbitrary: fc.constantFrom(...VIETNAMESE).map((s) => s.normalize("NFD")) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "０１２３４５６７８９０１", // fullwidth digits
      "٠١٢٣٤٥٦٧٨٩٠١", // Arabic-Indic digits
      "0012\u200b34567890", // zero width space
      "\u202e001099012345", // right-to-left override
      " 001099012345 ",
      "\u00a0123456\u3000",
      "\ufeff0912345678",
      "+84 912 345 678",
      "0912345678\n",
      `${"1".repeat(12)}\u0301`, // combining acute on a digit
      "\ud800",
      "a\udfffb",
      "😀".repeat(30),
      "",
      " ",
      "null",
      "undefined",
      "<script>alert(1)</script>",
      "' OR 1=1 --",
      "%00",
      "../../etc/passwd",
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  // Lengths around the schemas' limits (32, 64, 128, 200, 254, 400, 500).
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 620 }), fc.constantFrom("9", "a", "ệ", " "))
      .map(([n, c]) => c.repeat(n)),
  },
  // 1 MB (and one just past the JSON limit).
  { weight: 1, arbitrary: fc.constantFrom(1 << 20, LIMITS.jsonBodyMaxBytes + 1).map((n) => "x".repeat(n)) },
  { weight: 1, arbitrary: fc.constant("ệ".repeat(349_526)) }, // 1 MB of three-byte UTF-8
);

const weirdNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.constantFrom(
    -1,
    0,
    -0,
    1.5,
    2 ** 31,
    2 ** 53 + 2,
    1e308,
    -1e308,
    Number.MIN_VALUE,
    1_000_001,
    10 * 366 * 86400 + 1,
  ),
);

const weirdKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "",
    " ",
    "flowId ",
    "FLOWID",
    "\u0000",
    "a.b",
    "0",
  ),
  fc.string({ maxLength: 12 }),
);

/** A raw JSON token put where a value was: numbers JSON.parse reads oddly, and things that are not JSON. */
const rawToken = fc.constantFrom(
  "1e999",
  "-1e999",
  "-0",
  "1e-999",
  "123456789012345678901234567890",
  "01",
  "0x10",
  "NaN",
  "Infinity",
  "+1",
  ".5",
  "1.",
  "undefined",
  "'x'",
  '"\\ud800"',
  '"\\u0000"',
  '"\\x41"',
  '"a\nb"',
  "[,]",
  "{,}",
);

const anyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: weirdString },
  { weight: 2, arbitrary: weirdNumber },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [[]], { "": null }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
);

// ------------------------------------------------------------------------------------------------------------------
// Mutations of a JSON value.

type Mutation =
  | { op: "delete"; at: number }
  | { op: "set"; at: number; value: Json }
  | { op: "raw"; at: number; token: string }
  | { op: "add"; at: number; key: string; value: Json }
  | { op: "duplicate"; at: number }
  | { op: "wrap"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant("delete" as const), at: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant("set" as const), at: fc.nat(), value: anyValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("raw" as const), at: fc.nat(), token: rawToken }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("add" as const), at: fc.nat(), key: weirdKey, value: anyValue }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("wrap" as const), at: fc.nat() }) },
);

function allPaths(v: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...allPaths(x, [...at, i])));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push(...allPaths(x, [...at, k]));
  return out;
}

function getAt(v: Json, path: Path): Json {
  let node: Json = v;
  for (const k of path) node = (node as Record<string, Json>)[k as string] as Json;
  return node;
}

/** Applies a mutation to a copy; `raw` leaves a marker for the serialiser. */
function mutate(root: Json, m: Mutation, raws: string[]): Json {
  const copy = structuredClone(root);
  const paths = allPaths(copy);
  const path = paths[m.at % paths.length] as Path;
  const replace = (value: Json): Json => {
    if (path.length === 0) return value;
    const parent = getAt(copy, path.slice(0, -1)) as Record<string, Json>;
    parent[path[path.length - 1] as string] = value;
    return copy;
  };
  switch (m.op) {
    case "set":
      return replace(m.value);
    case "raw":
      raws.push(m.token);
      return replace(RAW);
    case "wrap":
      return replace([getAt(copy, path)]);
    case "delete": {
      if (path.length === 0) return {};
      const parent = getAt(copy, path.slice(0, -1));
      const key = path[path.length - 1] as string | number;
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, Json>)[key];
      return copy;
    }
    case "add":
    case "duplicate": {
      const target = getAt(copy, path);
      if (Array.isArray(target)) {
        target.push(m.op === "add" ? m.value : (structuredClone(target[0] ?? null) as Json));
        return copy;
      }
      if (target && typeof target === "object") {
        // defineProperty, so that a `__proto__` key is an own key, as JSON.parse makes it.
        const key = m.op === "add" ? m.key : `${Object.keys(target)[0] ?? "k"}`;
        Object.defineProperty(target, key, {
          value: m.op === "add" ? m.value : null,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return copy;
      }
      return replace({ [m.op === "add" ? m.key : "value"]: target });
    }
  }
}

// ------------------------------------------------------------------------------------------------------------------
// Serialisers: from a value to the bytes on the wire.

type Serialiser =
  | { how: "json" }
  | { how: "bom" }
  | { how: "truncate"; at: number }
  | { how: "pad"; delta: number }
  | { how: "affix"; prefix: string; suffix: string }
  | { how: "dupkey"; value: string }
  | { how: "corrupt"; at: number; bytes: readonly number[] }
  | { how: "utf16" }
  | { how: "text"; text: string }
  | { how: "bytes"; bytes: Uint8Array }
  | { how: "nested"; depth: number; open: string }
  | { how: "empty"; text: string }
  | { how: "none" };

const serialiser: fc.Arbitrary<Serialiser> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ how: "json" as const }) },
  { weight: 1, arbitrary: fc.constant({ how: "bom" as const }) },
  { weight: 3, arbitrary: fc.record({ how: fc.constant("truncate" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ how: fc.constant("pad" as const), delta: fc.integer({ min: -2, max: 2 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      how: fc.constant("affix" as const),
      prefix: fc.constantFrom("", "", "[", "{", ",", "'", "\u0000", "//x\n", ")]}'\n"),
      suffix: fc.constantFrom("", "}", "]", ",", "x", "\u0000", "/* */", "{}", "\n\n{}"),
    }),
  },
  {
    // The first key again at the end, with another value (JSON.parse keeps the last one).
    weight: 1,
    arbitrary: fc.record({
      how: fc.constant("dupkey" as const),
      value: fc.oneof(
        rawToken,
        anyValue.map((v) => JSON.stringify(v) ?? "null"),
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      how: fc.constant("corrupt" as const),
      at: fc.nat(),
      bytes: fc.constantFrom(
        [0xff],
        [0xfe, 0xff],
        [0xc0, 0xaf],
        [0x80],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0xe2, 0x82],
        [0x00],
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ how: "utf16" as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ how: fc.constant("text" as const), text: fc.string({ unit: "binary", maxLength: 60 }) }),
  },
  { weight: 1, arbitrary: fc.record({ how: fc.constant("bytes" as const), bytes: fc.uint8Array({ maxLength: 60 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      how: fc.constant("nested" as const),
      depth: fc.integer({ min: 1, max: 40_000 }),
      open: fc.constantFrom("[", '{"a":'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ how: fc.constant("empty" as const), text: fc.constantFrom("", " ", "\r\n\t", "\ufeff") }),
  },
  { weight: 1, arbitrary: fc.constant({ how: "none" as const }) },
);

function serialise(value: Json, raws: string[], s: Serialiser, limit: number): Uint8Array | null {
  let text = JSON.stringify(value) ?? "null";
  for (const token of raws) text = text.replace(JSON.stringify(RAW), token);
  switch (s.how) {
    case "json":
      return enc.encode(text);
    case "bom":
      return enc.encode(`\ufeff${text}`);
    case "truncate": {
      const bytes = enc.encode(text);
      return bytes.slice(0, s.at % Math.max(1, bytes.length));
    }
    case "pad": {
      // Whitespace is valid JSON: right at the byte limit, or just past it.
      const bytes = enc.encode(text);
      const target = Math.max(bytes.length, limit + s.delta);
      if (target > 2 * LIMITS.jsonBodyMaxBytes) return bytes; // the import's 64 MB is not worth sending
      return enc.encode(text + " ".repeat(target - bytes.length));
    }
    case "affix":
      return enc.encode(`${s.prefix}${text}${s.suffix}`);
    case "dupkey": {
      const first = /^\{("(?:[^"\\]|\\.)*"):/.exec(text)?.[1];
      return enc.encode(first && text.endsWith("}") ? `${text.slice(0, -1)},${first}:${s.value}}` : text);
    }
    case "corrupt": {
      const bytes = enc.encode(text);
      const at = s.at % (bytes.length + 1);
      const out = new Uint8Array(bytes.length + s.bytes.length);
      out.set(bytes.subarray(0, at), 0);
      out.set(s.bytes, at);
      out.set(bytes.subarray(at), at + s.bytes.length);
      return out;
    }
    case "utf16": {
      const out = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[2 * i] = c & 0xff;
        out[2 * i + 1] = c >> 8;
      }
      return out;
    }
    case "text":
      return enc.encode(s.text);
    case "bytes":
      return s.bytes;
    case "nested": {
      const close = s.open === "[" ? "]" : "}";
      return enc.encode(`${s.open.repeat(s.depth)}1${close.repeat(s.depth)}`);
    }
    case "empty":
      return enc.encode(s.text);
    case "none":
      return null;
  }
}

const JSON_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "Application/JSON",
  " application/json ;charset=UTF-16",
];
const OTHER_TYPES = [
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----x",
  "application/json-patch+json",
  "application/problem+json",
  "application/jsonp",
  "text/json",
  "json",
  "*/*",
  "image/jpeg",
  "",
];

const contentType = (preferred: string[], others: string[]): fc.Arbitrary<string | null> =>
  fc.oneof(
    { weight: 16, arbitrary: fc.constantFrom(...preferred) },
    { weight: 3, arbitrary: fc.constantFrom(...others) },
    { weight: 1, arbitrary: fc.constant(null) },
  );

const declaredLength: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 20, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "0",
      "1",
      "65536",
      "65537",
      "153601",
      "10000000",
      "99999999999999999999",
      "-1",
      "abc",
      " 70000 ",
      "0x20000",
      "1e9",
      "",
    ),
  },
);

const transport: fc.Arbitrary<number | null> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 70_000 }) },
);

/** Cases for a JSON route: the example, or a value made from nothing, mutated and serialised. */
export function jsonCases(route: FuzzRoute, extraBases: Json[] = []): fc.Arbitrary<FuzzCase> {
  const bases = [route.example ?? {}, ...extraBases];
  const base: fc.Arbitrary<Json> = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...bases) },
    { weight: 1, arbitrary: anyValue },
  );
  return fc
    .record({
      path: concretePath(route.path),
      base,
      mutations: fc.oneof(
        { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
        { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
      ),
      serialiser,
      contentType: contentType(JSON_TYPES, OTHER_TYPES),
      streamChunk: transport,
      declaredLength,
    })
    .map(({ path, base: b, mutations, serialiser: s, contentType: ct, streamChunk, declaredLength: declared }) => {
      let value = b;
      const raws: string[] = [];
      for (const m of mutations) value = mutate(value, m, raws);
      const bytes = serialise(value, raws, s, route.limit);
      return withDescription({
        path,
        recipe: [bases.includes(b) ? `base#${bases.indexOf(b)}` : "base:any", ...mutations.map((m) => m.op), s.how],
        contentType: ct,
        bytes,
        streamChunk: bytes && bytes.length > 0 ? streamChunk : null,
        declaredLength: bytes ? declared : null,
      });
    });
}

// ------------------------------------------------------------------------------------------------------------------
// The portrait upload: bytes that look more or less like a JPEG.

function jpeg(width: number, height: number, extra: number[] = []): number[] {
  const sof = [
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  const app0 = [
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  ];
  return [
    0xff,
    0xd8,
    ...app0,
    ...extra,
    ...sof,
    0xff,
    0xda,
    0x00,
    0x08,
    0x01,
    0x01,
    0x00,
    0x00,
    0x3f,
    0x00,
    0xff,
    0xd9,
  ];
}

const jpegBytes: fc.Arbitrary<{ label: string; bytes: Uint8Array }> = fc.oneof(
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ label: "random", bytes })) },
  {
    weight: 3,
    // A frame header too large for a portrait, or of size zero.
    arbitrary: fc
      .tuple(
        fc.oneof(fc.integer({ min: PHOTO_MAX_SIDE + 1, max: 65535 }), fc.constant(0)),
        fc.integer({ min: 0, max: 65535 }),
        fc.boolean(),
      )
      .map(([a, b, swap]) => ({ label: "big-frame", bytes: new Uint8Array(jpeg(swap ? a : b, swap ? b : a)) })),
  },
  {
    weight: 3,
    // A plausible header, then broken: truncated, a byte changed, or a segment length that runs off the end.
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 640 }),
        fc.integer({ min: 1, max: 640 }),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom("truncate", "flip", "overrun"),
      )
      .map(([w, h, at, byte, how]) => {
        const b = jpeg(w, h);
        if (how === "truncate") return { label: "truncated", bytes: new Uint8Array(b.slice(0, at % 24)) };
        if (how === "overrun")
          return { label: "overrun", bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, ...b.slice(2, 10)]) };
        const copy = [...b];
        copy[at % 24] = byte;
        return { label: "flipped", bytes: new Uint8Array(copy) };
      }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(0, PHOTO_MAX_BYTES + 1, 1 << 20)
      .map((n) => ({ label: `size-${n}`, bytes: new Uint8Array(n).fill(0xff) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('{"photo":"x"}', "", "GIF89a", "\x89PNG\r\n\x1a\n")
      .map((t) => ({ label: "not-jpeg", bytes: enc.encode(t) })),
  },
);

/** Cases for the portrait upload. */
export function jpegCases(route: FuzzRoute): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      path: concretePath(route.path),
      body: jpegBytes,
      contentType: contentType(
        ["image/jpeg", "IMAGE/JPEG", "image/jpeg; q=1"],
        ["image/jpg", "image/png", "application/json", "application/octet-stream", "", "text/plain"],
      ),
      streamChunk: transport,
      declaredLength,
    })
    .map(({ path, body, contentType: ct, streamChunk, declaredLength: declared }) =>
      withDescription({
        path,
        recipe: [body.label],
        contentType: ct,
        bytes: body.bytes,
        streamChunk: body.bytes.length ? streamChunk : null,
        declaredLength: declared,
      }),
    );
}

/** Cases for the logouts, which read no body: any body, and session cookies that name no session. */
export function logoutCases(route: FuzzRoute): fc.Arbitrary<FuzzCase> {
  return fc.tuple(jsonCases(route, [{}]), fc.option(fc.stringMatching(/^[A-Za-z0-9_=-]{0,250}$/))).map(([c, token]) =>
    withDescription({
      ...c,
      ...(token !== null && { cookie: `${SESSION_COOKIE}=${token}; ${OFFICER_COOKIE}=${token}` }),
    }),
  );
}

// ------------------------------------------------------------------------------------------------------------------
// The oracle.

/** What a malformed case may get, from the same checks as `readJson` (and the photo route), in any order. */
export function expectation(route: FuzzRoute, c: FuzzCase): Expectation {
  const type = (c.contentType ?? "").split(";")[0]?.trim().toLowerCase();
  const bytes = c.bytes ?? new Uint8Array();
  const statuses = new Map<number, string>();
  if (route.kind === "none") return { malformed: false, parsed: null };
  const tooLarge = bytes.length > route.limit || (c.declaredLength != null && Number(c.declaredLength) > route.limit);
  if (route.kind === "jpeg") {
    if (type !== "image/jpeg") statuses.set(415, "PHOTO_TYPE");
    if (tooLarge) statuses.set(413, "PHOTO_TOO_LARGE");
    const size = jpegSize(bytes);
    if (!size) statuses.set(415, "PHOTO_TYPE");
    else if (Math.max(size.width, size.height) > PHOTO_MAX_SIDE) statuses.set(413, "PHOTO_TOO_LARGE");
    return statuses.size ? { malformed: true, statuses } : { malformed: false, parsed: size };
  }
  if (type !== "application/json") statuses.set(415, "UNSUPPORTED_MEDIA_TYPE");
  if (tooLarge) statuses.set(413, "PAYLOAD_TOO_LARGE");
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    statuses.set(400, "INVALID_JSON");
    return { malformed: true, statuses };
  }
  const parsed = (route.schema as z.ZodMiniType).safeParse(data);
  if (!parsed.success) statuses.set(422, route.shapeCode);
  return statuses.size ? { malformed: true, statuses } : { malformed: false, parsed: parsed.data };
}

// ------------------------------------------------------------------------------------------------------------------
// Reporting.

function preview(bytes: Uint8Array | null): string {
  if (bytes === null) return "(no body)";
  const text = new TextDecoder("utf-8").decode(bytes.subarray(0, 240));
  const shown = JSON.stringify(text);
  return bytes.length > 240 ? `${shown}… (${bytes.length} bytes)` : `${shown} (${bytes.length} bytes)`;
}

/** A short, exact-enough account of a case (fast-check prints it for a counterexample). */
export function describeCase(c: FuzzCase): string {
  return [
    `path=${c.path}`,
    `recipe=${c.recipe.join("+")}`,
    `content-type=${c.contentType === null ? "(none)" : JSON.stringify(c.contentType)}`,
    c.cookie !== undefined ? `cookie=${JSON.stringify(c.cookie.slice(0, 40))}` : "",
    c.streamChunk ? `streamed in ${c.streamChunk}-byte chunks` : "",
    c.declaredLength != null ? `content-length=${JSON.stringify(c.declaredLength)}` : "",
    `body=${preview(c.bytes)}`,
  ]
    .filter(Boolean)
    .join(" ");
}

function withDescription(c: FuzzCase): FuzzCase {
  Object.defineProperty(c, fc.toStringMethod, { value: () => describeCase(c), enumerable: false });
  return c;
}
