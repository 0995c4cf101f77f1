/**
 * "Hồ sơ chờ duyệt": the queue (`GET /api/officer/applications`), filtered by unit (province_admin only), level,
 * state and day of submission; each file opens at `/can-bo/ho-so/<id>`. The filters are kept while the page lives,
 * so that coming back from a file shows the same list.
 */
import { useEffect, useState } from "preact/hooks";
import {
  APPLICATION_STATUSES,
  ApplicationsQuery,
  type ApplicationItemT,
  ApplicationsResponse,
  OFFICER_FIELD_MESSAGES,
  UnitsResponse,
} from "../../../shared/officer-schemas";
import { type ApiError, get } from "../api";
import { vnDateTime, vo } from "../i18n-officer";
import { liveDict } from "../i18n/live";
import { Link, officerFilePath } from "../router";
import { Alert, Button, Heading, useTitle } from "../ui";
import { type ConsoleProps } from "./common";
import { Field, issuesByField, SelectField } from "../form";
import { StatusBadge } from "../timeline";

const q = liveDict(() => vo.queue);

export type QueueFilters = Record<"unit" | "level" | "status" | "from" | "to", string>;

let kept: QueueFilters = { unit: "", level: "", status: "pending", from: "", to: "" };

/** The query string of the filters that are set. */
export function queryOf(values: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The units a province_admin may filter by (`GET /api/units`). */
export function useUnits(enabled: boolean): Array<{ code: string; name: string }> {
  const [units, setUnits] = useState<Array<{ code: string; name: string }>>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void get("/api/units", UnitsResponse).then((res) => live && res.ok && setUnits(res.data.units));
    return () => {
      live = false;
    };
  }, [enabled]);
  return units;
}

function Item({ a }: { a: ApplicationItemT }) {
  const ref = a.reference ?? q.noReference;
  return (
    <li class="list-item">
      <Link href={officerFilePath(a.id)} class="list-link" aria-label={q.open(ref, a.citizen.fullName)}>
        <span class="list-title">
          <span class="nowrap">{ref}</span> · {a.citizen.fullName}
        </span>
        <span class="list-meta">
          {vo.level(a.level)} · {vo.channel[a.channel]} · {a.citizen.id}
          {a.unitCode ? ` · ${a.unitCode}` : ""}
        </span>
        <span class="list-meta">
          {q.submittedAt} {vnDateTime(a.submittedAt)}
        </span>
        <StatusBadge status={a.status} />
      </Link>
    </li>
  );
}

export function Queue({ me, sessionFailed }: ConsoleProps) {
  useTitle(q.title);
  const admin = me.role === "province_admin";
  const units = useUnits(admin);
  const [filters, setFilters] = useState<QueueFilters>(kept);
  const [shown, setShown] = useState<QueueFilters>(kept);
  const [list, setList] = useState<ApplicationItemT[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const set = (k: keyof QueueFilters) => (value: string) => setFilters((f) => ({ ...f, [k]: value }));
  const params = { unit: admin ? shown.unit : "", level: shown.level, status: shown.status, from: shown.from, to: shown.to };
  const invalid = issuesByField(ApplicationsQuery.safeParse(clean(filters)), { level: OFFICER_FIELD_MESSAGES.level });

  useEffect(() => {
    let live = true;
    setBusy(true);
    void get(`/api/officer/applications${queryOf(params)}`, ApplicationsResponse).then((res) => {
      if (!live) return;
      setBusy(false);
      if (res.ok) {
        setList(res.data.applications);
        setError(null);
      } else if (!sessionFailed(res.error)) {
        setError(res.error);
        setList(null);
      }
    });
    return () => {
      live = false;
    };
  }, [shown, attempt]);

  function submit(e: Event) {
    e.preventDefault();
    if (Object.keys(invalid).length) return;
    kept = filters;
    setShown(filters);
    setAttempt((n) => n + 1);
  }

  return (
    <>
      <Heading>{q.title}</Heading>
      <form class="filters" onSubmit={submit} noValidate aria-label={q.filters}>
        {admin ? (
          <SelectField id="queue-unit" label={q.unit} value={filters.unit} onChange={set("unit")}>
            <option value="">{vo.any}</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div class="filter-row">
          <SelectField id="queue-level" label={q.level} value={filters.level} onChange={set("level")}>
            <option value="">{vo.any}</option>
            <option value="1">{vo.level(1)}</option>
            <option value="2">{vo.level(2)}</option>
          </SelectField>
          <SelectField id="queue-status" label={q.status} value={filters.status} onChange={set("status")}>
            <option value="">{vo.any}</option>
            {APPLICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {vo.status[s]}
              </option>
            ))}
          </SelectField>
        </div>
        <div class="filter-row">
          <Field id="queue-from" label={vo.fromDay} type="date" value={filters.from} onInput={(e) => set("from")((e.currentTarget as HTMLInputElement).value)} />
          <Field
            id="queue-to"
            label={vo.toDay}
            type="date"
            value={filters.to}
            error={invalid.to}
            onInput={(e) => set("to")((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="actions">
          <Button type="submit" busy={busy}>
            {vo.apply}
          </Button>
        </div>
      </form>
      {error ? <Alert error={error} /> : null}
      {list ? (
        <>
          <p class="list-count" role="status">
            {list.length ? q.count(list.length) : q.empty}
          </p>
          <ul class="list">
            {list.map((a) => (
              <Item key={a.id} a={a} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** The filters without the empty ones, as the query schema reads them. */
function clean(f: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v) out[k] = v;
  return out;
}
