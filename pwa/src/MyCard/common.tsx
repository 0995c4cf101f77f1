/** What the card and papers screens share: their catalogue, loading an answer (401 → login), a validity line, the way back. */
import type { ValidityT } from "../../../shared/card-api";
import { useLoggedInData } from "../useLoggedInData";
import { enCard } from "../i18n/en/card";
import { viCard } from "../i18n/vi/card";
import { pick } from "../lang";
import { displayDate } from "../i18n/dates";
import { Link } from "../router";
import { ROUTES } from "../routes";

/** The catalogue of the current language. */
export const strings = () => pick(viCard, enCard);

/** `GET path` when shown; a 401 sends the citizen to "Đăng nhập". */
export const useLoad = useLoggedInData;

/** "Về trang tài khoản". */
export function BackToAccount() {
  return (
    <p class="note">
      <Link href={ROUTES.account.path}>{strings().back}</Link>
    </p>
  );
}

/** A validity as a line: "Có giá trị đến: dd/mm/yyyy" and, when due, the state as a badge. */
export function ValidityLine({ v, label }: { v: ValidityT; label: string }) {
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
