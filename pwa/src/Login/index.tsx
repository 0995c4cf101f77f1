/** `/dang-nhap` (seed 000, step 5): personal ID number and password. */
import { FIELD_MESSAGES, LoginBody, MeResponse } from "../../../shared/schemas";
import { post, useRequest } from "../api";
import { t } from "../i18n";
import { enSecurityLinks } from "../i18n/en/security-links";
import { viSecurityLinks } from "../i18n/vi/security-links";
import { pick as pickLang } from "../lang";
import { Link, navigate } from "../router";
import { setMe } from "../session";
import { Alert, Button, Heading } from "../ui";
import { Field, issuesByField, errorsFor, serverFields, useForm } from "../form";
import { ROUTES } from "../routes";

const KEYS = ["citizenId", "password"] as const;
type Key = (typeof KEYS)[number];

export function Login() {
  const req = useRequest();
  const form = useForm<Key>(
    "login",
    { citizenId: "", password: "" },
    (v) => errorsFor(issuesByField(LoginBody.safeParse(v), FIELD_MESSAGES), KEYS),
    "blur",
  );

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = LoginBody.safeParse(form.values);
    if (!parsed.success) return;
    const res = await req.run("login", () => post("/api/auth/login", parsed.data, MeResponse));
    if (res.ok) {
      setMe(res.data);
      navigate(ROUTES.account.path);
      return;
    }
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), KEYS));
  }

  return (
    <>
      <Heading>{t.login.title}</Heading>
      <p>{t.login.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field
          {...form.bind("citizenId")}
          label={t.login.citizenId}
          inputMode="numeric"
          autoComplete="username"
          maxLength={20}
          spellcheck={false}
        />
        <Field
          {...form.bind("password")}
          label={t.login.password}
          type="password"
          autoComplete="current-password"
          autoCapitalize="off"
          spellcheck={false}
        />
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "login"}>
            {t.login.submit}
          </Button>
        </div>
      </form>
      <p class="note">
        <Link href={ROUTES.forgotPassword.path}>{pickLang(viSecurityLinks, enSecurityLinks).forgotPassword}</Link>
      </p>
      <p class="note">
        {t.login.noAccount} <Link href={ROUTES.activate.path}>{t.login.activate}</Link>
      </p>
      <p class="note">
        {t.login.notRegistered} <Link href={ROUTES.register.path}>{t.login.register}</Link>
      </p>
      <p class="note">
        {t.links.officerNote} <Link href={ROUTES.officer.path}>{t.links.officerLogin}</Link>
      </p>
    </>
  );
}
