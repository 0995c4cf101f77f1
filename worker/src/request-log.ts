/**
 * One structured JSON log line per request, and the request id that ties a citizen's complaint to it.
 *
 * The id is Cloudflare's `cf-ray` when present, else random; every answer carries it in `X-Request-Id`, and every
 * JSON error body as `requestId`. The line names the declared route (`/api/officer/applications/{id}/approve`),
 * never the URL, so that no ID number, phone or code in a path or query string reaches the logs; it never holds a
 * body either. docs/operations.md, "What to watch", lists its fields.
 */
import { citizenBucket } from "../../shared/citizen-bucket";
import { randomBytes } from "./crypto";

/** What is learnt about a request while it is answered; only fields that identify no one. */
interface Facts {
  requestId: string;
  /** The declared path of the route that answered. */
  route?: string;
  /** The citizen bucket (0–4095, `shared/citizen-bucket.ts`) of the citizen the request is about. */
  bucket?: number;
  /** The officer's police unit. */
  unit?: string;
}

// On the request itself rather than in a WeakMap: routes see itty-router's proxy of it, which passes this through.
const FACTS = Symbol("request facts");
type Noted = { [FACTS]?: Facts };
const factsOf = (req: object): Facts | undefined => (req as Noted)[FACTS];

/** The id of a request being served (`cf-ray`, else 16 random hex digits). */
export function requestIdOf(req: object | undefined): string | undefined {
  return req ? factsOf(req)?.requestId : undefined;
}

/** Records the declared route that answers the request. */
export function noteRoute(req: object, path: string): void {
  const f = factsOf(req);
  if (f) f.route = path;
}

/** Records whom the request is about: a citizen (by bucket, never the ID number) or an officer's unit. */
export function noteSubject(req: object, subject: { citizenId?: string | undefined; unit?: string | undefined }): void {
  const f = factsOf(req);
  if (!f) return;
  if (typeof subject.citizenId === "string" && /^\d{12}$/.test(subject.citizenId))
    f.bucket = citizenBucket(subject.citizenId);
  if (typeof subject.unit === "string") f.unit = subject.unit;
}

function newRequestId(req: Request): string {
  const ray = req.headers.get("cf-ray");
  if (ray && /^[\w-]{1,64}$/.test(ray)) return ray;
  return [...randomBytes(8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The fields of the request log line. */
export interface RequestLogLine {
  type: "request";
  requestId: string;
  method: string;
  route: string | null;
  status: number;
  durationMs: number;
  province: string;
  bucket?: number;
  unit?: string;
  code?: string;
}

/**
 * Serves a request through `handle`, then stamps the request id on the answer (header, and `requestId` in a JSON
 * error body) and writes the request's log line.
 */
export async function served(
  req: Request,
  province: string,
  handle: (req: Request) => Promise<Response>,
): Promise<Response> {
  const started = Date.now();
  const f: Facts = { requestId: newRequestId(req) };
  (req as Noted)[FACTS] = f;
  let res = await handle(req);
  let code: string | undefined;
  if (res.status >= 400 && (res.headers.get("content-type") ?? "").startsWith("application/json")) {
    const body: unknown = await res
      .clone()
      .json()
      .catch(() => null);
    if (
      body &&
      typeof body === "object" &&
      !Array.isArray(body) &&
      typeof (body as { code?: unknown }).code === "string"
    ) {
      code = (body as { code: string }).code;
      res = new Response(JSON.stringify({ ...body, requestId: f.requestId }), res);
    }
  }
  // A copy: answers of the assets binding have immutable headers.
  res = new Response(res.body, res);
  res.headers.set("x-request-id", f.requestId);
  const line: RequestLogLine = {
    type: "request",
    requestId: f.requestId,
    method: req.method,
    route: f.route ?? null,
    status: res.status,
    durationMs: Date.now() - started,
    province,
    ...(f.bucket !== undefined && { bucket: f.bucket }),
    ...(f.unit !== undefined && { unit: f.unit }),
    ...(code !== undefined && { code }),
  };
  console.log(JSON.stringify(line));
  return res;
}
