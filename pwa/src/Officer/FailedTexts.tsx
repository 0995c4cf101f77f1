/**
 * "Tin nhắn lỗi" (province_admin): the texts that could not be sent after their commit (`GET /api/admin/sms/failed`,
 * the dead-letter queue's and those the provider refused), newest first, the phone masked; "Gửi lại" queues one
 * again (`POST /api/admin/sms/failed/{id}/resend`), once.
 */
import { useState } from "preact/hooks";
import { FailedText, type FailedTextT, FailedTextsResponse } from "../../../shared/sms";
import { post, useRequest } from "../api";
import { Alert, Button, Heading, useTitle } from "../ui";
import type { ConsoleProps } from "./common";
import { useFiltered } from "./FilterForm";
import { vnDateTime } from "../i18n/dates";
import { tOfficer } from "../i18n/officer";

const f = () => tOfficer().failedTexts;

export function FailedTexts({ sessionFailed }: ConsoleProps) {
  useTitle(f().title);
  const [shown] = useState({});
  const { data, error } = useFiltered("/api/admin/sms/failed", FailedTextsResponse, sessionFailed, shown);
  /** Rows changed by "Gửi lại" on this page, by id. */
  const [changed, setChanged] = useState<Record<number, FailedTextT>>({});
  const [done, setDone] = useState<number | null>(null);
  const req = useRequest();
  const items = data ? data.items.map((x) => changed[x.id] ?? x) : null;

  async function resend(id: number) {
    if (req.busy) return;
    setDone(null);
    const res = await req.run(`resend-${id}`, () => post(`/api/admin/sms/failed/${id}/resend`, {}, FailedText));
    if (res.ok) {
      setChanged((c) => ({ ...c, [id]: res.data }));
      setDone(id);
    } else if (!sessionFailed(res.error)) req.setError(res.error);
  }

  return (
    <>
      <Heading>{f().title}</Heading>
      <p>{f().intro}</p>
      {error ? <Alert error={error} /> : null}
      {req.error ? <Alert error={req.error} /> : null}
      {done !== null ? (
        <p class="notice" role="status">
          {f().resentNow}
        </p>
      ) : null}
      {items ? (
        <>
          <p class="list-count" role="status">
            {items.length ? f().count(items.length) : f().empty}
          </p>
          <ul class="list">
            {items.map((x) => (
              <li key={x.id} class={`list-item failed-text failed-text-${x.state}`} data-key={x.key}>
                <span class="list-title">
                  {f().events[x.event] ?? x.event} · {f().phone}: <strong class="nowrap">{x.maskedPhone}</strong>
                </span>
                <span class="list-meta failed-text-body">{x.text}</span>
                <span class="list-meta">
                  {f().failedAt} <time dateTime={x.failedAt}>{vnDateTime(x.failedAt)}</time> · {f().reason}: {x.reason}{" "}
                  · {f().attempts(x.attempts)}
                </span>
                {x.state === "resent" && x.resentAt ? (
                  <span class="list-meta">{f().resent(x.resentBy ?? "", vnDateTime(x.resentAt))}</span>
                ) : null}
                <span class={`badge badge-${x.state === "resent" ? "approved" : "rejected"}`}>
                  {f().state[x.state]}
                </span>
                {x.state === "failed" ? (
                  <Button variant="secondary" onClick={() => void resend(x.id)} busy={req.busy === `resend-${x.id}`}>
                    {f().resend}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
