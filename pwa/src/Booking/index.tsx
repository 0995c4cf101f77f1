/**
 * `/dat-lich`: "Đặt lịch hẹn" at a police unit to register a level-2 account (seed 001, Phụ lục 1 III), no login
 * needed: "Đơn vị", "Ngày" (tomorrow to 30 days ahead, Monday to Saturday, Vietnam time on the server's clock),
 * "Giờ" (the slots with the seats left), "Số định danh cá nhân" and "Số điện thoại" → "Đặt lịch"
 * (`POST /api/appointments`) → the confirmation code. "Hủy lịch hẹn" takes the code and the ID number.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { addDays, vnToday } from "../../../shared/dates";
import {
  BookingBody,
  BookingResponse,
  CancelBookingBody,
  OFFICER_FIELD_MESSAGES,
  SlotsResponse,
  UnitsResponse,
} from "../../../shared/officer-schemas";
import { FIELD_MESSAGES } from "../../../shared/schemas";
import { type ApiError, anyAnswer, get, post, serverClock } from "../api";
import { AfterAlert, Field, FormEnd, INPUT, SelectField, useSchemaForm } from "../form";
import { t } from "../i18n";
import { vnWeekday } from "../i18n/dates";
import { tOfficer } from "../i18n/officer";
import { Link } from "../router";
import { ROUTES } from "../routes";
import { Alert, Button, Facts, Heading, Success, useTitle } from "../ui";

const b = () => tOfficer().booking;

type Unit = { code: string; name: string };
type Slot = { time: string; capacity: number; left: number };
type Booked = { code: string; unitCode: string; day: string; time: string };

/** The days that take bookings: tomorrow to 30 days ahead, Monday to Saturday (Vietnam days). */
export function bookableDays(today: string): string[] {
  const days: string[] = [];
  for (let i = 1; i <= 30; i++) {
    const day = addDays(today, i);
    if (new Date(`${day}T00:00:00Z`).getUTCDay() !== 0) days.push(day);
  }
  return days;
}

function BookForm({
  onBooked,
  onCancel,
}: {
  onBooked(booked: Booked, unit: Unit, citizenId: string): void;
  onCancel(code?: string, citizenId?: string): void;
}) {
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [unitsError, setUnitsError] = useState<ApiError | null>(null);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [slotsError, setSlotsError] = useState<ApiError | null>(null);
  const [slotsRound, setSlotsRound] = useState(0);
  const form = useSchemaForm("book", { unitCode: "", day: "", time: "", citizenId: "", phone: "" }, BookingBody, {
    messages: { ...FIELD_MESSAGES, ...OFFICER_FIELD_MESSAGES },
    refine: (errors, v) => {
      if (!v.unitCode) errors.unitCode = b().unitRequired;
      if (!v.day) errors.day = b().dayRequired;
      if (!v.time) errors.time = b().timeRequired;
    },
  });
  const req = form.req;
  const { unitCode, day } = form.values;

  useEffect(() => {
    let live = true;
    void get("/api/units", UnitsResponse).then((res) => {
      if (!live) return;
      if (res.ok) setUnits(res.data.units);
      else setUnitsError(res.error);
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    setSlots(null);
    setSlotsError(null);
    if (!unitCode || !day) return;
    let live = true;
    const query = new URLSearchParams({ unit: unitCode, day }).toString();
    void get(`/api/appointments/slots?${query}`, SlotsResponse).then((res) => {
      if (!live) return;
      if (res.ok) setSlots(res.data.slots);
      else setSlotsError(res.error);
    });
    return () => {
      live = false;
    };
  }, [unitCode, day, slotsRound]);

  // Computed once the units arrived, so that "today" is the server's (the first answer sets the clock offset).
  const days = units ? bookableDays(vnToday(serverClock)) : [];

  const choose = (k: "unitCode" | "day" | "time") => (value: string) => {
    form.set(k, value);
    if (k !== "time") form.reset("time");
    form.bind(k).onBlur();
  };

  const submit = form.submit(
    "book",
    (body) => post("/api/appointments", body, BookingResponse),
    (booked, body) => {
      const unit = units?.find((u) => u.code === booked.unitCode) ?? { code: booked.unitCode, name: booked.unitCode };
      onBooked(booked, unit, body.citizenId);
    },
    {
      after: (error) => {
        if (error.code !== "SLOT_FULL" && error.code !== "SLOT_NOT_OFFERED") return;
        form.reset("time");
        setSlotsRound((n) => n + 1);
      },
    },
  );

  const error = req.error;
  const unitBind = form.bind("unitCode");
  const dayBind = form.bind("day");
  const timeBind = form.bind("time");
  return (
    <>
      <Heading>{b().title}</Heading>
      <p>{b().intro}</p>
      {unitsError ? <Alert error={unitsError} /> : null}
      <form onSubmit={submit} noValidate>
        <SelectField
          id={unitBind.id}
          label={b().unit}
          value={unitCode}
          error={unitBind.error}
          onChange={choose("unitCode")}
        >
          <option value="">{units ? b().unitPlaceholder : t().common.loading}</option>
          {(units ?? []).map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={dayBind.id}
          label={b().day}
          hint={b().dayHint}
          value={day}
          error={dayBind.error}
          onChange={choose("day")}
        >
          <option value="">{b().dayPlaceholder}</option>
          {days.map((d) => (
            <option key={d} value={d}>
              {vnWeekday(d)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={timeBind.id}
          label={b().time}
          value={form.values.time}
          error={timeBind.error}
          disabled={!slots}
          onChange={choose("time")}
        >
          <option value="">
            {slots ? b().timePlaceholder : unitCode && day && !slotsError ? b().loadingSlots : b().timeFirst}
          </option>
          {(slots ?? []).map((s) => (
            <option key={s.time} value={s.time} disabled={s.left <= 0}>
              {b().slot(s.time, s.left)}
            </option>
          ))}
        </SelectField>
        {slotsError ? <Alert error={slotsError} /> : null}
        <Field {...form.bind("citizenId")} {...INPUT.citizenId} label={b().citizenId} hint={t().fields.citizenIdHint} />
        <Field {...form.bind("phone")} {...INPUT.phone} label={b().phone} hint={b().phoneHint} />
        <FormEnd
          error={error?.code === "APPOINTMENT_EXISTS" ? { ...error, hint: b().existingTexted } : error}
          busy={req.busy === "book"}
          submit={b().submit}
        >
          {error?.code === "APPOINTMENT_EXISTS" ? (
            <AfterAlert action={[b().cancelTitle, () => onCancel("", form.values.citizenId.trim())]} />
          ) : null}
        </FormEnd>
      </form>
      {error?.code === "APPOINTMENT_EXISTS" ? null : (
        <p class="note">
          <button type="button" class="linklike" onClick={() => onCancel()}>
            {b().cancelTitle}
          </button>
        </p>
      )}
    </>
  );
}

function Done({ booked, unit, onCancel }: { booked: Booked; unit: Unit; onCancel(): void }) {
  const s = b();
  const facts: Array<[string, ComponentChildren]> = [
    [
      s.code,
      <strong class="booking-code" data-testid="appointment-code">
        {booked.code}
      </strong>,
    ],
    [s.where, unit.name],
    [s.when, s.whenValue(booked.day, booked.time)],
  ];
  return (
    <Success title={s.doneTitle} text={s.doneText} before={<Facts class="booking-facts" rows={facts} />}>
      <Link href={ROUTES.home.path} class="btn">
        {t().common.home}
      </Link>
      <Button variant="secondary" onClick={onCancel}>
        {s.cancelTitle}
      </Button>
    </Success>
  );
}

function CancelForm({ initial, onBack }: { initial: Record<"code" | "citizenId", string>; onBack(): void }) {
  const s = b();
  const [cancelled, setCancelled] = useState<string | null>(null);
  const form = useSchemaForm("cancel", initial, CancelBookingBody, {
    messages: { ...FIELD_MESSAGES, code: OFFICER_FIELD_MESSAGES.appointmentCode },
  });
  const submit = form.submit(
    "cancel",
    (body) => post("/api/appointments/cancel", body, anyAnswer),
    (_, body) => setCancelled(body.code),
  );

  if (cancelled) {
    return (
      <>
        <Heading>{s.cancelTitle}</Heading>
        <div class="notice" role="status">
          <p>{s.cancelled(cancelled)}</p>
        </div>
        <div class="actions">
          <Link href={ROUTES.home.path} class="btn">
            {t().common.home}
          </Link>
          <Button variant="secondary" onClick={onBack}>
            {s.another}
          </Button>
        </div>
      </>
    );
  }
  return (
    <>
      <Heading>{s.cancelTitle}</Heading>
      <p>{s.cancelIntro}</p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("code")} {...INPUT.code} label={s.code} hint={s.codeHint} maxLength={16} />
        <Field {...form.bind("citizenId")} {...INPUT.citizenId} label={s.citizenId} hint={t().fields.citizenIdHint} />
        <FormEnd
          error={form.req.error}
          busy={form.req.busy === "cancel"}
          submit={s.cancelSubmit}
          before={
            <Button variant="secondary" onClick={onBack} disabled={!!form.req.busy}>
              {tOfficer().back}
            </Button>
          }
        />
      </form>
    </>
  );
}

type View =
  | { kind: "book" }
  | { kind: "done"; booked: Booked; unit: Unit; citizenId: string }
  | { kind: "cancel"; code: string; citizenId: string };

export function Booking() {
  useTitle(b().title);
  const [view, setView] = useState<View>({ kind: "book" });
  const [round, setRound] = useState(0);
  const book = () => {
    setRound((n) => n + 1);
    setView({ kind: "book" });
  };
  switch (view.kind) {
    case "done":
      return (
        <Done
          booked={view.booked}
          unit={view.unit}
          onCancel={() => setView({ kind: "cancel", code: view.booked.code, citizenId: view.citizenId })}
        />
      );
    case "cancel":
      return (
        <CancelForm key={`cancel-${round}`} initial={{ code: view.code, citizenId: view.citizenId }} onBack={book} />
      );
    default:
      return (
        <BookForm
          key={`book-${round}`}
          onBooked={(booked, unit, citizenId) => setView({ kind: "done", booked, unit, citizenId })}
          onCancel={(code = "", citizenId = "") => {
            setRound((n) => n + 1);
            setView({ kind: "cancel", code, citizenId });
          }}
        />
      );
  }
}
