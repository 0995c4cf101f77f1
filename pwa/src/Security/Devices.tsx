/**
 * `/tai-khoan/thiet-bi`: "Quản lý thiết bị". The device the account is activated on, the open sessions with
 * "Đăng xuất khỏi các thiết bị khác", and unlinking the device with the passcode (which ends every session).
 */
import { useState } from "preact/hooks";
import {
  DevicesResponse,
  type DevicesResponseT,
  LogoutOthersResponse,
  UnlinkDeviceBody,
} from "../../../shared/account-schemas";
import { FIELD_MESSAGES } from "../../../shared/schemas";
import { anyAnswer, post } from "../api";
import { deviceName, getDeviceId } from "../device";
import { Field, FormEnd, INPUT, useSchemaForm } from "../form";
import { numericVnDateTime } from "../i18n/dates";
import { tSecurity } from "../i18n/security";
import { navigate } from "../router";
import { ROUTES } from "../routes";
import { setMe } from "../session";
import { Alert, Button, Heading, Loading, NoteLink, Retry, useTitle } from "../ui";
import { sessionLost, useLoggedInData } from "../useLoggedInData";

/** `/tai-khoan/thiet-bi`. */
export function Devices() {
  const d = tSecurity().devices;
  useTitle(d.title);
  const { data, error, reload } = useLoggedInData<DevicesResponseT>("/api/me/devices", DevicesResponse);
  const [done, setDone] = useState("");
  const [unlinking, setUnlinking] = useState(false);
  const form = useSchemaForm("unl", { passcode: "" }, UnlinkDeviceBody, { messages: FIELD_MESSAGES });
  const req = form.req;

  async function logoutOthers() {
    if (req.busy) return;
    setDone("");
    const res = await req.run("others", () => post("/api/me/sessions/logout-others", {}, LogoutOthersResponse));
    if (res.ok) {
      setDone(d.loggedOut(res.data.revoked));
      reload();
    } else if (!sessionLost(res.error)) req.setError(res.error);
  }

  const unlink = form.submit(
    "unlink",
    (body) => post("/api/me/device/unlink", body, anyAnswer),
    () => {
      // Every session ended, this one too.
      setMe(null);
      navigate(ROUTES.login.path, true);
    },
    { failed: sessionLost },
  );

  if (!data) {
    return (
      <>
        <Heading>{d.title}</Heading>
        {error ? <Retry error={error} onRetry={reload} label={tSecurity().common.retry} /> : <Loading />}
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
              <dt>{d.deviceName}</dt>
              <dd>
                <span class="device-name">{deviceName(data.device)}</span>
                {data.device.deviceId === mine ? <strong class="this-device"> {d.thisDevice}</strong> : null}
              </dd>
            </div>
            <div>
              <dt>{d.boundAt}</dt>
              <dd>{numericVnDateTime(data.device.boundAt)}</dd>
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
                {d.createdAt}: {numericVnDateTime(x.createdAt)} · {d.lastSeenAt}: {numericVnDateTime(x.lastSeenAt)}
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
              <Field {...form.bind("passcode")} {...INPUT.passcode} label={d.passcode} />
              <FormEnd
                error={req.error}
                busy={req.busy === "unlink"}
                submit={d.unlinkConfirm}
                before={
                  <Button variant="secondary" onClick={() => (setUnlinking(false), req.setError(null))}>
                    {d.cancel}
                  </Button>
                }
              />
            </form>
          ) : (
            <div class="actions">
              <Button variant="secondary" onClick={() => (setUnlinking(true), req.setError(null))}>
                {d.unlink}
              </Button>
            </div>
          )}
          {req.error?.code === "PASSCODE_LOCKED" ? (
            <NoteLink href={ROUTES.forgotPasscode.path}>{tSecurity().passcode.title}</NoteLink>
          ) : null}
        </section>
      ) : null}
      <NoteLink href={ROUTES.account.path}>{d.back}</NoteLink>
    </>
  );
}
