/** What the card and papers screens share: a validity line, the way back. */
import type { ValidityT } from "../../../shared/card-api";
import { displayDate } from "../i18n/dates";
import { NoteLink } from "../ui";
import { ROUTES } from "../routes";
import { tCard } from "../i18n/card";

/** "Về trang tài khoản". */
export function BackToAccount() {
  return <NoteLink href={ROUTES.account.path}>{tCard().back}</NoteLink>;
}

/** A validity as a line: "Có giá trị đến: dd/mm/yyyy" and, when due, the state as a badge. */
export function ValidityLine({ v, label }: { v: ValidityT; label: string }) {
  const s = tCard();
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
