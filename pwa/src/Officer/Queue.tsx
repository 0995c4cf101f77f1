/**
 * "Hồ sơ chờ duyệt": the queue (`GET /api/officer/applications`), filtered by unit (province_admin only), level,
 * state and day of submission; each file opens at `/can-bo/ho-so/<id>`. A table at a desk, with the citizen's and
 * the unit's names; labelled cards on a phone. The filters are kept while the page lives,
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

/** One file: a row of the table at a desk, a card of labelled lines on a phone (styles.css, `table.rows`). */
function Row({ a }: { a: ApplicationItemT }) {
  const s = q();
  const ref = a.reference ?? s.noReference;
  return (
    <tr>
      <th scope="row" data-label={s.columns.reference}>
        <Link href={officerFilePath(a.id)} class="row-link nowrap" aria-label={s.open(ref, a.citizen.fullName)}>
          {ref}
        </Link>
      </th>
      <td data-label={s.columns.citizen}>
        <strong>{a.citizen.fullName}</strong> <span class="muted nowrap">{a.citizen.id}</span>
      </td>
      <td data-label={s.columns.level} class="nowrap">
        {tOfficer().level(a.level)}
      </td>
      <td data-label={s.columns.channel}>{tOfficer().channel[a.channel]}</td>
      <td data-label={s.columns.unit} class={a.unitCode ? "" : "cell-empty"}>
        {a.unitName ?? a.unitCode}
      </td>
      <td data-label={s.columns.submitted} class="nowrap">
        <time dateTime={a.submittedAt}>{vnDateTime(a.submittedAt)}</time>
      </td>
      <td data-label={s.columns.status}>
        <StatusBadge status={a.status} />
      </td>
    </tr>
  );
}

export function Queue({ me, sessionFailed }: ConsoleProps) {
  useTitle(q().title);
  const admin = me.role === "province_admin";
  const units = useUnits(admin);
  const [filters, setFilters] = useState<QueueFilters>(kept);
  const [shown, setShown] = useState<QueueFilters>(kept);
  const params = {
    unit: admin ? shown.unit : "",
    level: shown.level,
    status: shown.status,
    from: shown.from,
    to: shown.to,
  };
  const { data, error, busy } = useFiltered(
    `/api/officer/applications${queryOf(params)}`,
    ApplicationsResponse,
    sessionFailed,
    shown,
  );
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
          <UnitSelect
            id="queue-unit"
            label={q().unit}
            value={filters.unit}
            onChange={set("unit")}
            units={units}
            any={tOfficer().any}
          />
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
          {list.length ? (
            <table class="data rows list queue-table">
              <thead>
                <tr>
                  {(["reference", "citizen", "level", "channel", "unit", "submitted", "status"] as const).map((k) => (
                    <th key={k} scope="col">
                      {q().columns[k]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <Row key={a.id} a={a} />
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </>
  );
}
