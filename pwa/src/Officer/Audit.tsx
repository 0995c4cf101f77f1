/**
 * "Nhật ký" (province_admin): the append-only audit log (`GET /api/officer/audit`), the newest 500 entries matching
 * the event, the officer and the days chosen. Everything is shown with its label (shared/audit-events.ts): events,
 * detail fields, coded values, account states, units by name; never a code. A table at desk width, cards on a phone.
 */
import { useState } from "preact/hooks";
import { AUDIT_EVENTS, type AuditCodedKey, type AuditDetailKey } from "../../../shared/audit-events";
import { isErrorCode, messageFor } from "../../../shared/messages";
import { AuditQuery, AuditResponse } from "../../../shared/officer-schemas";
import { Alert, Heading, useTitle } from "../ui";
import { type ConsoleProps, useUnits } from "./common";
import { FilterForm, queryOf, setOnly, useFiltered } from "./FilterForm";
import { Field, SelectField, issuesByField } from "../form";
import { errorText, getLang } from "../i18n";
import { vnDateTime, vnDay } from "../i18n/dates";
import { tFlows } from "../i18n/flows";
import { tIdentity } from "../i18n/identity";
import { tOfficer } from "../i18n/officer";

const au = () => tOfficer().audit;

const has = (o: object, k: string) => Object.hasOwn(o, k);

/** One value of a detail field as people read it. */
function valueText(key: string, value: unknown, units: ReadonlyMap<string, string>): string {
  const s = au();
  if (typeof value === "boolean") return value ? s.yes : s.no;
  if (Array.isArray(value)) {
    const parts = value.map((v) => valueText(key, v, units));
    return key === "days" ? parts.join(" – ") : parts.join(", ");
  }
  if (typeof value === "number") {
    if (key === "until") return vnDateTime(new Date(value * 1000).toISOString());
    if (key === "retryAfter") return s.wait(value);
    return String(value);
  }
  if (typeof value !== "string") return value === null || value === undefined ? "" : JSON.stringify(value);
  const coded = s.values[key as AuditCodedKey] as Record<string, string> | undefined;
  if (coded && has(coded, value)) return coded[value] as string;
  if (key === "unit") return units.get(value) ?? value;
  // A text's idempotency key is "<what it is about>:<digest>": the digest alone identifies it.
  if ((key === "key" || key === "resendKey") && value.includes(":")) return value.slice(value.indexOf(":") + 1);
  if (key === "fields") {
    const fields = tIdentity().fields as Record<string, string>;
    if (has(fields, value)) return fields[value] as string;
  }
  const state = /^(\d)\/(app|pending|approved|active)$/.exec(value);
  if (state) return s.state(state[1] as string, tFlows().account.statuses[state[2] as "app"]);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return vnDay(value);
  if (isErrorCode(value)) {
    const reasons = s.values.reason as Record<string, string>;
    return has(reasons, value) ? (reasons[value] as string) : errorText({ code: value, message: messageFor(value) });
  }
  return value;
}

/** An entry's details as (label, value) pairs; an error code is always a reason. */
export function detailPairs(
  detail: Record<string, unknown>,
  units: ReadonlyMap<string, string>,
): Array<[string, string]> {
  const s = au();
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(detail)) {
    if (value === null || value === undefined || value === "") continue;
    const label =
      typeof value === "string" && isErrorCode(value)
        ? s.details.reason
        : has(s.details, key)
          ? s.details[key as AuditDetailKey]
          : s.otherDetail;
    out.push([label, valueText(key, value, units)]);
  }
  return out;
}

export function Audit({ sessionFailed }: ConsoleProps) {
  useTitle(au().title);
  const [filters, setFilters] = useState({ event: "", officer: "", from: "", to: "" });
  const [shown, setShown] = useState(filters);
  const { data, error, busy } = useFiltered(`/api/officer/audit${queryOf(shown)}`, AuditResponse, sessionFailed, shown);
  const units = new Map(useUnits(true).map((u) => [u.code, u.name]));
  const entries = data?.entries ?? null;
  const set = (k: keyof typeof filters) => (v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const invalid = issuesByField(AuditQuery.safeParse(setOnly(filters)));
  const s = au();
  const events = AUDIT_EVENTS.map((code) => [code, s.events[code]] as const).sort(([, a], [, b]) =>
    a.localeCompare(b, getLang()),
  );

  function submit() {
    if (Object.keys(invalid).length) {
      document.getElementById(invalid.officer ? "audit-officer" : "audit-to")?.focus();
      return;
    }
    setShown({
      event: filters.event,
      officer: filters.officer.trim().toLowerCase(),
      from: filters.from,
      to: filters.to,
    });
  }

  return (
    <>
      <Heading>{s.title}</Heading>
      <FilterForm
        id="audit"
        submit={s.show}
        busy={busy}
        onSubmit={submit}
        range={{ from: filters.from, to: filters.to, toError: invalid.to, onChange: (k, v) => set(k)(v) }}
      >
        <div class="filter-row">
          <SelectField id="audit-event" label={s.event} value={filters.event} onChange={set("event")}>
            <option value="">{tOfficer().any}</option>
            {events.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </SelectField>
          <Field
            id="audit-officer"
            label={s.officer}
            value={filters.officer}
            error={invalid.officer}
            autoComplete="off"
            autoCapitalize="off"
            spellcheck={false}
            maxLength={64}
            onInput={(e) => set("officer")((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
      </FilterForm>
      {error ? <Alert error={error} /> : null}
      {entries ? (
        <>
          <p class="list-count" role="status">
            {entries.length ? s.count(entries.length) : s.empty}
          </p>
          {entries.length ? (
            <table class="data rows audit-table">
              <thead>
                <tr>
                  <th scope="col">{s.at}</th>
                  <th scope="col">{s.event}</th>
                  <th scope="col">{s.officerColumn}</th>
                  <th scope="col">{s.account}</th>
                  <th scope="col">{s.detail}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((x, i) => {
                  const pairs = detailPairs(x.detail, units);
                  return (
                    <tr key={`${x.at}-${i}`} class="audit-entry" data-event={x.event}>
                      <td data-label={s.at} class="nowrap">
                        <time dateTime={x.at}>{vnDateTime(x.at)}</time>
                      </td>
                      <th scope="row" data-label={s.event} class="audit-event">
                        {has(s.events, x.event) ? s.events[x.event as keyof typeof s.events] : s.otherDetail}
                      </th>
                      <td data-label={s.officerColumn} class={x.officer ? "" : "cell-empty"}>
                        {x.officer ? (
                          <>
                            {x.officerName ?? x.officer} <span class="muted nowrap">({x.officer})</span>
                          </>
                        ) : null}
                      </td>
                      <td data-label={s.account} class={x.accountId ? "" : "cell-empty"}>
                        {x.accountId}
                      </td>
                      <td data-label={s.detail} class={pairs.length ? "audit-detail" : "audit-detail cell-empty"}>
                        {pairs.length ? (
                          <ul class="pairs">
                            {pairs.map(([label, value], j) => (
                              <li key={j}>
                                <span class="pair-label">{label}:</span> {value}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </>
  );
}
