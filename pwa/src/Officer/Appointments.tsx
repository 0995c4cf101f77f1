/**
 * "Lịch hẹn hôm nay": the unit's appointments of a day (`GET /api/officer/appointments?day=`), today in Vietnam by
 * default; another day can be chosen, and a province_admin chooses the unit.
 */
import { useState } from "preact/hooks";
import { OfficerAppointmentsResponse } from "../../../shared/officer-schemas";
import { serverClock } from "../api";
import { Alert, Heading, useTitle } from "../ui";
import { displayPhone, type ConsoleProps, useUnits, UnitSelect } from "./common";
import { FilterForm, queryOf, useFiltered } from "./FilterForm";
import { vnToday } from "../../../shared/dates";
import { Field } from "../form";
import { vnDateTime, vnWeekday } from "../i18n/dates";
import { tOfficer } from "../i18n/officer";

const a = () => tOfficer().appointments;

export function Appointments({ me, sessionFailed }: ConsoleProps) {
  useTitle(a().title);
  const admin = me.role === "province_admin";
  const units = useUnits(admin);
  const [day, setDay] = useState(() => vnToday(serverClock));
  const [unit, setUnit] = useState(me.unit.code);
  const [shown, setShown] = useState({ day, unit });
  const query = queryOf({ day: shown.day, unit: admin && shown.unit !== me.unit.code ? shown.unit : "" });
  const {
    data: list,
    error,
    busy,
  } = useFiltered(`/api/officer/appointments${query}`, OfficerAppointmentsResponse, sessionFailed, shown);

  function submit() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    setShown({ day, unit });
  }

  return (
    <>
      <Heading>{a().title}</Heading>
      <FilterForm id="appt" submit={a().show} busy={busy} onSubmit={submit}>
        {admin ? (
          <UnitSelect
            id="appt-unit"
            label={a().unit}
            value={unit}
            onChange={setUnit}
            units={units.length ? units : [me.unit]}
          />
        ) : null}
        <Field
          id="appt-day"
          label={a().day}
          type="date"
          value={day}
          required
          onInput={(e) => setDay((e.currentTarget as HTMLInputElement).value)}
        />
      </FilterForm>
      {error ? <Alert error={error} /> : null}
      {list ? (
        <>
          <h2>
            {list.unit.name}: {vnWeekday(list.day)}
          </h2>
          <p class="list-count" role="status">
            {list.appointments.length ? a().count(list.appointments.length) : a().empty}
          </p>
          <ul class="list">
            {list.appointments.map((x) => (
              <li key={x.code} class={`list-item appt appt-${x.status}`}>
                <span class="list-title">
                  <span class="appt-time">{x.time}</span> · {x.fullName ?? x.citizenId}
                </span>
                <span class="list-meta">
                  {a().code}: <strong class="nowrap">{x.code}</strong>
                </span>
                <span class="list-meta">
                  {a().citizenId}: {x.citizenId} · {a().phone}: {displayPhone(x.phone)}
                </span>
                <span class="list-meta">
                  {a().bookedAt} {vnDateTime(x.bookedAt)}
                </span>
                <span class={`badge badge-${x.status === "booked" ? "approved" : "rejected"}`}>
                  {a().status[x.status]}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
