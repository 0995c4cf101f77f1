/**
 * "Đặt lịch hẹn" (seed 001, Phụ lục 1 III: "Đặt lịch hẹn đến cơ quan Công an đăng ký tài khoản định danh mức độ 2"):
 * a citizen picks a unit, a day (tomorrow to 30 days ahead, Monday to Saturday, Vietnam time) and a slot; each unit
 * has a capacity per slot, never exceeded however many book at once; one booking to come per citizen; a code to
 * cancel with. Officers see their unit's list of the day.
 *
 * The code is only ever texted, never answered: a second booking gets `APPOINTMENT_EXISTS` and the code is texted
 * again to the phone on file (at most once per {@link RESEND_AFTER} seconds). Cancelling takes the code and the ID
 * number, is throttled per client IP (`LIMIT_CANCEL_PER_IP`), and texts the citizen.
 */
import { foldAscii } from "../../../shared/ascii";
import { addDays } from "../../../shared/dates";
import { type Clock, iso, vnToday } from "../clock";
import type { Ctx } from "../context";
import { findAccount } from "../db/accounts";
import {
  cancelBooking,
  claimResendStatement,
  countBooked,
  findActiveBooking,
  insertBooking,
  listDay,
} from "../db/appointments";
import { audit } from "../db/audit";
import { type Unit, findUnit } from "../db/units";
import { type Result, fail } from "../errors";
import { newAppointmentCode } from "./codes";
import { type Officer, actsFor } from "./officer";
import { sendAfterCommit } from "./texts";
import { takeSlot } from "./throttle";

/** Calendar arithmetic (shared/dates.ts), where the booking's users expect it. */
export { addDays };

/** How far ahead a day may be booked. */
export const BOOKING_DAYS_AHEAD = 30;

/** True for tomorrow to 30 days ahead (Vietnam time), Monday to Saturday. */
export function isBookableDay(day: string, clock: Clock): boolean {
  const today = vnToday(clock);
  if (day <= today || day > addDays(today, BOOKING_DAYS_AHEAD)) return false;
  return new Date(`${day}T00:00:00Z`).getUTCDay() !== 0;
}

/** The SMS confirming a booking (ASCII). */
export function bookingText(unitName: string, day: string, time: string, code: string): string {
  const [y, m, d] = day.split("-");
  return `Lich hen dang ky dinh danh dien tu muc 2 tai ${foldAscii(unitName)} ngay ${d}/${m}/${y} luc ${time}. Ma lich hen: ${code}. Vui long mang theo the Can cuoc.`;
}

/** The SMS telling a citizen their booking was cancelled (ASCII), and what to do if they did not cancel it. */
export function cancelledText(unitName: string, day: string, time: string, code: string): string {
  const [y, m, d] = day.split("-");
  return `Lich hen ${code} tai ${foldAscii(unitName)} ngay ${d}/${m}/${y} luc ${time} da duoc huy. Neu khong phai ban huy, hay dat lich moi va lien he ${foldAscii(unitName)}.`;
}

/** A booking's code is texted again (after APPOINTMENT_EXISTS) at most once in this many seconds. */
export const RESEND_AFTER = 600;

async function openUnit(ctx: Ctx, code: string, day: string): Promise<Result<{ unit: Unit }>> {
  const unit = await findUnit(ctx.db, code);
  if (!unit) return fail("UNIT_NOT_FOUND");
  if (!isBookableDay(day, ctx.clock) || unit.slots.length === 0) return fail("SLOT_NOT_OFFERED");
  return { ok: true, unit };
}

/** A unit's slots on a day, with the seats left in each. */
export async function listSlots(
  ctx: Ctx,
  unitCode: string,
  day: string,
): Promise<
  Result<{
    unit: { code: string; name: string };
    day: string;
    slots: Array<{ time: string; capacity: number; left: number }>;
  }>
> {
  const opened = await openUnit(ctx, unitCode, day);
  if (!opened.ok) return opened;
  const { unit } = opened;
  const taken = await countBooked(ctx.db, unit.code, day);
  return {
    ok: true,
    unit: { code: unit.code, name: unit.name },
    day,
    slots: unit.slots.map((time) => ({
      time,
      capacity: unit.capacityPerSlot,
      left: Math.max(0, unit.capacityPerSlot - (taken.get(time) ?? 0)),
    })),
  };
}

/**
 * Books a seat. The ID number and phone must be the citizen's (the account's phone, else the registry's), so that
 * nobody can text confirmations to someone else's phone; the same answer for an unknown ID and a wrong phone.
 */
export async function bookAppointment(
  ctx: Ctx,
  input: { unitCode: string; day: string; time: string; citizenId: string; phone: string },
): Promise<Result<{ code: string; unitCode: string; day: string; time: string }>> {
  const slot = await takeSlot(ctx, "booking-ip", ctx.clientIp);
  if (!slot.ok) return slot;
  const opened = await openUnit(ctx, input.unitCode, input.day);
  if (!opened.ok) return opened;
  const { unit } = opened;
  if (!unit.slots.includes(input.time))
    return fail("SLOT_NOT_OFFERED", { fields: { time: "Khung giờ này không có trong lịch tiếp nhận" } });
  const [account, citizen] = await Promise.all([
    findAccount(ctx.db, input.citizenId),
    ctx.registry.findCitizen(input.citizenId),
  ]);
  const phoneOnFile = account?.phone ?? citizen?.phone;
  if (!phoneOnFile || phoneOnFile !== input.phone) return fail("INVALID_ID_OR_PHONE");

  const today = vnToday(ctx.clock);
  const now = ctx.clock.now();
  let code = "";
  let booked = false;
  for (let attempt = 0; attempt < 3 && !booked; attempt++) {
    code = newAppointmentCode();
    try {
      booked = await insertBooking(
        ctx.db,
        {
          code,
          unitCode: unit.code,
          day: input.day,
          time: input.time,
          citizenId: input.citizenId,
          phone: input.phone,
          status: "booked",
          createdAt: now,
        },
        unit.capacityPerSlot,
        today,
      );
      break;
    } catch (err) {
      // A code already given (one chance in a billion): draw another.
      if (!String(err).includes("UNIQUE")) throw err;
    }
  }
  if (!booked) {
    const existing = await findActiveBooking(ctx.db, input.citizenId, today);
    if (!existing) return fail("SLOT_FULL");
    // The code is never answered: it goes to the phone on file (the one just checked), at most once in 10 minutes.
    const [claimed] = await ctx.db.batch([claimResendStatement(ctx.db, existing.code, now, RESEND_AFTER)]);
    if (claimed?.meta.changes === 1) {
      const existingUnit = existing.unitCode === unit.code ? unit : await findUnit(ctx.db, existing.unitCode);
      await audit(ctx.db, now, "appointment.resent", account?.id ?? null, { code: existing.code });
      const text = bookingText(existingUnit?.name ?? existing.unitCode, existing.day, existing.time, existing.code);
      await sendAfterCommit(ctx, "appointment.resent", {
        to: phoneOnFile,
        text,
        accountId: account?.id ?? null,
        about: [existing.code, now],
      });
    }
    return fail("APPOINTMENT_EXISTS");
  }
  await audit(ctx.db, now, "appointment.booked", account?.id ?? null, {
    code,
    unit: unit.code,
    day: input.day,
    time: input.time,
  });
  await sendAfterCommit(ctx, "appointment.booked", {
    to: input.phone,
    text: bookingText(unit.name, input.day, input.time, code),
    accountId: account?.id ?? null,
    about: [code],
  });
  return { ok: true, code, unitCode: unit.code, day: input.day, time: input.time };
}

/**
 * Cancels a booking with its code and the citizen's ID number (both needed; an unknown pair is 404), throttled per
 * client IP; texts the phone the booking was made with.
 */
export async function cancelAppointment(ctx: Ctx, code: string, citizenId: string): Promise<Result<object>> {
  const slot = await takeSlot(ctx, "cancel-ip", ctx.clientIp);
  if (!slot.ok) return slot;
  const now = ctx.clock.now();
  const cancelled = await cancelBooking(ctx.db, code, citizenId, now);
  if (!cancelled) return fail("APPOINTMENT_NOT_FOUND");
  await audit(ctx.db, now, "appointment.cancelled", null, { code });
  const unit = await findUnit(ctx.db, cancelled.unitCode);
  const text = cancelledText(unit?.name ?? cancelled.unitCode, cancelled.day, cancelled.time, cancelled.code);
  await sendAfterCommit(ctx, "appointment.cancelled", {
    to: cancelled.phone,
    text,
    accountId: null,
    about: [cancelled.code],
  });
  return { ok: true };
}

/** A unit's bookings of a day, for its officers (a province_admin may name any unit; their own by default). */
export async function officerDayList(
  ctx: Ctx,
  officer: Officer,
  day: string,
  unitCode: string | undefined,
): Promise<
  Result<{
    unit: { code: string; name: string };
    day: string;
    appointments: Array<{
      code: string;
      time: string;
      citizenId: string;
      fullName: string | null;
      phone: string;
      status: "booked" | "cancelled";
      bookedAt: string;
    }>;
  }>
> {
  const code = unitCode ?? officer.unitCode;
  if (!actsFor(officer, code)) return fail("FORBIDDEN");
  const unit = await findUnit(ctx.db, code);
  if (!unit) return fail("UNIT_NOT_FOUND");
  const rows = await listDay(ctx.db, unit.code, day);
  const names = new Map<string, string | null>();
  await Promise.all(
    [...new Set(rows.map((r) => r.citizenId))].map(async (id) =>
      names.set(id, (await ctx.registry.findCitizen(id, { bestEffort: true }))?.fullName ?? null),
    ),
  );
  return {
    ok: true,
    unit: { code: unit.code, name: unit.name },
    day,
    appointments: rows.map((r) => ({
      code: r.code,
      time: r.time,
      citizenId: r.citizenId,
      fullName: names.get(r.citizenId) ?? null,
      phone: r.phone,
      status: r.status,
      bookedAt: iso(r.createdAt),
    })),
  };
}
