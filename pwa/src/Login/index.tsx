/** `/dang-nhap` (seed 000, step 5): personal ID number and password. */
import { FIELD_MESSAGES, LoginBody, MeResponse } from "../../../shared/schemas";
import { post } from "../api";
import { Field, FormEnd, INPUT, PasswordField, useSchemaForm } from "../form";
import { t } from "../i18n";
import { tFlows } from "../i18n/flows";
import { navigate } from "../router";
import { ROUTES } from "../routes";
import { rememberedLoginId, setMe } from "../session";
import { Heading, NoteLink } from "../ui";
import { mark } from "../marks";

// The module ran: the screen opened, not merely prefetched (prefetch.ts; tests/browser read the mark).
mark("vneid-screen-Login");

export function Login() {
  const s = tFlows().login;
  const form = useSchemaForm("login", { citizenId: rememberedLoginId(), password: "" }, LoginBody, {
    messages: FIELD_MESSAGES,
  });
  const submit = form.submit(
    "login",
    (body) => post("/api/auth/login", body, MeResponse),
    (me) => {
      setMe(me);
      navigate(ROUTES.account.path);
    },
  );
  return (
    <>
      <Heading>{t().titles.login}</Heading>
      <p>{s.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("citizenId")} {...INPUT.citizenId} label={s.citizenId} autoComplete="username" />
        <PasswordField
          {...form.bind("password")}
          {...INPUT.password}
          label={s.password}
          autoComplete="current-password"
        />
        <FormEnd error={form.req.error} busy={form.req.busy === "login"} submit={s.submit} />
      </form>
      <NoteLink href={ROUTES.forgotPassword.path}>{tFlows().links.forgotPassword}</NoteLink>
      <NoteLink text={s.noAccount} href={ROUTES.activate.path}>
        {s.activate}
      </NoteLink>
      <NoteLink text={s.notRegistered} href={ROUTES.register.path}>
        {s.register}
      </NoteLink>
      <NoteLink text={t().links.officerNote} href={ROUTES.officer.path}>
        {t().links.officerLogin}
      </NoteLink>
    </>
  );
}
