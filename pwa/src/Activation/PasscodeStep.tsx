/** Seed 000, step 4: the 6-digit passcode, typed twice. */
import { FIELD_MESSAGES, PasscodeBody } from "../../../shared/schemas";
import { Field, FormEnd, INPUT, useSchemaForm } from "../form";
import { t } from "../i18n";
import { tFlows } from "../i18n/flows";
import { Heading } from "../ui";
import { type ActivationStepProps, flowCall } from "./api";

export function PasscodeStep({ flow, advance, flowFailed, progress }: ActivationStepProps) {
  const s = tFlows().passcode;
  const form = useSchemaForm("pc", { passcode: "", confirmPasscode: "" }, PasscodeBody, {
    body: (v) => ({ flowId: flow.flowId, ...v }),
    messages: FIELD_MESSAGES,
  });
  const submit = form.submit("passcode", (body) => flowCall("passcode", body), advance, { failed: flowFailed });
  return (
    <>
      <Heading>{s.title}</Heading>
      {progress}
      <p id="pc-intro">{s.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("passcode")} {...INPUT.passcode} label={s.passcode} describedBy="pc-intro" />
        <Field {...form.bind("confirmPasscode")} {...INPUT.passcode} label={s.confirm} />
        <FormEnd error={form.req.error} busy={form.req.busy === "passcode"} submit={t().common.continue} />
      </form>
    </>
  );
}
