/**
 * "Báo cáo" (province_admin): applications by level and state, by unit and by day (`GET /api/officer/reports`),
 * as inline SVG bar charts with the numbers in tables beside them, and "Xuất CSV" (`/api/officer/reports.csv`,
 * same range). The default range is the server's: the last 30 days.
 */
import { useState } from "preact/hooks";
import { DateRangeQuery, type ReportsResponseT, ReportsResponse } from "../../../shared/officer-schemas";
import { Alert, Heading, useTitle } from "../ui";
import { type ConsoleProps } from "./common";
import { FilterForm, queryOf, setOnly, useFiltered } from "./FilterForm";
import { issuesByField } from "../form";
import { vnDay } from "../i18n/dates";
import { tOfficer } from "../i18n/officer";

const r = () => tOfficer().reports;

interface Bar {
  label: string;
  value: number;
}

/**
 * Horizontal bars, one per row: the label above its bar, the value at the bar's end. Drawn in a 280-unit-wide
 * viewBox that scales with the page (320 px phones included); the table beside it carries the same numbers.
 */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 40;
  const width = 280;
  const barMax = 230;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${bars.length * row + 4}`} role="img" aria-label={r().chart(title)} focusable="false">
      {bars.map((b, i) => {
        const y = i * row;
        const w = b.value ? Math.max(2, Math.round((b.value / max) * barMax)) : 0;
        return (
          <g key={`${b.label}-${i}`}>
            <text x="0" y={y + 14} class="chart-label">
              {b.label}
            </text>
            <rect x="0" y={y + 19} width={w} height="14" rx="2" class="chart-bar" />
            <text x={w + 4} y={y + 31} class="chart-value">
              {b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Table({ head, rows }: { head: string[]; rows: Array<Array<string | number>> }) {
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, i) => (
            <tr key={i}>
              {cells.map((c, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={j}>{c}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Report({ data }: { data: ReportsResponseT }) {
  const levelStatus = data.byLevelStatus.filter((x) => x.count > 0);
  const days = data.byDay.filter((x) => x.applications || x.approvals || x.activations);
  const units = data.byUnit.filter((u) => u.applications || u.approved || u.rejected || u.activations);
  const total = data.byLevelStatus.reduce((s, x) => s + x.count, 0);
  return (
    <>
      <p class="report-range">
        {r().range(data.from, data.to)} · {r().total}: <strong>{total}</strong>
      </p>
      <section aria-labelledby="rep-ls">
        <h2 id="rep-ls">{r().byLevelStatus}</h2>
        {levelStatus.length ? (
          <>
            <BarChart title={r().byLevelStatus} bars={levelStatus.map((x) => ({ label: `${tOfficer().level(x.level)} · ${tOfficer().status[x.status]}`, value: x.count }))} />
            <Table head={[r().byLevelStatus, r().count]} rows={levelStatus.map((x) => [`${tOfficer().level(x.level)} · ${tOfficer().status[x.status]}`, x.count])} />
          </>
        ) : (
          <p>{r().empty}</p>
        )}
      </section>
      <section aria-labelledby="rep-unit">
        <h2 id="rep-unit">{r().byUnit}</h2>
        {units.length ? (
          <>
            <BarChart title={`${r().byUnit}: ${r().applications}`} bars={units.map((u) => ({ label: u.name || r().noUnit, value: u.applications }))} />
            <Table
              head={[r().unit, r().applications, r().approved, r().rejected, r().activations]}
              rows={units.map((u) => [u.name || r().noUnit, u.applications, u.approved, u.rejected, u.activations])}
            />
          </>
        ) : (
          <p>{r().empty}</p>
        )}
      </section>
      <section aria-labelledby="rep-day">
        <h2 id="rep-day">{r().byDay}</h2>
        {days.length ? (
          <>
            <BarChart title={`${r().byDay}: ${r().applications}`} bars={days.map((x) => ({ label: vnDay(x.day), value: x.applications }))} />
            <Table
              head={[r().day, r().applications, r().approvals, r().activations]}
              rows={days.map((x) => [vnDay(x.day), x.applications, x.approvals, x.activations])}
            />
          </>
        ) : (
          <p>{r().empty}</p>
        )}
      </section>
    </>
  );
}

export function Reports({ sessionFailed }: ConsoleProps) {
  useTitle(r().title);
  const [range, setRange] = useState({ from: "", to: "" });
  const [shown, setShown] = useState(range);
  const { data, error, busy } = useFiltered(`/api/officer/reports${queryOf(shown)}`, ReportsResponse, sessionFailed, shown);
  const invalid = issuesByField(DateRangeQuery.safeParse(setOnly(range)));

  function submit() {
    if (Object.keys(invalid).length) return;
    setShown(range);
  }

  // The CSV covers exactly the range on screen (the server's default when none was chosen).
  const csvRange = data ? { from: data.from, to: data.to } : shown;
  return (
    <>
      <Heading>{r().title}</Heading>
      <FilterForm
        id="rep"
        submit={r().show}
        busy={busy}
        onSubmit={submit}
        range={{ ...range, toError: invalid.to, onChange: (k, v) => setRange((x) => ({ ...x, [k]: v })) }}
        extra={
          data ? (
            <a class="btn btn-secondary" href={`/api/officer/reports.csv${queryOf(csvRange)}`} download>
              {r().csv}
            </a>
          ) : null
        }
      />
      {error ? <Alert error={error} /> : null}
      {data ? <Report data={data} /> : null}
    </>
  );
}
