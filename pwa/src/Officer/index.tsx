/**
 * `/can-bo/*`: the police-office console. "Đăng nhập cán bộ" (its own session, cookie `vneid_officer`, apart from
 * the citizens'), the first-login password change, then the officer's screens: "Tiếp nhận hồ sơ mức 2", "Hồ sơ chờ
 * duyệt", "Lịch hẹn hôm nay", "Người phụ thuộc chờ xác nhận", and for a province_admin "Báo cáo", "Nhật ký",
 * "Quản lý cán bộ" and "Tin nhắn lỗi". Loaded on demand (routes.tsx).
 */
import type { ComponentChildren, ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { OfficerMe, type OfficerMeT } from "../../../shared/officer-schemas";
import { type ApiError, anyAnswer, get, post, useRequest } from "../api";
import { Link, navigate, usePath } from "../router";
import { Alert, Button, Heading, Loading, Retry, useTitle } from "../ui";
import { EventScreen } from "../Event";
import { Appointments } from "./Appointments";
import { Audit } from "./Audit";
import { Dependants } from "./Dependants";
import type { ConsoleProps } from "./common";
import { FailedTexts } from "./FailedTexts";
import { FileDetail } from "./FileDetail";
import { Intake } from "./Intake";
import { OfficerLogin, OfficerPassword } from "./Login";
import { Officers } from "./Officers";
import { Queue } from "./Queue";
import { Reports } from "./Reports";
import { ROUTES, type Route } from "../routes";
import { tOfficer } from "../i18n/officer";
import { tEvent } from "../i18n/event";
import { tAdmin } from "../i18n/admin";

type Auth =
  | { kind: "loading" }
  | { kind: "in"; me: OfficerMeT }
  | { kind: "login"; error?: ApiError | undefined }
  | { kind: "change"; me?: OfficerMeT | undefined }
  | { kind: "error"; error: ApiError };

/** The signed-in officer, kept while the page lives (the cookie is HttpOnly). */
let cached: OfficerMeT | null = null;

const o = () => tOfficer().officer;

/**
 * The console's own screens: route, name (page title and menu entry), whether only a province_admin has it, and
 * whether it uses a desk's whole width (tables; the others keep the reading column of a form).
 */
const SCREENS: Array<{
  route: Route;
  Screen: ComponentType<ConsoleProps>;
  name(): string;
  admin?: boolean;
  wide?: boolean;
}> = [
  { route: ROUTES.officerIntake, Screen: Intake, name: () => o().intake },
  { route: ROUTES.officerQueue, Screen: Queue, name: () => o().queue, wide: true },
  { route: ROUTES.officerAppointments, Screen: Appointments, name: () => o().appointments },
  { route: ROUTES.officerDependants, Screen: Dependants, name: () => o().dependants },
  { route: ROUTES.officerReports, Screen: Reports, name: () => o().reports, admin: true, wide: true },
  { route: ROUTES.officerAudit, Screen: Audit, name: () => o().audit, admin: true, wide: true },
  { route: ROUTES.officerAdmin, Screen: Officers, name: () => tAdmin().title, admin: true, wide: true },
  { route: ROUTES.officerFailedTexts, Screen: FailedTexts, name: () => o().failedTexts, admin: true, wide: true },
];

/** One file of the queue: its id in the path. */
const fileIdOf = (path: string) => /^\/can-bo\/ho-so\/(\d{1,15})$/.exec(path)?.[1];

function titleOf(path: string): string {
  if (fileIdOf(path)) return o().queue;
  if (path === ROUTES.officerEvent.path) return tEvent().title;
  return SCREENS.find((x) => x.route.path === path)?.name() ?? o().consoleTitle;
}

/** The console's menu ("Tiếp nhận tại sự kiện" after the screens every officer has). */
function Menu({ me }: { me: OfficerMeT }) {
  const mine = SCREENS.filter((x) => !x.admin || me.role === "province_admin");
  const items: Array<[string, string]> = mine.map((x) => [x.route.path, x.name()]);
  items.splice(SCREENS.filter((x) => !x.admin).length, 0, [ROUTES.officerEvent.path, tEvent().menu]);
  return (
    <nav aria-label={o().nav}>
      <ul class="menu">
        {items.map(([href, label]) => (
          <li key={href}>
            <Link href={href} class="btn btn-secondary">
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Who is signed in, with "Đăng xuất"; on a screen other than the menu, the way back to it. */
function OfficerBar({ me, home, onLogout }: { me: OfficerMeT; home: boolean; onLogout(): void }) {
  const req = useRequest();
  async function logout() {
    if (req.busy) return;
    await req.run("logout", () => post("/api/officer/logout", {}, anyAnswer));
    onLogout();
  }
  return (
    <div class="officer-bar no-print">
      <p class="officer-who">
        {o().signedIn} <strong>{me.name}</strong> ({o().roles[me.role] ?? me.role}, {me.unit.name})
      </p>
      <div class="officer-bar-actions">
        {home ? null : (
          <Link href={ROUTES.officer.path} class="btn btn-secondary btn-small">
            {o().menu}
          </Link>
        )}
        <Button variant="secondary" onClick={() => void logout()} busy={req.busy === "logout"}>
          {o().logout}
        </Button>
      </div>
    </div>
  );
}

export function Officer() {
  const path = usePath();
  const [auth, setAuth] = useState<Auth>(() => (cached ? { kind: "in", me: cached } : { kind: "loading" }));
  const [attempt, setAttempt] = useState(0);
  /** On the event screen, the officer asked to log in (to start an event, to sync, or for a forgotten PIN). */
  const [eventLogin, setEventLogin] = useState(false);
  const [freshLogin, setFreshLogin] = useState(false);
  useTitle(auth.kind === "in" ? titleOf(path) : auth.kind === "change" ? o().passwordTitle : o().loginTitle);

  useEffect(() => {
    let live = true;
    void get("/api/officer/me", OfficerMe).then((res) => {
      if (!live) return;
      if (res.ok) {
        cached = res.data;
        setAuth({ kind: "in", me: res.data });
      } else {
        cached = null;
        if (res.error.code === "PASSWORD_CHANGE_REQUIRED") setAuth({ kind: "change" });
        else if (res.error.status === 401) setAuth({ kind: "login" });
        else if (res.error.code === "FORBIDDEN")
          setAuth({ kind: "login", error: { ...res.error, hint: o().citizenSession } });
        else setAuth({ kind: "error", error: res.error });
      }
    });
    return () => {
      live = false;
    };
  }, [attempt]);

  function sessionFailed(error: ApiError): boolean {
    if (error.code === "PASSWORD_CHANGE_REQUIRED") {
      cached = null;
      setAuth({ kind: "change" });
      return true;
    }
    if (error.status === 401) {
      cached = null;
      setAuth({ kind: "login", error });
      return true;
    }
    return false;
  }

  const event = (me: OfficerMeT | null) => (
    <EventScreen
      me={me}
      freshLogin={me ? freshLogin : false}
      onNeedLogin={() => {
        setEventLogin(true);
        setAuth({ kind: "login" });
      }}
      sessionFailed={sessionFailed}
    />
  );
  // The event screen works offline, with no officer session: it holds its own session and lock.
  const onEvent = path === ROUTES.officerEvent.path;
  if (onEvent && auth.kind !== "in" && auth.kind !== "change" && !(auth.kind === "login" && eventLogin)) {
    return <div class="console">{event(null)}</div>;
  }

  switch (auth.kind) {
    case "loading":
      return <Loading />;
    case "error":
      return (
        <>
          <Heading>{o().consoleTitle}</Heading>
          <Retry error={auth.error} onRetry={() => setAttempt((n) => n + 1)} />
        </>
      );
    case "login":
      return (
        <OfficerLogin
          notice={auth.error}
          onDone={(me, mustChange) => {
            setFreshLogin(true);
            cached = mustChange ? null : me;
            setAuth(mustChange ? { kind: "change", me } : { kind: "in", me });
          }}
        />
      );
    case "change":
      return (
        <OfficerPassword
          username={auth.me?.username}
          onDone={(me) => {
            cached = me;
            setAuth({ kind: "in", me });
          }}
          onSessionLost={(error) => setAuth({ kind: "login", error })}
        />
      );
  }

  const { me } = auth;
  const props: ConsoleProps = { me, sessionFailed };
  const onLogout = () => {
    cached = null;
    setAuth({ kind: "login" });
    navigate(ROUTES.officer.path);
  };
  const fileId = fileIdOf(path);
  const own = SCREENS.find((x) => x.route.path === path);
  let screen: ComponentChildren;
  if (path === ROUTES.officer.path) {
    screen = (
      <>
        <Heading>{o().consoleTitle}</Heading>
        <Menu me={me} />
      </>
    );
  } else if (own) screen = <own.Screen {...props} />;
  else if (fileId) screen = <FileDetail key={fileId} {...props} id={Number(fileId)} />;
  else if (onEvent) screen = event(me);
  else {
    screen = (
      <>
        <Heading>{o().consoleTitle}</Heading>
        <Alert error={{ message: o().notFound }} />
        <Menu me={me} />
      </>
    );
  }
  return (
    <div class={own?.wide || fileId ? "console console-wide" : "console"}>
      <OfficerBar me={me} home={path === ROUTES.officer.path} onLogout={onLogout} />
      {screen}
    </div>
  );
}
