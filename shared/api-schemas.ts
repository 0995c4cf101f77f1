/**
 * Bodies of the API that the PWA neither sends nor parses: the health check, plain OK answers, the OpenAPI document,
 * the development tools and the answers that are not JSON. Only the worker imports this module.
 */
import * as z from "zod/mini";

/** `GET /api/health`. */
export const HealthResponse = z.object({ ok: z.literal(true), app: z.string(), environment: z.string() });
/**
 * `GET /api/health/ready`: each part checked, `ok` or why it fails (never a secret's value). The 503 answer is this
 * with `ready: false`, `failing` (the parts that fail) and the `NOT_READY` error code and message.
 */
export const ReadinessResponse = z.object({
  ready: z.boolean(),
  failing: z.optional(z.array(z.string())),
  checks: z.record(z.string(), z.string()),
});
/** `{ "ok": true }`: cancel and logout. */
export const OkResponse = z.object({ ok: z.literal(true) });
/** `POST /api/dev/registry/import`: what the import wrote (see `ImportSummary` in `shared/registry-file.ts`). */
export const ImportSummaryResponse = z.object({
  questions: z.int(),
  registry: z.int(),
  accountsCreated: z.int(),
  accountsUnchanged: z.int(),
});
/** `POST /api/dev/bench/hash`'s body: how many hashes to run back to back. */
export const BenchHashBody = z.strictObject({ count: z.int().check(z.gte(1), z.lte(1000)) });
/** `POST /api/dev/bench/hash`. */
export const BenchHashResponse = z.object({ count: z.int(), iterations: z.int() });
/** `GET /api/officer/reports.csv`: CSV text (UTF-8 with a BOM), described as a string. */
export const CsvText = z.string();
/** `GET /api/officer/photos/{id}`: the JPEG bytes, described as a string. */
export const JpegBytes = z.string();
/** This document (only its outline). */
export const OpenApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
  components: z.looseObject({}),
});
