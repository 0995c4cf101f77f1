/**
 * "Báo cáo" (province_admin) over a range of days (`GET /api/officer/reports`): the trend by day as inline SVG
 * column charts (files received, approvals, activations), then the numbers in tables (by level and state, by unit,
 * each activation under the unit of its approved file), and "Xuất CSV" (`/api/officer/reports.csv`, same range).
 * The default range is the server's (the last 30 days); the date boxes show the range on screen.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { DateRangeQuery, type ReportsResponseT, ReportsResponse } from "../../../shared/officer-schemas";
import { Alert, Heading, useTitle } from "../ui";
import type { ConsoleProps } from "./common";
import { FilterForm, queryOf, setOnly, useFiltered } from "./FilterForm";
import { issuesByField } from "../form";
import { vnDay } from "../i18n/dates";
import { tOfficer } from "../i18n/officer";

const r = () => tOfficer().reports;

/** The width of an element in CSS pixels, followed as it changes (0 until it is laid out). */
function useWidth<E extends Element>(): [{ current: E | null }, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.floor(el.getBoundingClientRect().width));
    measure();
    if (typeof ResizeObserver === "function") {
      const observer = new ResizeObserver(measure);
      observer.observe(el);
      return () => observer.disconnect();
    }
    // Browsers before ResizeObserver (iOS 12): the window's size is what changes the chart's.
    addEventListener("resize", measure);
    return () => removeEventListener("resize", measure);
  }, []);
  return [ref, width];
}

/** `yyyy-mm-dd` → `dd/mm`, the axis labels. */
const dayMonth = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/**
 * A column per day. Drawn in CSS pixels at the width it is given (1 unit = 1 px), so that its text is the page's
 * size on a phone and on a desk alike: the highest value above its column, the first, middle and last days below.
 * Each column has its day and value as a tooltip; the table of the same numbers is the CSV.
 */
export function TrendChart({ title, days, values }: { title: string; days: string[]; values: number[] }) {
  const [ref, measured] = useWidth<HTMLDivElement>();
  const width = Math.max(200, measured || 280);
  const height = 132;
  const top = 20;
  const bottom = 22;
  const plot = height - top - bottom;
  const max = Math.max(1, ...values);
  const step = width / Math.max(1, days.length);
  const bar = Math.max(1, step * 0.7);
  const peak = values.indexOf(Math.max(...values));
  const ticks = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])].filter(
    (i) => i >= 0 && i < days.length,
  );
  const total = values.reduce((a, b) => a + b, 0);
  return (
    <figure class="trend">
      <figcaption class="trend-title">
        {title}: <strong>{total}</strong>
      </figcaption>
      <div ref={ref} class="trend-box">
        <svg
          class="chart"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={r().chart(r().perDay(title))}
          focusable="false"
        >
          <line x1="0" x2={width} y1={top + plot + 0.5} y2={top + plot + 0.5} class="chart-axis" />
          {values.map((v, i) => {
            const h = v ? Math.max(2, Math.round((v / max) * plot)) : 0;
            const x = i * step + (step - bar) / 2;
            return (
              <rect key={days[i]} x={x} y={top + plot - h} width={bar} height={h} class="chart-bar">
                <title>{`${vnDay(days[i] ?? "")}: ${v}`}</title>
              </rect>
            );
          })}
          {values[peak] ? (
            <text
              x={Math.min(width - 4, Math.max(4, peak * step + step / 2))}
              y={top - 6}
              text-anchor="middle"
              class="chart-value"
            >
              {values[peak]}
            </text>
          ) : null}
          {ticks.map((i, k) => (
            <text
              key={i}
              x={k === 0 ? 0 : i === days.length - 1 ? width : i * step + step / 2}
              y={height - 6}
              text-anchor={k === 0 ? "start" : i === days.length - 1 ? "end" : "middle"}
              class="chart-label"
            >
              {dayMonth(days[i] ?? "")}
            </text>
          ))}
        </svg>
      </div>
    </figure>
  );
}

/** A table of numbers: a header row, rows led by their name, and an optional total row. */
function Table({
  head,
  rows,
  foot,
}: {
  head: string[];
  rows: Array<[ComponentChildren, ...number[]]>;
  foot?: [string, ...number[]];
}) {
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
          {rows.map(([name, ...cells], i) => (
            <tr key={i}>
              <th scope="row">{name}</th>
              {cells.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
        {foot ? (
          <tfoot>
            <tr>
              <th scope="row">{foot[0]}</th>
              {foot.slice(1).map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

function Report({ data }: { data: ReportsResponseT }) {
  const s = r();
  const o = tOfficer();
  const total = data.byLevelStatus.reduce((sum, x) => sum + x.count, 0);
  const levelStatus = data.byLevelStatus.filter((x) => x.count > 0);
  const units = data.byUnit.filter((u) => u.applications || u.approved || u.rejected || u.activations);
  const days = data.byDay.map((x) => x.day);
  const sum = (k: "applications" | "approved" | "rejected" | "activations") => units.reduce((n, u) => n + u[k], 0);
  return (
    <>
      <p class="report-range">
        {s.range(data.from, data.to)} · {s.total}: <strong>{total}</strong>
      </p>
      <section aria-labelledby="rep-day">
        <h2 id="rep-day">{s.trend}</h2>
        <div class="trends">
          <TrendChart title={s.received} days={days} values={data.byDay.map((x) => x.applications)} />
          <TrendChart title={s.approvals} days={days} values={data.byDay.map((x) => x.approvals)} />
          <TrendChart title={s.activations} days={days} values={data.byDay.map((x) => x.activations)} />
        </div>
      </section>
      <section aria-labelledby="rep-unit">
        <h2 id="rep-unit">{s.byUnit}</h2>
        {units.length ? (
          <Table
            head={[s.unit, s.applications, s.approved, s.rejected, s.activations]}
            rows={units.map((u) => [
              u.unitCode === null ? (
                <>
                  {s.noUnit}
                  <span class="cell-note">{s.noUnitWhy}</span>
                </>
              ) : (
                u.name
              ),
              u.applications,
              u.approved,
              u.rejected,
              u.activations,
            ])}
            foot={[s.total, sum("applications"), sum("approved"), sum("rejected"), sum("activations")]}
          />
        ) : (
          <p>{s.empty}</p>
        )}
      </section>
      <section aria-labelledby="rep-ls">
        <h2 id="rep-ls">{s.byLevelStatus}</h2>
        {levelStatus.length ? (
          <Table
            head={[s.levelStatus, s.count]}
            rows={levelStatus.map((x) => [`${o.level(x.level)} · ${o.status[x.status]}`, x.count])}
          />
        ) : (
          <p>{s.empty}</p>
        )}
      </section>
    </>
  );
}

export function Reports({ sessionFailed }: ConsoleProps) {
  useTitle(r().title);
  const [range, setRange] = useState({ from: "", to: "" });
  const [shown, setShown] = useState(range);
  const { data, error, busy } = useFiltered(
    `/api/officer/reports${queryOf(shown)}`,
    ReportsResponse,
    sessionFailed,
    shown,
  );
  const invalid = issuesByField(DateRangeQuery.safeParse(setOnly(range)));

  // The date boxes show the range the report covers (the server's default until one is chosen).
  useEffect(() => {
    if (data) setRange({ from: data.from, to: data.to });
  }, [data]);

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
