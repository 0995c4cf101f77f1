/** Seed 001, step 7: the device check, then "Tiếp tục" sends the OTP. */
import { useRequest } from "../api";
import { t } from "../i18n";
import { tFlows } from "../i18n/flows";
import { Alert, Button, Heading } from "../ui";
import { type ActivationStepProps, flowCall } from "./api";

export function DeviceStep({
  flow,
  advance,
  flowFailed,
  progress,
  onCancel,
}: ActivationStepProps & { onCancel(): void }) {
  const s = tFlows().device;
  const req = useRequest();
  const { device, maskedPhone, flowId } = flow;
  const other = device === "other-account";

  async function next() {
    if (req.busy) return;
    const res = await req.run("otp", () => flowCall("otp", { flowId }));
    if (res.ok) advance(res.data);
    else if (!flowFailed(res.error)) req.setError(res.error);
  }

  return (
    <>
      <Heading>{s.title}</Heading>
      {progress}
      <div class={other ? "notice notice-warn" : "notice"}>
        <p>{other ? s.otherAccount : device === "this-account" ? s.thisAccount : s.free}</p>
      </div>
      <p>{s.otpNotice(maskedPhone)}</p>
      {req.error ? <Alert error={req.error} /> : null}
      <div class="actions">
        <Button variant="secondary" onClick={onCancel} disabled={!!req.busy}>
          {t().common.cancel}
        </Button>
        <Button onClick={next} busy={req.busy === "otp"}>
          {t().common.continue}
        </Button>
      </div>
    </>
  );
}
