/**
 * `/can-bo/su-kien`: "Tiếp nhận tại sự kiện" (issue 5). Started online ("Bắt đầu sự kiện": place, days, "Mã PIN"),
 * it then works with no network: each level-2 file (card scanned or typed, portrait, phone, papers, consent) is
 * sealed to the server's key on capture and queued in IndexedDB; the screen shows how many wait and the state of
 * each; the queue uploads on "Đồng bộ ngay", on the `online` event and at start; the sync report can be printed or
 * exported as CSV. The PIN locks the screens against a passer-by; logging in again online unlocks them too.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import {
  EVENT_PHOTO_MAX_BYTES,
  EVENT_PHOTO_MAX_SIDE,
  EventRecordPlain,
  EventSession,
} from "../../../shared/event-schemas";
import { IntakeBody, OFFICER_FIELD_MESSAGES, type OfficerMeT, UnitsResponse } from "../../../shared/officer-schemas";
import { type CardInputT, FIELD_MESSAGES, SecurityQuestionsResponse } from "../../../shared/schemas";
import { sealRecord, toBase64Url } from "../../../shared/seal";
import { type ApiError, get, post, useRequest, serverClock } from "../api";
import { CardFacts } from "../Card/CardFacts";
import { CardStep } from "../Card/CardStep";
import { errorText } from "../i18n";
import { viEvent } from "../i18n/vi/event";
import { enEvent } from "../i18n/en/event";
import { pick as pickLang } from "../lang";
import { portraitFromFile } from "../Portrait/photo";
import { PortraitStep } from "../Portrait/PortraitStep";
import { holdUpdates, onUpdate } from "../sw-bridge";
import { Alert, Button, Heading, Progress } from "../ui";
import { type LocalRecord, type LocalSession, addRecord, clearEvent, listRecords, loadSession, saveSession } from "./store";
import { type SyncStatus, isSyncing, syncQueue, wakeSync } from "./sync";
import { vnToday } from "../../../shared/dates";
import { displayDate, numericVnDateTime } from "../i18n/dates";
import { Field, FieldError, issuesByField, errorsFor, useForm } from "../form";

const L = () => pickLang(viEvent, enEvent);

/** Unlocked in this page (by the PIN or a fresh login); a reload locks again. */
let unlocked = false;

// ------------------------------------------------------------------------------------------------------------------
// Helpers.

const enc = new TextEncoder();

async function hashPin(pin: string, salt: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", enc.encode(pin), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: enc.encode(salt), iterations: 100_000 }, key, 256);
  return toBase64Url(new Uint8Array(bits));
}

function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** "H.V.N" from "Hoàng Văn Nam": the only trace of a name the phone keeps. */
export function initialsOf(fullName: string): string {
  return fullName
    .trim()
    .split(/\s+/)
    .map((w) => w.normalize("NFD").charAt(0).toUpperCase())
    .join(".");
}

/** Downloads the assets an offline day needs into the caches the service worker answers them from. */
async function precacheForEvent(): Promise<boolean> {
  if (!("caches" in window)) return true;
  try {
    const res = await fetch("/event-assets.json", { cache: "no-store" });
    if (!res.ok) return false;
    const lists = (await res.json()) as Record<string, string[]>;
    await Promise.all(Object.entries(lists).map(async ([cache, urls]) => (await caches.open(cache)).addAll(urls)));
    return true;
  } catch {
    return false;
  }
}

function result(r: LocalRecord): string {
  const l = L();
  if (r.state === "accepted" && r.reference) return l.referenceOf(r.reference);
  if (r.state === "duplicate") return l.existingOf(r.reference ?? null);
  if (r.state === "rejected") return errorText({ code: r.code ?? undefined, message: r.message ?? r.code ?? "" });
  return "";
}

// ------------------------------------------------------------------------------------------------------------------
// "Bắt đầu sự kiện".

const START_KEYS = ["place", "firstDay", "lastDay", "pin", "pinConfirm"] as const;
type StartKey = (typeof START_KEYS)[number];

function StartForm({ me, sessionFailed, onStarted }: { me: OfficerMeT; sessionFailed(e: ApiError): boolean; onStarted(s: LocalSession, ready: boolean): void }) {
  const l = L();
  const req = useRequest();
  const [preparing, setPreparing] = useState(false);
  const today = vnToday(serverClock);
  const form = useForm<StartKey>(
    "event",
    { place: "", firstDay: today, lastDay: today, pin: "", pinConfirm: "" },
    (v) => {
      const errors: Partial<Record<StartKey, string>> = {};
      if (!v.place.trim()) errors.place = l.placeRequired;
      if (!/^\d{4,8}$/.test(v.pin)) errors.pin = l.pinInvalid;
      else if (v.pin !== v.pinConfirm) errors.pinConfirm = l.pinMismatch;
      if (v.lastDay < v.firstDay) errors.lastDay = l.daysInvalid;
      return errors;
    },
    "blur",
  );

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const v = form.values;
    const res = await req.run("start", () =>
      post("/api/officer/events", { place: v.place.trim(), firstDay: v.firstDay, lastDay: v.lastDay }, EventSession),
    );
    if (!res.ok) {
      if (sessionFailed(res.error)) return;
      req.setError(res.error);
      return;
    }
    const serverNow = Date.parse(res.data.createdAt);
    const salt = uuid();
    const [units, questions, pinHash] = await Promise.all([
      get("/api/units", UnitsResponse),
      get("/api/security-questions", SecurityQuestionsResponse),
      hashPin(v.pin, salt),
    ]);
    const session: LocalSession = {
      event: res.data,
      pinHash,
      pinSalt: salt,
      clockOffset: Number.isFinite(serverNow) ? serverNow - Date.now() : 0,
      units: units.ok ? units.data : null,
      questions: questions.ok ? questions.data : null,
      nextSeq: 1,
    };
    await saveSession(session);
    unlocked = true;
    setPreparing(true);
    const ready = await precacheForEvent();
    setPreparing(false);
    onStarted(session, ready);
  }

  return (
    <>
      <Heading>{l.startTitle}</Heading>
      <p>{l.startIntro}</p>
      <p>
        {me.name} · {me.unit.name}
      </p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("place")} label={l.place} hint={l.placeHint} maxLength={200} autoComplete="off" />
        <Field {...form.bind("firstDay")} label={l.firstDay} type="date" />
        <Field {...form.bind("lastDay")} label={l.lastDay} type="date" />
        <Field {...form.bind("pin")} label={l.pin} hint={l.pinHint} type="password" inputMode="numeric" autoComplete="off" maxLength={8} />
        <Field {...form.bind("pinConfirm")} label={l.pinConfirm} type="password" inputMode="numeric" autoComplete="off" maxLength={8} />
        {req.error ? <Alert error={req.error} /> : null}
        <p class="scan-status" aria-live="polite">
          {preparing ? l.preparing : ""}
        </p>
        <div class="actions">
          <Button type="submit" busy={!!req.busy || preparing}>
            {l.start}
          </Button>
        </div>
      </form>
    </>
  );
}

// ------------------------------------------------------------------------------------------------------------------
// The lock.

function Lock({ session, onUnlocked, onLogin }: { session: LocalSession; onUnlocked(): void; onLogin(): void }) {
  const l = L();
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const ok = (await hashPin(pin, session.pinSalt)) === session.pinHash;
    setBusy(false);
    if (ok) {
      unlocked = true;
      onUnlocked();
    } else {
      setError(l.pinWrong);
      setPin("");
    }
  }
  return (
    <>
      <Heading>{l.lockedTitle}</Heading>
      <p>{l.lockedIntro}</p>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="event-unlock-pin">{l.pin}</label>
          <input
            id="event-unlock-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? "event-unlock-error" : undefined}
            onInput={(e) => setPin((e.currentTarget as HTMLInputElement).value)}
          />
          {error ? <FieldError id="event-unlock-error" text={error} /> : null}
        </div>
        <div aria-live="assertive" class="sr-only">
          {error ?? ""}
        </div>
        <div class="actions actions-stack">
          <Button type="submit" busy={busy}>
            {l.unlock}
          </Button>
          <Button variant="secondary" onClick={onLogin}>
            {l.forgotPin}
          </Button>
        </div>
      </form>
    </>
  );
}

// ------------------------------------------------------------------------------------------------------------------
// Capture.

const STEPS = ["card", "photo", "details"] as const;
type Step = (typeof STEPS)[number];
const DETAIL_KEYS = ["phone", "driverLicence", "healthInsurance", "vehicleRegistration"] as const;
type DetailKey = (typeof DETAIL_KEYS)[number];
const PAPERS = ["driverLicence", "healthInsurance", "vehicleRegistration"] as const;
const DUMMY_PHOTO = "AAAAAAAAAAAAAAAAAAAAAA";

function fieldsOf(card: CardInputT, v: Record<DetailKey, string>, consent: boolean) {
  const body: Record<string, unknown> = { card, phone: v.phone.trim(), consent };
  for (const k of PAPERS) if (v[k].trim()) body[k] = v[k].trim();
  return body;
}

function Capture({ session, onSaved, onCancel }: { session: LocalSession; onSaved(seq: number): void; onCancel(): void }) {
  const l = L();
  const [step, setStep] = useState<Step>("card");
  const [card, setCard] = useState<CardInputT | null>(null);
  const [photo, setPhoto] = useState<{ blob: Blob; url: string } | null>(null);
  const [consent, setConsent] = useState(false);
  const [consentError, setConsentError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<DetailKey>(
    "event-record",
    { phone: "", driverLicence: "", healthInsurance: "", vehicleRegistration: "" },
    (v) =>
      card
        ? errorsFor(
            issuesByField(IntakeBody.safeParse({ ...fieldsOf(card, v, true), photoId: DUMMY_PHOTO }), { ...FIELD_MESSAGES, ...OFFICER_FIELD_MESSAGES }),
            DETAIL_KEYS,
          )
        : {},
    "blur",
  );
  useEffect(() => () => void (photo && URL.revokeObjectURL(photo.url)), [photo]);
  const progress = (s: Step) => <Progress step={STEPS.indexOf(s) + 1} total={STEPS.length} label={l.progress} />;

  async function save(e: Event) {
    e.preventDefault();
    if (saving || !card || !photo) return;
    const fieldsOk = form.check();
    if (!consent) {
      setConsentError(l.consentRequired);
      return;
    }
    if (!fieldsOk) return;
    setSaving(true);
    setProblem(null);
    try {
      const capturedAt = Math.floor((Date.now() + session.clockOffset) / 1000);
      const jpeg = new Uint8Array(await new Response(photo.blob).arrayBuffer());
      const plain = EventRecordPlain.safeParse({ ...fieldsOf(card, form.values, consent), capturedAt, photo: toBase64Url(jpeg) });
      if (!plain.success) {
        setProblem(l.photoFailed);
        return;
      }
      const clientId = uuid();
      const sealed = await sealRecord(session.event.publicKey, { eventId: session.event.id, clientId }, enc.encode(JSON.stringify(plain.data)));
      const seq = await addRecord({
        clientId,
        eventId: session.event.id,
        capturedAt,
        state: "queued",
        initials: initialsOf(card.fullName),
        last3: card.id.slice(-3),
        sealed,
      });
      onSaved(seq);
    } catch {
      setProblem(l.sealFailed);
    } finally {
      setSaving(false);
    }
  }

  if (step === "card") {
    return (
      <CardStep
        title={l.scanTitle}
        progress={progress("card")}
        expectedId=""
        manualIdMessage=""
        busy={false}
        onSubmit={(c) => {
          setCard(c);
          setStep(photo ? "details" : "photo");
        }}
        onBack={onCancel}
      />
    );
  }
  if (step === "photo") {
    return (
      <PortraitStep
        progress={progress("photo")}
        onDone={() => undefined}
        onBack={() => setStep("card")}
        onCaptured={(p) => {
          void portraitFromFile(p.blob, { maxSide: EVENT_PHOTO_MAX_SIDE, maxBytes: EVENT_PHOTO_MAX_BYTES }).then((small) => {
            URL.revokeObjectURL(p.url);
            if (!small) return setProblem(l.photoFailed);
            setPhoto({ blob: small.blob, url: URL.createObjectURL(small.blob) });
            setStep("details");
          });
        }}
      />
    );
  }
  return (
    <>
      <Heading>{l.detailsTitle}</Heading>
      {progress("details")}
      <p>{l.detailsIntro}</p>
      {card ? <CardFacts card={card} /> : null}
      {photo ? (
        <figure class="portrait-preview portrait-small">
          <img src={photo.url} alt={l.portrait} />
          <figcaption>{l.portrait}</figcaption>
        </figure>
      ) : null}
      <form onSubmit={save} noValidate>
        <Field {...form.bind("phone")} label={l.phone} hint={l.phoneHint} type="tel" inputMode="tel" autoComplete="off" maxLength={20} />
        <fieldset class="group-box">
          <legend>{l.papers}</legend>
          <Field {...form.bind("driverLicence")} label={l.driverLicence} hint={l.optional} autoComplete="off" maxLength={32} />
          <Field {...form.bind("healthInsurance")} label={l.healthInsurance} hint={l.healthInsuranceHint} autoComplete="off" maxLength={32} />
          <Field {...form.bind("vehicleRegistration")} label={l.vehicleRegistration} hint={l.optional} autoComplete="off" maxLength={32} />
        </fieldset>
        <div class="notice fee">
          <p>
            <strong>{l.fee}</strong>
          </p>
        </div>
        <div class="field">
          <label class="check">
            <input
              type="checkbox"
              id="event-consent"
              checked={consent}
              aria-invalid={consentError ? "true" : undefined}
              aria-describedby={consentError ? "event-consent-error" : undefined}
              onChange={(e) => {
                setConsent((e.currentTarget as HTMLInputElement).checked);
                setConsentError(null);
              }}
            />
            <span>{l.consent}</span>
          </label>
          {consentError ? <FieldError id="event-consent-error" text={consentError} /> : null}
        </div>
        {problem ? <Alert error={{ message: problem }} /> : null}
        <div class="actions">
          <Button variant="secondary" onClick={onCancel} disabled={saving}>
            {l.cancel}
          </Button>
          <Button type="submit" busy={saving}>
            {l.save}
          </Button>
        </div>
      </form>
    </>
  );
}

// ------------------------------------------------------------------------------------------------------------------
// The report.

function csvOf(records: LocalRecord[]): string {
  const l = L();
  const cell = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [l.csvHeader.join(",")];
  for (const r of records) {
    lines.push(
      [String(r.seq), numericVnDateTime(r.capturedAt), r.initials, r.last3, l.states[r.state] ?? r.state, r.reference ?? "", r.state === "rejected" ? result(r) : ""]
        .map(cell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Report({ session, records }: { session: LocalSession; records: LocalRecord[] }) {
  const l = L();
  const count = (s: string) => records.filter((r) => r.state === s).length;
  return (
    <section class="event-report" aria-labelledby="event-report-title">
      <h2 id="event-report-title">{l.report}</h2>
      <p>
        {l.eventOf(session.event.place, displayDate(session.event.firstDay), displayDate(session.event.lastDay))} · {session.event.unit.name}
      </p>
      <p data-testid="event-counts">{l.reportCounts(count("accepted"), count("duplicate"), count("rejected"), count("queued"))}</p>
      {records.length ? (
        <div class="table-wrap">
          <table class="event-table">
            <thead>
              <tr>
                <th scope="col">{l.seq}</th>
                <th scope="col">{l.time}</th>
                <th scope="col">{l.citizen}</th>
                <th scope="col">{l.state}</th>
                <th scope="col">{l.result}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.clientId} data-state={r.state} data-testid="event-record">
                  <td>{r.seq}</td>
                  <td>{numericVnDateTime(r.capturedAt)}</td>
                  <td>
                    {r.initials} · …{r.last3}
                  </td>
                  <td>{l.states[r.state] ?? r.state}</td>
                  <td>{result(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{l.none}</p>
      )}
      <div class="actions no-print">
        <Button variant="secondary" onClick={() => window.print()} disabled={!records.length}>
          {l.print}
        </Button>
        <Button variant="secondary" onClick={() => download(`bao-cao-su-kien-${session.event.firstDay}.csv`, csvOf(records))} disabled={!records.length}>
          {l.csv}
        </Button>
      </div>
    </section>
  );
}

// ------------------------------------------------------------------------------------------------------------------
// The screen.

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
  const [locked, setLocked] = useState(!unlocked);
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
        unlocked = true;
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
        unlocked = false;
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

  if (session === undefined) return <p class="loading" role="status">…</p>;

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
              unlocked = false;
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
