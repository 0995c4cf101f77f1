/**
 * Pieces shared by the console, "Tra cứu hồ sơ" and "Đặt lịch hẹn": the server's clock and Vietnam's calendar, the
 * page title, a labelled `<select>` and `<textarea>`, a definition list, the timeline of a file.
 */
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import type { TimelineEntryT } from "../../../shared/officer-schemas";
import { msUntil } from "../api";
import { t } from "../i18n";
import { vnDateTime, vo } from "../i18n-officer";
import { FieldError } from "../ui";

/** Now on the server's clock (ms), as far as the last answer told (see api.ts). */
export function serverNow(): number {
  return -msUntil(new Date(0).toISOString());
}

/** `day` (yyyy-mm-dd) plus `n` days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Today in Vietnam (UTC+7), on the server's clock. */
export function vnToday(): string {
  return new Date(serverNow() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A Vietnamese mobile number as people write it: `+84912345678` → `0912345678` (anything else as it is). */
export function displayPhone(phone: string): string {
  const m = /^\+84(\d{9})$/.exec(phone);
  return m ? `0${m[1]}` : phone;
}

/** Sets the page title (`<what> · <app>`). */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${t.appName}`;
  }, [title]);
}

type SelectAttrs = { disabled?: boolean; required?: boolean };

/** A labelled `<select>` with an optional hint and an error linked by aria-describedby. */
export function SelectField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  children,
  ...rest
}: SelectAttrs & {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  onChange(value: string): void;
  children: ComponentChildren;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <select
        {...rest}
        id={id}
        value={value}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {children}
      </select>
      {error ? <FieldError id={errorId as string} text={error} /> : null}
    </div>
  );
}

/** A labelled `<textarea>`. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  value,
  onInput,
  maxLength,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onInput(value: string): void;
  maxLength?: number;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        rows={3}
        value={value}
        maxLength={maxLength}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
      {error ? <FieldError id={errorId as string} text={error} /> : null}
    </div>
  );
}

/** A definition list of label → value rows (rows whose value is null are left out). */
export function Facts({ rows, class: cls }: { rows: Array<[string, ComponentChildren | null]>; class?: string }) {
  return (
    <dl class={cls ? `facts ${cls}` : "facts"}>
      {rows
        .filter(([, v]) => v !== null && v !== undefined && v !== "")
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

/** A file's steps with their times (Vietnam time): received → under review → approved / rejected (with reason). */
export function Timeline({ steps, label }: { steps: TimelineEntryT[]; label: string }) {
  return (
    <ol class="timeline" aria-label={label}>
      {steps.map((s, i) => (
        <li key={`${s.step}-${i}`} class={`timeline-${s.step}`} data-step={s.step}>
          <span class="timeline-step">{vo.steps[s.step] ?? s.step}</span>
          <span class="timeline-at">
            <time dateTime={s.at}>{vnDateTime(s.at)}</time>
          </span>
          {s.reason ? (
            <span class="timeline-reason">
              {vo.reason} {s.reason}
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** An application state as a badge (text, not colour alone). */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-${status}`}>{vo.status[status] ?? status}</span>;
}
