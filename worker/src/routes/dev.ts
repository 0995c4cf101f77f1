import * as z from "zod/mini";
import { BenchHashBody, BenchHashResponse, ImportSummaryResponse } from "../../../shared/api-schemas";
import { DevFaultBody, DevFaultResponse } from "../../../shared/event-schemas";
import { DevOfficerBody, DevOfficerResponse, UnitsFile, UnitsImportResponse } from "../../../shared/officer-schemas";
import { RegistryFile } from "../../../shared/registry-file";
import { DevClockBody, DevClockResponse, DevSmsResponse } from "../../../shared/schemas";
import { advanceDevClock, iso, systemClock } from "../clock";
import { hashSecret } from "../crypto";
import { createOfficer } from "../domain/officer";
import { toVnMobileE164 } from "../domain/phone";
import { importRegistry } from "../domain/registry-import";
import { importUnits } from "../domain/units";
import { AppError, unwrap } from "../errors";
import { devOutbox, injectFault } from "../domain/dev";
import { IMPORT_MAX_BYTES, imported } from "./admin";
import { defineRoute, jsonBody, query, routesOf, uncheckedJsonBody } from "./define";

const PHONE_INVALID = "Số điện thoại di động không hợp lệ";
/** `GET /api/dev/sms`'s query: a mobile number in any of its written forms. */
const DevSmsQuery = z.object({ phone: z.string({ error: PHONE_INVALID }) });

/** `/api/dev/*`: contracts for local tests, answered only when `ENVIRONMENT=development`; 404 anywhere else. */
export const devRoutes = routesOf("development", {
  devSms: defineRoute("GET /api/dev/sms", {
    summary: "The local SMS outbox of a phone number",
    query: query(DevSmsQuery, {
      phone: { description: "A mobile number in 0…, 84… or +84… form", example: "0912345678" },
    }),
    response: DevSmsResponse,
    ctx: false,
    handler: async ({ env, query }) => {
      const phone = toVnMobileE164(query.phone);
      if (!phone) throw new AppError("VALIDATION_FAILED", { fields: { phone: PHONE_INVALID } });
      const messages = await devOutbox(env, phone);
      return { messages: messages.map((m) => ({ to: m.to, text: m.text, sentAt: iso(m.sentAt) })) };
    },
  }),
  devClock: defineRoute("POST /api/dev/clock", {
    summary: "Move the server clock forward",
    body: jsonBody(DevClockBody),
    response: DevClockResponse,
    ctx: false,
    handler: async ({ env, body }) => {
      const offset = await advanceDevClock(env, body.advanceSeconds);
      return { now: iso(systemClock.now() + offset) };
    },
  }),
  devRegistryImport: defineRoute("POST /api/dev/registry/import", {
    summary: "Import a registry extract (all or nothing; unknown keys ignored)",
    // Shapes are checked by importRegistry, which reports each bad record with its index.
    body: uncheckedJsonBody(RegistryFile, IMPORT_MAX_BYTES),
    response: ImportSummaryResponse,
    errors: ["IMPORT_INVALID"],
    handler: async ({ ctx, body }) => imported(await importRegistry(ctx, body)),
  }),
  devUnitsImport: defineRoute("POST /api/dev/units/import", {
    summary: "Import a units data file (data/units/*.json): all or nothing, upserted by code",
    body: jsonBody(UnitsFile, { maxBytes: IMPORT_MAX_BYTES }),
    response: UnitsImportResponse,
    errors: ["IMPORT_INVALID"],
    handler: async ({ ctx, body }) => imported(await importUnits(ctx, body)),
  }),
  devOfficerAdd: defineRoute("POST /api/dev/officers", {
    summary: "Create an officer with a one-time password (npm run officer:add)",
    body: jsonBody(DevOfficerBody),
    response: DevOfficerResponse,
    errors: ["UNIT_NOT_FOUND"],
    handler: async ({ ctx, body }) => unwrap(await createOfficer(ctx, body)),
  }),
  devFaults: defineRoute("POST /api/dev/faults", {
    summary:
      "Make the next `failNext` requests of a route fail: a 500 before any work, or (`timeout`) an answer held back",
    body: jsonBody(DevFaultBody),
    response: DevFaultResponse,
    ctx: false,
    handler: async ({ env, body }) => {
      const { route, failNext: count, mode: single, sequence, delayMs } = body;
      const failNext = sequence ? sequence.length : count;
      const mode = sequence ? sequence.join(",") : single;
      await injectFault(env, route, failNext, mode, delayMs);
      return { route, failNext, mode };
    },
  }),
  /**
   * `count` PBKDF2 hashes at the configured iterations, one after the other, in this workerd, so that `npm run bench`
   * can set the login rate against the raw hash rate of the same runtime.
   */
  devBenchHash: defineRoute("POST /api/dev/bench/hash", {
    summary: "Run `count` password hashes back to back at the configured PBKDF2 iterations (for `npm run bench`)",
    body: jsonBody(BenchHashBody, { example: { count: 10 } }),
    response: BenchHashResponse,
    handler: async ({ ctx, body: { count } }) => {
      for (let i = 0; i < count; i++) await hashSecret(`bench-${i}`, ctx.pepper, ctx.iterations);
      return { count, iterations: ctx.iterations };
    },
  }),
});
