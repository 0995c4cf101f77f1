/**
 * "Đăng nhập cán bộ" ("Tên đăng nhập", "Mật khẩu", "Đăng nhập") and the first-login password change ("Mật khẩu
 * mới", "Nhập lại mật khẩu mới" with the live checklist of the citizens' password step, "Lưu mật khẩu").
 */
import { FIELD_MESSAGES } from "../../../shared/schemas";
import {
  OFFICER_FIELD_MESSAGES,
  OfficerLoginBody,
  OfficerPasswordBody,
  type OfficerMeT,
  OfficerSessionResponse,
} from "../../../shared/officer-schemas";
import { type ApiError, post, useRequest } from "../api";
import { PasswordChecklist } from "../flow/PasswordStep";
import { vo } from "../i18n-officer";
import { liveDict } from "../i18n/live";
import { Link } from "../router";
import { Alert, Button, Heading } from "../ui";
import { Field, issuesByField, errorsFor, serverFields, useForm } from "../form";
import { ROUTES } from "../routes";

const o = liveDict(() => vo.officer);
const LOGIN_KEYS = ["username", "password"] as const;
const PASSWORD_KEYS = ["newPassword", "confirmPassword"] as const;

export function OfficerLogin({
  notice,
  onDone,
}: {
  /** Why the form shows (an expired session, a citizen session). */
  notice?: ApiError | undefined;
  onDone(me: OfficerMeT, mustChangePassword: boolean): void;
}) {
  const req = useRequest();
  const form = useForm<(typeof LOGIN_KEYS)[number]>(
    "officer-login",
    { username: "", password: "" },
    (v) => errorsFor(issuesByField(OfficerLoginBody.safeParse(v), { ...FIELD_MESSAGES, username: OFFICER_FIELD_MESSAGES.usernameRequired }), LOGIN_KEYS),
    "blur",
  );

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = OfficerLoginBody.safeParse(form.values);
    if (!parsed.success) return;
    const res = await req.run("login", () => post("/api/officer/login", parsed.data, OfficerSessionResponse));
    if (res.ok) return onDone(res.data.officer, res.data.mustChangePassword);
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), LOGIN_KEYS));
  }

  const shown = req.error ?? notice ?? null;
  return (
    <>
      <Heading>{o.loginTitle}</Heading>
      <p>{o.loginIntro}</p>
      <form onSubmit={submit} noValidate>
        <Field
          {...form.bind("username")}
          label={o.username}
          autoComplete="username"
          autoCapitalize="off"
          spellcheck={false}
          maxLength={64}
        />
        <Field
          {...form.bind("password")}
          label={o.password}
          type="password"
          autoComplete="current-password"
          autoCapitalize="off"
          spellcheck={false}
        />
        {shown ? <Alert error={shown} /> : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "login"}>
            {o.login}
          </Button>
        </div>
      </form>
      <p class="note">
        {o.citizen} <Link href={ROUTES.login.path}>{o.citizenLogin}</Link>
      </p>
    </>
  );
}

export function OfficerPassword({
  username,
  onDone,
  onSessionLost,
}: {
  /** Known after a login: given to password managers with the new password. */
  username?: string | undefined;
  onDone(me: OfficerMeT): void;
  onSessionLost(e: ApiError): void;
}) {
  const req = useRequest();
  const form = useForm<(typeof PASSWORD_KEYS)[number]>(
    "officer-pw",
    { newPassword: "", confirmPassword: "" },
    (v) => errorsFor(issuesByField(OfficerPasswordBody.safeParse(v), OFFICER_FIELD_MESSAGES), PASSWORD_KEYS),
    "blur",
  );

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = OfficerPasswordBody.safeParse(form.values);
    if (!parsed.success) return;
    const res = await req.run("save", () => post("/api/officer/password", parsed.data, OfficerSessionResponse));
    if (res.ok) return onDone(res.data.officer);
    if (res.error.status === 401) return onSessionLost(res.error);
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), PASSWORD_KEYS, { password: "newPassword" }));
  }

  const checklistId = "officer-pw-rules";
  return (
    <>
      <Heading>{o.passwordTitle}</Heading>
      <p>{o.passwordIntro}</p>
      <form onSubmit={submit} noValidate>
        {username ? <input type="text" name="username" autoComplete="username" value={username} readOnly hidden /> : null}
        <Field
          {...form.bind("newPassword")}
          label={o.newPassword}
          type="password"
          autoComplete="new-password"
          autoCapitalize="off"
          spellcheck={false}
          describedBy={checklistId}
        />
        <PasswordChecklist id={checklistId} password={form.values.newPassword} />
        <Field
          {...form.bind("confirmPassword")}
          label={o.confirmPassword}
          type="password"
          autoComplete="new-password"
          autoCapitalize="off"
          spellcheck={false}
        />
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "save"}>
            {o.savePassword}
          </Button>
        </div>
      </form>
    </>
  );
}
