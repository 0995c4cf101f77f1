/**
 * `/dat-lich`: "Đặt lịch hẹn" at a police unit to register a level-2 account (seed 001, Phụ lục 1 III), no login
 * needed: "Đơn vị", "Ngày" (tomorrow to 30 days ahead, Monday to Saturday, Vietnam time on the server's clock),
 * "Giờ" (the slots with the seats left), "Số định danh cá nhân" and "Số điện thoại" → "Đặt lịch"
 * (`POST /api/appointments`) → the confirmation code. "Hủy lịch hẹn" takes the code and the ID number.
 */
import { useEffect, useState } from "preact/hooks";
import {
  BookingBody,
  BookingResponse,
  CancelBookingBody,
  OFFICER_FIELD_MESSAGES,
  SlotsResponse,
  UnitsResponse,
} from "../../../shared/officer-schemas";
import { FIELD_MESSAGES } from "../../../shared/schemas";
import { type ApiError, anyAnswer, get, post, useRequest, serverClock } from "../api";
import { t } from "../i18n";
import { vnWeekday, vo } from "../i18n-officer";
import { liveDict } from "../i18n/live";
import { Link } from "../router";
import { Alert, Button, Heading, Facts, useTitle } from "../ui";
import { vnToday, addDays } from "../../../shared/dates";
import { Field, issuesByField, errorsFor, serverFields, useForm, SelectField } from "../form";
import { ROUTES } from "../routes";

const b = liveDict(() => vo.booking);
const KEYS = ["unitCode", "day", "time", "citizenId", "phone"] as const;
type Key = (typeof KEYS)[number];
const CANCEL_KEYS = ["code", "citizenId"] as const;
type CancelKey = (typeof CANCEL_KEYS)[number];

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

function validate(v: Record<Key, string>): Partial<Record<Key, string>> {
  const errs = errorsFor(issuesByField(BookingBody.safeParse(v), { ...FIELD_MESSAGES, ...OFFICER_FIELD_MESSAGES }), KEYS);
  if (!v.unitCode) errs.unitCode = b.unitRequired;
  if (!v.day) errs.day = b.dayRequired;
  if (!v.time) errs.time = b.timeRequired;
  return errs;
}

function BookForm({ onBooked, onCancel }: { onBooked(booked: Booked, unit: Unit, citizenId: string): void; onCancel(code?: string, citizenId?: string): void }) {
  const req = useRequest();
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [unitsError, setUnitsError] = useState<ApiError | null>(null);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [slotsError, setSlotsError] = useState<ApiError | null>(null);
  const [slotsRound, setSlotsRound] = useState(0);
  const form = useForm<Key>("book", { unitCode: "", day: "", time: "", citizenId: "", phone: "" }, validate, "blur");
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

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = BookingBody.safeParse(form.values);
    if (!parsed.success) return;
    const res = await req.run("book", () => post("/api/appointments", parsed.data, BookingResponse));
    if (res.ok) {
      const unit = units?.find((u) => u.code === res.data.unitCode) ?? { code: res.data.unitCode, name: res.data.unitCode };
      return onBooked(res.data, unit, parsed.data.citizenId);
    }
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), KEYS));
    if (res.error.code === "SLOT_FULL" || res.error.code === "SLOT_NOT_OFFERED") {
      form.reset("time");
      setSlotsRound((n) => n + 1);
    }
  }

  const error = req.error;
  const unitBind = form.bind("unitCode");
  const dayBind = form.bind("day");
  const timeBind = form.bind("time");
  return (
    <>
      <Heading>{b.title}</Heading>
      <p>{b.intro}</p>
      {unitsError ? <Alert error={unitsError} /> : null}
      <form onSubmit={submit} noValidate>
        <SelectField id={unitBind.id} label={b.unit} value={unitCode} error={unitBind.error} onChange={choose("unitCode")}>
          <option value="">{units ? b.unitPlaceholder : t.common.loading}</option>
          {(units ?? []).map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <SelectField id={dayBind.id} label={b.day} hint={b.dayHint} value={day} error={dayBind.error} onChange={choose("day")}>
          <option value="">{b.dayPlaceholder}</option>
          {days.map((d) => (
            <option key={d} value={d}>
              {vnWeekday(d)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={timeBind.id}
          label={b.time}
          value={form.values.time}
          error={timeBind.error}
          disabled={!slots}
          onChange={choose("time")}
        >
          <option value="">{slots ? b.timePlaceholder : unitCode && day && !slotsError ? b.loadingSlots : b.timeFirst}</option>
          {(slots ?? []).map((s) => (
            <option key={s.time} value={s.time} disabled={s.left <= 0}>
              {b.slot(s.time, s.left)}
            </option>
          ))}
        </SelectField>
        {slotsError ? <Alert error={slotsError} /> : null}
        <Field
          {...form.bind("citizenId")}
          label={b.citizenId}
          hint={t.start.citizenIdHint}
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          spellcheck={false}
        />
        <Field {...form.bind("phone")} label={b.phone} hint={b.phoneHint} type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
        {error ? (
          <Alert error={error.code === "APPOINTMENT_EXISTS" && error.hint ? { ...error, hint: b.existing(error.hint) } : error} />
        ) : null}
        {error?.code === "APPOINTMENT_EXISTS" && error.hint ? (
          <div class="after-alert">
            <Button variant="secondary" onClick={() => onCancel(error.hint, form.values.citizenId.trim())}>
              {b.cancelTitle}
            </Button>
          </div>
        ) : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "book"}>
            {b.submit}
          </Button>
        </div>
      </form>
      {error?.code === "APPOINTMENT_EXISTS" ? null : (
        <p class="note">
          <button type="button" class="linklike" onClick={() => onCancel()}>
            {b.cancelTitle}
          </button>
        </p>
      )}
    </>
  );
}

function Done({ booked, unit, onCancel }: { booked: Booked; unit: Unit; onCancel(): void }) {
  return (
    <>
      <div class="success-mark" aria-hidden="true">
        ✓
      </div>
      <Heading>{b.doneTitle}</Heading>
      <Facts
        class="booking-facts"
        rows={[
          [b.code, <strong class="booking-code" data-testid="appointment-code">{booked.code}</strong>],
          [b.where, unit.name],
          [b.when, b.whenValue(booked.day, booked.time)],
        ]}
      />
      <p>{b.doneText}</p>
      <div class="actions">
        <Link href={ROUTES.home.path} class="btn">
          {t.common.home}
        </Link>
        <Button variant="secondary" onClick={onCancel}>
          {b.cancelTitle}
        </Button>
      </div>
    </>
  );
}

function CancelForm({ initial, onBack }: { initial: Record<CancelKey, string>; onBack(): void }) {
  const req = useRequest();
  const [cancelled, setCancelled] = useState<string | null>(null);
  const form = useForm<CancelKey>(
    "cancel",
    initial,
    (v) => errorsFor(issuesByField(CancelBookingBody.safeParse(v), { ...FIELD_MESSAGES, code: OFFICER_FIELD_MESSAGES.appointmentCode }), CANCEL_KEYS),
    "blur",
  );

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = CancelBookingBody.safeParse(form.values);
    if (!parsed.success) return;
    const res = await req.run("cancel", () => post("/api/appointments/cancel", parsed.data, anyAnswer));
    if (res.ok) return setCancelled(parsed.data.code);
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), CANCEL_KEYS));
  }

  if (cancelled) {
    return (
      <>
        <Heading>{b.cancelTitle}</Heading>
        <div class="notice" role="status">
          <p>{b.cancelled(cancelled)}</p>
        </div>
        <div class="actions">
          <Link href={ROUTES.home.path} class="btn">
            {t.common.home}
          </Link>
          <Button variant="secondary" onClick={onBack}>
            {b.another}
          </Button>
        </div>
      </>
    );
  }
  return (
    <>
      <Heading>{b.cancelTitle}</Heading>
      <p>{b.cancelIntro}</p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("code")} label={b.code} hint={b.codeHint} autoComplete="off" autoCapitalize="characters" spellcheck={false} maxLength={16} />
        <Field
          {...form.bind("citizenId")}
          label={b.citizenId}
          hint={t.start.citizenIdHint}
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          spellcheck={false}
        />
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button variant="secondary" onClick={onBack} disabled={!!req.busy}>
            {vo.back}
          </Button>
          <Button type="submit" busy={req.busy === "cancel"}>
            {b.cancelSubmit}
          </Button>
        </div>
      </form>
    </>
  );
}

type View =
  | { kind: "book" }
  | { kind: "done"; booked: Booked; unit: Unit; citizenId: string }
  | { kind: "cancel"; code: string; citizenId: string };

export function Booking() {
  useTitle(b.title);
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
      return <CancelForm key={`cancel-${round}`} initial={{ code: view.code, citizenId: view.citizenId }} onBack={book} />;
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
