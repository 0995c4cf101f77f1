/** What the card and papers screens share: loading an answer (401 → login), errors in the current language. */
import { useLoggedInData } from "../useLoggedInData";
import { enCard } from "../i18n/en/card";
import { viCard } from "../i18n/vi/card";
import { pick } from "../lang";
import { Link, ROUTES } from "../router";

/** The catalogue of the current language. */
export const strings = () => pick(viCard, enCard);

/** `GET path` when shown; a 401 sends the citizen to "Đăng nhập". */
export const useLoad = useLoggedInData;

/** "Về trang tài khoản". */
export function BackToAccount() {
  return (
    <p class="note">
      <Link href={ROUTES.account}>{strings().back}</Link>
    </p>
  );
}
