/**
 * "Đăng nhập cán bộ" ("Tên đăng nhập", "Mật khẩu", "Đăng nhập") and the first-login password change ("Mật khẩu
 * mới", "Nhập lại mật khẩu mới" with the live checklist of the citizens' password step, "Lưu mật khẩu").
 */
import {
  OFFICER_FIELD_MESSAGES,
  OfficerLoginBody,
  type OfficerMeT,
  OfficerPasswordBody,
  OfficerSessionResponse,
} from "../../../shared/officer-schemas";
import { FIELD_MESSAGES } from "../../../shared/schemas";
import { type ApiError, post } from "../api";
import { NewPasswordFields } from "../flow/PasswordStep";
import { Field, FormEnd, INPUT, PasswordField, useSchemaForm } from "../form";
import { tOfficer } from "../i18n/officer";
import { ROUTES } from "../routes";
import { Heading, NoteLink } from "../ui";

export function OfficerLogin({
  notice,
  onDone,
}: {
  /** Why the form shows (an expired session, a citizen session). */
  notice?: ApiError | undefined;
  onDone(me: OfficerMeT, mustChangePassword: boolean): void;
}) {
  const o = tOfficer().officer;
  const form = useSchemaForm("officer-login", { username: "", password: "" }, OfficerLoginBody, {
    messages: { ...FIELD_MESSAGES, username: OFFICER_FIELD_MESSAGES.usernameRequired },
  });
  const submit = form.submit(
    "login",
    (body) => post("/api/officer/login", body, OfficerSessionResponse),
    (session) => onDone(session.officer, session.mustChangePassword),
  );
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
        <PasswordField
          {...form.bind("password")}
          {...INPUT.password}
          label={o.password}
          autoComplete="current-password"
        />
        <FormEnd error={form.req.error ?? notice ?? null} busy={form.req.busy === "login"} submit={o.login} />
      </form>
      <NoteLink text={o.citizen} href={ROUTES.login.path}>
        {o.citizenLogin}
      </NoteLink>
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
  const o = tOfficer().officer;
  const form = useSchemaForm("officer-pw", { newPassword: "", confirmPassword: "" }, OfficerPasswordBody, {
    messages: OFFICER_FIELD_MESSAGES,
    rename: { password: "newPassword" },
  });
  const submit = form.submit(
    "save",
    (body) => post("/api/officer/password", body, OfficerSessionResponse),
    (session) => onDone(session.officer),
    { failed: (error) => error.status === 401 && (onSessionLost(error), true) },
  );
  return (
    <>
      <Heading>{o.passwordTitle}</Heading>
      <p>{o.passwordIntro}</p>
      <form onSubmit={submit} noValidate>
        {username ? (
          <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        ) : null}
        <NewPasswordFields
          password={form.bind("newPassword")}
          confirm={form.bind("confirmPassword")}
          labels={[o.newPassword, o.confirmPassword]}
          checklistId="officer-pw-rules"
        />
        <FormEnd error={form.req.error} busy={form.req.busy === "save"} submit={o.savePassword} />
      </form>
    </>
  );
}
