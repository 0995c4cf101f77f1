/** Seed 000, step 2: "Kích hoạt tài khoản" — personal ID number and phone number, then "Gửi yêu cầu". */
import type { VNode } from "preact";
import { ActivationStartBody, FIELD_MESSAGES } from "../../../shared/schemas";
import { getDeviceId } from "../device";
import { Field, FormEnd, INPUT, useSchemaForm } from "../form";
import { t } from "../i18n";
import { tFlows } from "../i18n/flows";
import { Link } from "../router";
import { ROUTES } from "../routes";
import { Heading } from "../ui";
import { type Flow, flowCall } from "./api";

export function StartForm({ onStarted, progress }: { onStarted(flow: Flow): void; progress: VNode }) {
  const { fields } = t();
  const s = tFlows().start;
  const form = useSchemaForm("start", { citizenId: "", phone: "" }, ActivationStartBody, {
    body: (v) => ({ ...v, deviceId: getDeviceId() }),
    messages: FIELD_MESSAGES,
    mode: "input",
  });
  const submit = form.submit("start", (body) => flowCall("start", body), onStarted);
  const { error, busy } = form.req;
  return (
    <>
      <Heading>{t().titles.activate}</Heading>
      {progress}
      <p>{s.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("citizenId")} {...INPUT.citizenId} label={fields.citizenId} hint={fields.citizenIdHint} />
        <Field {...form.bind("phone")} {...INPUT.phone} label={fields.phone} hint={fields.phoneHint} />
        <FormEnd error={error} busy={busy === "start"} submit={s.submit}>
          {error?.code === "ALREADY_ACTIVATED" ? (
            <div class="after-alert">
              <p>{s.alreadyActivatedHelp}</p>
              <Link href={ROUTES.login.path} class="btn btn-secondary">
                {t().common.login}
              </Link>
            </div>
          ) : null}
        </FormEnd>
      </form>
    </>
  );
}
