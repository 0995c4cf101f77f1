/**
 * Small building blocks shared by the screens: headings that take focus, the error alert, the busy button, the
 * progress bar, a definition list. Forms are in form.tsx.
 */
import type { ButtonHTMLAttributes, ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { ApiError } from "./api";
import { type ErrorLike, errorText, sharedText, t } from "./i18n";

/** The first heading of the page load keeps focus where the browser put it; every later screen takes it. */
let firstHeadingShown = false;

/** The screen's one `<h1>`; it receives focus when the screen appears after a change (tabindex=-1). */
export function Heading({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstHeadingShown) ref.current?.focus();
    firstHeadingShown = true;
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

/**
 * A server (or network) error: `message`, then `hint` on its own line, in a role="alert" region; in English, the
 * message of its `code` (see `errorText`).
 */
export function Alert({ error }: { error: ErrorLike & Pick<ApiError, "hint"> }) {
  return (
    <div role="alert" class="alert">
      <p>{errorText(error)}</p>
      {error.hint ? <p>{sharedText(error.hint)}</p> : null}
    </div>
  );
}

/** "Đang tải…" while a screen or its data loads. */
export function Loading() {
  return (
    <p class="loading" role="status">
      {t.common.loading}
    </p>
  );
}

/** A real `<button>` that shows "Đang xử lý…" and is disabled while its request is in flight. */
export function Button({
  busy = false,
  children,
  variant = "primary",
  type = "button",
  disabled,
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "disabled"> & {
  busy?: boolean;
  variant?: "primary" | "secondary";
  type?: "button" | "submit";
  disabled?: boolean;
}) {
  return (
    <button
      {...rest}
      type={type}
      class={variant === "primary" ? "btn" : "btn btn-secondary"}
      disabled={busy || disabled}
      aria-busy={busy ? "true" : undefined}
    >
      {busy ? t.common.busy : children}
    </button>
  );
}

/** "Bước n/total" with a progress bar; `label` names the process (activation by default). */
export function Progress({ step, total, label = t.progress.label }: { step: number; total: number; label?: string }) {
  const text = t.progress.step(step, total);
  return (
    <div class="progress">
      <p class="progress-text">{text}</p>
      <div
        class="progress-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={1}
        aria-valuemax={total}
        aria-valuenow={step}
        aria-valuetext={text}
      >
        <div class="progress-fill" style={{ width: `${Math.round((step / total) * 100)}%` }} />
      </div>
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

/** Sets the page title (`<what> · <app>`). */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${t.appName}`;
  }, [title]);
}
