/** "Bắt đầu sự kiện" (online): the place, the days and the PIN; then the assets an offline day needs are fetched. */
import { useState } from "preact/hooks";
import { EventSession } from "../../../shared/event-schemas";
import { type OfficerMeT, UnitsResponse } from "../../../shared/officer-schemas";
import { SecurityQuestionsResponse } from "../../../shared/schemas";
import { vnToday } from "../../../shared/dates";
import { type ApiError, get, post, serverClock, useRequest } from "../api";
import { Field, FormEnd, useForm } from "../form";
import { Heading } from "../ui";
import { L, setUnlocked, uuid } from "./common";
import { hashPin } from "./pin";
import { type LocalSession, saveSession } from "./store";

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

const START_KEYS = ["place", "firstDay", "lastDay", "pin", "pinConfirm"] as const;
type StartKey = (typeof START_KEYS)[number];

/** The form; `onStarted` gets the session and whether the offline assets are in. */
export function StartForm({
  me,
  sessionFailed,
  onStarted,
}: {
  me: OfficerMeT;
  sessionFailed(e: ApiError): boolean;
  onStarted(s: LocalSession, ready: boolean): void;
}) {
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
    setUnlocked(true);
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
        <Field
          {...form.bind("pin")}
          label={l.pin}
          hint={l.pinHint}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
        />
        <Field
          {...form.bind("pinConfirm")}
          label={l.pinConfirm}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
        />
        <FormEnd error={req.error} busy={!!req.busy || preparing} submit={l.start}>
          <p class="scan-status" aria-live="polite">
            {preparing ? l.preparing : ""}
          </p>
        </FormEnd>
      </form>
    </>
  );
}
