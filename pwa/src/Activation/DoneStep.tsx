/** The end of the flow: "Kích hoạt tài khoản thành công", then "Đăng nhập". */
import { tFlows } from "../i18n/flows";
import { Link } from "../router";
import { ROUTES } from "../routes";
import { Success } from "../ui";

export function DoneStep() {
  const s = tFlows().done;
  return (
    <Success title={s.title} text={s.text}>
      <Link href={ROUTES.login.path} class="btn">
        {s.login}
      </Link>
    </Success>
  );
}
