/**
 * Seed 000, step 3 / seed 001, step 3: "Xác thực OTP", for any flow with an OTP step (activation, registration:
 * `api` says which). The countdowns are measured on the server's clock (api.ts follows it through
 * the `Date` header of every answer, errors included), counted down locally between answers.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type * as z from "zod/mini";
import { FIELD_MESSAGES, OtpVerifyBody } from "../../../shared/schemas";
import { msUntil } from "../api";
import { Button, Heading } from "../ui";
import { type FlowApi, type FlowLike, type StepProps, apiCall } from "./flow";
import { Field, FormEnd, useSchemaForm } from "../form";
import { tFlows } from "../i18n/flows";
import { listenForOtp } from "./webotp";

/** `mm:ss`, or `h:mm:ss` from one hour up. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const two = (n: number) => (n < 10 ? "0" : "") + n;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${two(m)}:${two(s % 60)}`;
}

/** How often the OTP screen re-reads the server clock. */
const CLOCK_SYNC_MS = 3000;

const secondsUntil = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

export function OtpStep<F extends FlowLike>({
  api,
  flow,
  advance,
  flowFailed,
  progress,
  onCancel,
  cancelling,
}: StepProps<F> & { api: FlowApi<F>; onCancel(): void; cancelling: boolean }) {
  const { flowId, otp, maskedPhone } = flow;
  const s = tFlows().otp;
  const form = useSchemaForm("otp", { otp: "" }, OtpVerifyBody, {
    body: (v) => ({ flowId, otp: v.otp }),
    messages: FIELD_MESSAGES,
  });
  const req = form.req;
  const [now, setNow] = useState(Date.now);
  /** Local time until which the server refused a resend (429 retryAfter). */
  const [blockedUntil, setBlockedUntil] = useState(0);
  /** The server said the current code is dead (expired or locked) even if the local countdown disagrees. */
  const [dead, setDead] = useState(false);
  const [resent, setResent] = useState(false);
  const flowRef = useRef(flow);
  flowRef.current = flow;
  const busyRef = useRef<string | null>(null);
  busyRef.current = req.busy;

  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, []);

  // WebOTP fills the field from the text where the browser can; typing aborts it (webotp.ts).
  const webOtp = useRef<AbortController | null>(null);
  const listen = () => {
    webOtp.current?.abort();
    webOtp.current = listenForOtp((code) => form.reset("otp", code));
  };
  useEffect(() => {
    listen();
    return () => webOtp.current?.abort();
  }, []);

  // Phones pause pages in the background: re-read the flow from the server when the page is shown again.
  useEffect(() => {
    const onVisible = async () => {
      if (document.visibilityState !== "visible") return;
      const res = await apiCall(api, "status", { flowId: flowRef.current.flowId });
      if (res.ok) advance(res.data);
      else flowFailed(res.error);
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, []);

  // While the countdowns run, a small status request every few seconds keeps them on the server's clock (every
  // answer's Date header resyncs it) and notices a flow that ended elsewhere. Its body is not applied, so a late
  // answer can never move the screen back.
  useEffect(() => {
    let alive = true;
    const id = setInterval(async () => {
      if (document.visibilityState !== "visible" || busyRef.current) return;
      const res = await apiCall(api, "status", { flowId: flowRef.current.flowId });
      if (alive && !res.ok && res.error.code === "FLOW_EXPIRED") flowFailed(res.error);
    }, CLOCK_SYNC_MS);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, []);

  const expiresIn = otp ? secondsUntil(msUntil(otp.expiresAt, now)) : 0;
  const resendIn = Math.max(otp ? secondsUntil(msUntil(otp.resendAt, now)) : 0, secondsUntil(blockedUntil - now));
  const expired = !!otp && (expiresIn <= 0 || dead);
  const showTimer = !!otp && !expired;
  const errorSaysExpired = req.error?.code === "OTP_EXPIRED";
  const live = expired && !errorSaysExpired && req.error?.code !== "OTP_LOCKED" ? s.expired : resent ? s.resent : "";

  const send = (body: z.infer<typeof OtpVerifyBody>) => {
    setResent(false);
    return apiCall(api, "verify", body);
  };
  const verify = form.submit("verify", send, advance, {
    failed: (error) => {
      if (flowFailed(error)) return true;
      if (error.code === "OTP_EXPIRED" || error.code === "OTP_LOCKED") setDead(true);
      return false;
    },
    after: (error) => {
      if (error.code !== "OTP_INVALID") return;
      const input = document.getElementById(form.idOf("otp")) as HTMLInputElement | null;
      input?.focus();
      input?.select();
    },
  });

  async function resend() {
    if (req.busy) return;
    const res = await req.run("resend", () => apiCall(api, "otp", { flowId }));
    if (res.ok) {
      setDead(false);
      setBlockedUntil(0);
      setResent(true);
      form.reset("otp");
      advance(res.data);
      listen();
      document.getElementById(form.idOf("otp"))?.focus();
      return;
    }
    if (flowFailed(res.error)) return;
    req.setError(res.error);
    if (res.error.retryAfter) setBlockedUntil(Date.now() + res.error.retryAfter * 1000);
  }

  const bound = form.bind("otp");
  const otpField = {
    ...bound,
    onInput: (e: Event) => {
      webOtp.current?.abort();
      bound.onInput(e);
    },
  };
  const waitId = "otp-resend-wait";
  return (
    <>
      <Heading>{s.title}</Heading>
      {progress}
      <p>
        {s.sentTo} <strong class="nowrap">{maskedPhone}</strong>
      </p>
      <form onSubmit={verify} noValidate>
        <Field
          {...otpField}
          label={s.label}
          hint={s.hint}
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="one-time-code"
          maxLength={6}
          class="otp-input"
        />
        <div class="otp-row">
          {/* Once the code is dead, "Gửi lại mã" is what to do: it becomes the screen's main (filled) button. */}
          <Button
            variant={expired ? "primary" : "secondary"}
            onClick={resend}
            busy={req.busy === "resend"}
            disabled={resendIn > 0 || !!req.busy}
            aria-describedby={resendIn > 0 ? waitId : undefined}
          >
            {s.resend}
            {resendIn > 0 ? <span aria-hidden="true">{`\u00a0(${clock(resendIn)})`}</span> : null}
          </Button>
          {showTimer ? (
            <p class="timer" role="timer">
              {s.expiresIn} <strong>{clock(expiresIn)}</strong>
            </p>
          ) : null}
          {resendIn > 0 ? (
            <span id={waitId} class="sr-only">
              {s.resendWait(clock(resendIn))}
            </span>
          ) : null}
        </div>
        <p class={expired ? "otp-status otp-status-expired" : "otp-status"} aria-live="polite">
          {live}
        </p>
        <FormEnd
          error={req.error}
          busy={req.busy === "verify"}
          disabled={cancelling}
          submit={s.confirm}
          submitVariant={expired ? "secondary" : "primary"}
          before={
            <Button variant="secondary" onClick={onCancel} busy={cancelling} disabled={!!req.busy}>
              {s.cancel}
            </Button>
          }
        />
      </form>
    </>
  );
}
