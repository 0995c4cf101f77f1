/**
 * A numbered file (an application) as citizens and officers see it: its state as a badge, its timeline with times
 * (received → under review → approved / rejected, with the reason), and the tracking result ("Tra cứu hồ sơ", "Hồ sơ
 * của tôi" on the account home). Their strings are the officer catalogue's.
 */
import type { TimelineEntryT, TrackResponseT } from "../../shared/officer-schemas";
import { Link } from "./router";
import { ROUTES } from "./routes";
import { vnDateTime } from "./i18n/dates";
import { tOfficer } from "./i18n/officer";

const tr = () => tOfficer().track;

/** A file's steps with their times (Vietnam time): received → under review → approved / rejected (with reason). */
export function Timeline({ steps, label }: { steps: TimelineEntryT[]; label: string }) {
  return (
    <ol class="timeline" aria-label={label}>
      {steps.map((s, i) => (
        <li key={`${s.step}-${i}`} class={`timeline-${s.step}`} data-step={s.step}>
          <span class="timeline-step">{tOfficer().steps[s.step] ?? s.step}</span>
          <span class="timeline-at">
            <time dateTime={s.at}>{vnDateTime(s.at)}</time>
          </span>
          {s.reason ? (
            <span class="timeline-reason">
              {tOfficer().reason} {s.reason}
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** An application state as a badge (text, not colour alone). */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-${status}`}>{tOfficer().status[status] ?? status}</span>;
}

/** One file's state and timeline, with what to do next (`next`; the account home says it itself). */
export function TrackResult({
  file,
  headingLevel = 2,
  next = true,
}: {
  file: TrackResponseT;
  headingLevel?: 2 | 3;
  next?: boolean;
}) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <section class="track-result" aria-label={tr().result(file.reference)}>
      <H>{tr().result(file.reference)}</H>
      <dl class="facts">
        <div>
          <dt>{tr().level}</dt>
          <dd>{tOfficer().level(file.level)}</dd>
        </div>
        <div>
          <dt>{tr().status}</dt>
          <dd>
            <StatusBadge status={file.status} />
          </dd>
        </div>
      </dl>
      <Timeline steps={file.timeline} label={`${tr().timeline} ${file.reference}`} />
      {!next ? null : file.activated ? (
        <div class="notice">
          <p>{tr().activatedNext}</p>
          <div class="actions">
            <Link href={ROUTES.login.path} class="btn">
              {tr().login}
            </Link>
          </div>
        </div>
      ) : file.status === "approved" ? (
        <div class="notice">
          <p>{tr().approvedNext}</p>
          <div class="actions">
            <Link href={ROUTES.activate.path} class="btn">
              {tr().activate}
            </Link>
          </div>
        </div>
      ) : file.status === "rejected" ? (
        <div class="notice notice-warn">
          <p>{tr().rejectedNext}</p>
        </div>
      ) : file.status === "pending" ? (
        <div class="notice">
          <p>{tr().pendingNext}</p>
        </div>
      ) : null}
    </section>
  );
}
