/**
 * "Quản lý cán bộ" (province_admin): every officer with unit, role, state and last login (`GET /api/admin/officers`),
 * "Thêm cán bộ" (a one-time password, shown once), and per officer "Đặt lại mật khẩu" (a new one-time password),
 * "Khóa" / "Mở khóa" and "Chuyển đơn vị". Resetting and locking ask to be confirmed first; the server refuses both
 * for oneself, so the screen does not offer them there.
 */
import { useEffect, useState } from "preact/hooks";
import {
  AdminOfficer,
  AdminOfficerBody,
  type AdminOfficerT,
  AdminOfficersResponse,
  OneTimePasswordResponse,
} from "../../../shared/admin-schemas";
import { OFFICER_FIELD_MESSAGES } from "../../../shared/officer-schemas";
import { type ApiResult, post, useRequest } from "../api";
import { Field, FormEnd, SelectField, useSchemaForm } from "../form";
import { Alert, Button, Heading, useTitle } from "../ui";
import { vnDateTime } from "../i18n/dates";
import { tAdmin } from "../i18n/admin";
import { tOfficer } from "../i18n/officer";
import { type ConsoleProps, useUnits } from "./common";
import { useFiltered } from "./FilterForm";

/** A one-time password to hand over, with whose it is. */
interface OneTime {
  name: string;
  username: string;
  password: string;
}

/** What is being confirmed or chosen for one officer. */
type Pending = { username: string; action: "reset" | "lock" | "transfer" };

/** The one-time password, shown once (until the next action). */
function OneTimeBox({ shown }: { shown: OneTime }) {
  const a = tAdmin();
  return (
    <section class="notice one-time" aria-labelledby="one-time-title">
      <h2 id="one-time-title">{a.oneTimeTitle}</h2>
      <p>
        {a.oneTimeFor(shown.name, shown.username)}{" "}
        <code class="one-time-password" data-username={shown.username}>
          {shown.password}
        </code>
      </p>
      <p>{a.oneTimeNote}</p>
    </section>
  );
}

/** "Thêm cán bộ": "Họ và tên", "Vai trò", "Đơn vị". */
function AddOfficer({
  units,
  sessionFailed,
  onAdded,
}: Pick<ConsoleProps, "sessionFailed"> & {
  units: Array<{ code: string; name: string }>;
  onAdded(o: OneTime, officer: AdminOfficerT): void;
}) {
  const a = tAdmin();
  const form = useSchemaForm("adm", { name: "", role: "officer", unit: "" }, AdminOfficerBody, {
    messages: { name: OFFICER_FIELD_MESSAGES.name },
    refine: (errors, v) => {
      if (!v.unit) errors.unit = a.unitRequired;
    },
  });
  const submit = form.submit(
    "add",
    (body) => post("/api/admin/officers", body, OneTimePasswordResponse),
    (data) => {
      onAdded({ name: data.officer.name, username: data.username, password: data.password }, data.officer);
      form.reset("name");
    },
    { failed: sessionFailed },
  );
  return (
    <section aria-labelledby="adm-title">
      <h2 id="adm-title">{a.add}</h2>
      <form onSubmit={submit} noValidate class="admin-add">
        <Field {...form.bind("name")} label={a.name} autoComplete="off" maxLength={100} />
        <SelectField
          id={form.idOf("role")}
          label={a.role}
          value={form.values.role}
          onChange={(v) => form.set("role", v)}
          error={form.errors.role}
        >
          {Object.entries(tOfficer().officer.roles).map(([role, label]) => (
            <option key={role} value={role}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={form.idOf("unit")}
          label={a.unit}
          value={form.values.unit}
          onChange={(v) => form.set("unit", v)}
          error={form.errors.unit}
        >
          <option value="">{a.unitPlaceholder}</option>
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <FormEnd error={form.req.error} busy={form.req.busy === "add"} submit={a.add} />
      </form>
    </section>
  );
}

/** The screen for a province_admin; anyone else is told they may not use it (as the server would answer). */
export function Officers(props: ConsoleProps) {
  useTitle(tAdmin().title);
  if (props.me.role === "province_admin") return <OfficerAdmin {...props} />;
  return (
    <>
      <Heading>{tAdmin().title}</Heading>
      <Alert error={{ message: tOfficer().officer.forbidden }} />
    </>
  );
}

function OfficerAdmin({ me, sessionFailed }: ConsoleProps) {
  const a = tAdmin();
  const units = useUnits(true);
  const { data, error } = useFiltered("/api/admin/officers", AdminOfficersResponse, sessionFailed, null);
  /** The officers as changed since the list was read (additions, actions' answers), by user name. */
  const [changed, setChanged] = useState<Map<string, AdminOfficerT>>(new Map());
  const [oneTime, setOneTime] = useState<OneTime | null>(null);
  const [notice, setNotice] = useState("");
  const [pending, setPending] = useState<Pending | null>(null);
  const [newUnit, setNewUnit] = useState("");
  const [newUnitError, setNewUnitError] = useState<string | undefined>(undefined);
  /** The officer whose confirmation just closed: focus goes back to their actions. */
  const [backTo, setBackTo] = useState<string | null>(null);
  /** The officer whose action was refused: the refusal shows in their row. */
  const [errorAt, setErrorAt] = useState<string | null>(null);
  const act = useRequest();

  // Focus follows the confirmation (or the unit choice) as it opens, and returns to the officer's row as it closes.
  useEffect(() => {
    if (pending) {
      document
        .getElementById(
          pending.action === "transfer" ? `adm-move-${pending.username}` : `adm-confirm-${pending.username}`,
        )
        ?.focus();
    } else if (backTo) {
      document.querySelector<HTMLElement>(`li[data-username="${CSS.escape(backTo)}"] button`)?.focus();
      setBackTo(null);
    }
  }, [pending, backTo]);

  const listed = data?.officers ?? null;
  const added = listed ? [...changed.values()].filter((o) => !listed.some((x) => x.username === o.username)) : [];
  const officers = listed ? [...listed.map((o) => changed.get(o.username) ?? o), ...added] : null;
  const keep = (officer: AdminOfficerT) => setChanged((m) => new Map(m).set(officer.username, officer));

  /**
   * Runs an action on the officer `o`: its answer replaces them in the list and says what was done; a refusal shows
   * in their row.
   */
  async function run<T extends { officer: AdminOfficerT } | AdminOfficerT>(
    o: AdminOfficerT,
    name: string,
    call: () => Promise<ApiResult<T>>,
    done: (data: T) => string,
  ) {
    if (act.busy) return;
    setOneTime(null);
    setNotice("");
    const res = await act.run(name, call);
    if (!res.ok) {
      if (!sessionFailed(res.error)) {
        act.setError(res.error);
        setErrorAt(o.username);
      }
      return;
    }
    keep("officer" in res.data ? res.data.officer : res.data);
    setPending(null);
    setBackTo(o.username);
    setNotice(done(res.data));
  }

  const path = (o: AdminOfficerT, what: string) => `/api/admin/officers/${encodeURIComponent(o.username)}/${what}`;
  const reset = (o: AdminOfficerT) =>
    run(
      o,
      "reset",
      () => post(path(o, "password"), {}, OneTimePasswordResponse),
      (d) => {
        setOneTime({ name: o.name, username: d.username, password: d.password });
        return a.wasReset(o.name);
      },
    );
  const lock = (o: AdminOfficerT) =>
    run(
      o,
      "lock",
      () => post(path(o, "lock"), {}, AdminOfficer),
      () => a.wasLocked(o.name),
    );
  const unlock = (o: AdminOfficerT) =>
    run(
      o,
      "unlock",
      () => post(path(o, "unlock"), {}, AdminOfficer),
      () => a.wasUnlocked(o.name),
    );
  const transfer = (o: AdminOfficerT) => {
    if (!newUnit) {
      setNewUnitError(a.unitRequired);
      document.getElementById(`adm-move-${o.username}`)?.focus();
      return;
    }
    return run(
      o,
      "transfer",
      () => post(path(o, "unit"), { unit: newUnit }, AdminOfficer),
      (d) => a.wasTransferred(o.name, d.unit.name),
    );
  };
  const ask = (username: string, action: Pending["action"]) => {
    act.setError(null);
    setNewUnit("");
    setNewUnitError(undefined);
    setPending({ username, action });
  };

  /** The officer's actions, or the confirmation (or the unit choice) of the one under way. */
  function actions(o: AdminOfficerT) {
    const self = o.username === me.username;
    const busy = act.busy;
    if (pending?.username === o.username) {
      const cancel = (
        <Button
          variant="secondary"
          onClick={() => {
            setPending(null);
            setBackTo(o.username);
          }}
          disabled={!!busy}
        >
          {a.cancel}
        </Button>
      );
      if (pending.action === "transfer") {
        return (
          <div class="admin-confirm" role="group" aria-label={`${a.transfer}: ${o.name}`}>
            <SelectField
              id={`adm-move-${o.username}`}
              label={a.newUnit}
              value={newUnit}
              error={newUnitError}
              onChange={(v) => {
                setNewUnit(v);
                setNewUnitError(undefined);
              }}
            >
              <option value="">{a.unitPlaceholder}</option>
              {units
                .filter((u) => u.code !== o.unit.code)
                .map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.name}
                  </option>
                ))}
            </SelectField>
            <div class="actions">
              <Button onClick={() => void transfer(o)} busy={busy === "transfer"}>
                {a.doTransfer}
              </Button>
              {cancel}
            </div>
          </div>
        );
      }
      const question = pending.action === "reset" ? a.confirmReset(o.name) : a.confirmLock(o.name);
      return (
        <div class="admin-confirm" role="group" aria-label={pending.action === "reset" ? a.reset : a.lock}>
          <p id={`adm-confirm-${o.username}`} tabIndex={-1}>
            {question}
          </p>
          <div class="actions">
            <Button
              onClick={() => void (pending.action === "reset" ? reset(o) : lock(o))}
              busy={busy === pending.action}
            >
              {pending.action === "reset" ? a.reset : a.lock}
            </Button>
            {cancel}
          </div>
        </div>
      );
    }
    return (
      <div class="actions admin-actions">
        {self ? null : (
          <Button variant="secondary" onClick={() => ask(o.username, "reset")} disabled={!!busy}>
            {a.reset}
          </Button>
        )}
        {self ? null : o.locked ? (
          <Button variant="secondary" onClick={() => void unlock(o)} busy={busy === "unlock"} disabled={!!busy}>
            {a.unlock}
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => ask(o.username, "lock")} disabled={!!busy}>
            {a.lock}
          </Button>
        )}
        <Button variant="secondary" onClick={() => ask(o.username, "transfer")} disabled={!!busy}>
          {a.transfer}
        </Button>
      </div>
    );
  }

  const roles = tOfficer().officer.roles;
  return (
    <>
      <Heading>{a.title}</Heading>
      <p>{a.intro}</p>
      <p class="admin-notice" role="status">
        {notice}
      </p>
      {oneTime ? <OneTimeBox shown={oneTime} /> : null}
      <AddOfficer
        units={units}
        sessionFailed={sessionFailed}
        onAdded={(shown, officer) => {
          keep(officer);
          setPending(null);
          setNotice(a.added(officer.name));
          setOneTime(shown);
        }}
      />
      <section aria-labelledby="adm-list-title">
        <h2 id="adm-list-title">{a.list}</h2>
        {error ? <Alert error={error} /> : null}
        {officers ? (
          <>
            <p class="list-count">{a.count(officers.length)}</p>
            <ul class="list">
              {officers.map((o) => (
                <li key={o.username} class="list-item admin-officer" data-username={o.username}>
                  <span class="list-title">
                    {o.name} {o.username === me.username ? a.you : null}
                  </span>
                  <span class="list-meta">
                    {a.username}: <code>{o.username}</code> · {roles[o.role] ?? o.role} · {o.unit.name}
                  </span>
                  <span class="list-meta admin-state">
                    {a.state}: {o.locked ? a.locked : a.active}
                    {o.mustChangePassword ? ` · ${a.mustChange}` : ""} · {a.lastLogin}:{" "}
                    {o.lastLoginAt ? vnDateTime(o.lastLoginAt) : a.never}
                  </span>
                  {actions(o)}
                  {act.error && errorAt === o.username ? <Alert error={act.error} /> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  );
}
