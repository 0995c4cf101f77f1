/** Seed 000, step 4: the 6-digit passcode, typed twice. */
import { FIELD_MESSAGES, PasscodeBody } from "../../../shared/schemas";
import { t } from "../i18n";
import { Alert, Button, Heading } from "../ui";
import { useRequest } from "../api";
import { flowCall, type ActivationStepProps } from "./api";
import { Field, issuesByField, errorsFor, serverFields, useForm } from "../form";

const KEYS = ["passcode", "confirmPasscode"] as const;
type Key = (typeof KEYS)[number];

export function PasscodeStep({ flow, advance, flowFailed, progress }: ActivationStepProps) {
  const { flowId } = flow;
  const req = useRequest();
  const form = useForm<Key>(
    "pc",
    { passcode: "", confirmPasscode: "" },
    (v) => errorsFor(issuesByField(PasscodeBody.safeParse({ flowId, ...v }), FIELD_MESSAGES), KEYS),
    "blur",
  );

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = PasscodeBody.safeParse({ flowId, ...form.values });
    if (!parsed.success) return;
    const res = await req.run("passcode", () => flowCall("passcode", parsed.data));
    if (res.ok) return advance(res.data);
    if (flowFailed(res.error)) return;
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), KEYS));
  }

  const digits = {
    type: "password",
    inputMode: "numeric",
    pattern: "[0-9]*",
    maxLength: 6,
    autoComplete: "off",
  } as const;
  return (
    <>
      <Heading>{t.passcode.title}</Heading>
      {progress}
      <p id="pc-intro">{t.passcode.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("passcode")} {...digits} label={t.passcode.passcode} describedBy="pc-intro" />
        <Field {...form.bind("confirmPasscode")} {...digits} label={t.passcode.confirm} />
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "passcode"}>
            {t.common.continue}
          </Button>
        </div>
      </form>
    </>
  );
}
