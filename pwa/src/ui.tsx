/**
 * Small building blocks shared by the screens: headings that take focus, "Đang tải…", the error alert, the busy
 * button, a definition list, the page title. Part of the first screen's bundle: forms are in form.tsx, the steps'
 * progress bar in flow/Progress.tsx.
 */
import type { ButtonHTMLAttributes, ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { ApiError } from "./api";
import { type ErrorLike, errorText, sharedText, t } from "./i18n";
import { Link } from "./router";

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
      {t().common.loading}
    </p>
  );
}

/** A failed load: the error, and the button that tries again (`label`: "Thử lại" by default). */
export function Retry({
  error,
  onRetry,
  label = t().common.retry,
}: {
  error: ErrorLike & Pick<ApiError, "hint">;
  onRetry(): void;
  label?: string;
}) {
  return (
    <>
      <Alert error={error} />
      <div class="actions">
        <Button onClick={onRetry}>{label}</Button>
      </div>
    </>
  );
}

/**
 * A finished task: "✓", its title, `before` (what was made), what happened (`live`: announced to screen readers),
 * then the way on (`children`).
 */
export function Success({
  title,
  text,
  live,
  before,
  children,
}: {
  title: string;
  text: string;
  live?: boolean;
  before?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <>
      <div class="success-mark" aria-hidden="true">
        ✓
      </div>
      <Heading>{title}</Heading>
      {before}
      <p aria-live={live ? "polite" : undefined}>{text}</p>
      <div class="actions">{children}</div>
    </>
  );
}

/** A note of the page: `text` (if any), then a link to `href`. */
export function NoteLink({ text, href, children }: { text?: string; href: string; children: ComponentChildren }) {
  return (
    <p class="note">
      {text ? `${text} ` : null}
      <Link href={href}>{children}</Link>
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
      {busy ? t().common.busy : children}
    </button>
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
    document.title = `${title} · ${t().appName}`;
  }, [title]);
}
