/**
 * `/tai-khoan`: the logged-in citizen's home. Without a session it sends the citizen to `/dang-nhap`. Below the
 * account's facts, "Hồ sơ của tôi" (the citizen's own files, `GET /api/track/mine`, loaded on demand) and, below
 * level 2, "Đặt lịch hẹn" at a police unit (seed 001, Phụ lục 1 III, level 1: item 2).
 */
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { MeResponseT } from "../../../shared/schemas";
import { type ApiError, anyAnswer, post, useRequest } from "../api";
import { getDeviceId } from "../device";
import { enIdentityLinks } from "../i18n/en/identity-links";
import { viIdentityLinks } from "../i18n/vi/identity-links";
import { enSecurityLinks } from "../i18n/en/security-links";
import { viSecurityLinks } from "../i18n/vi/security-links";
import { pick as pickLang } from "../lang";
import { langReady, t } from "../i18n";
import { localDateTime } from "../i18n/dates";
import { whenIdle } from "../lazy";
import { Link, navigate } from "../router";
import { cachedMe, fetchMe, setMe } from "../session";
import { Alert, Button, Heading } from "../ui";
import { ROUTES } from "../routes";

/** "Hồ sơ của tôi", fetched on demand: nothing until the chunk and the list arrive, or if either fails. */
function MyFiles() {
  const [Files, setFiles] = useState<ComponentType | null>(null);
  useEffect(() => {
    let live = true;
    // its strings (i18n-officer) register when the chunk runs; in English, wait for their English too
    import("./MyFiles")
      .then((m) => langReady().then(() => m))
      .then(
        (m) => live && setFiles(() => m.MyFiles),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, []);
  return Files ? <Files /> : null;
}

/** "Bảo mật tài khoản": "Quản lý thiết bị", "Hoạt động của tôi", "Quên mã passcode" (accounts with a passcode). */
function SecurityLinks({ canPasscode }: { canPasscode: boolean }) {
  const l = pickLang(viSecurityLinks, enSecurityLinks);
  return (
    <nav class="security-links" aria-label={l.securityTitle}>
      <h2>{l.securityTitle}</h2>
      <ul>
        <li>
          <Link href={ROUTES.devices.path}>{l.devices}</Link>
        </li>
        <li>
          <Link href={ROUTES.activity.path}>{l.activity}</Link>
        </li>
        {canPasscode ? (
          <li>
            <Link href={ROUTES.forgotPasscode.path}>{l.forgotPasscode}</Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** The card section ("Có giá trị đến", the expiry warning, papers, dependants, notifications), fetched on demand. */
function CardSection({ me }: { me: MeResponseT }) {
  const [Summary, setSummary] = useState<ComponentType<{ me: MeResponseT }> | null>(null);
  useEffect(() => {
    let live = true;
    import("./CardSummary").then(
      (m) => live && setSummary(() => m.CardSummary),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return Summary ? <Summary me={me} /> : null;
}

/** `dd/mm/yyyy hh:mm` in local time. */
export function Account() {
  const [me, setMeState] = useState<MeResponseT | null>(cachedMe);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const req = useRequest();

  useEffect(() => {
    let live = true;
    void fetchMe().then((res) => {
      if (!live) return;
      if (res.ok) {
        setMeState(res.data);
        setLoadError(null);
      } else if (res.error.status === 401) {
        navigate(ROUTES.login.path, true);
      } else {
        setLoadError(res.error);
      }
    });
    return () => {
      live = false;
    };
  }, [attempt]);

  const canApply = me?.level === 0 && me.status === "app";
  useEffect(() => (canApply ? whenIdle(ROUTES.level1.screen.preload) : undefined), [canApply]);

  async function logout() {
    if (req.busy) return;
    const res = await req.run("logout", () => post("/api/auth/logout", {}, anyAnswer));
    if (!res.ok && res.error.status !== 401) {
      req.setError(res.error);
      return;
    }
    setMe(null);
    navigate(ROUTES.home.path);
  }

  if (!me) {
    return loadError ? (
      <>
        <Heading>{t.account.title}</Heading>
        <Alert error={loadError} />
        <div class="actions">
          <Button onClick={() => setAttempt((n) => n + 1)}>{t.common.retry}</Button>
        </div>
      </>
    ) : (
      <p class="loading" role="status">
        {t.common.loading}
      </p>
    );
  }

  const thisDevice = me.device !== null && me.device.deviceId === getDeviceId();
  const pendingLevel = me.status === "pending" ? (me.application?.level ?? (me.level === 0 ? 1 : me.level)) : null;
  return (
    <>
      <Heading>{t.account.title}</Heading>
      {pendingLevel !== null ? (
        <div class="notice notice-warn" role="status">
          <p>
            <strong>{t.account.pending(pendingLevel)}</strong>
          </p>
          {me.application ? (
            <p>
              {t.account.submittedAt} {localDateTime(me.application.submittedAt)}
            </p>
          ) : null}
          <p>{t.account.pendingNext}</p>
        </div>
      ) : null}
      {me.status === "approved" ? (
        <div class="notice">
          <p>{t.account.approvedNext}</p>
          <div class="actions">
            <Link href={ROUTES.activate.path} class="btn">
              {t.account.activate}
            </Link>
          </div>
        </div>
      ) : null}
      {canApply ? (
        <div class="notice">
          <p>{t.account.appNotice}</p>
          <div class="actions">
            <Link href={ROUTES.level1.path} class="btn">
              {t.account.level1}
            </Link>
          </div>
        </div>
      ) : null}
      <dl class="facts">
        <div>
          <dt>{t.account.fullName}</dt>
          <dd class="full-name">{me.fullName}</dd>
        </div>
        <div>
          <dt>{t.account.citizenId}</dt>
          <dd>{me.citizenId}</dd>
        </div>
        <div>
          <dt>{t.account.level}</dt>
          <dd>{t.account.levels[me.level]}</dd>
        </div>
        <div>
          <dt>{t.account.status}</dt>
          <dd>{t.account.statuses[me.status]}</dd>
        </div>
        <div>
          <dt>{t.account.phone}</dt>
          <dd>{me.maskedPhone}</dd>
        </div>
        <div>
          <dt>{t.account.device}</dt>
          <dd>
            {me.device ? (
              <>
                <code class="device-id">{me.device.deviceId}</code>
                {thisDevice ? <strong> {t.account.thisDevice}</strong> : null}
                <br />
                {t.account.boundAt} {localDateTime(me.device.boundAt)}
              </>
            ) : (
              t.account.noDevice
            )}
          </dd>
        </div>
      </dl>
      {me.status === "active" ? (
        <div class="actions">
          <Link href={ROUTES.identityQr.path} class="btn btn-secondary">
            {pickLang(viIdentityLinks, enIdentityLinks).qr}
          </Link>
        </div>
      ) : null}
      <CardSection me={me} />
      <MyFiles />
      <SecurityLinks canPasscode={me.status === "active"} />
      {me.level < 2 && me.status !== "pending" ? (
        <p class="note">
          {t.links.bookingNote} <Link href={ROUTES.booking.path}>{t.links.booking}</Link>
        </p>
      ) : null}
      {req.error ? <Alert error={req.error} /> : null}
      <div class="actions">
        <Button variant="secondary" onClick={logout} busy={req.busy === "logout"}>
          {t.account.logout}
        </Button>
      </div>
    </>
  );
}
