/**
 * "Tiếp nhận hồ sơ mức 2" (seed 001, section 3): the citizen's chip ID card read with the registration's card screen
 * (the live camera "Quét mã QR", a photo "Chụp ảnh mã QR", or typed "Không quét được QR code?") and reviewed; a
 * portrait taken on the spot (`POST /api/officer/photo`); the citizen's own phone (required), the driver licence,
 * health insurance and vehicle registration numbers (optional), "Không thu lệ phí", the citizen's consent; then
 * "Tạo hồ sơ" (`POST /api/officer/intake`) and the printable receipt.
 */
import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { messageFor } from "../../../shared/messages";
import {
  IntakeBody,
  IntakeResponse,
  OFFICER_FIELD_MESSAGES,
  PAPER_EXPIRY_FIELD,
} from "../../../shared/officer-schemas";
import { type CardInputT, FIELD_MESSAGES } from "../../../shared/schemas";
import { type ApiError, post, useRequest, serverNow } from "../api";
import { CardFacts } from "../Card/CardFacts";
import { CardStep } from "../Card/CardStep";
import { CARD_KEYS, type CardKey } from "../Card/ManualForm";
import { enCard } from "../i18n/en/card";
import { viCard } from "../i18n/vi/card";
import { pick as pickLang } from "../lang";
import { vo } from "../i18n-officer";
import { liveDict } from "../i18n/live";
import { PortraitStep, type UploadedPortrait } from "../Portrait/PortraitStep";
import { Alert, Button, Heading, Progress } from "../ui";
import { type ConsoleProps, useUnits } from "./common";
import { Receipt, type ReceiptData } from "./Receipt";
import { parseDateInput } from "../../../shared/dates";
import { Field, FieldError, issuesByField, errorsFor, serverFields, useForm, SelectField } from "../form";

const n = liveDict(() => vo.intake);
const STEPS = ["card", "photo", "details"] as const;
type Stage = (typeof STEPS)[number] | "receipt";

function progress(step: (typeof STEPS)[number]): VNode {
  return <Progress step={STEPS.indexOf(step) + 1} total={STEPS.length} label={n.progress} />;
}

const KEYS = [
  "phone",
  "driverLicence",
  "driverLicenceExpiry",
  "healthInsurance",
  "healthInsuranceExpiry",
  "vehicleRegistration",
  "vehicleRegistrationExpiry",
] as const;
type Key = (typeof KEYS)[number];
const PAPERS = ["driverLicence", "healthInsurance", "vehicleRegistration"] as const;

/** The request body from what was typed; empty papers are left out; expiry dates typed dd/mm/yyyy go as ISO. */
function bodyOf(card: CardInputT, photoId: string, v: Record<Key, string>, consent: boolean, unitCode: string | null) {
  const body: Record<string, unknown> = { card, phone: v.phone.trim(), photoId, consent };
  for (const k of PAPERS) if (v[k].trim()) body[k] = v[k].trim();
  for (const k of PAPERS) {
    const typed = v[PAPER_EXPIRY_FIELD[k]].trim();
    if (typed) body[PAPER_EXPIRY_FIELD[k]] = parseDateInput(typed) ?? typed;
  }
  if (unitCode) body.unitCode = unitCode;
  return body;
}

function Details({
  me,
  card,
  photo,
  sessionFailed,
  onCreated,
  onRetake,
  onRescan,
  onCardErrors,
}: ConsoleProps & {
  card: CardInputT;
  photo: UploadedPortrait;
  onCreated(data: ReceiptData): void;
  onRetake(): void;
  onRescan(): void;
  onCardErrors(errors: Partial<Record<CardKey, string>>): void;
}) {
  const req = useRequest();
  const admin = me.role === "province_admin";
  const [consent, setConsent] = useState(false);
  const [consentError, setConsentError] = useState<string | null>(null);
  const [unitCode, setUnitCode] = useState(me.unit.code);
  const loadedUnits = useUnits(admin);
  const units = loadedUnits.length ? loadedUnits : [me.unit];
  const form = useForm<Key>(
    "intake",
    {
      phone: "",
      driverLicence: "",
      driverLicenceExpiry: "",
      healthInsurance: "",
      healthInsuranceExpiry: "",
      vehicleRegistration: "",
      vehicleRegistrationExpiry: "",
    },
    (v) =>
      errorsFor(
        issuesByField(IntakeBody.safeParse(bodyOf(card, photo.photoId, v, true, null)), { ...FIELD_MESSAGES, ...OFFICER_FIELD_MESSAGES }),
        KEYS,
      ),
    "blur",
  );

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy) return;
    const fieldsOk = form.check();
    if (!consent) {
      setConsentError(messageFor("CONSENT_REQUIRED"));
      if (fieldsOk) document.getElementById("intake-consent")?.focus();
      return;
    }
    if (!fieldsOk) return;
    const body = IntakeBody.safeParse(bodyOf(card, photo.photoId, form.values, consent, admin && unitCode !== me.unit.code ? unitCode : null));
    if (!body.success) return;
    const res = await req.run("create", () => post("/api/officer/intake", body.data, IntakeResponse));
    if (res.ok) {
      const unit = units.find((u) => u.code === (body.data.unitCode ?? me.unit.code)) ?? me.unit;
      onCreated({ ...res.data, card, unitName: unit.name, at: new Date(serverNow()).toISOString() });
      return;
    }
    if (sessionFailed(res.error)) return;
    const fields = serverFields(res.error);
    const cardFields = errorsFor(fields, CARD_KEYS, Object.fromEntries(CARD_KEYS.map((k) => [`card.${k}`, k])) as Record<string, CardKey>);
    if (Object.keys(cardFields).length) return onCardErrors(cardFields);
    if (fields.consent) setConsentError(fields.consent);
    req.setError(res.error);
    form.setServerErrors(errorsFor(fields, KEYS));
  }

  const ci = pickLang(viCard, enCard).intake;
  const expiryField = (k: (typeof PAPERS)[number]) => (
    <Field {...form.bind(PAPER_EXPIRY_FIELD[k])} label={ci.expiryOf[k]} hint={ci.expiryHint} inputMode="numeric" autoComplete="off" maxLength={10} />
  );

  const error = req.error;
  const code = error?.code;
  const shown: ApiError | null = error
    ? { ...error, ...(error.hint ? { hint: code === "LEVEL2_EXISTS" ? n.existing(error.hint) : error.hint } : {}) }
    : null;
  const consentErrorId = "intake-consent-error";
  return (
    <>
      <Heading>{n.detailsTitle}</Heading>
      {progress("details")}
      <p>{n.detailsIntro}</p>
      <CardFacts card={card} />
      <figure class="portrait-preview portrait-small">
        <img src={photo.url} alt={n.portrait} />
        <figcaption>{n.portrait}</figcaption>
      </figure>
      <div class="actions no-print">
        <Button variant="secondary" onClick={onRescan} disabled={!!req.busy}>
          {n.scanAgain}
        </Button>
        <Button variant="secondary" onClick={onRetake} disabled={!!req.busy}>
          {n.photoAgain}
        </Button>
      </div>
      <form onSubmit={submit} noValidate class="intake-form">
        <Field
          {...form.bind("phone")}
          label={n.phone}
          hint={n.phoneHint}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          maxLength={20}
        />
        <fieldset class="group-box">
          <legend>{n.papers}</legend>
          <Field {...form.bind("driverLicence")} label={n.driverLicence} hint={n.optional} autoComplete="off" autoCapitalize="characters" spellcheck={false} maxLength={32} />
          {expiryField("driverLicence")}
          <Field
            {...form.bind("healthInsurance")}
            label={n.healthInsurance}
            hint={n.healthInsuranceHint}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            maxLength={32}
          />
          {expiryField("healthInsurance")}
          <Field
            {...form.bind("vehicleRegistration")}
            label={n.vehicleRegistration}
            hint={n.optional}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            maxLength={32}
          />
          {expiryField("vehicleRegistration")}
        </fieldset>
        {admin ? (
          <SelectField id="intake-unit" label={n.unit} value={unitCode} onChange={setUnitCode}>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div class="notice fee">
          <p>
            <strong>{n.fee}</strong>
          </p>
          <p>{n.feeNote}</p>
        </div>
        <div class="field">
          <label class="check">
            <input
              type="checkbox"
              id="intake-consent"
              checked={consent}
              aria-invalid={consentError ? "true" : undefined}
              aria-describedby={consentError ? consentErrorId : undefined}
              onChange={(e) => {
                setConsent((e.currentTarget as HTMLInputElement).checked);
                setConsentError(null);
              }}
            />
            <span>{n.consent}</span>
          </label>
          {consentError ? <FieldError id={consentErrorId} text={consentError} /> : null}
        </div>
        {shown ? <Alert error={shown} /> : null}
        {code === "PHOTO_NOT_FOUND" ? (
          <div class="after-alert">
            <Button variant="secondary" onClick={onRetake}>
              {n.photoAgain}
            </Button>
          </div>
        ) : null}
        {code === "REGISTRY_MISMATCH" || code === "CARD_INVALID" ? (
          <div class="after-alert">
            <Button variant="secondary" onClick={onRescan}>
              {n.scanAgain}
            </Button>
          </div>
        ) : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "create"}>
            {n.submit}
          </Button>
        </div>
      </form>
    </>
  );
}

export function Intake(props: ConsoleProps) {
  const { sessionFailed } = props;
  const [round, setRound] = useState(0);
  const [stage, setStage] = useState<Stage>("card");
  const [card, setCard] = useState<CardInputT | null>(null);
  const [cardErrors, setCardErrors] = useState<Partial<Record<CardKey, string>> | undefined>(undefined);
  const [photo, setPhoto] = useState<UploadedPortrait | null>(null);
  const [receipt, setReceipt] = useState<ReceiptData | null>(null);

  useEffect(
    () => () => {
      if (photo) URL.revokeObjectURL(photo.url);
    },
    [photo],
  );

  function restart() {
    setCard(null);
    setCardErrors(undefined);
    setPhoto(null);
    setReceipt(null);
    setStage("card");
    setRound((r) => r + 1);
  }

  switch (stage) {
    case "card":
      // No ID is typed before the card here (expectedId ""): the officer takes whichever card the citizen hands over.
      return (
        <CardStep
          key={`card-${round}`}
          title={n.title}
          progress={progress("card")}
          notice={
            <div class="notice">
              <p>{n.notice}</p>
            </div>
          }
          expectedId=""
          manualIdMessage=""
          busy={false}
          cardErrors={cardErrors}
          onSubmit={(c) => {
            setCard(c);
            setCardErrors(undefined);
            setStage(photo ? "details" : "photo");
          }}
        />
      );
    case "photo":
      return (
        <PortraitStep
          key={`photo-${round}`}
          progress={progress("photo")}
          uploadPath="/api/officer/photo"
          onUnauthenticated={() => sessionFailed({ status: 401, code: "UNAUTHENTICATED", message: messageFor("UNAUTHENTICATED") })}
          onDone={(p) => {
            setPhoto(p);
            setStage("details");
          }}
          onBack={() => setStage("card")}
        />
      );
    case "details":
      return card && photo ? (
        <Details
          key={`details-${round}`}
          {...props}
          card={card}
          photo={photo}
          onCreated={(data) => {
            setReceipt(data);
            setStage("receipt");
          }}
          onRetake={() => {
            setPhoto(null);
            setStage("photo");
          }}
          onRescan={() => setStage("card")}
          onCardErrors={(errs) => {
            setCardErrors(errs);
            setStage("card");
          }}
        />
      ) : null;
    default:
      return receipt ? <Receipt data={receipt} onAnother={restart} /> : null;
  }
}
