/**
 * One level-2 file, captured offline: the card (scanned or typed), the portrait, the phone and papers, the
 * citizen's consent; then sealed to the server's key and queued in IndexedDB.
 */
import { useEffect, useState } from "preact/hooks";
import { toBase64Url } from "../../../shared/base64url";
import { EVENT_PHOTO_MAX_BYTES, EVENT_PHOTO_MAX_SIDE, EventRecordPlain } from "../../../shared/event-schemas";
import { IntakeBody, OFFICER_FIELD_MESSAGES } from "../../../shared/officer-schemas";
import { type CardInputT, FIELD_MESSAGES } from "../../../shared/schemas";
import { sealRecord } from "../../../shared/seal";
import { CardFacts } from "../Card/CardFacts";
import { CardStep } from "../Card/CardStep";
import { Field, FormEnd, INPUT, useSchemaForm, useConsent } from "../form";
import { portraitFromFile } from "../Portrait/photo";
import { PortraitPreview, PortraitStep } from "../Portrait/PortraitStep";
import { Button, Heading } from "../ui";
import { tOfficer } from "../i18n/officer";
import { L, initialsOf, uuid } from "./common";
import { type LocalSession, addRecord } from "./store";
import { StepProgress } from "../flow/Progress";

const enc = new TextEncoder();

const STEPS = ["card", "photo", "details"] as const;
type Step = (typeof STEPS)[number];
const PAPERS = ["driverLicence", "healthInsurance", "vehicleRegistration"] as const;
type DetailKey = "phone" | (typeof PAPERS)[number];
const DUMMY_PHOTO = "AAAAAAAAAAAAAAAAAAAAAA";

function fieldsOf(card: CardInputT, v: Record<DetailKey, string>, consent: boolean) {
  const body: Record<string, unknown> = { card, phone: v.phone.trim(), consent };
  for (const k of PAPERS) if (v[k].trim()) body[k] = v[k].trim();
  return body;
}

/** The capture, step by step; `onSaved` gets the record's number. */
export function Capture({
  session,
  onSaved,
  onCancel,
}: {
  session: LocalSession;
  onSaved(seq: number): void;
  onCancel(): void;
}) {
  const l = L();
  const n = tOfficer().intake;
  const [step, setStep] = useState<Step>("card");
  const [card, setCard] = useState<CardInputT | null>(null);
  const [photo, setPhoto] = useState<{ blob: Blob; url: string } | null>(null);
  const consent = useConsent();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // checked as the office's intake checks them (no card yet: nothing to check)
  const form = useSchemaForm(
    "event-record",
    { phone: "", driverLicence: "", healthInsurance: "", vehicleRegistration: "" },
    IntakeBody,
    {
      body: (v) => (card ? { ...fieldsOf(card, v, true), photoId: DUMMY_PHOTO } : null),
      messages: { ...FIELD_MESSAGES, ...OFFICER_FIELD_MESSAGES },
    },
  );
  useEffect(() => () => void (photo && URL.revokeObjectURL(photo.url)), [photo]);
  const progress = (s: Step) => <StepProgress steps={STEPS} at={s} label={l.progress} />;

  async function save(e: Event) {
    e.preventDefault();
    if (saving || !card || !photo) return;
    const fieldsOk = form.check();
    if (!consent.checked) {
      consent.setError(l.consentRequired);
      return;
    }
    if (!fieldsOk) return;
    setSaving(true);
    setProblem(null);
    try {
      const capturedAt = Math.floor((Date.now() + session.clockOffset) / 1000);
      const jpeg = new Uint8Array(await new Response(photo.blob).arrayBuffer());
      const plain = EventRecordPlain.safeParse({
        ...fieldsOf(card, form.values, consent.checked),
        capturedAt,
        photo: toBase64Url(jpeg),
      });
      if (!plain.success) {
        setProblem(l.photoFailed);
        return;
      }
      const clientId = uuid();
      const sealed = await sealRecord(
        session.event.publicKey,
        { eventId: session.event.id, clientId },
        enc.encode(JSON.stringify(plain.data)),
      );
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
          void portraitFromFile(p.blob, { maxSide: EVENT_PHOTO_MAX_SIDE, maxBytes: EVENT_PHOTO_MAX_BYTES }).then(
            (small) => {
              URL.revokeObjectURL(p.url);
              if (!small) return setProblem(l.photoFailed);
              setPhoto({ blob: small.blob, url: URL.createObjectURL(small.blob) });
              setStep("details");
            },
          );
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
      {photo ? <PortraitPreview url={photo.url} label={l.portrait} /> : null}
      <form onSubmit={save} noValidate>
        <Field {...form.bind("phone")} {...INPUT.phone} label={l.phone} hint={l.phoneHint} autoComplete="off" />
        <fieldset class="group-box">
          <legend>{n.papers}</legend>
          {PAPERS.map((k) => (
            <Field
              key={k}
              {...form.bind(k)}
              label={n[k]}
              hint={k === "healthInsurance" ? n.healthInsuranceHint : n.optional}
              autoComplete="off"
              maxLength={32}
            />
          ))}
        </fieldset>
        <div class="notice fee">
          <p>
            <strong>{n.fee}</strong>
          </p>
        </div>
        {consent.field("event-consent", l.consent)}
        <FormEnd
          error={problem ? { message: problem } : null}
          busy={saving}
          submit={l.save}
          before={
            <Button variant="secondary" onClick={onCancel} disabled={saving}>
              {l.cancel}
            </Button>
          }
        />
      </form>
    </>
  );
}
