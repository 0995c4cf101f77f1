import { OkResponse } from "../../../shared/api-schemas";
import {
  BookingBody,
  BookingResponse,
  CancelBookingBody,
  SlotsQuery,
  SlotsResponse,
  UnitsResponse,
} from "../../../shared/officer-schemas";
import { bookAppointment, cancelAppointment, listSlots } from "../domain/booking";
import { unitViews } from "../domain/units";
import { unwrap } from "../errors";
import { defineRoute, jsonBody, query, routesOf } from "./define";

/** `/api/units` and `/api/appointments*`: "Đặt lịch hẹn" at a police unit, no login needed. */
export const appointmentRoutes = routesOf("appointments", {
  units: defineRoute("GET /api/units", {
    summary: "The police units: the province police first, then communes and wards by name",
    response: UnitsResponse,
    handler: async ({ ctx }) => unitViews(ctx),
  }),
  appointmentSlots: defineRoute("GET /api/appointments/slots", {
    summary: "A unit's slots on a day with the seats left (days: tomorrow to +30, Monday–Saturday, Vietnam time)",
    query: query(SlotsQuery, {
      unit: { description: "Unit code", example: "CAP-TAMTHANH" },
      day: { description: "yyyy-mm-dd", example: "2026-07-15" },
    }),
    response: SlotsResponse,
    errors: ["UNIT_NOT_FOUND", "SLOT_NOT_OFFERED"],
    handler: async ({ ctx, query: { unit, day } }) => unwrap(await listSlots(ctx, unit, day)),
  }),
  appointmentBook: defineRoute("POST /api/appointments", {
    summary:
      "Book a slot (ID number and phone must be the citizen's); texts the confirmation code, which no answer carries (APPOINTMENT_EXISTS texts the existing one again)",
    description: "Đặt lịch hẹn.",
    body: jsonBody(BookingBody),
    response: BookingResponse,
    errors: [
      "UNIT_NOT_FOUND",
      "SLOT_NOT_OFFERED",
      "INVALID_ID_OR_PHONE",
      "SLOT_FULL",
      "APPOINTMENT_EXISTS",
      "RATE_LIMITED",
      "REGISTRY_UNAVAILABLE",
    ],
    handler: async ({ ctx, body }) => unwrap(await bookAppointment(ctx, body)),
  }),
  appointmentCancel: defineRoute("POST /api/appointments/cancel", {
    summary:
      "Cancel a booking with its code and the ID number (both needed), throttled per client IP; texts the citizen",
    description: "Hủy lịch hẹn.",
    body: jsonBody(CancelBookingBody),
    response: OkResponse,
    errors: ["APPOINTMENT_NOT_FOUND", "RATE_LIMITED"],
    handler: async ({ ctx, body }) => {
      unwrap(await cancelAppointment(ctx, body.code, body.citizenId));
      return { ok: true };
    },
  }),
});
