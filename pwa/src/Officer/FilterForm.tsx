/**
 * The console's filtered lists ("Hồ sơ chờ duyệt", "Lịch hẹn hôm nay", "Báo cáo", "Nhật ký"): the filter form (the
 * screen's own fields, then "Từ ngày" / "Đến ngày" when it filters by days, then the submit button), the list read
 * for the filters last submitted.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { type ApiError, type Parser, get } from "../api";
import { Field } from "../form";
import { Button } from "../ui";
import type { ConsoleProps } from "./common";
import { tOfficer } from "../i18n/officer";

/** A day range being typed, with the error of its end ("Đến ngày"). */
export interface RangeInput {
  from: string;
  to: string;
  toError?: string | undefined;
  onChange(key: "from" | "to", value: string): void;
}

/** The filter form: `children` first, then the day range (`<id>-from`, `<id>-to`), then `submit` and `extra`. */
export function FilterForm({
  id,
  submit,
  busy,
  onSubmit,
  range,
  label,
  extra,
  children,
}: {
  id: string;
  submit: string;
  busy: boolean;
  onSubmit(): void;
  range?: RangeInput;
  /** The form's accessible name, if it has one. */
  label?: string;
  extra?: ComponentChildren;
  children?: ComponentChildren;
}) {
  const input = (key: "from" | "to") => (e: Event) => range?.onChange(key, (e.currentTarget as HTMLInputElement).value);
  return (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      noValidate
      aria-label={label}
    >
      {children}
      {range ? (
        <div class="filter-row">
          <Field id={`${id}-from`} label={tOfficer().fromDay} type="date" value={range.from} onInput={input("from")} />
          <Field
            id={`${id}-to`}
            label={tOfficer().toDay}
            type="date"
            value={range.to}
            error={range.toError}
            onInput={input("to")}
          />
        </div>
      ) : null}
      <div class="actions">
        <Button type="submit" busy={busy}>
          {submit}
        </Button>
        {extra}
      </div>
    </form>
  );
}

/**
 * `GET url` whenever `shown` (the filters submitted) changes; a session problem goes to the console
 * (`sessionFailed`), any other error is returned.
 */
export function useFiltered<T>(
  url: string,
  schema: Parser<T>,
  sessionFailed: ConsoleProps["sessionFailed"],
  shown: unknown,
) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    setBusy(true);
    void get(url, schema).then((res) => {
      if (!live) return;
      setBusy(false);
      if (res.ok) {
        setData(res.data);
        setError(null);
      } else if (!sessionFailed(res.error)) {
        setData(null);
        setError(res.error);
      }
    });
    return () => {
      live = false;
    };
  }, [shown]);
  return { data, error, busy };
}

/** The query string of the filters that are set. */
export function queryOf(values: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The filters that are set, trimmed (as the query schemas read them). */
export function setOnly(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v.trim()) out[k] = v.trim();
  return out;
}
