/**
 * Forms: labelled fields (`<input>`, `<select>`, `<textarea>`) with their errors, and the form state driven by the
 * shared schemas. Only screens loaded on demand use them (the first screen has no form).
 */
import type { ComponentChildren, InputHTMLAttributes, VNode } from "preact";
import { useState } from "preact/hooks";
import { type ApiError, type ApiResult, useRequest } from "./api";
import { type ErrorLike, sharedText, t } from "./i18n";
import { Alert, Button } from "./ui";

type InputAttrs = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "label">;

/** What every labelled control has: its label, an optional hint, its error. */
interface Labels {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

/** The ids and states a control gets from its {@link Labelled} wrapper. */
interface ControlA11y {
  id: string;
  "aria-invalid": "true" | undefined;
  "aria-describedby": string | undefined;
}

/** A control with its `<label>`, its hint and its error, linked by aria-describedby (`describedBy`: one more id). */
function Labelled({
  id,
  label,
  hint,
  error,
  describedBy,
  control,
}: Labels & { describedBy?: string | undefined; control(a11y: ControlA11y): VNode }) {
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
      {control({ id, "aria-invalid": error ? "true" : undefined, "aria-describedby": described })}
      {error ? <FieldError id={errorId as string} text={error} /> : null}
    </div>
  );
}

/** A labelled `<input>` with an optional hint and an error linked by aria-describedby. */
export function Field({
  id,
  label,
  hint,
  error,
  describedBy,
  ...input
}: InputAttrs & Labels & { describedBy?: string }) {
  return <Labelled {...{ id, label, hint, error, describedBy }} control={(a11y) => <input {...input} {...a11y} />} />;
}

/**
 * A password (or passcode) input with a "Hiện" / "Ẩn" toggle beside it, so that people who type slowly can check
 * what they typed. The input keeps its own `type` while hidden.
 */
export function PasswordField({
  id,
  label,
  hint,
  error,
  describedBy,
  ...input
}: InputAttrs & Labels & { describedBy?: string }) {
  const [shown, setShown] = useState(false);
  const { common } = t();
  return (
    <Labelled
      {...{ id, label, hint, error, describedBy }}
      control={(a11y) => (
        <div class="reveal">
          <input {...input} {...a11y} type={shown ? "text" : (input.type ?? "password")} />
          <button
            type="button"
            class="reveal-btn"
            aria-controls={id}
            aria-pressed={shown ? "true" : "false"}
            onClick={() => setShown(!shown)}
          >
            {shown ? common.hide : common.show}
          </button>
        </div>
      )}
    />
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

/** A labelled `<select>` with an optional hint and an error linked by aria-describedby. */
export function SelectField({
  id,
  label,
  hint,
  error,
  onChange,
  children,
  ...select
}: Labels & {
  value: string;
  onChange(value: string): void;
  onBlur?: () => void;
  disabled?: boolean;
  required?: boolean;
  children: ComponentChildren;
}) {
  const control = (a11y: ControlA11y) => (
    <select {...select} {...a11y} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
      {children}
    </select>
  );
  return <Labelled {...{ id, label, hint, error }} control={control} />;
}

/** A labelled `<textarea>` of three rows. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  onInput,
  ...area
}: Labels & {
  value: string;
  onInput(value: string): void;
  onBlur?: () => void;
  maxLength?: number;
  autoComplete?: string;
}) {
  const control = (a11y: ControlA11y) => (
    <textarea {...area} {...a11y} rows={3} onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)} />
  );
  return <Labelled {...{ id, label, hint, error }} control={control} />;
}

/** The attributes of the inputs many forms ask for (give `autoComplete` and the like after them to differ). */
export const INPUT = {
  /** A personal ID number (12 digits; longer input is let through so that the error can say so). */
  citizenId: { inputMode: "numeric", autoComplete: "off", maxLength: 20, spellcheck: false },
  /** A phone number. */
  phone: { type: "tel", inputMode: "tel", autoComplete: "tel", maxLength: 20 },
  /** A password (give `autoComplete`: "current-password" or "new-password"). */
  password: { type: "password", autoCapitalize: "off", spellcheck: false },
  /** A 6-digit passcode, hidden. */
  passcode: { type: "password", inputMode: "numeric", pattern: "[0-9]*", maxLength: 6, autoComplete: "off" },
  /** A code people copy from paper (a file's reference, a licence number): upper case, no spelling. */
  code: { autoComplete: "off", autoCapitalize: "characters", spellcheck: false },
} as const;

/** A checkbox that must be ticked (the citizen's consent), with its error. */
export function CheckField({
  id,
  label,
  checked,
  error,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  error: string | null;
  onChange(checked: boolean): void;
}) {
  const errorId = `${id}-error`;
  return (
    <div class="field">
      <label class="check">
        <input
          type="checkbox"
          id={id}
          checked={checked}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
        />
        <span>{label}</span>
      </label>
      {error ? <FieldError id={errorId} text={error} /> : null}
    </div>
  );
}

/** A box that must be ticked (the citizen's consent): its state, its error, and `field(id, label)`, the checkbox. */
export function useConsent() {
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onChange = (value: boolean) => {
    setChecked(value);
    setError(null);
  };
  const field = (id: string, label: string) => (
    <CheckField id={id} label={label} checked={checked} error={error} onChange={onChange} />
  );
  return { checked, error, setError, field };
}

/** Under an error: what the citizen can do about it (`text`, then a link, or the button `action`). */
export function AfterAlert({
  text,
  action,
  children,
}: {
  text?: string;
  action?: [label: string, onClick: () => void];
  children?: ComponentChildren;
}) {
  return (
    <div class="after-alert">
      {text ? <p>{text}</p> : null}
      {children}
      {action ? (
        <Button variant="secondary" onClick={action[1]}>
          {action[0]}
        </Button>
      ) : null}
    </div>
  );
}

/**
 * The end of a form: the request's error, what follows it (`children`: what the citizen can do about it), then the
 * actions: `before` (e.g. "Hủy bỏ"), and the submit button ("Đang xử lý…" while `busy`).
 */
export function FormEnd({
  error,
  busy,
  submit,
  disabled,
  before,
  children,
  submitVariant = "primary",
}: {
  error: ErrorLike | null;
  busy: boolean;
  submit: string;
  disabled?: boolean;
  /** "secondary" (outlined) when another control is the screen's main button, such as the next step after an answer. */
  submitVariant?: "primary" | "secondary";
  before?: ComponentChildren;
  children?: ComponentChildren;
}) {
  return (
    <>
      {error ? <Alert error={error} /> : null}
      {children}
      <div class="actions">
        {before}
        <Button type="submit" busy={busy} disabled={disabled} variant={submitVariant}>
          {submit}
        </Button>
      </div>
    </>
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
    out[key] = generic ? (fallback[key] ?? t().common.invalid) : issue.message;
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

/** The props of a control bound to a form's field (`form.bind(key)`). */
export interface BoundField {
  id: string;
  value: string;
  onInput(e: Event): void;
  onBlur(): void;
  error: string | undefined;
}

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
    bind(k: K): BoundField {
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

/** A shared schema as the forms use it: zod/mini's `safeParse`. */
export interface Schema<B> {
  safeParse(data: unknown): { success: true; data: B } | Extract<ParseResult, { success: false }>;
}

/** How {@link useSchemaForm} reads a form: the body the schema checks, and how its errors map to the fields. */
export interface SchemaFormOptions<K extends string> {
  /** The body the schema checks and the request sends (default: the values as they are). */
  body?(values: Record<K, string>): unknown;
  /** Messages for zod's generic ones, by field path (e.g. FIELD_MESSAGES). */
  messages?: Record<string, string>;
  /** Schema paths → the form's fields, where they differ. */
  rename?: Record<string, NoInfer<K>>;
  /** When a field's error first shows (see {@link useForm}). */
  mode?: "input" | "blur";
  /** The screen's own checks after the schema's: may add or replace errors. */
  refine?(errors: Partial<Record<NoInfer<K>, string>>, values: Record<NoInfer<K>, string>): void;
}

/** What to do with a failed answer besides showing it (see {@link useSchemaForm}'s `submit`). */
export interface SubmitErrorHandlers {
  /** Runs first: true when it took care of the error (nothing is shown then). */
  failed?(error: ApiError): boolean;
  /** Runs after the error is shown under the form and on its fields. */
  after?(error: ApiError): void;
}

/**
 * A form that a shared schema checks: {@link useForm} whose errors are the schema's on `body(values)`, the request
 * that sends it (`req`, `send`), and `submit(name, call, done)`, its submit handler: it marks every field checked,
 * sends the parsed body with `call` (the request named `name`), and gives the answer to `done`; a failed answer
 * shows under the form and on its fields.
 */
export function useSchemaForm<K extends string, B>(
  prefix: string,
  initial: Record<K, string>,
  schema: Schema<B>,
  options: SchemaFormOptions<K> = {},
) {
  const { body = (v: Record<K, string>) => v, messages = {}, rename = {}, mode = "blur", refine } = options;
  const keys = Object.keys(initial) as K[];
  const req = useRequest();
  const form = useForm<K>(
    prefix,
    initial,
    (v) => {
      const errors = errorsFor(issuesByField(schema.safeParse(body(v)), messages), keys, rename);
      refine?.(errors, v);
      return errors;
    },
    mode,
  );

  /** Runs the request `name` (`call`): its answer goes to `done`; a failure shows under the form and on its fields. */
  async function send<T>(
    name: string,
    call: () => Promise<ApiResult<T>>,
    done: (data: T) => void,
    on: SubmitErrorHandlers = {},
  ) {
    const res = await req.run(name, call);
    if (res.ok) return done(res.data);
    if (on.failed?.(res.error)) return;
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), keys, rename));
    on.after?.(res.error);
  }

  function submit<T>(
    name: string,
    call: (body: B) => Promise<ApiResult<T>>,
    done: (data: T, body: B) => void,
    on: SubmitErrorHandlers = {},
  ) {
    return async (e: Event) => {
      e.preventDefault();
      if (req.busy || !form.check()) return;
      const parsed = schema.safeParse(body(form.values));
      if (!parsed.success) return;
      await send(
        name,
        () => call(parsed.data),
        (data) => done(data, parsed.data),
        on,
      );
    };
  }

  return { ...form, req, send, submit };
}
