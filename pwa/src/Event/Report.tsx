/** The sync report: the counts, each record's state and result; print it or export it as CSV. */
import { displayDate, numericVnDateTime } from "../i18n/dates";
import { Button } from "../ui";
import { L, result } from "./common";
import { csvOf, download } from "./csv";
import type { LocalRecord, LocalSession } from "./store";

/** The report of the session's records. */
export function Report({ session, records }: { session: LocalSession; records: LocalRecord[] }) {
  const l = L();
  const count = (s: string) => records.filter((r) => r.state === s).length;
  return (
    <section class="event-report" aria-labelledby="event-report-title">
      <h2 id="event-report-title">{l.report}</h2>
      <p>
        {l.eventOf(session.event.place, displayDate(session.event.firstDay), displayDate(session.event.lastDay))} ·{" "}
        {session.event.unit.name}
      </p>
      <p data-testid="event-counts">
        {l.reportCounts(count("accepted"), count("duplicate"), count("rejected"), count("queued"))}
      </p>
      {records.length ? (
        <div class="table-wrap">
          <table class="event-table">
            <thead>
              <tr>
                <th scope="col">{l.seq}</th>
                <th scope="col">{l.time}</th>
                <th scope="col">{l.citizen}</th>
                <th scope="col">{l.state}</th>
                <th scope="col">{l.result}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.clientId} data-state={r.state} data-testid="event-record">
                  <td>{r.seq}</td>
                  <td>{numericVnDateTime(r.capturedAt)}</td>
                  <td>
                    {r.initials} · …{r.last3}
                  </td>
                  <td>{l.states[r.state] ?? r.state}</td>
                  <td>{result(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{l.none}</p>
      )}
      <div class="actions no-print">
        <Button variant="secondary" onClick={() => window.print()} disabled={!records.length}>
          {l.print}
        </Button>
        <Button
          variant="secondary"
          onClick={() => download(`bao-cao-su-kien-${session.event.firstDay}.csv`, csvOf(records))}
          disabled={!records.length}
        >
          {l.csv}
        </Button>
      </div>
    </section>
  );
}
