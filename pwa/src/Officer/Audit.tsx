/**
 * "Nhật ký" (province_admin): the append-only audit log (`GET /api/officer/audit`), the newest 500 entries matching
 * the event, the officer and the days chosen.
 */
import { useState } from "preact/hooks";
import { AuditQuery, AuditResponse } from "../../../shared/officer-schemas";
import { Alert, Heading, useTitle } from "../ui";
import { type ConsoleProps } from "./common";
import { FilterForm, queryOf, setOnly, useFiltered } from "./FilterForm";
import { Field, SelectField, issuesByField } from "../form";
import { vnDateTime } from "../i18n/dates";
import { tOfficer } from "../i18n/officer";

const au = () => tOfficer().audit;

/** An entry's details as short "key: value" text. */
function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

export function Audit({ sessionFailed }: ConsoleProps) {
  useTitle(au().title);
  const [filters, setFilters] = useState({ event: "", officer: "", from: "", to: "" });
  const [shown, setShown] = useState(filters);
  const { data, error, busy } = useFiltered(`/api/officer/audit${queryOf(shown)}`, AuditResponse, sessionFailed, shown);
  const entries = data?.entries ?? null;
  const set = (k: keyof typeof filters) => (v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const invalid = issuesByField(AuditQuery.safeParse(setOnly(filters)));

  function submit() {
    if (Object.keys(invalid).length) {
      document.getElementById(invalid.officer ? "audit-officer" : "audit-to")?.focus();
      return;
    }
    setShown({ event: filters.event, officer: filters.officer.trim().toLowerCase(), from: filters.from, to: filters.to });
  }

  return (
    <>
      <Heading>{au().title}</Heading>
      <FilterForm
        id="audit"
        submit={au().show}
        busy={busy}
        onSubmit={submit}
        range={{ from: filters.from, to: filters.to, toError: invalid.to, onChange: (k, v) => set(k)(v) }}
      >
        <SelectField id="audit-event" label={au().event} value={filters.event} onChange={set("event")}>
          <option value="">{tOfficer().any}</option>
          {Object.entries(au().events).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </SelectField>
        <Field
          id="audit-officer"
          label={au().officer}
          value={filters.officer}
          error={invalid.officer}
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          maxLength={64}
          onInput={(e) => set("officer")((e.currentTarget as HTMLInputElement).value)}
        />
      </FilterForm>
      {error ? <Alert error={error} /> : null}
      {entries ? (
        <>
          <p class="list-count" role="status">
            {entries.length ? au().count(entries.length) : au().empty}
          </p>
          <ul class="list">
            {entries.map((x, i) => (
              <li key={`${x.at}-${i}`} class="list-item audit-entry" data-event={x.event}>
                <span class="list-title">
                  {au().events[x.event] ?? x.event} <code class="audit-code">{x.event}</code>
                </span>
                <span class="list-meta">
                  <time dateTime={x.at}>{vnDateTime(x.at)}</time>
                  {x.officer ? ` · ${x.officer}` : ""}
                  {x.accountId ? ` · ${au().account} ${x.accountId}` : ""}
                </span>
                {Object.keys(x.detail).length ? <span class="list-meta audit-detail">{detailText(x.detail)}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
