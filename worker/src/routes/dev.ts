import type { RouterType } from "itty-router";
import { DevClockBody } from "../../../shared/schemas";
import { advanceDevClock, iso, systemClock } from "../clock";
import { listOutbox } from "../db/outbox";
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
import type { Env } from "../env";

/** Routes that take injected faults. */
export type FaultRoute = "event-sync";

/**
 * Takes one injected fault of `route`, if any is left (development only; outside it, never reads the table).
 * Decremented atomically, so that concurrent requests take each fault once.
 */
export async function takeFault(env: Env, route: FaultRoute): Promise<{ mode: "500" | "timeout"; delayMs: number } | null> {
  if (!isDevelopment(env)) return null;
  const row = await env.DB.prepare(
    "UPDATE dev_faults SET remaining = remaining - 1 WHERE route = ?1 AND remaining > 0 RETURNING mode, remaining, delay_ms",
  )
    .bind(route)
    .first<{ mode: string; remaining: number; delay_ms: number }>();
  if (!row) return null;
  // A sequence ("500,500,timeout") is taken from its start: `remaining` counts what is left after this one.
  const modes = row.mode.split(",");
  const mode = modes.length === 1 ? modes[0] : modes[modes.length - 1 - row.remaining];
  return { mode: mode === "timeout" ? "timeout" : "500", delayMs: row.delay_ms };
}

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
      const messages = await listOutbox(env.DB, phone);
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
      await env.DB.prepare(
        `INSERT INTO dev_faults (route, remaining, mode, delay_ms) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (route) DO UPDATE SET remaining = ?2, mode = ?3, delay_ms = ?4`,
      )
        .bind(route, failNext, mode, delayMs ?? 20_000)
        .run();
      return json({ route, failNext, mode });
    })
    .post("/api/dev/officers", async (req, env) => {
      const body = await readJson(req, DevOfficerBody);
      return json(unwrap(await createOfficer(await ctxOf(env, req), body)));
    });
}
