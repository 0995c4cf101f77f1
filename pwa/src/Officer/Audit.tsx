/**
 * "Nhật ký" (province_admin): the append-only audit log (`GET /api/officer/audit`), the newest 500 entries matching
 * the event, the officer and the days chosen.
 */
import { useEffect, useState } from "preact/hooks";
import { AuditQuery, AuditResponse } from "../../../shared/officer-schemas";
import { type ApiError, get } from "../api";
import { vnDateTime, vo } from "../i18n-officer";
import { liveDict } from "../i18n/live";
import { Alert, Button, Heading, useTitle } from "../ui";
import { type ConsoleProps } from "./common";
import { queryOf } from "./Queue";
import { Field, issuesByField, SelectField } from "../form";

const au = liveDict(() => vo.audit);
type Entries = import("zod/mini").infer<typeof AuditResponse>["entries"];

/** An entry's details as short "key: value" text. */
function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

export function Audit({ sessionFailed }: ConsoleProps) {
  useTitle(au.title);
  const [filters, setFilters] = useState({ event: "", officer: "", from: "", to: "" });
  const [shown, setShown] = useState(filters);
  const [entries, setEntries] = useState<Entries | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof filters) => (v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const clean = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
  const invalid = issuesByField(AuditQuery.safeParse(clean));

  useEffect(() => {
    let live = true;
    setBusy(true);
    void get(`/api/officer/audit${queryOf(shown)}`, AuditResponse).then((res) => {
      if (!live) return;
      setBusy(false);
      if (res.ok) {
        setEntries(res.data.entries);
        setError(null);
      } else if (!sessionFailed(res.error)) {
        setEntries(null);
        setError(res.error);
      }
    });
    return () => {
      live = false;
    };
  }, [shown]);

  function submit(e: Event) {
    e.preventDefault();
    if (Object.keys(invalid).length) {
      document.getElementById(invalid.officer ? "audit-officer" : "audit-to")?.focus();
      return;
    }
    setShown({ event: filters.event, officer: filters.officer.trim().toLowerCase(), from: filters.from, to: filters.to });
  }

  return (
    <>
      <Heading>{au.title}</Heading>
      <form class="filters" onSubmit={submit} noValidate>
        <SelectField id="audit-event" label={au.event} value={filters.event} onChange={set("event")}>
          <option value="">{vo.any}</option>
          {Object.entries(au.events).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </SelectField>
        <Field
          id="audit-officer"
          label={au.officer}
          value={filters.officer}
          error={invalid.officer}
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          maxLength={64}
          onInput={(e) => set("officer")((e.currentTarget as HTMLInputElement).value)}
        />
        <div class="filter-row">
          <Field id="audit-from" label={vo.fromDay} type="date" value={filters.from} onInput={(e) => set("from")((e.currentTarget as HTMLInputElement).value)} />
          <Field
            id="audit-to"
            label={vo.toDay}
            type="date"
            value={filters.to}
            error={invalid.to}
            onInput={(e) => set("to")((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="actions">
          <Button type="submit" busy={busy}>
            {au.show}
          </Button>
        </div>
      </form>
      {error ? <Alert error={error} /> : null}
      {entries ? (
        <>
          <p class="list-count" role="status">
            {entries.length ? au.count(entries.length) : au.empty}
          </p>
          <ul class="list">
            {entries.map((x, i) => (
              <li key={`${x.at}-${i}`} class="list-item audit-entry" data-event={x.event}>
                <span class="list-title">
                  {au.events[x.event] ?? x.event} <code class="audit-code">{x.event}</code>
                </span>
                <span class="list-meta">
                  <time dateTime={x.at}>{vnDateTime(x.at)}</time>
                  {x.officer ? ` · ${x.officer}` : ""}
                  {x.accountId ? ` · ${au.account} ${x.accountId}` : ""}
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
