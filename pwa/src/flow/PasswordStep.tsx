/** Seed 000, step 4: the password (8–20 characters with a digit, upper and lower case and a special character). */
import { PASSWORD_RULES } from "../../../shared/credentials";
import { FIELD_MESSAGES, PasswordBody } from "../../../shared/schemas";
import { sharedText, t } from "../i18n";
import { Heading } from "../ui";
import { type FlowApi, type FlowLike, type StepProps, apiCall } from "./flow";
import { type BoundField, FormEnd, INPUT, PasswordField, useSchemaForm } from "../form";
import { tFlows } from "../i18n/flows";

/** The live checklist of the shared rules: a ✓/✗ mark and "đã đạt"/"chưa đạt" for screen readers. */
export function PasswordChecklist({ id, password }: { id: string; password: string }) {
  const s = tFlows().password;
  return (
    <div class="checklist" id={id}>
      <p class="checklist-title">{s.rulesTitle}</p>
      <ul>
        {PASSWORD_RULES.map((rule) => {
          const met = rule.test(password);
          return (
            <li key={rule.id} class={met ? "met" : "unmet"} data-rule={rule.id} data-met={met ? "true" : "false"}>
              <span class="mark" aria-hidden="true">
                {met ? "✓" : "✗"}
              </span>
              <span>{sharedText(rule.label)}</span>
              <span class="sr-only"> ({met ? s.met : s.unmet})</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A new password typed twice, with the live checklist of the rules (`checklistId`) under the first. */
export function NewPasswordFields({
  password,
  confirm,
  labels,
  checklistId,
}: {
  password: BoundField;
  confirm: BoundField;
  labels: [password: string, confirm: string];
  checklistId: string;
}) {
  return (
    <>
      <PasswordField
        {...password}
        {...INPUT.password}
        label={labels[0]}
        autoComplete="new-password"
        describedBy={checklistId}
      />
      <PasswordChecklist id={checklistId} password={password.value} />
      <PasswordField {...confirm} {...INPUT.password} label={labels[1]} autoComplete="new-password" />
    </>
  );
}

/** Seed 000 step 4 / seed 001 step 3: the password of a flow (`api`: activation, registration, password recovery). */
export function PasswordStep<F extends FlowLike>({
  api,
  flow,
  advance,
  flowFailed,
  progress,
}: StepProps<F> & { api: FlowApi<F> }) {
  const s = tFlows().password;
  const form = useSchemaForm("pw", { password: "", confirmPassword: "" }, PasswordBody, {
    body: (v) => ({ flowId: flow.flowId, ...v }),
    messages: FIELD_MESSAGES,
  });
  const submit = form.submit("password", (body) => apiCall(api, "password", body), advance, { failed: flowFailed });
  return (
    <>
      <Heading>{s.title}</Heading>
      {progress}
      <p>{s.intro}</p>
      <form onSubmit={submit} noValidate>
        <NewPasswordFields
          password={form.bind("password")}
          confirm={form.bind("confirmPassword")}
          labels={[s.password, s.confirm]}
          checklistId="pw-rules"
        />
        <FormEnd error={form.req.error} busy={form.req.busy === "password"} submit={t().common.continue} />
      </form>
    </>
  );
}
