/**
 * `/can-bo/su-kien`: "Tiếp nhận tại sự kiện" (issue 5). Started online ("Bắt đầu sự kiện": place, days, "Mã PIN"),
 * it then works with no network: each level-2 file (card scanned or typed, portrait, phone, papers, consent) is
 * sealed to the server's key on capture and queued in IndexedDB; the screen shows how many wait and the state of
 * each; the queue uploads on "Đồng bộ ngay", on the `online` event and at start; the sync report can be printed or
 * exported as CSV. The PIN locks the screens against a passer-by; logging in again online unlocks them too.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { OfficerMeT } from "../../../shared/officer-schemas";
import type { ApiError } from "../api";
import { displayDate } from "../i18n/dates";
import { holdUpdates, onUpdate } from "../sw-bridge";
import { Alert, Button, Heading } from "../ui";
import { Capture } from "./Capture";
import { L, isUnlocked, setUnlocked } from "./common";
import { Lock } from "./Lock";
import { Report } from "./Report";
import { StartForm } from "./StartForm";
import { type LocalRecord, type LocalSession, clearEvent, listRecords, loadSession } from "./store";
import { type SyncStatus, isSyncing, syncQueue, wakeSync } from "./sync";

export interface EventScreenProps {
  /** The officer logged in (online), or `null` (offline, or not logged in). */
  me: OfficerMeT | null;
  /** The officer just logged in on this page (unlocks a forgotten PIN). */
  freshLogin: boolean;
  onNeedLogin(): void;
  sessionFailed(error: ApiError): boolean;
}

export function EventScreen({ me, freshLogin, onNeedLogin, sessionFailed }: EventScreenProps) {
  const l = L();
  const [session, setSession] = useState<LocalSession | null | undefined>(undefined);
  const [records, setRecords] = useState<LocalRecord[]>([]);
  const [locked, setLocked] = useState(!isUnlocked());
  const [view, setView] = useState<"main" | "capture">("main");
  const [round, setRound] = useState(0);
  const [sync, setSync] = useState<SyncStatus>({ kind: "idle" });
  const [notice, setNotice] = useState<string | null>(null);
  const [online, setOnline] = useState(navigator.onLine);
  const [updateHeld, setUpdateHeld] = useState(false);
  const hold = useRef({ queued: 0, capturing: false });
  const queued = records.filter((r) => r.sealed).length;
  hold.current = { queued, capturing: view === "capture" };

  const refresh = async () => setRecords(await listRecords());

  useEffect(() => {
    void loadSession().then((s) => {
      setSession(s);
      if (s && freshLogin && me?.username === s.event.officer) {
        setUnlocked(true);
        setLocked(false);
      }
      if (!s || !s.pinHash) setLocked(false);
    });
    void refresh();
  }, [me?.username, freshLogin]);

  const runSync = (s: LocalSession) => {
    if (!navigator.onLine && isSyncing()) return wakeSync();
    void syncQueue(s.event.id, (status) => {
      setSync(status);
      void refresh();
    });
  };

  // Sync at start and whenever the network returns.
  useEffect(() => {
    if (!session) return;
    if (navigator.onLine) runSync(session);
    const up = () => {
      setOnline(true);
      runSync(session);
      wakeSync();
    };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, [session?.event.id]);

  // No reload under the officer's feet while records wait or a capture is open; lock when the phone is put away.
  useEffect(() => {
    const release = holdUpdates(() => hold.current.queued > 0 || hold.current.capturing);
    const off = onUpdate(() => setUpdateHeld(true));
    const hide = () => {
      if (document.visibilityState === "hidden" && session?.pinHash) {
        setUnlocked(false);
        setLocked(true);
      }
    };
    document.addEventListener("visibilitychange", hide);
    return () => {
      release();
      off();
      document.removeEventListener("visibilitychange", hide);
    };
  }, [session?.pinHash]);

  if (session === undefined)
    return (
      <p class="loading" role="status">
        …
      </p>
    );

  if (!session) {
    if (!me) {
      return (
        <>
          <Heading>{l.title}</Heading>
          <Alert error={{ message: l.needOnline }} />
          <div class="actions">
            <Button onClick={onNeedLogin}>{l.login}</Button>
          </div>
        </>
      );
    }
    return (
      <StartForm
        me={me}
        sessionFailed={sessionFailed}
        onStarted={(s, ready) => {
          setSession(s);
          setLocked(false);
          setNotice(ready ? null : l.prepareFailed);
        }}
      />
    );
  }

  if (locked) return <Lock session={session} onUnlocked={() => setLocked(false)} onLogin={onNeedLogin} />;

  if (view === "capture") {
    return (
      <Capture
        key={round}
        session={session}
        onCancel={() => setView("main")}
        onSaved={(seq) => {
          setNotice(l.saved(seq));
          setView("main");
          void refresh();
          if (navigator.onLine) runSync(session);
        }}
      />
    );
  }

  const e = session.event;
  const syncText =
    sync.kind === "running"
      ? l.syncing(sync.done, sync.total)
      : sync.kind === "waiting"
        ? l.syncRetry(sync.seconds)
        : sync.kind === "login"
          ? l.syncLogin
          : sync.kind === "forbidden"
            ? l.syncForbidden
            : sync.kind === "done" && !queued
              ? l.syncDone
              : "";
  return (
    <>
      <div class="no-print">
        <Heading>{l.title}</Heading>
        <p>{l.eventOf(e.place, displayDate(e.firstDay), displayDate(e.lastDay))}</p>
        <p class={online ? "notice" : "notice notice-warning"} role="status">
          {online ? l.online : l.offline}
        </p>
        <p class="event-waiting" data-testid="event-waiting" aria-live="polite">
          <strong>{l.waiting(queued)}</strong>
        </p>
        <p class="scan-status" aria-live="polite" data-testid="event-sync">
          {syncText}
        </p>
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        {updateHeld && queued ? <p class="notice">{l.updateHeld}</p> : null}
        {sync.kind === "login" ? (
          <div class="actions">
            <Button onClick={onNeedLogin}>{l.login}</Button>
          </div>
        ) : null}
        <div class="actions actions-stack">
          <Button
            onClick={() => {
              setNotice(null);
              setRound((r) => r + 1);
              setView("capture");
            }}
          >
            {l.capture}
          </Button>
          <Button variant="secondary" onClick={() => runSync(session)} disabled={!queued}>
            {l.syncNow}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              setUnlocked(false);
              setLocked(true);
            }}
          >
            {l.lock}
          </Button>
        </div>
      </div>
      <Report session={session} records={records} />
      <div class="actions no-print">
        <Button
          variant="secondary"
          onClick={async () => {
            if (queued) return setNotice(l.endBlocked);
            if (!window.confirm(l.endConfirm)) return;
            if (await clearEvent()) {
              setSession(null);
              setRecords([]);
            } else setNotice(l.endBlocked);
          }}
        >
          {l.end}
        </Button>
      </div>
    </>
  );
}
