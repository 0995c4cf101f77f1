/**
 * `/tai-khoan/ma-qr`: "Mã QR định danh" (seed 001, Phụ lục 1 III: level 1 item 3, level 2 item 3). The passcode
 * opens it; the QR is valid 60 s with a countdown (on the server's clock) and is replaced by a new one when it runs
 * out, with the share grant of the last answer (5 minutes; then the passcode is asked again). The passcode is
 * cleared from the form as soon as it is sent. A level-2 account chooses what to share.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { type IdentityQrResponseT, IdentityQrResponse } from "../../../shared/identity-schemas";
import { IDENTITY_FIELDS, type IdentityField } from "../../../shared/identity-token";
import { type ApiError, msUntil, post } from "../api";
import { Link, navigate } from "../router";
import { Alert, Button, Heading } from "../ui";
import { QrSvg } from "../qr/QrSvg";
import { Field } from "../form";
import { ROUTES } from "../routes";
import { tIdentity } from "../i18n/identity";
import { displayDate } from "../i18n/dates";

export function ShowQr() {
  const s = tIdentity();
  const [passcode, setPasscode] = useState("");
  const [data, setData] = useState<IdentityQrResponseT | null>(null);
  const [chosen, setChosen] = useState<IdentityField[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [choiceError, setChoiceError] = useState(false);
  const [left, setLeft] = useState(0);
  const refreshing = useRef(false);

  useEffect(() => {
    document.title = `${s.qr.title} · VNeID`;
  }, [s]);

  async function request(body: { passcode?: string; grant?: string; fields?: IdentityField[] }): Promise<void> {
    setBusy(true);
    const res = await post("/api/identity/qr", body, IdentityQrResponse);
    setBusy(false);
    if (res.ok) {
      setData(res.data);
      setChosen(IDENTITY_FIELDS.filter((f) => res.data.values[f] !== undefined));
      setLeft(Math.max(0, Math.ceil(msUntil(res.data.expiresAt) / 1000)));
      setError(null);
      return;
    }
    if (res.error.status === 401) {
      navigate(ROUTES.login.path, true);
      return;
    }
    if (res.error.code === "IDENTITY_GRANT_EXPIRED") setData(null);
    setError(res.error);
  }

  async function open(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (!/^\d{6}$/.test(passcode)) {
      setError({ status: 0, code: "VALIDATION_FAILED", message: s.qr.passcodeFormat });
      return;
    }
    const code = passcode;
    setPasscode(""); // not kept once sent
    await request({ passcode: code });
  }

  async function refresh(fields: IdentityField[] = chosen) {
    if (!data || refreshing.current) return;
    refreshing.current = true;
    try {
      await request({ grant: data.grant, ...(data.level === 2 && { fields }) });
    } finally {
      refreshing.current = false;
    }
  }

  // The countdown, and a new code when it runs out.
  useEffect(() => {
    if (!data) return;
    const tick = () => {
      const seconds = Math.max(0, Math.ceil(msUntil(data.expiresAt) / 1000));
      setLeft(seconds);
      if (seconds <= 0) void refresh();
    };
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [data]);

  function toggle(field: IdentityField, on: boolean) {
    setChoiceError(false);
    setChosen((now) => IDENTITY_FIELDS.filter((f) => (f === field ? on : now.includes(f))));
  }

  function apply() {
    if (chosen.length === 0) {
      setChoiceError(true);
      return;
    }
    void refresh(chosen);
  }

  if (!data) {
    return (
      <>
        <Heading>{s.qr.title}</Heading>
        <p id="qr-intro">{s.qr.intro}</p>
        <form onSubmit={open} noValidate>
          <Field
            id="qr-passcode"
            label={s.qr.passcode}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            value={passcode}
            describedBy="qr-intro"
            onInput={(e) => setPasscode((e.currentTarget as HTMLInputElement).value.replace(/\D/g, "").slice(0, 6))}
          />
          <div aria-live="polite">{error ? <Alert error={error} /> : null}</div>
          <div class="actions">
            <Button type="submit" busy={busy}>
              {s.qr.open}
            </Button>
          </div>
        </form>
        <p class="note">
          <Link href={ROUTES.account.path}>{s.qr.back}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <Heading>{s.qr.title}</Heading>
      <figure class="identity-qr">
        <QrSvg text={data.token} label={s.qr.qrLabel} class="identity-qr-img" />
        {/* role="timer" is not allowed on a figcaption (axe aria-allowed-role): it goes on the text inside */}
        <figcaption class="identity-countdown">
          <span role="timer" aria-live="off">
            {busy ? s.qr.refreshing : s.qr.countdown(left)}
          </span>
        </figcaption>
        <progress class="identity-progress" max={data.ttl} value={left} aria-hidden="true" />
      </figure>
      <div aria-live="polite">{error ? <Alert error={error} /> : null}</div>
      <div class="actions">
        <Button variant="secondary" onClick={() => void refresh()} busy={busy}>
          {s.qr.refresh}
        </Button>
      </div>
      <h2>{s.qr.shared}</h2>
      <dl class="facts">
        {IDENTITY_FIELDS.filter((f) => data.values[f] !== undefined).map((f) => (
          <div key={f}>
            <dt>{s.fields[f]}</dt>
            <dd>{displayDate(data.values[f] ?? "")}</dd>
          </div>
        ))}
      </dl>
      {data.level === 2 ? (
        <fieldset class="identity-choose">
          <legend>{s.qr.choose}</legend>
          <p class="hint">{s.qr.chooseHint}</p>
          {data.available.map((f) => (
            <label class="check" key={f}>
              <input
                type="checkbox"
                checked={chosen.includes(f)}
                onChange={(e) => toggle(f, (e.currentTarget as HTMLInputElement).checked)}
              />
              <span>{s.fields[f]}</span>
            </label>
          ))}
          <div aria-live="polite">{choiceError ? <Alert error={{ message: s.qr.chooseNone }} /> : null}</div>
          <div class="actions">
            <Button onClick={apply} busy={busy}>
              {s.qr.apply}
            </Button>
          </div>
        </fieldset>
      ) : null}
      <p class="note">
        <Link href={ROUTES.account.path}>{s.qr.back}</Link>
      </p>
    </>
  );
}
