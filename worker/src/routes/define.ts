/**
 * One declaration per route: the router registers it (`../index.ts`) and `GET /api/openapi.json` describes it
 * (`../openapi.ts`). A declaration names its body, query and session; the handler gets them already checked, in the
 * order every route of its kind checks them.
 */
import type { IRequest, RouterType } from "itty-router";
import * as z from "zod/mini";
import { LIMITS } from "../../../shared/limits";
import type { ErrorCode } from "../../../shared/messages";
import type { RegistryAdapter } from "../adapters/registry";
import { type Ctx, createCtx } from "../context";
import { sha256Hex } from "../crypto";
import { HEALTH_PATHS } from "../dev-keys";
import { OFFICER_COOKIE, type Officer, authenticateOfficer } from "../domain/officer";
import { SESSION_COOKIE, authenticate } from "../domain/session";
import { type Env, isDevelopment } from "../env";
import { AppError, type Result, errorResponse, toErrorResponse, unwrap } from "../errors";
import { json, readCookie, readJpeg, readJson, readQuery } from "../http";
import type { Tag } from "../openapi";
import { noteRoute, noteSubject } from "../request-log";

/** The request as itty-router hands it to routes. */
export type Req = IRequest;
/** Route handler arguments after the request. */
export type Args = [env: Env, exec: ExecutionContext];

/**
 * The session a route needs. A citizen's is checked before the body is read; an officer's after it, so that a
 * malformed body gets the same 400/413/415/422 whoever sends it.
 */
export type Session = "none" | "citizen" | "officer" | "province_admin" | "officer-before-password-change";

/** The logged-in citizen, and the hash of this request's session token (to tell "Phiên hiện tại" apart). */
export type CitizenSession = { accountId: string; tokenHash: string };
/** The logged-in officer, and the hash of the officer session token. */
export type OfficerSession = { officer: Officer; tokenHash: string };

type SessionOf<S extends Session> = S extends "none"
  ? undefined
  : S extends "citizen"
    ? CitizenSession
    : OfficerSession;

/**
 * The session, or the refusal: a citizen route answers 401 `UNAUTHENTICATED` without a session; an officer route
 * 401 `UNAUTHENTICATED` without an officer session, 403 `FORBIDDEN` for a citizen session or a role that is not
 * enough, and 403 `PASSWORD_CHANGE_REQUIRED` until the one-time password is changed (but the change itself).
 */
async function sessionOf(req: Req, ctx: Ctx, session: Session): Promise<CitizenSession | OfficerSession | undefined> {
  if (session === "none") return undefined;
  const citizenToken = readCookie(req, SESSION_COOKIE);
  if (session === "citizen") {
    const accountId = await authenticate(ctx, citizenToken);
    if (!accountId) throw new AppError("UNAUTHENTICATED");
    return { accountId, tokenHash: await sha256Hex(citizenToken ?? "") };
  }
  const found = await authenticateOfficer(ctx, readCookie(req, OFFICER_COOKIE));
  if (!found) throw new AppError((await authenticate(ctx, citizenToken)) ? "FORBIDDEN" : "UNAUTHENTICATED");
  if (found.officer.mustChange && session !== "officer-before-password-change")
    throw new AppError("PASSWORD_CHANGE_REQUIRED");
  if (session === "province_admin" && found.officer.role !== "province_admin") throw new AppError("FORBIDDEN");
  return found;
}

/** A JSON request body. */
export interface JsonBody<T> {
  kind: "json";
  /** The schema the document shows; unless the body is read unchecked, also the one that validates it. */
  schema: z.ZodMiniType;
  maxBytes: number;
  /** This route's own example, for a schema that has none in `shared/examples.ts` or whose example does not fit. */
  example?: unknown;
  read(req: Request): Promise<T>;
}

/** A raw JPEG request body. */
export interface JpegBody<T> {
  kind: "jpeg";
  maxBytes: number;
  read(req: Request): Promise<T>;
}

/** A query string, with the document's words for each parameter. */
export interface Query<T> {
  schema: z.ZodMiniObject;
  params: Record<string, { description: string; example: string }>;
  read(req: Request): T;
}

/** A JSON body that `schema` validates; at most `maxBytes` (the API's default limit unless given). */
export function jsonBody<S extends z.ZodMiniType>(
  schema: S,
  options: { maxBytes?: number; example?: z.input<S> } = {},
): JsonBody<z.output<S>> {
  const { maxBytes = LIMITS.jsonBodyMaxBytes, example } = options;
  return {
    kind: "json",
    schema,
    maxBytes,
    ...(example !== undefined && { example }),
    read: (req) => readJson(req, schema, maxBytes),
  };
}

/** A JSON body the handler validates itself (the registry import reports each bad record); `schema` documents it. */
export function uncheckedJsonBody(schema: z.ZodMiniType, maxBytes: number): JsonBody<unknown> {
  return { kind: "json", schema, maxBytes, read: (req) => readJson(req, z.unknown(), maxBytes) };
}

/**
 * A raw `image/jpeg` body of at most `maxBytes` (else 415 `PHOTO_TYPE`, 413 `PHOTO_TOO_LARGE`). `check`, when given,
 * runs on the bytes as part of reading them, before an officer's session is checked.
 */
export function jpegBody<T extends object = object>(
  maxBytes: number,
  check?: (bytes: Uint8Array) => Result<T>,
): JpegBody<{ bytes: Uint8Array } & T> {
  return {
    kind: "jpeg",
    maxBytes,
    async read(req) {
      const bytes = await readJpeg(req, maxBytes);
      return { bytes, ...(check ? unwrap(check(bytes)) : ({} as T)) };
    },
  };
}

/** A query string that `schema` validates (empty parameters count as absent; 422 with per-field messages). */
export function query<S extends z.ZodMiniObject>(schema: S, params: Query<unknown>["params"]): Query<z.output<S>> {
  return { schema, params, read: (req) => readQuery(req, schema) };
}

/** Flow steps: the flow id is unknown, ended or expired, or the flow is at another step. */
export const FLOW_ERRORS = ["FLOW_EXPIRED", "FLOW_STEP"] as const;
/** Sending a code. */
export const SEND_ERRORS = [
  "OTP_COOLDOWN",
  "OTP_DAILY_LIMIT",
  "RATE_LIMITED",
  "SMS_UNAVAILABLE",
  "SMS_BUDGET",
] as const;
/** Checking a code. */
export const VERIFY_ERRORS = ["OTP_INVALID", "OTP_EXPIRED", "OTP_LOCKED", "OTP_NOT_SENT"] as const;
/** Checking the passcode. */
export const PASSCODE_ERRORS = ["PASSCODE_WRONG", "PASSCODE_LOCKED"] as const;

/** A fault injected by the tests (development only): a 500 before any work, or an answer held back. */
export type Fault = { mode: "500" | "timeout"; delayMs: number } | null;

/** What the document says of a route, as its author writes it. */
interface Facts {
  summary: string;
  /** Vietnamese, as the citizen sees the step. */
  description?: string;
  /** The 200 body. */
  response: z.ZodMiniType;
  /** The 200 body's media type when it is not JSON. */
  produces?: "text/csv" | "image/jpeg";
  /** The 200 answer may be cached (a public `Cache-Control`), instead of `no-store`. */
  cacheable?: true;
  /** Sets the session cookie (or, on officer routes, the officer cookie) on 200. */
  setsCookie?: true;
}

/** What a handler gets: the request, checked. */
export type Input<B, Q, S extends Session> = { req: Req; env: Env; body: B; query: Q; session: SessionOf<S> };

/** A route, as its author writes it: the facts, the inputs, and the handler. */
export interface RouteSpec<B, Q, S extends Session, R extends z.ZodMiniType, C extends boolean> extends Facts {
  /** `none` unless given. */
  session?: S;
  body?: JsonBody<B> | JpegBody<B>;
  query?: Query<Q>;
  response: R;
  /** The codes of this route beyond those of its kind (see {@link errorCodes}); statuses from `errors.ts`. */
  errors?: readonly ErrorCode[];
  /** `false`: the handler of a route without a session needs no request context (pepper, SMS adapter, registry). */
  ctx?: C;
  /** Takes a fault injected by the tests, before any work (development only). */
  fault?: (env: Env) => Promise<Fault>;
  /** The answer: a response, or a body to send as JSON. */
  handler(input: Input<B, Q, S> & (C extends false ? unknown : { ctx: Ctx })): Promise<Response | z.input<R>>;
}

/** A declared route, as the router and the document read it. */
export interface Route extends Facts {
  operationId: string;
  tag: Tag;
  method: "get" | "post";
  /** As the document shows it, parameters as `{id}`. */
  path: string;
  session: Session;
  /** A route of the development area: answered only with `ENVIRONMENT=development`, 404 `NOT_FOUND` elsewhere. */
  devOnly: boolean;
  body?: JsonBody<unknown> | JpegBody<unknown>;
  query?: Query<unknown>;
  /** Every error code the route may answer, in the document's order: those of its kind, then its own. */
  codes: readonly ErrorCode[];
  /** Answers a request the router matched to this route. */
  handle(req: Req, env: Env): Promise<Response>;
}

/** A declaration waiting for its operationId and area ({@link routesOf}). */
type Draft = (operationId: string, tag: Tag) => Route;

const BODY_ERRORS = ["INVALID_JSON", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE", "VALIDATION_FAILED"] as const;
const JPEG_ERRORS = ["PHOTO_TYPE", "PHOTO_TOO_LARGE"] as const;
const OFFICER_ERRORS = ["UNAUTHENTICATED", "FORBIDDEN", "PASSWORD_CHANGE_REQUIRED"] as const;

/**
 * The codes a route answers by construction, around its own: 404 outside development for a development route, the
 * body's and the session's refusals, 422 for a query, 403 `CSRF` for a state-changing route, 503 for a deployment
 * holding a development key (all but the health checks, `../dev-keys.ts`), and 500.
 */
function errorCodes(
  route: Pick<Route, "method" | "path" | "session" | "devOnly" | "body" | "query">,
  own: readonly ErrorCode[],
) {
  const { session, body } = route;
  const codes: ErrorCode[] = [
    ...(route.devOnly ? (["NOT_FOUND"] as const) : []),
    ...(body?.kind === "json" ? BODY_ERRORS : body?.kind === "jpeg" ? JPEG_ERRORS : []),
    ...(session === "citizen" ? (["UNAUTHENTICATED"] as const) : []),
    ...(session === "officer" || session === "province_admin" ? OFFICER_ERRORS : []),
    ...(session === "officer-before-password-change" ? OFFICER_ERRORS.slice(0, 2) : []),
    ...(route.query ? (["VALIDATION_FAILED"] as const) : []),
    ...own,
    ...(route.method === "post" && !route.devOnly ? (["CSRF"] as const) : []),
    ...(HEALTH_PATHS.includes(route.path) ? [] : (["DEVELOPMENT_KEY_IN_PRODUCTION"] as const)),
    "INTERNAL",
  ];
  return [...new Set(codes)];
}

/**
 * Declares the route `METHOD /path` (the path as the document shows it, parameters as `{id}`); {@link routesOf}
 * gives it its operationId and tag.
 */
export function defineRoute<
  B = undefined,
  Q = undefined,
  S extends Session = "none",
  R extends z.ZodMiniType = z.ZodMiniType,
  C extends boolean = true,
>(line: `${"GET" | "POST"} /${string}`, spec: RouteSpec<B, Q, S, R, C>): Draft {
  const { session = "none", errors = [], ctx: _ctx, fault, handler, ...facts } = spec;
  const [verb, path] = line.split(" ") as [string, string];
  const method = verb.toLowerCase() as Route["method"];
  const { body, query } = spec;

  return (operationId, tag) => {
    const devOnly = tag === "development";

    async function answer(req: Req, env: Env): Promise<Response> {
      if (devOnly && !isDevelopment(env)) throw new AppError("NOT_FOUND");
      const injected = fault && (await fault(env));
      if (injected?.mode === "500") return errorResponse("INTERNAL");
      // Checked before the session: any body but a citizen's, and the query of a route without a session.
      let input = body && session !== "citizen" ? await body.read(req) : undefined;
      let params = query && session === "none" ? query.read(req) : undefined;
      const ctx = spec.ctx === false && session === "none" ? undefined : await createCtx(env, {}, req);
      // Set only in the vitest pool (`vitest.config.ts`).
      if (ctx && (env as { CHECK_ROUTE_CODES?: string }).CHECK_ROUTE_CODES)
        ctx.registry = declaredRegistry(route, ctx.registry);
      const who = ctx && (await sessionOf(req, ctx, session));
      if (body && session === "citizen") input = await body.read(req);
      if (query && session !== "none") params = query.read(req);
      noteSubject(req, {
        citizenId: who && "accountId" in who ? who.accountId : (input as { citizenId?: string } | undefined)?.citizenId,
        unit: who && "officer" in who ? who.officer.unitCode : undefined,
      });
      const out = await handler({ req, env, ctx, body: input, query: params, session: who } as never);
      if (injected?.mode === "timeout") await new Promise((resolve) => setTimeout(resolve, injected.delayMs));
      return out instanceof Response ? out : json(out);
    }

    const route: Route = {
      ...facts,
      operationId,
      tag,
      method,
      path,
      session,
      devOnly,
      codes: errorCodes({ ...facts, method, path, session, devOnly }, errors),
      async handle(req, env) {
        noteRoute(req, path);
        let res: Response;
        try {
          res = await answer(req, env);
        } catch (err) {
          res = toErrorResponse(err);
        }
        // Set only in the vitest pool (`vitest.config.ts`).
        return (env as { CHECK_ROUTE_CODES?: string }).CHECK_ROUTE_CODES ? checkCode(route, res) : res;
      },
    };
    return route;
  };
}

/** The routes of one area of the API, which is their OpenAPI tag, by operationId. */
export function routesOf(tag: Tag, drafts: Record<string, Draft>): Route[] {
  return Object.entries(drafts).map(([operationId, draft]) => draft(operationId, tag));
}

/** Registers every route with itty-router, whose paths name their parameters `:id`. */
export function registerRoutes(router: RouterType<Req, Args>, routes: readonly Route[]): void {
  for (const route of routes) {
    router[route.method](route.path.replace(/\{(\w+)\}/g, ":$1"), (req, env) => route.handle(req, env));
  }
}

// ------------------------------------------------------------------------------------------------------------------
// In tests: an error code a route does not declare fails the test.

/** Undeclared codes answered since the last {@link takeUndocumentedCodes}, as `METHOD path: CODE (status)`. */
const undocumented: string[] = [];

/** Returns and forgets the undeclared codes answered so far (the workerd setup file fails a test on any). */
export function takeUndocumentedCodes(): string[] {
  return undocumented.splice(0);
}

/**
 * The registry as a route's handler sees it in tests: a lookup that could answer `REGISTRY_UNAVAILABLE` (all but a
 * best-effort one) from a route that does not declare that code is recorded, even though the local registry answers.
 */
function declaredRegistry(route: Route, inner: RegistryAdapter): RegistryAdapter {
  const reached = () => {
    if (!route.codes.includes("REGISTRY_UNAVAILABLE")) {
      const where = `${route.method.toUpperCase()} ${route.path}: REGISTRY_UNAVAILABLE (it looks the registry up)`;
      if (!undocumented.includes(where)) undocumented.push(where);
    }
  };
  const { findCitizens, lookupInBatch } = inner;
  return {
    findCitizen: (id, options) => {
      if (!options?.bestEffort) reached();
      return inner.findCitizen(id, options);
    },
    ...(findCitizens && { findCitizens: (ids: string[]) => (reached(), findCitizens.call(inner, ids)) }),
    ...(lookupInBatch && { lookupInBatch: (id: string) => lookupInBatch.call(inner, id) }),
  };
}

async function checkCode(route: Route, res: Response): Promise<Response> {
  if (res.status < 400 || !(res.headers.get("content-type") ?? "").startsWith("application/json")) return res;
  const { code } = (await res.clone().json()) as { code?: ErrorCode };
  if (code !== undefined && route.codes.includes(code)) return res;
  const where = `${route.method.toUpperCase()} ${route.path}: ${String(code)} (${res.status})`;
  console.error(`undeclared error code; add it to the route's errors: ${where}`);
  undocumented.push(where);
  return errorResponse("INTERNAL");
}
