/**
 * `/tai-khoan`: the logged-in citizen's home. Without a session it sends the citizen to `/dang-nhap`. Below the
 * account's facts, "Hồ sơ của tôi" (the citizen's own files, `GET /api/track/mine`, loaded on demand) and, below
 * level 2, "Đặt lịch hẹn" at a police unit (seed 001, Phụ lục 1 III, level 1: item 2).
 */
import { useEffect } from "preact/hooks";
import { anyAnswer, post, useRequest } from "../api";
import { deviceName, getDeviceId } from "../device";
import { t } from "../i18n";
import { vnDateTime } from "../i18n/dates";
import { tFlows } from "../i18n/flows";
import { lazyPart, whenIdle } from "../lazy";
import { Link, navigate } from "../router";
import { ROUTES } from "../routes";
import { setMe } from "../session";
import { Alert, Button, Heading, Loading, NoteLink, Retry } from "../ui";
import { useMe } from "../useLoggedInData";

/** "Hồ sơ của tôi" (its strings are the officer catalogue's). */
const MyFiles = lazyPart(() => import("./MyFiles").then((m) => m.MyFiles));
/** The card section: "Có giá trị đến", the expiry warning, papers, dependants, notifications. */
const CardSection = lazyPart(() => import("./CardSummary").then((m) => m.CardSummary));

/** "Bảo mật tài khoản": "Quản lý thiết bị", "Hoạt động của tôi", "Quên mã passcode" (accounts with a passcode). */
function SecurityLinks({ canPasscode }: { canPasscode: boolean }) {
  const l = tFlows().links;
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

/** What the citizen does next, with the link to it. */
function NextStep({ text, href, label }: { text: string; href: string; label: string }) {
  return (
    <div class="notice">
      <p>{text}</p>
      <div class="actions">
        <Link href={href} class="btn">
          {label}
        </Link>
      </div>
    </div>
  );
}

export function Account() {
  const { me, error, reload } = useMe();
  const req = useRequest();

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
    return error ? (
      <>
        <Heading>{t().titles.account}</Heading>
        <Retry error={error} onRetry={reload} />
      </>
    ) : (
      <Loading />
    );
  }

  const s = tFlows().account;
  const thisDevice = me.device !== null && me.device.deviceId === getDeviceId();
  const pendingLevel = me.status === "pending" ? (me.application?.level ?? (me.level === 0 ? 1 : me.level)) : null;
  return (
    <>
      <Heading>{t().titles.account}</Heading>
      {pendingLevel !== null ? (
        <div class="notice notice-warn" role="status">
          <p>
            <strong>{s.pending(pendingLevel)}</strong>
          </p>
          {me.application ? (
            <p>
              {s.submittedAt} {vnDateTime(me.application.submittedAt)}
            </p>
          ) : null}
          <p>{s.pendingNext}</p>
        </div>
      ) : null}
      {me.status === "approved" ? (
        <NextStep text={s.approvedNext} href={ROUTES.activate.path} label={s.activate} />
      ) : null}
      {canApply ? <NextStep text={s.appNotice} href={ROUTES.level1.path} label={s.level1} /> : null}
      <dl class="facts">
        <div>
          <dt>{s.fullName}</dt>
          <dd class="full-name">{me.fullName}</dd>
        </div>
        <div>
          <dt>{s.citizenId}</dt>
          <dd>{me.citizenId}</dd>
        </div>
        <div>
          <dt>{s.level}</dt>
          <dd>{s.levels[me.level]}</dd>
        </div>
        <div>
          <dt>{s.status}</dt>
          <dd>{s.statuses[me.status]}</dd>
        </div>
        <div>
          <dt>{s.phone}</dt>
          <dd>{me.maskedPhone}</dd>
        </div>
        <div>
          <dt>{s.device}</dt>
          <dd>
            {me.device ? (
              <>
                <span class="device-name">{deviceName(me.device)}</span>
                {thisDevice ? <strong> {s.thisDevice}</strong> : null}
                <br />
                {s.boundAt} {vnDateTime(me.device.boundAt)}
              </>
            ) : (
              s.noDevice
            )}
          </dd>
        </div>
      </dl>
      {me.status === "active" ? (
        <div class="actions">
          <Link href={ROUTES.identityQr.path} class="btn btn-secondary">
            {tFlows().links.identityQr}
          </Link>
        </div>
      ) : null}
      <CardSection me={me} />
      <MyFiles />
      <SecurityLinks canPasscode={me.status === "active"} />
      {me.level < 2 && me.status !== "pending" ? (
        <NoteLink text={t().links.bookingNote} href={ROUTES.booking.path}>
          {t().links.booking}
        </NoteLink>
      ) : null}
      {req.error ? <Alert error={req.error} /> : null}
      <div class="actions">
        <Button variant="secondary" onClick={logout} busy={req.busy === "logout"}>
          {s.logout}
        </Button>
      </div>
    </>
  );
}
