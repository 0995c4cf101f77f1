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

/** One breakdown: its chart (the first number of each row) and its table; "Không có dữ liệu" when it has no row. */
function Breakdown({
  id,
  title,
  chart,
  head,
  rows,
}: {
  id: string;
  title: string;
  chart: string;
  head: string[];
  rows: Array<[string, ...number[]]>;
}) {
  const s = r();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length ? (
        <>
          <BarChart title={chart} bars={rows.map(([label, value]) => ({ label, value: value ?? 0 }))} />
          <Table head={head} rows={rows} />
        </>
      ) : (
        <p>{s.empty}</p>
      )}
    </section>
  );
}

function Report({ data }: { data: ReportsResponseT }) {
  const s = r();
  const o = tOfficer();
  const total = data.byLevelStatus.reduce((sum, x) => sum + x.count, 0);
  const levelStatus = data.byLevelStatus.filter((x) => x.count > 0);
  const units = data.byUnit.filter((u) => u.applications || u.approved || u.rejected || u.activations);
  const days = data.byDay.filter((x) => x.applications || x.approvals || x.activations);
  return (
    <>
      <p class="report-range">
        {s.range(data.from, data.to)} · {s.total}: <strong>{total}</strong>
      </p>
      <Breakdown
        id="rep-ls"
        title={s.byLevelStatus}
        chart={s.byLevelStatus}
        head={[s.byLevelStatus, s.count]}
        rows={levelStatus.map((x) => [`${o.level(x.level)} · ${o.status[x.status]}`, x.count])}
      />
      <Breakdown
        id="rep-unit"
        title={s.byUnit}
        chart={`${s.byUnit}: ${s.applications}`}
        head={[s.unit, s.applications, s.approved, s.rejected, s.activations]}
        rows={units.map((u) => [u.name || s.noUnit, u.applications, u.approved, u.rejected, u.activations])}
      />
      <Breakdown
        id="rep-day"
        title={s.byDay}
        chart={`${s.byDay}: ${s.applications}`}
        head={[s.day, s.applications, s.approvals, s.activations]}
        rows={days.map((x) => [vnDay(x.day), x.applications, x.approvals, x.activations])}
      />
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
