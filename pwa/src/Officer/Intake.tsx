/**
 * "Tiếp nhận hồ sơ mức 2" (seed 001, section 3): the citizen's chip ID card read with the registration's card screen
 * (the live camera "Quét mã QR", a photo "Chụp ảnh mã QR", or typed "Không quét được QR code?") and reviewed; a
 * portrait taken on the spot (`POST /api/officer/photo`); the citizen's own phone (required), the driver licence,
 * health insurance and vehicle registration numbers (optional), "Không thu lệ phí", the citizen's consent; then
 * "Tạo hồ sơ" (`POST /api/officer/intake`) and the printable receipt.
 */
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import type * as z from "zod/mini";
import { parseDateInput } from "../../../shared/dates";
import { messageFor } from "../../../shared/messages";
import {
  IntakeBody,
  IntakeResponse,
  OFFICER_FIELD_MESSAGES,
  PAPER_EXPIRY_FIELD,
} from "../../../shared/officer-schemas";
import { type CardInputT, FIELD_MESSAGES } from "../../../shared/schemas";
import { type ApiError, post, serverNow } from "../api";
import { CardFacts } from "../Card/CardFacts";
import { CardStep } from "../Card/CardStep";
import { CARD_KEYS, CARD_PATHS, type CardKey } from "../Card/ManualForm";
import { StepProgress } from "../flow/Progress";
import { AfterAlert, Field, FormEnd, INPUT, errorsFor, serverFields, useSchemaForm, useConsent } from "../form";
import { tCard } from "../i18n/card";
import { tOfficer } from "../i18n/officer";
import { PortraitPreview, PortraitStep, type UploadedPortrait } from "../Portrait/PortraitStep";
import { Button, Heading } from "../ui";
import { type ConsoleProps, useUnits, UnitSelect } from "./common";
import { Receipt, type ReceiptData } from "./Receipt";

const n = () => tOfficer().intake;
const STEPS = ["card", "photo", "details"] as const;
type Stage = (typeof STEPS)[number] | "receipt";

const progress = (step: (typeof STEPS)[number]) => <StepProgress steps={STEPS} at={step} label={n().progress} />;

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
  const admin = me.role === "province_admin";
  const consent = useConsent();
  const [unitCode, setUnitCode] = useState(me.unit.code);
  const loadedUnits = useUnits(admin);
  const units = loadedUnits.length ? loadedUnits : [me.unit];
  const initial = Object.fromEntries(KEYS.map((k) => [k, ""])) as Record<Key, string>;
  const form = useSchemaForm("intake", initial, IntakeBody, {
    body: (v) => bodyOf(card, photo.photoId, v, true, null),
    messages: { ...FIELD_MESSAGES, ...OFFICER_FIELD_MESSAGES },
  });
  const req = form.req;

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy) return;
    const fieldsOk = form.check();
    if (!consent.checked) {
      consent.setError(messageFor("CONSENT_REQUIRED"));
      if (fieldsOk) document.getElementById("intake-consent")?.focus();
      return;
    }
    if (!fieldsOk) return;
    const body = IntakeBody.safeParse(
      bodyOf(card, photo.photoId, form.values, consent.checked, admin && unitCode !== me.unit.code ? unitCode : null),
    );
    if (!body.success) return;
    const created = (data: z.infer<typeof IntakeResponse>) => {
      const unit = units.find((u) => u.code === (body.data.unitCode ?? me.unit.code)) ?? me.unit;
      onCreated({ ...data, card, unitName: unit.name, at: new Date(serverNow()).toISOString() });
    };
    await form.send("create", () => post("/api/officer/intake", body.data, IntakeResponse), created, {
      failed: (error) => {
        if (sessionFailed(error)) return true;
        const fields = serverFields(error);
        const cardFields = errorsFor(fields, CARD_KEYS, CARD_PATHS);
        if (Object.keys(cardFields).length) return (onCardErrors(cardFields), true);
        if (fields.consent) consent.setError(fields.consent);
        return false;
      },
    });
  }

  const n = tOfficer().intake;
  const ci = tCard().intake;
  const code = req.error?.code;
  const shown: ApiError | null = req.error
    ? {
        ...req.error,
        ...(req.error.hint ? { hint: code === "LEVEL2_EXISTS" ? n.existing(req.error.hint) : req.error.hint } : {}),
      }
    : null;
  return (
    <>
      <Heading>{n.detailsTitle}</Heading>
      {progress("details")}
      <p>{n.detailsIntro}</p>
      <CardFacts card={card} />
      <PortraitPreview url={photo.url} label={n.portrait} />
      <div class="actions no-print">
        <Button variant="secondary" onClick={onRescan} disabled={!!req.busy}>
          {n.scanAgain}
        </Button>
        <Button variant="secondary" onClick={onRetake} disabled={!!req.busy}>
          {n.photoAgain}
        </Button>
      </div>
      <form onSubmit={submit} noValidate class="intake-form">
        <Field {...form.bind("phone")} {...INPUT.phone} label={n.phone} hint={n.phoneHint} autoComplete="off" />
        <fieldset class="group-box">
          <legend>{n.papers}</legend>
          {PAPERS.map((k) => (
            <Fragment key={k}>
              <Field
                {...form.bind(k)}
                {...INPUT.code}
                label={n[k]}
                hint={k === "healthInsurance" ? n.healthInsuranceHint : n.optional}
                maxLength={32}
              />
              <Field
                {...form.bind(PAPER_EXPIRY_FIELD[k])}
                label={ci.expiryOf[k]}
                hint={ci.expiryHint}
                inputMode="numeric"
                autoComplete="off"
                maxLength={10}
              />
            </Fragment>
          ))}
        </fieldset>
        {admin ? (
          <UnitSelect id="intake-unit" label={n.unit} value={unitCode} onChange={setUnitCode} units={units} />
        ) : null}
        <div class="notice fee">
          <p>
            <strong>{n.fee}</strong>
          </p>
          <p>{n.feeNote}</p>
        </div>
        {consent.field("intake-consent", n.consent)}
        <FormEnd error={shown} busy={req.busy === "create"} submit={n.submit}>
          {code === "PHOTO_NOT_FOUND" ? <AfterAlert action={[n.photoAgain, onRetake]} /> : null}
          {code === "REGISTRY_MISMATCH" || code === "CARD_INVALID" ? (
            <AfterAlert action={[n.scanAgain, onRescan]} />
          ) : null}
        </FormEnd>
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
          title={n().title}
          progress={progress("card")}
          notice={
            <div class="notice">
              <p>{n().notice}</p>
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
          onUnauthenticated={() =>
            sessionFailed({ status: 401, code: "UNAUTHENTICATED", message: messageFor("UNAUTHENTICATED") })
          }
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
