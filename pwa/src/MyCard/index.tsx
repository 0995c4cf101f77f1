/**
 * The account's own screens (one lazily loaded chunk): `/tai-khoan/giay-to` "Giấy tờ tích hợp" (the papers of the
 * approved level-2 file with their expiry warnings), `/tai-khoan/nguoi-phu-thuoc` "Người phụ thuộc" (the children
 * added, and the form to add a child under 14 from the registry), `/tai-khoan/thong-bao` "Thông báo".
 */
import { useEffect, useState } from "preact/hooks";
import {
  DependantBody,
  DependantsResponse,
  type NotificationItemT,
  NotificationsReadResponse,
  NotificationsResponse,
  PapersResponse,
  type ValidityT,
} from "../../../shared/card-api";
import { post, useRequest } from "../api";
import { t } from "../i18n";
import { navigate, ROUTES } from "../router";
import { setMe, cachedMe } from "../session";
import { Alert, Button, Heading } from "../ui";
import { BackToAccount, strings, useLoad } from "./common";
import { parseDateInput } from "../../../shared/dates";
import { numericLocalDateTime, displayDate } from "../i18n/dates";
import { Field, issuesByField, errorsFor, serverFields, useForm } from "../form";

function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${t.appName}`;
  }, [title]);
}

function Loading() {
  return (
    <p class="loading" role="status">
      {t.common.loading}
    </p>
  );
}

/** A validity as a line: "Có giá trị đến: dd/mm/yyyy" and, when due, the state as a badge. */
function ValidityLine({ v, label }: { v: ValidityT; label: string }) {
  const s = strings();
  return (
    <span class="list-meta">
      {label}: {v.validUntil ? displayDate(v.validUntil) : s.noExpiry}
      {v.state !== "valid" ? (
        <>
          {" "}
          <span class={`badge ${v.state === "expired" ? "badge-rejected" : "badge-pending"}`}>{s.states[v.state]}</span>
        </>
      ) : null}
    </span>
  );
}

/** `/tai-khoan/giay-to`: "Giấy tờ tích hợp". */
export function Papers() {
  const s = strings();
  useTitle(s.papers.title);
  const { data, error } = useLoad("/api/me/papers", PapersResponse);
  return (
    <>
      <Heading>{s.papers.title}</Heading>
      <p>{s.papers.intro}</p>
      {error ? <Alert error={error} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && data.papers.length === 0 ? <p>{s.papers.none}</p> : null}
      {data && data.papers.length > 0 ? (
        <>
          {data.reference ? <p class="list-meta">{s.papers.fromFile(data.reference)}</p> : null}
          <ul class="list">
            {data.papers.map((p) => (
              <li key={p.kind} class="list-item">
                <span class="list-title">{s.papers.kinds[p.kind]}</span>
                <span>
                  {s.papers.number}: <span class="nowrap">{p.number}</span>
                </span>
                <ValidityLine v={p} label={s.validUntil} />
                {p.state === "expiring" ? (
                  <span role="status">
                    <strong>{s.papers.expiringWarning}:</strong> {s.papers.expiringText(p.daysLeft ?? 0)}
                  </span>
                ) : null}
                {p.state === "expired" ? <strong>{s.papers.expiredText}</strong> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <BackToAccount />
    </>
  );
}

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
    if (res.error.status === 401) return navigate(ROUTES.login, true);
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

/** The sentence a notification says, from its kind and detail. */
function noticeText(n: NotificationItemT): string {
  const s = strings();
  const m = s.notifications;
  const x = n.detail;
  switch (n.kind) {
    case "approval":
      return x.decision === "rejected" ? m.rejected(x.reference ?? "", x.reason ?? "") : m.approved(x.reference ?? "", x.level ?? "");
    case "device":
      return m.device;
    case "recovery":
      return m.recovery;
    default: {
      const until = x.validUntil ?? "";
      const expired = x.state === "expired";
      if (x.subject === "card" || !x.subject) return expired ? m.cardExpired(until) : m.cardExpiring(until);
      const paper = s.papers.kinds[x.subject as keyof typeof s.papers.kinds] ?? x.subject;
      return expired ? m.paperExpired(paper, x.number ?? "", until) : m.paperExpiring(paper, x.number ?? "", until);
    }
  }
}

/** `/tai-khoan/thong-bao`: "Thông báo", newest first; "Đánh dấu đã đọc" marks those shown. */
export function Notifications() {
  const s = strings();
  const m = s.notifications;
  useTitle(m.title);
  const { data, error, setData } = useLoad("/api/me/notifications", NotificationsResponse);
  const req = useRequest();

  async function markRead() {
    const newest = data?.notifications[0]?.id;
    if (req.busy || newest === undefined || !data) return;
    const res = await req.run("read", () => post("/api/me/notifications/read", { upToId: newest }, NotificationsReadResponse));
    if (res.ok) {
      setData({ unread: res.data.unread, notifications: data.notifications.map((n) => (n.id <= newest ? { ...n, read: true } : n)) });
      const me = cachedMe();
      if (me) setMe({ ...me, unreadNotifications: res.data.unread });
      return;
    }
    if (res.error.status === 401) return navigate(ROUTES.login, true);
    req.setError(res.error);
  }

  return (
    <>
      <Heading>{m.title}</Heading>
      {error ? <Alert error={error} /> : null}
      {!data && !error ? <Loading /> : null}
      {data ? (
        <>
          <p role="status" class="unread-count">
            {m.unreadCount(data.unread)}
          </p>
          {data.notifications.length === 0 ? (
            <p>{m.none}</p>
          ) : (
            <ul class="list">
              {data.notifications.map((n) => (
                <li key={n.id} class={`list-item notification${n.read ? "" : " unread"}`}>
                  <span class="list-title">
                    {m.kinds[n.kind]}
                    {n.read ? null : (
                      <>
                        {" "}
                        <span class="badge badge-pending">{m.unread}</span>
                      </>
                    )}
                  </span>
                  <span>{noticeText(n)}</span>
                  <span class="list-meta">{numericLocalDateTime(n.at)}</span>
                </li>
              ))}
            </ul>
          )}
          {req.error ? <Alert error={req.error} /> : null}
          {data.unread > 0 ? (
            <div class="actions">
              <Button onClick={markRead} busy={req.busy === "read"}>
                {m.markRead}
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
      <BackToAccount />
    </>
  );
}
