import type * as z from "zod/mini";
import { LIMITS } from "../../shared/limits";
import { type Env, isDevelopment } from "./env";
import { AppError } from "./errors";

/** Reads at most `limit` bytes of a body, refusing more (413) without buffering it. */
export async function readCapped(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw new AppError("PAYLOAD_TOO_LARGE");
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("PAYLOAD_TOO_LARGE");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Turns zod issues into one message per field path (`answers.1.questionId`), first issue wins. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  // No prototype, and own-property checks: a field named "__proto__" or "constructor" is reported like any other.
  const fields: Record<string, string> = Object.create(null);
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const prefix = issue.path.length ? `${issue.path.map(String).join(".")}.` : "";
      for (const k of issue.keys)
        if (!Object.hasOwn(fields, `${prefix}${k}`)) fields[`${prefix}${k}`] = "Trường không được hỗ trợ";
      continue;
    }
    const key = issue.path.length ? issue.path.map(String).join(".") : "_";
    if (!Object.hasOwn(fields, key)) fields[key] = issue.message;
  }
  return fields;
}

/**
 * Parses a JSON request body and validates it with a shared schema. Failures throw {@link AppError}:
 * 415 for a content type other than JSON, 413 over `limit`, 400 for bytes that are not JSON, 422 for a body
 * that does not fit the schema.
 */
export async function readJson<S extends z.ZodMiniType>(
  request: Request,
  schema: S,
  limit: number = LIMITS.jsonBodyMaxBytes,
): Promise<z.output<S>> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") throw new AppError("UNSUPPORTED_MEDIA_TYPE");
  const bytes = await readCapped(request, limit);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw new AppError("INVALID_JSON");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", { fields: fieldErrors(parsed.error.issues) });
  return parsed.data;
}

/** Reads a raw `image/jpeg` body of at most `limit` bytes: 415 `PHOTO_TYPE` for another type, 413 `PHOTO_TOO_LARGE`. */
export async function readJpeg(request: Request, limit: number): Promise<Uint8Array> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "image/jpeg") throw new AppError("PHOTO_TYPE");
  try {
    return await readCapped(request, limit);
  } catch (err) {
    throw err instanceof AppError && err.code === "PAYLOAD_TOO_LARGE" ? new AppError("PHOTO_TOO_LARGE") : err;
  }
}

/** The value of a request cookie, or `null`. */
export function readCookie(req: Request, name: string): string | null {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}

/**
 * Validates a query string with a shared schema (empty parameters count as absent); 422 with per-field messages
 * when it does not fit.
 */
export function readQuery<S extends z.ZodMiniType>(request: Request, schema: S): z.output<S> {
  const params: Record<string, string> = Object.create(null);
  for (const [key, value] of new URL(request.url).searchParams) if (value !== "") params[key] = value;
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", { fields: fieldErrors(parsed.error.issues) });
  return parsed.data;
}

/** A session cookie (citizen or officer): HttpOnly, SameSite=Strict, and Secure but on plain-http development. */
export function cookieHeader(
  req: Request,
  env: Pick<Env, "ENVIRONMENT">,
  name: string,
  value: string,
  maxAge: number,
): string {
  // Secure everywhere but plain-http local development (browsers drop Secure cookies over http on 127.0.0.1).
  const secure = !isDevelopment(env) || new URL(req.url).protocol === "https:";
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

/** A JSON response with no caching. */
export function json(data: unknown, status = 200, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/json; charset=utf-8");
  h.set("cache-control", "no-store");
  return new Response(JSON.stringify(data), { status, headers: h });
}
