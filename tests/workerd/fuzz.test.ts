/// <reference types="vite/client" />
/**
 * Property tests over every POST route: malformed JSON, wrong types, missing and extra fields, 1 MB strings, control
 * characters, NFD text, wrong content types, empty bodies, streamed bodies. Every answer must be JSON with a string
 * `code` and `message`, never a 5xx; a malformed body gets exactly one of the statuses its defects call for (400, 413,
 * 415, 422), and a body that happens to be well-formed gets 200 or a documented 4xx. The database is unchanged but
 * for the audit log (see `snapshot`).
 *
 * `npm test` runs it with a fixed seed; `npm run fuzz` (scripts/fuzz.ts) writes `fuzz-seed.local.json` next to this
 * file with a random seed and more runs.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRegistry } from "../../scripts/demo-registry";
import { parseVnMobile } from "../../shared/phone";
import worker, { ROUTES, router } from "../../worker/src/index";
import { bodyExample } from "../../worker/src/openapi";
import {
  type FuzzCase,
  type FuzzRoute,
  type Json,
  WELL_FORMED_STATUSES,
  describeCase,
  expectation,
  fuzzRoutes,
  jpegCases,
  jsonCases,
  logoutCases,
} from "./fuzz-cases";
import { snapshotTables } from "./helpers";

const ORIGIN = "http://127.0.0.1:8787";

/** `npm run fuzz` overrides the seed and the number of runs; `npm test` uses these. */
const DEFAULT_SEED = 20_260_701;
const DEFAULT_RUNS = 2_000;
const override = Object.values(
  import.meta.glob<{ seed?: number; runs?: number }>("./fuzz-seed.local.json", { eager: true, import: "default" }),
)[0];
const SEED = override?.seed ?? DEFAULT_SEED;
const RUNS = override?.runs ?? DEFAULT_RUNS;

/**
 * Tables a route may legitimately write when a generated body is well-formed. The imports are all or nothing and
 * their validators are worth fuzzing, so well-formed files (mutated examples) are sent and may be imported; such
 * routes run last, after every other route's cases (which need the fuzz officer's session).
 */
const MAY_CHANGE: Record<string, string[]> = {
  "/api/dev/registry/import": ["registry", "accounts", "security_questions", "security_answers", "devices"],
  "/api/dev/units/import": ["units"],
  // A new officer, or new one-time password for an existing user name (which ends that officer's sessions).
  "/api/dev/officers": ["officers", "officer_sessions"],
  // A refused login counts against the submitted ID or user name, whether or not it has an account (issue 17).
  "/api/auth/login": ["login_failures"],
  "/api/officer/login": ["login_failures"],
};

/** The POST routes, those that may write last. */
const routes = fuzzRoutes().sort((a, b) => Number(a.path in MAY_CHANGE) - Number(b.path in MAY_CHANGE));
const perRoute = Math.max(40, Math.ceil(RUNS / routes.length));

/** Tallies for the summary printed at the end. */
const tally = new Map<string, Map<string, number>>();
function count(path: string, key: string) {
  const t = tally.get(path) ?? new Map<string, number>();
  t.set(key, (t.get(key) ?? 0) + 1);
  tally.set(path, t);
}

/** The session cookie (`name=value`) each kind of route gets, so that its body is read. */
const cookies: Record<"citizen" | "officer", string> = { citizen: "", officer: "" };
let seeded: Map<string, string>;
let officerUsername = "";
let extraBases: Record<string, Json[]> = {};

const exampleOf = (path: string) => {
  const route = ROUTES.find((r) => r.method === "post" && r.path === path);
  return route && bodyExample(route);
};
const cookieOf = (res: Answer) => (res.headers.get("set-cookie") ?? "").split(";")[0] as string;

beforeAll(async () => {
  console.log(
    `fuzz: seed=${SEED} runs=${perRoute * routes.length} (${perRoute} per route × ${routes.length} routes)${override ? " [fuzz-seed.local.json]" : ""}`,
  );
  const { file, citizens } = generateRegistry(9091, 12);
  const imported = await post("/api/dev/registry/import", file);
  expect(imported.status, imported.text).toBe(200);
  seeded = new Map(citizens.map((c) => [c.id, parseVnMobile(c.phone)?.e164 ?? c.phone]));
  // The level-1 routes answer 401 before reading the body: log in an app account, so that the body is parsed.
  const app = citizens.find((c) => c.kind === "app");
  const login = await post("/api/auth/login", { citizenId: app?.id, password: app?.password });
  expect(login.status, login.text).toBe(200);
  cookies.citizen = cookieOf(login);
  // The officer routes read the body before the session, but a live officer session takes well-formed bodies
  // further: a unit, an officer, a login and the first-login password change.
  const units = await post("/api/dev/units/import", exampleOf("/api/dev/units/import"));
  expect(units.status, units.text).toBe(200);
  const unit = (exampleOf("/api/dev/officers") as { unit: string }).unit;
  const created = await post("/api/dev/officers", { unit, role: "officer", name: "Cán bộ Fuzz" });
  expect(created.status, created.text).toBe(200);
  const officer = JSON.parse(created.text) as { username: string; password: string };
  officerUsername = officer.username;
  const officerLogin = await post("/api/officer/login", officer);
  expect(officerLogin.status, officerLogin.text).toBe(200);
  cookies.officer = cookieOf(officerLogin);
  const changed = await post(
    "/api/officer/password",
    { newPassword: "Canbo@Fuzz26", confirmPassword: "Canbo@Fuzz26" },
    cookies.officer,
  );
  expect(changed.status, changed.text).toBe(200);
  const record = file.registry?.find((r) => r.id === app?.id);
  const card = record && {
    id: record.id,
    oldId: record.oldId ?? "",
    fullName: record.fullName,
    dob: record.dob,
    gender: record.gender,
    address: record.address,
    issued: record.cardIssued,
    cardType: record.cardType,
  };
  const other = citizens.find((c) => c.kind === "no-account");
  extraBases = {
    // The account's own card reaches the photo check (PHOTO_NOT_FOUND); no photo is ever stored.
    "/api/level1/apply": [{ card, photoId: "AAAAAAAAAAAAAAAAAAAAAA" } as Json],
    // Real people with a wrong phone: refused after the registry lookup.
    "/api/activation/start": [{ citizenId: other?.id ?? "", phone: "0399999999", deviceId: "fuzz-device-0001" }],
    "/api/registration/start": [{ citizenId: card?.id ?? "", phone: "0399999999", card } as Json],
    // Well-formed, but changing nothing.
    "/api/dev/clock": [{ advanceSeconds: 0 }],
    "/api/dev/bench/hash": [{ count: 1 }],
    // The fuzz officer again: a new one-time password, which ends its sessions (this route runs last).
    "/api/dev/officers": [{ unit, role: "officer", name: "Cán bộ Fuzz", username: officerUsername }],
    // A whole demo extract (one citizen of each kind), for mutations of every record field.
    "/api/dev/registry/import": [
      {},
      { securityQuestions: [], registry: [], accounts: [] },
      generateRegistry(4242, 6).file as Json,
    ],
  };
});

afterAll(() => {
  const lines = [...tally].map(
    ([path, t]) =>
      `${path.padEnd(28)} ${[...t]
        .sort()
        .map(([k, n]) => `${k}:${n}`)
        .join(" ")}`,
  );
  console.log(`fuzz summary (seed=${SEED})\n${lines.join("\n")}`);
});

interface Answer {
  status: number;
  type: string | null;
  text: string;
  headers: Headers;
}

/**
 * Sends a case to the worker's fetch handler. Not through `exports.default.fetch`: in this harness each such call is
 * slower than the one before (cloudflare/workers-sdk#15446), which makes a thousand of them take minutes.
 */
async function send(c: FuzzCase): Promise<Answer> {
  const headers = new Headers({ origin: ORIGIN });
  if (c.contentType !== null) headers.set("content-type", c.contentType);
  if (c.cookie !== undefined) headers.set("cookie", c.cookie);
  // A client states the length of a body it has whole; a streamed body has none, and some cases lie about it.
  const declared = c.declaredLength ?? (c.bytes && !c.streamChunk ? String(c.bytes.length) : null);
  if (declared !== null) headers.set("content-length", declared);
  let body: BodyInit | null = c.bytes as Uint8Array<ArrayBuffer> | null;
  if (c.bytes && c.streamChunk) {
    const bytes = c.bytes;
    const size = c.streamChunk;
    let at = 0;
    body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      },
    });
  }
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${ORIGIN}${c.path}`, { method: "POST", headers, body }), env, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text(), headers: res.headers };
}

function post(path: string, body: unknown, cookie?: string) {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return send({
    path,
    recipe: [],
    contentType: "application/json",
    bytes,
    streamChunk: null,
    ...(cookie && { cookie }),
  });
}

/**
 * Well-formed cases left out because they would legitimately change the database (or take seconds): a start or
 * login or booking naming a seeded citizen (with the right phone), which opens a flow, counts a failed login or
 * books a seat; the fuzz officer's login or password change; the clock moved forward; a JPEG an upload accepts; a
 * hash benchmark of more than one hash. Imports and officers are kept: they may write the tables in
 * {@link MAY_CHANGE}.
 */
function leftOut(route: FuzzRoute, parsed: unknown): boolean {
  const body = (parsed ?? {}) as Record<string, unknown>;
  if (route.kind === "jpeg") return true; // a JPEG an upload accepts would be stored
  switch (route.path) {
    case "/api/activation/start":
    case "/api/registration/start":
    case "/api/recovery/start":
    case "/api/appointments":
      return seeded.get(String(body.citizenId)) === body.phone;
    case "/api/auth/login":
      return seeded.has(String(body.citizenId));
    case "/api/officer/login":
      return body.username === officerUsername;
    case "/api/officer/password":
      return true; // would change the fuzz officer's password
    case "/api/dev/clock":
      return body.advanceSeconds !== 0;
    case "/api/officer/events":
    case "/api/dev/faults":
      return true; // would start an event session, or arm a fault for the next uploads

    case "/api/dev/bench/hash":
      return Number(body.count) > 1; // not a write, but up to 1,000 PBKDF2 hashes: too slow to repeat
    default:
      return false;
  }
}

/**
 * Everything in D1 but the audit log, which the refusals append to; sessions (citizens' and officers') without
 * `last_seen_at`, which each authenticated request touches; and the clock's offset rather than its row. Also the
 * number of stored photos.
 */
async function snapshot(mayChange: string[] = []) {
  const tables = await snapshotTables(["audit_log", "sessions", "officer_sessions", "dev_clock", ...mayChange]);
  const sessions = await env.DB.prepare(
    "SELECT token_hash, account_id, created_at, expires_at, revoked_at FROM sessions ORDER BY token_hash",
  ).all();
  const officerSessions = mayChange.includes("officer_sessions")
    ? null
    : (
        await env.DB.prepare(
          "SELECT token_hash, username, created_at, expires_at, revoked_at FROM officer_sessions ORDER BY token_hash",
        ).all()
      ).results;
  const clock = await env.DB.prepare("SELECT COALESCE(SUM(offset_seconds), 0) AS offset FROM dev_clock").first();
  const photos = (await env.PHOTOS.list()).objects.length;
  return { tables, sessions: sessions.results, officerSessions, clock, photos };
}

function check(route: FuzzRoute, c: FuzzCase, answer: Answer, exp: ReturnType<typeof expectation>) {
  const where = `POST ${describeCase(c)} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, `5xx: ${where}`).toBeLessThan(500);
  expect(answer.type ?? "", `not JSON: ${where}`).toMatch(/^application\/json\b/);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(answer.text);
  } catch {
    throw new Error(`body is not JSON: ${where}`);
  }
  expect(body !== null && typeof body === "object" && !Array.isArray(body), where).toBe(true);
  if (answer.status !== 200) {
    expect(typeof body.code, where).toBe("string");
    expect(typeof body.message, where).toBe("string");
    expect((body.message as string).length, where).toBeGreaterThan(0);
    expect([...route.documented], `undocumented code: ${where}`).toContain(body.code);
  }
  if (route.kind === "none") {
    // Logout reads no body: whatever is sent, it clears the cookie.
    expect(answer.status, where).toBe(200);
    expect(body, where).toEqual({ ok: true });
    count(route.path, "200");
    return;
  }
  if (exp.malformed) {
    expect([...exp.statuses.keys()], where).toContain(answer.status);
    expect(body.code, where).toBe(exp.statuses.get(answer.status));
    count(route.path, `malformed-${answer.status}`);
  } else {
    expect(WELL_FORMED_STATUSES, where).toContain(answer.status);
    count(route.path, `wellformed-${answer.status}`);
  }
}

describe("fuzz: every POST route answers malformed input with a JSON 4xx and writes nothing it should not", () => {
  it("covers every POST route the router registers", () => {
    const registered = (router as unknown as { routes: Array<[string, RegExp, unknown[], string]> }).routes
      .filter(([method]) => method === "POST")
      .map(([, , , path]) => path.replace(/:(\w+)/g, "{$1}"));
    expect(routes.map((r) => r.path).sort()).toEqual([...new Set(registered)].sort());
    expect(perRoute * routes.length).toBeGreaterThanOrEqual(1_000);
  });

  routes.forEach((route, i) => {
    it(
      `POST ${route.path}`,
      async () => {
        const cases: fc.Arbitrary<FuzzCase> =
          route.kind === "jpeg"
            ? jpegCases(route)
            : route.kind === "none"
              ? logoutCases(route)
              : jsonCases(route, extraBases[route.path]);
        const safe = cases.filter((c) => {
          const exp = expectation(route, c);
          return exp.malformed || !leftOut(route, exp.parsed);
        });
        const before = await snapshot(MAY_CHANGE[route.path]);
        await fc.assert(
          fc.asyncProperty(safe, async (c) => {
            const answer = await send(route.session ? { ...c, cookie: cookies[route.session] } : c);
            check(route, c, answer, expectation(route, c));
          }),
          { seed: (SEED + i * 7_919) | 0, numRuns: perRoute },
        );
        expect(await snapshot(MAY_CHANGE[route.path])).toEqual(before);
      },
      30_000 + perRoute * 250,
    );
  });
});
