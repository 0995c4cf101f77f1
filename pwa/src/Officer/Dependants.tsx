/**
 * "Người phụ thuộc chờ xác nhận": the dependant links of the officer's unit (`GET /api/officer/dependants`; a
 * province_admin chooses a unit or sees all). A request ("Chờ xác nhận") is confirmed ("Xác nhận") or refused
 * ("Từ chối"); a confirmed link can be removed ("Gỡ liên kết"). Every action is audited and told to the parent.
 */
import { useState } from "preact/hooks";
import { OkResponse } from "../../../shared/api-schemas";
import { DependantLinksQuery, type DependantLinkItemT, DependantLinksResponse } from "../../../shared/officer-schemas";
import { type ApiError, post, useRequest } from "../api";
import { Field, SelectField, issuesByField } from "../form";
import { displayDate, vnDateTime } from "../i18n/dates";
import { tOfficer } from "../i18n/officer";
import { Alert, Button, Heading, useTitle } from "../ui";
import { type ConsoleProps, UnitSelect, useUnits } from "./common";
import { FilterForm, queryOf, setOnly, useFiltered } from "./FilterForm";

const dp = () => tOfficer().dependants;

type Filters = Record<"status" | "unit" | "child", string>;
type Action = "approve" | "refuse" | "remove";

function Item({
  link,
  onDone,
  sessionFailed,
}: { link: DependantLinkItemT; onDone(message: string): void } & Pick<ConsoleProps, "sessionFailed">) {
  const req = useRequest();
  const child = link.child.fullName ?? link.child.id;
  async function act(action: Action) {
    if (req.busy) return;
    const res = await req.run(action, () =>
      post(`/api/officer/dependants/${encodeURIComponent(link.id)}/${action}`, {}, OkResponse),
    );
    if (res.ok)
      return onDone(
        action === "approve" ? dp().approved(child) : action === "refuse" ? dp().refused(child) : dp().removed(child),
      );
    if (!sessionFailed(res.error)) req.setError(res.error);
  }
  const button = (action: Action, label: string, variant: "primary" | "secondary" = "secondary") => (
    <Button
      variant={variant}
      onClick={() => void act(action)}
      busy={req.busy === action}
      disabled={!!req.busy}
      aria-label={`${label}: ${child}`}
    >
      {label}
    </Button>
  );
  return (
    <li class="list-item dependant-link" data-link={link.id}>
      <span class="list-title">
        {dp().child}: {link.child.fullName ?? dp().unknown} · {link.child.id}
      </span>
      <span class="list-meta">
        {dp().born}: {link.child.dob ? displayDate(link.child.dob) : tOfficer().none}
        {link.unitCode ? ` · ${link.unitCode}` : ""}
      </span>
      <span>
        {dp().guardian}: {link.guardian.fullName ?? dp().unknown} · {link.guardian.id}
      </span>
      <span class="list-meta">
        {dp().requestedAt} {vnDateTime(link.addedAt)}
      </span>
      <span class={`badge ${link.status === "pending" ? "badge-pending" : "badge-approved"}`}>
        {dp().statuses[link.status]}
      </span>
      {req.error ? <Alert error={req.error} /> : null}
      <span class="actions">
        {link.status === "pending" ? (
          <>
            {button("approve", dp().approve, "primary")}
            {button("refuse", dp().refuse)}
          </>
        ) : (
          button("remove", dp().remove)
        )}
      </span>
    </li>
  );
}

export function Dependants({ me, sessionFailed }: ConsoleProps) {
  useTitle(dp().title);
  const admin = me.role === "province_admin";
  const units = useUnits(admin);
  const [filters, setFilters] = useState<Filters>({ status: "pending", unit: "", child: "" });
  const [shown, setShown] = useState<Filters>(filters);
  const [done, setDone] = useState<string | null>(null);
  const params = { status: shown.status, unit: admin ? shown.unit : "", child: shown.child };
  const { data, error, busy } = useFiltered(
    `/api/officer/dependants${queryOf(params)}`,
    DependantLinksResponse,
    sessionFailed,
    shown,
  );
  const set = (k: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [k]: value }));
  const invalid: Partial<Record<string, string>> = issuesByField(DependantLinksQuery.safeParse(setOnly(filters)));

  function submit() {
    if (Object.keys(invalid).length) {
      document.getElementById("dependants-child")?.focus();
      return;
    }
    setDone(null);
    setShown({ ...filters, child: filters.child.trim() });
  }

  function onDone(message: string) {
    setDone(message);
    // read the list again
    setShown((s) => ({ ...s }));
  }

  const list = data?.links ?? null;
  return (
    <>
      <Heading>{dp().title}</Heading>
      <p>{dp().intro}</p>
      <FilterForm id="dependants" submit={dp().show} busy={busy} onSubmit={submit}>
        {admin ? (
          <UnitSelect
            id="dependants-unit"
            label={tOfficer().queue.unit}
            value={filters.unit}
            onChange={set("unit")}
            units={units}
            any={tOfficer().any}
          />
        ) : null}
        <div class="filter-row">
          <SelectField id="dependants-status" label={dp().status} value={filters.status} onChange={set("status")}>
            <option value="pending">{dp().statuses.pending}</option>
            <option value="approved">{dp().statuses.approved}</option>
          </SelectField>
          <Field
            id="dependants-child"
            label={dp().childId}
            value={filters.child}
            error={invalid.child}
            inputMode="numeric"
            autoComplete="off"
            maxLength={20}
            onInput={(e) => set("child")((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
      </FilterForm>
      <div aria-live="polite">{done ? <p class="notice">{done}</p> : null}</div>
      {error ? <Alert error={error as ApiError} /> : null}
      {list ? (
        <>
          <p class="list-count" role="status">
            {list.length ? dp().count(list.length) : dp().empty}
          </p>
          <ul class="list">
            {list.map((l) => (
              <Item key={l.id} link={l} onDone={onDone} sessionFailed={sessionFailed} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
