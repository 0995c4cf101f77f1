/**
 * The account-security screens, one lazily loaded chunk (see App.tsx): "Quên mật khẩu" (`/quen-mat-khau`),
 * "Quên mã passcode" (`/tai-khoan/quen-ma-passcode`), "Quản lý thiết bị" (`/tai-khoan/thiet-bi`) and "Hoạt động
 * của tôi" (`/tai-khoan/hoat-dong`). The two recovery flows reuse the activation's OTP and password steps.
 */
import { useLoggedInData } from "../useLoggedInData";
import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import * as z from "zod/mini";
import {
  ActivityResponse,
  type ActivityResponseT,
  DevicesResponse,
  type DevicesResponseT,
  LogoutOthersResponse,
  PasscodeRecoveryState,
  type PasscodeRecoveryStateT,
  RecoveryAnswerBody,
  RecoveryState,
  type RecoveryStateT,
  UnlinkDeviceBody,
} from "../../../shared/account-schemas";
import { isPasscode } from "../../../shared/credentials";
import { CitizenId, FIELD_MESSAGES, Phone } from "../../../shared/schemas";
import { type ApiError, anyAnswer, post, useRequest } from "../api";
import { type FlowApi, apiCall } from "../flow/flow";
import { OtpStep } from "../flow/OtpStep";
import { PasswordStep } from "../flow/PasswordStep";
import { useServerFlow } from "../flow/useServerFlow";
import { getDeviceId } from "../device";
import { t } from "../i18n";
import { viSecurity } from "../i18n/vi/security";
import { enSecurity } from "../i18n/en/security";
import { pick as pickLang } from "../lang";
import { Link, navigate, ROUTES, usePath } from "../router";
import { setMe } from "../session";
import { Alert, Button, Heading, Progress } from "../ui";
import { numericLocalDateTime } from "../i18n/dates";
import { Field, issuesByField, errorsFor, serverFields, useForm } from "../form";

const s = () => pickLang(viSecurity, enSecurity);

const RECOVERY_API: FlowApi<RecoveryStateT> = { base: "/api/recovery", schema: RecoveryState, storageKey: "vneid.recoveryFlowId" };
const PASSCODE_API: FlowApi<PasscodeRecoveryStateT> = {
  base: "/api/me/passcode-recovery",
  schema: PasscodeRecoveryState,
  storageKey: "vneid.passcodeRecoveryFlowId",
};

function Loading() {
  return (
    <p class="loading" role="status">
      {s().common.loading}
    </p>
  );
}

function Done({ title, text, children }: { title: string; text: string; children: VNode }) {
  return (
    <>
      <div class="success-mark" aria-hidden="true">
        ✓
      </div>
      <Heading>{title}</Heading>
      <p aria-live="polite">{text}</p>
      <div class="actions">{children}</div>
    </>
  );
}

// ------------------------------------------------------------------------------------------------------------------
// "Quên mật khẩu"

const IDENT_KEYS = ["citizenId", "phone"] as const;
const IdentBody = z.strictObject({ citizenId: CitizenId, phone: Phone });
const PW_STEPS = ["form", "otp", "question", "password"] as const;

function pwProgress(step: (typeof PW_STEPS)[number]): VNode {
  return <Progress step={PW_STEPS.indexOf(step) + 1} total={PW_STEPS.length} label={s().recovery.progress} />;
}

/** Step 1: "Số định danh cá nhân", "Số điện thoại" → "Gửi yêu cầu" (texts the OTP). */
function RecoveryStart({ onStarted }: { onStarted(flow: RecoveryStateT): void }) {
  const r = s().recovery;
  const req = useRequest();
  const form = useForm<(typeof IDENT_KEYS)[number]>(
    "rec",
    { citizenId: "", phone: "" },
    (v) => errorsFor(issuesByField(IdentBody.safeParse(v), FIELD_MESSAGES), IDENT_KEYS),
    "blur",
  );
  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = IdentBody.safeParse(form.values);
    if (!parsed.success) return;
    const res = await req.run("start", () => apiCall(RECOVERY_API, "start", parsed.data));
    if (res.ok) return onStarted(res.data);
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), IDENT_KEYS));
  }
  return (
    <>
      <Heading>{r.title}</Heading>
      {pwProgress("form")}
      <p>{r.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field
          {...form.bind("citizenId")}
          label={r.citizenId}
          hint={r.citizenIdHint}
          inputMode="numeric"
          autoComplete="username"
          maxLength={20}
          spellcheck={false}
        />
        <Field {...form.bind("phone")} label={r.phone} hint={r.phoneHint} type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "start"}>
            {r.submit}
          </Button>
        </div>
      </form>
      <p class="note">
        <Link href={ROUTES.login}>{r.backToLogin}</Link>
      </p>
    </>
  );
}

/** The flow's security question; a lock (5 wrong answers) ends the flow. */
function QuestionStep({
  flow,
  advance,
  flowFailed,
  progress,
  onLocked,
}: {
  flow: RecoveryStateT;
  advance(f: RecoveryStateT): void;
  flowFailed(e: ApiError): boolean;
  progress: VNode;
  onLocked(e: ApiError): void;
}) {
  const r = s().recovery;
  const req = useRequest();
  const { flowId } = flow;
  const form = useForm<"answer">(
    "ans",
    { answer: "" },
    (v) => errorsFor(issuesByField(RecoveryAnswerBody.safeParse({ flowId, answer: v.answer }), FIELD_MESSAGES), ["answer"]),
    "blur",
  );
  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = RecoveryAnswerBody.safeParse({ flowId, answer: form.values.answer });
    if (!parsed.success) return;
    const res = await req.run("answer", () => apiCall(RECOVERY_API, "answer", parsed.data));
    if (res.ok) return advance(res.data);
    if (res.error.code === "RECOVERY_LOCKED") return onLocked(res.error);
    if (flowFailed(res.error)) return;
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), ["answer"]));
    if (res.error.code === "ANSWER_WRONG") (document.getElementById(form.idOf("answer")) as HTMLInputElement | null)?.select();
  }
  return (
    <>
      <Heading>{r.questionTitle}</Heading>
      {progress}
      <p>{r.questionIntro}</p>
      <p class="question-text">
        <strong>{flow.question?.text}</strong>
      </p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("answer")} label={r.answer} hint={r.answerHint} autoComplete="off" maxLength={400} />
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "answer"}>
            {r.next}
          </Button>
        </div>
      </form>
    </>
  );
}

/** `/quen-mat-khau`. */
export function PasswordRecovery() {
  const r = s().recovery;
  const server = useServerFlow(RECOVERY_API);
  const { flow, resuming, flowError, cancelling, advance, flowFailed, cancel, errorBox } = server;
  const [locked, setLocked] = useState<ApiError | null>(null);

  if (resuming) return <Loading />;
  if (locked) {
    return (
      <>
        <Heading>{r.title}</Heading>
        <Alert error={locked} />
        <div class="actions">
          <Link href={ROUTES.login} class="btn">
            {r.backToLogin}
          </Link>
        </div>
      </>
    );
  }
  if (!flow) {
    return flowError ? (
      <>
        <Heading>{r.title}</Heading>
        {errorBox}
      </>
    ) : (
      <RecoveryStart onStarted={advance} />
    );
  }
  const withError = (step: (typeof PW_STEPS)[number]) => (
    <>
      {pwProgress(step)}
      {errorBox}
    </>
  );
  const props = { flow, advance, flowFailed };
  switch (flow.step) {
    case "otp":
      return <OtpStep key="otp" {...props} api={RECOVERY_API} progress={withError("otp")} onCancel={cancel} cancelling={cancelling} />;
    case "question":
      return (
        <QuestionStep
          key="question"
          {...props}
          progress={withError("question")}
          onLocked={(e) => {
            server.restart();
            setLocked(e);
          }}
        />
      );
    case "password":
      return <PasswordStep key="password" {...props} api={RECOVERY_API} progress={withError("password")} />;
    default:
      return (
        <Done title={r.doneTitle} text={r.doneText}>
          <Link
            href={ROUTES.login}
            class="btn"
            onClick={() => {
              setMe(null);
            }}
          >
            {r.login}
          </Link>
        </Done>
      );
  }
}

// ------------------------------------------------------------------------------------------------------------------
// "Quên mã passcode"

const PC_KEYS = ["passcode", "confirmPasscode"] as const;
const NewPasscode = z
  .object({ passcode: z.string().check(z.refine(isPasscode, FIELD_MESSAGES.passcode)), confirmPasscode: z.string() })
  .check(z.refine((b) => b.passcode === b.confirmPasscode, { error: FIELD_MESSAGES.confirmPasscode, path: ["confirmPasscode"] }));

function pcProgress(step: "otp" | "passcode"): VNode {
  return <Progress step={step === "otp" ? 1 : 2} total={2} label={s().passcode.progress} />;
}

function NewPasscodeStep({
  flow,
  advance,
  flowFailed,
  progress,
}: {
  flow: PasscodeRecoveryStateT;
  advance(f: PasscodeRecoveryStateT): void;
  flowFailed(e: ApiError): boolean;
  progress: VNode;
}) {
  const p = s().passcode;
  const req = useRequest();
  const form = useForm<(typeof PC_KEYS)[number]>(
    "npc",
    { passcode: "", confirmPasscode: "" },
    (v) => errorsFor(issuesByField(NewPasscode.safeParse(v), FIELD_MESSAGES), PC_KEYS),
    "blur",
  );
  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const res = await req.run("passcode", () => apiCall(PASSCODE_API, "passcode", { flowId: flow.flowId, ...form.values }));
    if (res.ok) return advance(res.data);
    if (flowFailed(res.error)) return;
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), PC_KEYS));
  }
  const digits = { type: "password", inputMode: "numeric", pattern: "[0-9]*", maxLength: 6, autoComplete: "off" } as const;
  return (
    <>
      <Heading>{p.newTitle}</Heading>
      {progress}
      <p>{p.newIntro}</p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("passcode")} {...digits} label={p.passcode} />
        <Field {...form.bind("confirmPasscode")} {...digits} label={p.confirm} />
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "passcode"}>
            {p.submit}
          </Button>
        </div>
      </form>
    </>
  );
}

/** `/tai-khoan/quen-ma-passcode` (logged in). */
export function PasscodeRecovery() {
  const p = s().passcode;
  const server = useServerFlow(PASSCODE_API);
  const { flow, resuming, flowError, advance, flowFailed, errorBox } = server;
  const req = useRequest();
  const [leaving, setLeaving] = useState(false);

  async function start() {
    if (req.busy) return;
    const res = await req.run("start", () => apiCall(PASSCODE_API, "start", {}));
    if (res.ok) return advance(res.data);
    if (res.error.status === 401) return navigate(ROUTES.login, true);
    req.setError(res.error);
  }
  function leave() {
    setLeaving(true);
    server.restart();
    navigate(ROUTES.account);
  }

  if (resuming) return <Loading />;
  if (!flow) {
    return (
      <>
        <Heading>{p.title}</Heading>
        {flowError ? errorBox : null}
        <p>{p.intro}</p>
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Link href={ROUTES.account} class="btn btn-secondary">
            {p.back}
          </Link>
          <Button onClick={start} busy={req.busy === "start"}>
            {p.start}
          </Button>
        </div>
      </>
    );
  }
  const withError = (step: "otp" | "passcode") => (
    <>
      {pcProgress(step)}
      {errorBox}
    </>
  );
  const props = { flow, advance, flowFailed };
  switch (flow.step) {
    case "otp":
      return <OtpStep key="otp" {...props} api={PASSCODE_API} progress={withError("otp")} onCancel={leave} cancelling={leaving} />;
    case "passcode":
      return <NewPasscodeStep key="passcode" {...props} progress={withError("passcode")} />;
    default:
      return (
        <Done title={p.doneTitle} text={p.doneText}>
          <Link href={ROUTES.account} class="btn">
            {p.back}
          </Link>
        </Done>
      );
  }
}

// ------------------------------------------------------------------------------------------------------------------
// "Quản lý thiết bị"

function shortId(id: string): string {
  return id.length > 14 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

/** `/tai-khoan/thiet-bi`. */
export function Devices() {
  const d = s().devices;
  const { data, error, reload } = useLoggedInData<DevicesResponseT>("/api/me/devices", DevicesResponse);
  const req = useRequest();
  const [done, setDone] = useState("");
  const [unlinking, setUnlinking] = useState(false);
  const form = useForm<"passcode">(
    "unl",
    { passcode: "" },
    (v) => errorsFor(issuesByField(UnlinkDeviceBody.safeParse(v), FIELD_MESSAGES), ["passcode"]),
    "blur",
  );

  async function logoutOthers() {
    if (req.busy) return;
    setDone("");
    const res = await req.run("others", () => post("/api/me/sessions/logout-others", {}, LogoutOthersResponse));
    if (res.ok) {
      setDone(d.loggedOut(res.data.revoked));
      reload();
    } else if (res.error.status === 401) navigate(ROUTES.login, true);
    else req.setError(res.error);
  }

  async function unlink(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const res = await req.run("unlink", () => post("/api/me/device/unlink", form.values, anyAnswer));
    if (res.ok) {
      // Every session ended, this one too.
      setMe(null);
      navigate(ROUTES.login, true);
      return;
    }
    if (res.error.status === 401) return navigate(ROUTES.login, true);
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), ["passcode"]));
  }

  if (!data) {
    return (
      <>
        <Heading>{d.title}</Heading>
        {error ? (
          <>
            <Alert error={error} />
            <div class="actions">
              <Button onClick={reload}>{s().common.retry}</Button>
            </div>
          </>
        ) : (
          <Loading />
        )}
      </>
    );
  }
  const mine = getDeviceId();
  return (
    <>
      <Heading>{d.title}</Heading>
      <section aria-labelledby="dev-bound">
        <h2 id="dev-bound">{d.boundTitle}</h2>
        {data.device ? (
          <dl class="facts">
            <div>
              <dt>{d.deviceId}</dt>
              <dd>
                <code class="device-id" title={data.device.deviceId}>
                  {shortId(data.device.deviceId)}
                </code>
                {data.device.deviceId === mine ? <strong class="this-device"> {d.thisDevice}</strong> : null}
              </dd>
            </div>
            <div>
              <dt>{d.boundAt}</dt>
              <dd>{numericLocalDateTime(data.device.boundAt)}</dd>
            </div>
          </dl>
        ) : (
          <p>{d.noDevice}</p>
        )}
      </section>
      <section aria-labelledby="dev-sessions">
        <h2 id="dev-sessions">{d.sessionsTitle}</h2>
        <ul class="list sessions">
          {data.sessions.map((x, i) => (
            <li key={x.id} class="list-item" data-session={x.id} data-current={x.current ? "true" : "false"}>
              <p class="list-title">
                {d.session(i + 1)}
                {x.current ? (
                  <>
                    {" "}
                    <strong class="badge">{d.current}</strong>
                  </>
                ) : null}
              </p>
              <p class="list-meta">
                {d.createdAt}: {numericLocalDateTime(x.createdAt)} · {d.lastSeenAt}: {numericLocalDateTime(x.lastSeenAt)}
              </p>
            </li>
          ))}
        </ul>
        <p class="status-line" aria-live="polite">
          {done}
        </p>
        {req.error && !unlinking ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button variant="secondary" onClick={logoutOthers} busy={req.busy === "others"}>
            {d.logoutOthers}
          </Button>
        </div>
      </section>
      {data.device ? (
        <section aria-labelledby="dev-unlink">
          <h2 id="dev-unlink">{d.unlink}</h2>
          {unlinking ? (
            <form onSubmit={unlink} noValidate>
              <p>{d.unlinkIntro}</p>
              <Field {...form.bind("passcode")} label={d.passcode} type="password" inputMode="numeric" pattern="[0-9]*" maxLength={6} autoComplete="off" />
              {req.error ? <Alert error={req.error} /> : null}
              <div class="actions">
                <Button variant="secondary" onClick={() => (setUnlinking(false), req.setError(null))}>
                  {d.cancel}
                </Button>
                <Button type="submit" busy={req.busy === "unlink"}>
                  {d.unlinkConfirm}
                </Button>
              </div>
            </form>
          ) : (
            <div class="actions">
              <Button variant="secondary" onClick={() => (setUnlinking(true), req.setError(null))}>
                {d.unlink}
              </Button>
            </div>
          )}
          {req.error?.code === "PASSCODE_LOCKED" ? (
            <p class="note">
              <Link href={ROUTES.forgotPasscode}>{s().links.forgotPasscode}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
      <p class="note">
        <Link href={ROUTES.account}>{d.back}</Link>
      </p>
    </>
  );
}

// ------------------------------------------------------------------------------------------------------------------
// "Hoạt động của tôi"

/** `/tai-khoan/hoat-dong`. */
export function Activity() {
  const a = s().activity;
  const { data, error, reload } = useLoggedInData<ActivityResponseT>("/api/me/activity", ActivityResponse);
  return (
    <>
      <Heading>{a.title}</Heading>
      <p>{a.intro}</p>
      {error ? (
        <>
          <Alert error={error} />
          <div class="actions">
            <Button onClick={reload}>{s().common.retry}</Button>
          </div>
        </>
      ) : !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <ol class="list activity">
          {data.items.map((item) => (
            <li key={item.id} class="list-item" data-event={item.event}>
              <p class="list-title">{a.events[item.event] ?? item.label}</p>
              <p class="list-meta">
                <time dateTime={item.at}>{numericLocalDateTime(item.at)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      <p class="note">
        <Link href={ROUTES.account}>{a.back}</Link>
      </p>
    </>
  );
}

/** Paths this chunk serves, with their titles. */
export function securityTitle(path: string): string | null {
  const x = s();
  if (path === ROUTES.forgotPassword) return x.recovery.title;
  if (path === ROUTES.forgotPasscode) return x.passcode.title;
  if (path === ROUTES.devices) return x.devices.title;
  if (path === ROUTES.activity) return x.activity.title;
  return null;
}

/** The screen of the current path. */
export function Security() {
  const path = usePath();
  useEffect(() => {
    const title = securityTitle(path);
    if (title) document.title = `${title} · ${t.appName}`;
  }, [path]);
  switch (path) {
    case ROUTES.forgotPassword:
      return <PasswordRecovery key="pw" />;
    case ROUTES.forgotPasscode:
      return <PasscodeRecovery key="pc" />;
    case ROUTES.devices:
      return <Devices key="dev" />;
    default:
      return <Activity key="act" />;
  }
}
