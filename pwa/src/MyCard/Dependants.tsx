/**
 * `/tai-khoan/nguoi-phu-thuoc`: "Người phụ thuộc", the children added, and the form to add a child under 14 from the
 * registry. A link the registry does not back is a request, listed as "Chờ xác nhận" with nothing but the ID typed
 * until an officer confirms it; "Gỡ" removes a link or withdraws a request.
 */
import { useState } from "preact/hooks";
import type * as z from "zod/mini";
import { DependantBody, DependantsResponse, type DependantsResponseT } from "../../../shared/card-api";
import { parseDateInput } from "../../../shared/dates";
import { post, useRequest } from "../api";
import { Field, useSchemaForm } from "../form";
import { tCard } from "../i18n/card";
import { displayDate, numericVnDateTime } from "../i18n/dates";
import { Alert, Button, Heading, Loading, useTitle } from "../ui";
import { sessionLost, useLoggedInData } from "../useLoggedInData";
import { BackToAccount, ValidityLine } from "./common";

/** `/tai-khoan/nguoi-phu-thuoc`: "Người phụ thuộc". */
export function Dependants() {
  const s = tCard();
  const d = s.dependants;
  useTitle(d.title);
  const { data, error, setData } = useLoggedInData("/api/me/dependants", DependantsResponse);
  const [added, setAdded] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const removeReq = useRequest();
  const form = useSchemaForm("dependant", { childId: "", dob: "" }, DependantBody, {
    body: (v) => ({ childId: v.childId, dob: parseDateInput(v.dob) ?? v.dob }),
    refine: (errors, v) => {
      if (errors.dob || (v.dob.trim() && !parseDateInput(v.dob))) errors.dob = d.dobInvalid;
    },
  });
  const req = form.req;
  const send = (body: z.infer<typeof DependantBody>) => {
    setAdded(null);
    return post("/api/me/dependants", body, DependantsResponse);
  };
  const submit = form.submit(
    "add",
    send,
    (list, body) => {
      setData(list);
      const child = list.dependants.find((x) => x.citizenId === body.childId);
      setAdded(child?.status === "approved" ? d.added(child.fullName) : d.requested(body.childId));
      form.reset("childId");
      form.reset("dob");
    },
    { failed: sessionLost },
  );

  async function remove(item: DependantsResponseT["dependants"][number]) {
    if (removeReq.busy) return;
    const who = item.status === "approved" ? item.fullName : item.citizenId;
    const res = await removeReq.run("remove", () =>
      post("/api/me/dependants/remove", { childId: item.citizenId }, DependantsResponse),
    );
    if (res.ok) {
      setData(res.data);
      setRemoving(null);
      setAdded(d.removed(who));
      return;
    }
    if (!sessionLost(res.error)) removeReq.setError(res.error);
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
                <li
                  key={c.citizenId}
                  class={`list-item dependant${c.status === "pending" ? " dependant-pending" : ""}`}
                >
                  {c.status === "approved" ? (
                    <>
                      <span class="list-title">{c.fullName}</span>
                      <span>{c.citizenId}</span>
                      <span class="list-meta">
                        {d.born}: {displayDate(c.dob)} · {d.gender}: {c.gender}
                      </span>
                      {c.card ? <ValidityLine v={c.card} label={d.cardUntil} /> : null}
                    </>
                  ) : (
                    <>
                      <span class="list-title">
                        {c.citizenId} <span class="badge badge-pending">{d.pending}</span>
                      </span>
                      <span class="list-meta">
                        {d.pendingNote} · {d.requestedAt}: {numericVnDateTime(c.addedAt)}
                      </span>
                    </>
                  )}
                  <span class="actions">
                    {removing === c.citizenId ? (
                      <>
                        <Button variant="secondary" onClick={() => void remove(c)} busy={removeReq.busy === "remove"}>
                          {d.removeConfirm}
                        </Button>
                        <Button variant="secondary" onClick={() => setRemoving(null)} disabled={!!removeReq.busy}>
                          {d.removeCancel}
                        </Button>
                      </>
                    ) : (
                      <Button
                        variant="secondary"
                        aria-label={d.removeLabel(c.status === "approved" ? c.fullName : c.citizenId)}
                        onClick={() => setRemoving(c.citizenId)}
                      >
                        {d.remove}
                      </Button>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {removeReq.error ? <Alert error={removeReq.error} /> : null}
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
          <Field
            {...form.bind("childId")}
            label={d.childId}
            hint={d.childIdHint}
            inputMode="numeric"
            autoComplete="off"
            maxLength={20}
          />
          <Field
            {...form.bind("dob")}
            label={d.dob}
            hint={d.dobHint}
            inputMode="numeric"
            autoComplete="off"
            maxLength={10}
          />
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
