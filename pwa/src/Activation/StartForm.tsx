/** Seed 000, step 2: "Kích hoạt tài khoản" — personal ID number and phone number, then "Gửi yêu cầu". */
import type { VNode } from "preact";
import { ActivationStartBody, FIELD_MESSAGES } from "../../../shared/schemas";
import type { ApiError } from "../api";
import { getDeviceId } from "../device";
import { Field, FormEnd, INPUT, useSchemaForm } from "../form";
import { t } from "../i18n";
import { tFlows } from "../i18n/flows";
import { Link } from "../router";
import { ROUTES } from "../routes";
import { rememberLoginId } from "../session";
import { Heading } from "../ui";
import { type Flow, flowCall } from "./api";

/** Answers that prove the ID number and phone belong together (the login form may then fill the number in). */
const PAIR_RIGHT = new Set(["NOT_IDENTIFIED", "PENDING_APPROVAL", "ALREADY_ACTIVATED"]);

/**
 * What the citizen can do after the answer, first the main (filled) one: "Đăng nhập" when already activated,
 * "Đăng ký" or "Đăng ký tài khoản mức 1" when not identified, "Tra cứu hồ sơ" and "Đặt lịch hẹn" when the file
 * waits. A wrong pair answers like an unknown ID, so it offers "Đăng ký" too, outlined: retyping comes first.
 */
function nextSteps(error: ApiError | null): { main: boolean; links: Array<[href: string, label: string]> } | null {
  const core = t();
  switch (error?.code) {
    case "ALREADY_ACTIVATED":
      return { main: true, links: [[ROUTES.login.path, core.common.login]] };
    case "NOT_IDENTIFIED":
      return error.next === "level1"
        ? { main: true, links: [[ROUTES.level1.path, core.titles.level1]] }
        : { main: true, links: [[ROUTES.register.path, core.home.register]] };
    case "PENDING_APPROVAL":
      return {
        main: true,
        links: [
          [ROUTES.track.path, core.links.track],
          [ROUTES.booking.path, core.links.booking],
        ],
      };
    case "INVALID_ID_OR_PHONE":
      return { main: false, links: [[ROUTES.register.path, core.home.register]] };
    default:
      return null;
  }
}

export function StartForm({ onStarted, progress }: { onStarted(flow: Flow): void; progress: VNode }) {
  const { fields } = t();
  const s = tFlows().start;
  const form = useSchemaForm("start", { citizenId: "", phone: "" }, ActivationStartBody, {
    body: (v) => ({ ...v, deviceId: getDeviceId() }),
    messages: FIELD_MESSAGES,
    mode: "input",
  });
  const citizenId = form.bind("citizenId").value;
  const submit = form.submit(
    "start",
    (body) => flowCall("start", body),
    (flow, body) => {
      rememberLoginId(body.citizenId);
      onStarted(flow);
    },
    {
      failed: (error) => {
        if (PAIR_RIGHT.has(error.code)) rememberLoginId(citizenId.trim());
        return false;
      },
    },
  );
  const { error, busy } = form.req;
  const next = nextSteps(error);
  return (
    <>
      <Heading>{t().titles.activate}</Heading>
      {progress}
      <p>{s.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("citizenId")} {...INPUT.citizenId} label={fields.citizenId} hint={fields.citizenIdHint} />
        <Field {...form.bind("phone")} {...INPUT.phone} label={fields.phone} hint={fields.phoneHint} />
        <FormEnd
          error={error}
          busy={busy === "start"}
          submit={s.submit}
          submitVariant={next?.main ? "secondary" : "primary"}
        >
          {next ? (
            <div class="after-alert">
              {error?.code === "ALREADY_ACTIVATED" ? <p>{s.alreadyActivatedHelp}</p> : null}
              {error?.code === "INVALID_ID_OR_PHONE" ? <p>{tFlows().login.notRegistered}</p> : null}
              <div class="actions next-steps">
                {next.links.map(([href, label], i) => (
                  <Link key={href} href={href} class={next.main && i === 0 ? "btn" : "btn btn-secondary"}>
                    {label}
                  </Link>
                ))}
              </div>
            </div>
          ) : null}
        </FormEnd>
      </form>
    </>
  );
}
