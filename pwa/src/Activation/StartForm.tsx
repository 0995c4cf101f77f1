/** Seed 000, step 2: "Kích hoạt tài khoản" — personal ID number and phone number, then "Gửi yêu cầu". */
import type { VNode } from "preact";
import { ActivationStartBody, FIELD_MESSAGES } from "../../../shared/schemas";
import { getDeviceId } from "../device";
import { t } from "../i18n";
import { Link } from "../router";
import { Alert, Button, Heading } from "../ui";
import { useRequest } from "../api";
import { type Flow, flowCall } from "./api";
import { Field, issuesByField, errorsFor, serverFields, useForm } from "../form";
import { ROUTES } from "../routes";

const KEYS = ["citizenId", "phone"] as const;
type Key = (typeof KEYS)[number];

function validate(values: Record<Key, string>) {
  const result = ActivationStartBody.safeParse({ ...values, deviceId: getDeviceId() });
  return errorsFor(issuesByField(result, FIELD_MESSAGES), KEYS);
}

export function StartForm({ onStarted, progress }: { onStarted(flow: Flow): void; progress: VNode }) {
  const form = useForm<Key>("start", { citizenId: "", phone: "" }, validate, "input");
  const req = useRequest();

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = ActivationStartBody.safeParse({ ...form.values, deviceId: getDeviceId() });
    if (!parsed.success) return;
    const res = await req.run("start", () => flowCall("start", parsed.data));
    if (res.ok) {
      onStarted(res.data);
      return;
    }
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), KEYS));
  }

  const citizenId = form.bind("citizenId");
  const phone = form.bind("phone");
  return (
    <>
      <Heading>{t.start.title}</Heading>
      {progress}
      <p>{t.start.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field
          {...citizenId}
          label={t.start.citizenId}
          hint={t.start.citizenIdHint}
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          spellcheck={false}
        />
        <Field
          {...phone}
          label={t.start.phone}
          hint={t.start.phoneHint}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={20}
        />
        {req.error ? <Alert error={req.error} /> : null}
        {req.error?.code === "ALREADY_ACTIVATED" ? (
          <div class="after-alert">
            <p>{t.start.alreadyActivatedHelp}</p>
            <Link href={ROUTES.login.path} class="btn btn-secondary">
              {t.common.login}
            </Link>
          </div>
        ) : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "start"}>
            {t.start.submit}
          </Button>
        </div>
      </form>
    </>
  );
}
