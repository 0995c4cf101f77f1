/** Seed 000, step 4: the password (8–20 characters with a digit, upper and lower case and a special character). */
import { PASSWORD_RULES } from "../../../shared/credentials";
import { FIELD_MESSAGES, PasswordBody } from "../../../shared/schemas";
import { sharedText, t } from "../i18n";
import { Alert, Button, Heading } from "../ui";
import { type FlowApi, type FlowLike, type StepProps, apiCall } from "./flow";
import { useRequest } from "../api";
import { Field, issuesByField, errorsFor, serverFields, useForm } from "../form";

const KEYS = ["password", "confirmPassword"] as const;
type Key = (typeof KEYS)[number];

/** The live checklist of the shared rules: a ✓/✗ mark and "đã đạt"/"chưa đạt" for screen readers. */
export function PasswordChecklist({ id, password }: { id: string; password: string }) {
  return (
    <div class="checklist" id={id}>
      <p class="checklist-title">{t.password.rulesTitle}</p>
      <ul>
        {PASSWORD_RULES.map((rule) => {
          const met = rule.test(password);
          return (
            <li key={rule.id} class={met ? "met" : "unmet"} data-rule={rule.id} data-met={met ? "true" : "false"}>
              <span class="mark" aria-hidden="true">
                {met ? "✓" : "✗"}
              </span>
              <span>{sharedText(rule.label)}</span>
              <span class="sr-only"> ({met ? t.password.met : t.password.unmet})</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Seed 000 step 4 / seed 001 step 3: the password of an activation or registration flow (`api`). */
export function PasswordStep<F extends FlowLike>({ api, flow, advance, flowFailed, progress }: StepProps<F> & { api: FlowApi<F> }) {
  const { flowId } = flow;
  const req = useRequest();
  const form = useForm<Key>(
    "pw",
    { password: "", confirmPassword: "" },
    (v) => errorsFor(issuesByField(PasswordBody.safeParse({ flowId, ...v }), FIELD_MESSAGES), KEYS),
    "blur",
  );

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = PasswordBody.safeParse({ flowId, ...form.values });
    if (!parsed.success) return;
    const res = await req.run("password", () => apiCall(api, "password", parsed.data));
    if (res.ok) return advance(res.data);
    if (flowFailed(res.error)) return;
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), KEYS));
  }

  const checklistId = "pw-rules";
  return (
    <>
      <Heading>{t.password.title}</Heading>
      {progress}
      <p>{t.password.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field
          {...form.bind("password")}
          label={t.password.password}
          type="password"
          autoComplete="new-password"
          autoCapitalize="off"
          spellcheck={false}
          describedBy={checklistId}
        />
        <PasswordChecklist id={checklistId} password={form.values.password} />
        <Field
          {...form.bind("confirmPassword")}
          label={t.password.confirm}
          type="password"
          autoComplete="new-password"
          autoCapitalize="off"
          spellcheck={false}
        />
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "password"}>
            {t.common.continue}
          </Button>
        </div>
      </form>
    </>
  );
}
