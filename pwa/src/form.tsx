/**
 * Forms: labelled fields (`<input>`, `<select>`, `<textarea>`) with their errors, and the form state driven by the
 * shared schemas. Only screens loaded on demand use them (the first screen has no form).
 */
import type { ComponentChildren, InputHTMLAttributes } from "preact";
import { useState } from "preact/hooks";
import type { ApiError } from "./api";
import { sharedText, t } from "./i18n";

type InputAttrs = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "label">;

/** A labelled `<input>` with an optional hint and an error linked by aria-describedby. */
export function Field({
  id,
  label,
  hint,
  error,
  describedBy,
  ...input
}: InputAttrs & { id: string; label: string; hint?: string; error?: string | undefined; describedBy?: string }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [hintId, describedBy, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input {...input} id={id} aria-invalid={error ? "true" : undefined} aria-describedby={described} />
      {error ? <FieldError id={errorId as string} text={error} /> : null}
    </div>
  );
}

/**
 * The error text under a control (not color alone: it starts with an icon and is bold). A message of `shared/`
 * (the schemas' field messages, the server's) shows in the language in force.
 */
export function FieldError({ id, text }: { id: string; text: string }) {
  return (
    <p class="field-error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {sharedText(text)}
    </p>
  );
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

/** What zod/mini's `safeParse` returns, as far as the forms care. */
export type ParseResult =
  | { success: true }
  | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };

/**
 * The first message per field of a failed parse, keyed by the issue path joined with dots
 * (`citizenId`, `answers.1.questionId`). zod/mini has no locale loaded, so its built-in checks say
 * "Invalid input": those fall back to `fallback[key]`.
 */
export function issuesByField(result: ParseResult, fallback: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".");
    if (key in out) continue;
    const generic = !issue.message || issue.message === "Invalid input";
    out[key] = generic ? (fallback[key] ?? t.common.invalid) : issue.message;
  }
  return out;
}

/** The worker's `fields` object with its keys normalised (`answers[0].answer` → `answers.0.answer`). */
export function serverFields(error: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!error?.fields) return out;
  for (const [key, message] of Object.entries(error.fields)) {
    out[key.replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "")] = message;
  }
  return out;
}

type Errors<K extends string> = Partial<Record<K, string>>;

/**
 * Form state: values, which fields the user has touched, and errors. A field's client-side error shows once the
 * field was touched (on its first input in `"input"` mode, on blur in `"blur"` mode, or by a submit attempt);
 * a server error shows until the user edits that field.
 */
export function useForm<K extends string>(
  prefix: string,
  initial: Record<K, string>,
  validate: (values: Record<K, string>) => Errors<K>,
  mode: "input" | "blur" = "blur",
) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<K, boolean>>>({});
  const [server, setServer] = useState<Errors<K>>({});
  const all = validate(values);
  const keys = Object.keys(initial) as K[];
  const errors: Errors<K> = {};
  for (const k of keys) {
    const e = (touched[k] ? all[k] : undefined) ?? server[k];
    if (e) errors[k] = e;
  }
  const idOf = (k: K) => `${prefix}-${k}`;

  const touch = (k: K) => setTouched((prev) => (prev[k] ? prev : { ...prev, [k]: true }));
  const set = (k: K, value: string) => {
    setValues((prev) => ({ ...prev, [k]: value }));
    if (mode === "input") touch(k);
    setServer((prev) => {
      if (!(k in prev)) return prev;
      const next = { ...prev };
      delete next[k];
      return next;
    });
  };

  return {
    values,
    errors,
    set,
    idOf,
    /** Props for an `<input>`/`<select>` bound to field `k`. */
    bind(k: K) {
      return {
        id: idOf(k),
        value: values[k],
        onInput: (e: Event) => set(k, (e.currentTarget as HTMLInputElement).value),
        onBlur: () => touch(k),
        error: errors[k],
      };
    },
    /** Marks every field touched; when something is invalid, focuses the first invalid field and returns false. */
    check(): boolean {
      const all2 = validate(values);
      const everyField: Partial<Record<K, boolean>> = {};
      for (const k of keys) everyField[k] = true;
      setTouched(everyField);
      const first = keys.find((k) => all2[k]);
      if (first) {
        document.getElementById(idOf(first))?.focus();
        return false;
      }
      return true;
    },
    /** Shows the worker's field errors (already mapped to this form's keys). */
    setServerErrors(errs: Errors<K>) {
      setServer(errs);
      const first = keys.find((k) => errs[k]);
      if (first) document.getElementById(idOf(first))?.focus();
    },
    reset(k: K, value = "") {
      setValues((prev) => ({ ...prev, [k]: value }));
      setTouched((prev) => ({ ...prev, [k]: false }));
    },
  };
}

/** Keeps only the keys of `errs` that belong to the form (`keys`), renaming with `rename` first. */
export function errorsFor<K extends string>(
  errs: Record<string, string>,
  keys: readonly K[],
  rename: Record<string, K> = {},
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [key, message] of Object.entries(errs)) {
    const k = (rename[key] ?? key) as K;
    if (keys.includes(k) && !out[k]) out[k] = message;
  }
  return out;
}
