import type { RouterType } from "itty-router";
import { BookingBody, CancelBookingBody, SlotsQuery } from "../../../shared/officer-schemas";
import { bookAppointment, cancelAppointment, listSlots } from "../domain/booking";
import { unitViews } from "../domain/units";
import { json, readJson, readQuery } from "../http";
import { type Args, type Req, ctxOf, unwrap } from "./util";

/** `/api/units` and `/api/appointments*`: "Đặt lịch hẹn" at a police unit, no login needed. */
export function appointmentRoutes(router: RouterType<Req, Args>): void {
  router
    .get("/api/units", async (req, env) => json(await unitViews(await ctxOf(env, req))))
    .get("/api/appointments/slots", async (req, env) => {
      const { unit, day } = readQuery(req, SlotsQuery);
      return json(unwrap(await listSlots(await ctxOf(env, req), unit, day)));
    })
    .post("/api/appointments", async (req, env) => {
      const body = await readJson(req, BookingBody);
      return json(unwrap(await bookAppointment(await ctxOf(env, req), body)));
    })
    .post("/api/appointments/cancel", async (req, env) => {
      const { code, citizenId } = await readJson(req, CancelBookingBody);
      unwrap(await cancelAppointment(await ctxOf(env, req), code, citizenId));
      return json({ ok: true });
    });
}
