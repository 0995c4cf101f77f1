/**
 * "Hồ sơ chờ duyệt": the queue (`GET /api/officer/applications`), filtered by unit (province_admin only), level,
 * state and day of submission; each file opens at `/can-bo/ho-so/<id>`. The filters are kept while the page lives,
 * so that coming back from a file shows the same list.
 */
import { useState } from "preact/hooks";
import {
  APPLICATION_STATUSES,
  ApplicationsQuery,
  type ApplicationItemT,
  ApplicationsResponse,
  OFFICER_FIELD_MESSAGES,
} from "../../../shared/officer-schemas";
import { Link } from "../router";
import { Alert, Heading, useTitle } from "../ui";
import { type ConsoleProps, useUnits, UnitSelect } from "./common";
import { SelectField, issuesByField } from "../form";
import { StatusBadge } from "../timeline";
import { officerFilePath } from "../routes";
import { FilterForm, queryOf, setOnly, useFiltered } from "./FilterForm";
import { vnDateTime } from "../i18n/dates";
import { tOfficer } from "../i18n/officer";

const q = () => tOfficer().queue;

export type QueueFilters = Record<"unit" | "level" | "status" | "from" | "to", string>;

let kept: QueueFilters = { unit: "", level: "", status: "pending", from: "", to: "" };

function Item({ a }: { a: ApplicationItemT }) {
  const ref = a.reference ?? q().noReference;
  return (
    <li class="list-item">
      <Link href={officerFilePath(a.id)} class="list-link" aria-label={q().open(ref, a.citizen.fullName)}>
        <span class="list-title">
          <span class="nowrap">{ref}</span> · {a.citizen.fullName}
        </span>
        <span class="list-meta">
          {tOfficer().level(a.level)} · {tOfficer().channel[a.channel]} · {a.citizen.id}
          {a.unitCode ? ` · ${a.unitCode}` : ""}
        </span>
        <span class="list-meta">
          {q().submittedAt} {vnDateTime(a.submittedAt)}
        </span>
        <StatusBadge status={a.status} />
      </Link>
    </li>
  );
}

export function Queue({ me, sessionFailed }: ConsoleProps) {
  useTitle(q().title);
  const admin = me.role === "province_admin";
  const units = useUnits(admin);
  const [filters, setFilters] = useState<QueueFilters>(kept);
  const [shown, setShown] = useState<QueueFilters>(kept);
  const params = { unit: admin ? shown.unit : "", level: shown.level, status: shown.status, from: shown.from, to: shown.to };
  const { data, error, busy } = useFiltered(`/api/officer/applications${queryOf(params)}`, ApplicationsResponse, sessionFailed, shown);
  const list = data?.applications ?? null;

  const set = (k: keyof QueueFilters) => (value: string) => setFilters((f) => ({ ...f, [k]: value }));
  const invalid = issuesByField(ApplicationsQuery.safeParse(setOnly(filters)), { level: OFFICER_FIELD_MESSAGES.level });

  function submit() {
    if (Object.keys(invalid).length) return;
    kept = filters;
    // a new object: the list is read again even when the filters did not change
    setShown({ ...filters });
  }

  return (
    <>
      <Heading>{q().title}</Heading>
      <FilterForm
        id="queue"
        label={q().filters}
        submit={tOfficer().apply}
        busy={busy}
        onSubmit={submit}
        range={{ from: filters.from, to: filters.to, toError: invalid.to, onChange: (k, v) => set(k)(v) }}
      >
        {admin ? (
          <UnitSelect id="queue-unit" label={q().unit} value={filters.unit} onChange={set("unit")} units={units} any={tOfficer().any} />
        ) : null}
        <div class="filter-row">
          <SelectField id="queue-level" label={q().level} value={filters.level} onChange={set("level")}>
            <option value="">{tOfficer().any}</option>
            <option value="1">{tOfficer().level(1)}</option>
            <option value="2">{tOfficer().level(2)}</option>
          </SelectField>
          <SelectField id="queue-status" label={q().status} value={filters.status} onChange={set("status")}>
            <option value="">{tOfficer().any}</option>
            {APPLICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tOfficer().status[s]}
              </option>
            ))}
          </SelectField>
        </div>
      </FilterForm>
      {error ? <Alert error={error} /> : null}
      {list ? (
        <>
          <p class="list-count" role="status">
            {list.length ? q().count(list.length) : q().empty}
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
