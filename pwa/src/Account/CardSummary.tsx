/**
 * The card section of the account home (loaded on demand): "Có giá trị đến: dd/mm/yyyy" (or "Không thời hạn"),
 * "Cảnh báo sắp hết hạn thẻ" from 90 days before, the expired mark, and the links to "Giấy tờ tích hợp",
 * "Người phụ thuộc" and "Thông báo" with the unread count. Reading `/api/me/card` also writes a due expiry notice,
 * so its unread count is the fresh one.
 */
import { useEffect, useState } from "preact/hooks";
import { CardResponse, type CardResponseT } from "../../../shared/card-api";
import type { MeResponseT } from "../../../shared/schemas";
import { get } from "../api";
import { Link } from "../router";
import { displayDate } from "../i18n/dates";
import { ROUTES } from "../routes";
import { tCard } from "../i18n/card";

export function CardSummary({ me }: { me: MeResponseT }) {
  const [data, setData] = useState<CardResponseT | null>(null);
  useEffect(() => {
    let live = true;
    void get("/api/me/card", CardResponse).then((res) => live && res.ok && setData(res.data));
    return () => {
      live = false;
    };
  }, [me.citizenId]);
  const s = tCard();
  const card = data?.card ?? null;
  const unread = data?.unreadNotifications ?? me.unreadNotifications ?? 0;
  return (
    <section class="my-card" aria-labelledby="my-card-title">
      <h2 id="my-card-title">{s.section}</h2>
      {/* The line is there from the start (empty until the card is read), so that nothing below it moves. */}
      <p class="card-validity">
        {card ? (
          <>
            <strong>
              {s.validUntil}: {card.validUntil ? displayDate(card.validUntil) : s.noExpiry}
            </strong>{" "}
            {card.state !== "valid" ? (
              <span class={`badge ${card.state === "expired" ? "badge-rejected" : "badge-pending"}`}>
                {s.states[card.state]}
              </span>
            ) : null}
          </>
        ) : (
          "\u00a0"
        )}
      </p>
      {card ? (
        <>
          {card.state === "expiring" ? (
            <div class="notice notice-warn" role="status">
              <p>
                <strong>{s.expiringWarning}</strong>
              </p>
              <p>{s.expiringText(card.daysLeft ?? 0)}</p>
            </div>
          ) : null}
          {card.state === "expired" ? (
            <div class="alert" role="status">
              <p>
                <strong>{s.expired}</strong>
              </p>
              <p>{s.expiredText}</p>
            </div>
          ) : null}
        </>
      ) : null}
      <ul class="menu">
        <li>
          <Link href={ROUTES.papers.path} class="btn btn-secondary">
            {s.links.papers}
          </Link>
        </li>
        <li>
          <Link href={ROUTES.dependants.path} class="btn btn-secondary">
            {s.links.dependants}
          </Link>
        </li>
        <li>
          {/* Named "Thông báo 2 chưa đọc": the visible text ("Thông báo 2") is part of the name. */}
          <Link
            href={ROUTES.notifications.path}
            class="btn btn-secondary"
            aria-label={unread > 0 ? s.notificationsUnread(unread) : undefined}
          >
            {s.links.notifications}
            {unread > 0 ? (
              <>
                {" "}
                <span class="badge badge-pending">{unread}</span>
              </>
            ) : null}
          </Link>
        </li>
      </ul>
    </section>
  );
}
