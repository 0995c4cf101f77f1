/** `/tai-khoan/nguoi-phu-thuoc`: "Người phụ thuộc", the children added, and the form to add a child under 14 from the registry. */
import { useState } from "preact/hooks";
import { DependantBody, DependantsResponse } from "../../../shared/card-api";
import { parseDateInput } from "../../../shared/dates";
import { post, useRequest } from "../api";
import { Field, errorsFor, issuesByField, serverFields, useForm } from "../form";
import { displayDate } from "../i18n/dates";
import { navigate } from "../router";
import { ROUTES } from "../routes";
import { Alert, Button, Heading, Loading, useTitle } from "../ui";
import { BackToAccount, ValidityLine, strings, useLoad } from "./common";

const KEYS = ["childId", "dob"] as const;
type Key = (typeof KEYS)[number];

/** `/tai-khoan/nguoi-phu-thuoc`: "Người phụ thuộc". */
export function Dependants() {
  const s = strings();
  const d = s.dependants;
  useTitle(d.title);
  const { data, error, setData } = useLoad("/api/me/dependants", DependantsResponse);
  const req = useRequest();
  const [added, setAdded] = useState<string | null>(null);
  const bodyOf = (v: Record<Key, string>) => ({ childId: v.childId, dob: parseDateInput(v.dob) ?? v.dob });
  const form = useForm<Key>(
    "dependant",
    { childId: "", dob: "" },
    (v) => {
      const errs = errorsFor(issuesByField(DependantBody.safeParse(bodyOf(v))), KEYS);
      if (errs.dob || (v.dob.trim() && !parseDateInput(v.dob))) errs.dob = d.dobInvalid;
      return errs;
    },
    "blur",
  );

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const body = DependantBody.safeParse(bodyOf(form.values));
    if (!body.success) return;
    setAdded(null);
    const res = await req.run("add", () => post("/api/me/dependants", body.data, DependantsResponse));
    if (res.ok) {
      setData(res.data);
      const child = res.data.dependants.find((x) => x.citizenId === body.data.childId);
      setAdded(d.added(child?.fullName ?? body.data.childId));
      form.reset("childId");
      form.reset("dob");
      return;
    }
    if (res.error.status === 401) return navigate(ROUTES.login.path, true);
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), KEYS));
  }

  return (
    <>
      <Heading>{d.title}</Heading>
      <p>{d.intro}</p>
      {error ? <Alert error={error} /> : null}
      {!data && !error ? <Loading /> : null}
      {data ? (
        <section aria-labelledby="dependants-list">
          <h2 id="dependants-list">{d.listTitle}</h2>
          {data.dependants.length === 0 ? (
            <p>{d.none}</p>
          ) : (
            <ul class="list">
              {data.dependants.map((c) => (
                <li key={c.citizenId} class="list-item dependant">
                  <span class="list-title">{c.fullName}</span>
                  <span>{c.citizenId}</span>
                  <span class="list-meta">
                    {d.born}: {displayDate(c.dob)} · {d.gender}: {c.gender}
                  </span>
                  {c.card ? <ValidityLine v={c.card} label={d.cardUntil} /> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <div aria-live="polite">{added ? <p class="notice">{added}</p> : null}</div>
      {data && !data.canAdd ? (
        <div class="notice">
          <p>{d.level2Only}</p>
        </div>
      ) : null}
      {data?.canAdd ? (
        <form onSubmit={submit} noValidate aria-labelledby="dependant-add">
          <h2 id="dependant-add">{d.addTitle}</h2>
          <Field {...form.bind("childId")} label={d.childId} hint={d.childIdHint} inputMode="numeric" autoComplete="off" maxLength={20} />
          <Field {...form.bind("dob")} label={d.dob} hint={d.dobHint} inputMode="numeric" autoComplete="off" maxLength={10} />
          <div aria-live="assertive">{req.error ? <Alert error={req.error} /> : null}</div>
          <div class="actions">
            <Button type="submit" busy={req.busy === "add"}>
              {d.submit}
            </Button>
          </div>
        </form>
      ) : null}
      <BackToAccount />
    </>
  );
}
