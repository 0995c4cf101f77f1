import type { RouterType } from "itty-router";
import { DevClockBody } from "../../../shared/schemas";
import { advanceDevClock, iso, systemClock } from "../clock";
import { toVnMobileE164 } from "../domain/phone";
import { importRegistry } from "../domain/registry-import";
import { isDevelopment } from "../env";
import { AppError } from "../errors";
import { json, readJson } from "../http";
import * as z from "zod/mini";
import { DevOfficerBody, UnitsFile } from "../../../shared/officer-schemas";
import { createOfficer } from "../domain/officer";
import { importUnits } from "../domain/units";
import { type Args, type Req, ctxOf, unwrap } from "./util";
import { DevFaultBody } from "../../../shared/event-schemas";
import { devOutbox, injectFault } from "../domain/dev";

/** Registry extracts may be large; this bounds what the local import reads. */
const IMPORT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * `/api/dev/*`: contracts for local tests, answered only when `ENVIRONMENT=development`; 404 anywhere else.
 */
export function devRoutes(router: RouterType<Req, Args>): void {
  router
    .all("/api/dev/*", (_req, env) => {
      if (!isDevelopment(env)) throw new AppError("NOT_FOUND");
    })
    .get("/api/dev/sms", async (req, env) => {
      const raw = new URL(req.url).searchParams.get("phone") ?? "";
      const phone = toVnMobileE164(raw);
      if (!phone) throw new AppError("VALIDATION_FAILED", { fields: { phone: "Số điện thoại di động không hợp lệ" } });
      const messages = await devOutbox(env, phone);
      return json({ messages: messages.map((m) => ({ to: m.to, text: m.text, sentAt: iso(m.sentAt) })) });
    })
    .post("/api/dev/clock", async (req, env) => {
      const { advanceSeconds } = await readJson(req, DevClockBody);
      const offset = await advanceDevClock(env, advanceSeconds);
      return json({ now: iso(systemClock.now() + offset) });
    })
    .post("/api/dev/registry/import", async (req, env) => {
      // Shapes are checked by importRegistry, which reports each bad record with its index.
      const body = await readJson(req, z.unknown(), IMPORT_MAX_BYTES);
      const outcome = await importRegistry(await ctxOf(env, req), body);
      if (!outcome.ok) throw new AppError("IMPORT_INVALID", { details: outcome.problems });
      return json(outcome.summary);
    })
    .post("/api/dev/units/import", async (req, env) => {
      const body = await readJson(req, UnitsFile, IMPORT_MAX_BYTES);
      const outcome = await importUnits(await ctxOf(env, req), body);
      if (!outcome.ok) throw new AppError("IMPORT_INVALID", { details: outcome.problems });
      return json(outcome.summary);
    })
    .post("/api/dev/faults", async (req, env) => {
      const { route, failNext: count, mode: single, sequence, delayMs } = await readJson(req, DevFaultBody);
      const failNext = sequence ? sequence.length : count;
      const mode = sequence ? sequence.join(",") : single;
      await injectFault(env, route, failNext, mode, delayMs);
      return json({ route, failNext, mode });
    })
    .post("/api/dev/officers", async (req, env) => {
      const body = await readJson(req, DevOfficerBody);
      return json(unwrap(await createOfficer(await ctxOf(env, req), body)));
    });
}
