/** The end of the flow: "Kích hoạt tài khoản thành công", then "Đăng nhập". */
import { t } from "../i18n";
import { Link } from "../router";
import { Heading } from "../ui";
import { ROUTES } from "../routes";

export function DoneStep() {
  return (
    <>
      <div class="success-mark" aria-hidden="true">
        ✓
      </div>
      <Heading>{t.done.title}</Heading>
      <p>{t.done.text}</p>
      <div class="actions">
        <Link href={ROUTES.login.path} class="btn">
          {t.done.login}
        </Link>
      </div>
    </>
  );
}
