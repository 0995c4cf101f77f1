/** `/tai-khoan/thong-bao`: "Thông báo", newest first; "Đánh dấu đã đọc" marks those shown. */
import { type NotificationItemT, NotificationsReadResponse, NotificationsResponse } from "../../../shared/card-api";
import { post, useRequest } from "../api";
import { numericVnDateTime } from "../i18n/dates";
import { deviceName } from "../device";
import { cachedMe, setMe } from "../session";
import { Alert, Button, Heading, Loading, useTitle } from "../ui";
import { BackToAccount } from "./common";
import { tCard } from "../i18n/card";
import { sessionLost, useLoggedInData } from "../useLoggedInData";

/** The sentence a notification says, from its kind and detail. */
function noticeText(n: NotificationItemT): string {
  const s = tCard();
  const m = s.notifications;
  const x = n.detail;
  switch (n.kind) {
    case "approval":
      return x.decision === "rejected"
        ? m.rejected(x.reference ?? "", x.reason ?? "")
        : m.approved(x.reference ?? "", x.level ?? "");
    case "device": {
      const name = deviceName(x);
      if (x.event === "replaced")
        return m.device.replaced(name, deviceName({ browser: x.previousBrowser, os: x.previousOs }));
      if (x.event === "released" || x.event === "unbound") return m.device[x.event](name);
      return m.device.bound(name);
    }
    case "recovery":
      return m.recovery;
    case "phone":
      return m.phone(x.phone ?? "", x.reference ?? "");
    case "dependant":
      switch (x.event) {
        case "linked":
          return m.dependantLinked(x.guardian ?? "", x.child ?? "");
        case "unlinked":
          return m.dependantUnlinked(x.guardian ?? "", x.child ?? "");
        case "approved":
          return m.dependantApproved(x.child ?? "", x.childId ?? "");
        case "refused":
          return m.dependantRefused(x.childId ?? "");
        default:
          return m.dependantRemoved(x.childId ?? "");
      }
    default: {
      const until = x.validUntil ?? "";
      const expired = x.state === "expired";
      if (x.subject === "card" || !x.subject) return expired ? m.cardExpired(until) : m.cardExpiring(until);
      const paper = s.papers.kinds[x.subject as keyof typeof s.papers.kinds] ?? x.subject;
      return expired ? m.paperExpired(paper, x.number ?? "", until) : m.paperExpiring(paper, x.number ?? "", until);
    }
  }
}

/** The title of a notification: its kind, or for a device notice what happened to the device. */
function titleOf(n: NotificationItemT): string {
  const m = tCard().notifications;
  const event = n.detail.event;
  if (n.kind === "device" && (event === "replaced" || event === "released" || event === "unbound"))
    return m.deviceTitles[event];
  return n.kind === "device" ? m.deviceTitles.bound : m.kinds[n.kind];
}

/** `/tai-khoan/thong-bao`: "Thông báo", newest first; "Đánh dấu đã đọc" marks those shown. */
export function Notifications() {
  const s = tCard();
  const m = s.notifications;
  useTitle(m.title);
  const { data, error, setData } = useLoggedInData("/api/me/notifications", NotificationsResponse);
  const req = useRequest();

  async function markRead() {
    const newest = data?.notifications[0]?.id;
    if (req.busy || newest === undefined || !data) return;
    const res = await req.run("read", () =>
      post("/api/me/notifications/read", { upToId: newest }, NotificationsReadResponse),
    );
    if (res.ok) {
      setData({
        unread: res.data.unread,
        notifications: data.notifications.map((n) => (n.id <= newest ? { ...n, read: true } : n)),
      });
      const me = cachedMe();
      if (me) setMe({ ...me, unreadNotifications: res.data.unread });
      return;
    }
    if (!sessionLost(res.error)) req.setError(res.error);
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
                    {titleOf(n)}
                    {n.read ? null : (
                      <>
                        {" "}
                        <span class="badge badge-pending">{m.unread}</span>
                      </>
                    )}
                  </span>
                  <span>{noticeText(n)}</span>
                  <span class="list-meta">{numericVnDateTime(n.at)}</span>
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
