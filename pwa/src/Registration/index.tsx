/**
 * `/dang-ky`: "Đăng ký" (seed 001, step 3). The personal ID number and phone number, then the chip ID card
 * (scanned, photographed or typed) → `POST /api/registration/start`, where the server checks the registry ("Đạt")
 * and texts the OTP; then the activation's own OTP and password steps, against `/api/registration/*`.
 * Loaded on demand (see lazy.tsx).
 */
import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import * as z from "zod/mini";
import { CitizenId, FIELD_MESSAGES, Phone, RegistrationStartBody, RegistrationState, type CardInputT, type RegistrationStateT } from "../../../shared/schemas";
import type { ApiError } from "../api";
import { apiCall, type FlowApi } from "../flow/flow";
import { OtpStep } from "../flow/OtpStep";
import { PasswordStep } from "../flow/PasswordStep";
import { useServerFlow } from "../flow/useServerFlow";
import { CardStep } from "../Card/CardStep";
import type { CardKey } from "../Card/ManualForm";
import { CARD_KEYS } from "../Card/ManualForm";
import { t } from "../i18n";
import { tf } from "../i18n-flows";
import { enCard } from "../i18n/en/card";
import { viCard } from "../i18n/vi/card";
import { pick as pickLang } from "../lang";
import { liveDict } from "../i18n/live";
import { Link } from "../router";
import { Alert, Button, Heading, Progress } from "../ui";
import { useRequest } from "../api";
import { Field, issuesByField, errorsFor, serverFields, useForm } from "../form";
import { ROUTES } from "../routes";

const IDENT_KEYS = ["citizenId", "phone"] as const;
type IdentKey = (typeof IDENT_KEYS)[number];
type Ident = Record<IdentKey, string>;

/** The first screen's fields, checked as the server will check them. */
const IdentBody = z.strictObject({ citizenId: CitizenId, phone: Phone });

const REGISTRATION_API: FlowApi<RegistrationStateT> = {
  base: "/api/registration",
  schema: RegistrationState,
  storageKey: "vneid.registrationFlowId",
};

const STEPS = ["form", "card", "otp", "password"] as const;
const r = liveDict(() => tf.registration);

function progress(step: (typeof STEPS)[number]): VNode {
  return <Progress step={STEPS.indexOf(step) + 1} total={STEPS.length} label={r.progress} />;
}

/** Step 1: "Số định danh cá nhân" and "Số điện thoại", then "Đăng ký". Nothing is sent yet. */
function IdentForm({
  initial,
  serverErrors,
  onNext,
}: {
  initial: Ident;
  serverErrors: Partial<Ident>;
  onNext(values: Ident): void;
}) {
  const form = useForm<IdentKey>("reg", initial, (v) => errorsFor(issuesByField(IdentBody.safeParse(v), FIELD_MESSAGES), IDENT_KEYS), "input");
  // Errors the server found in these fields (sent back from the card step) show until the field is edited.
  useEffect(() => {
    if (Object.keys(serverErrors).length) form.setServerErrors(serverErrors);
  }, []);

  function submit(e: Event) {
    e.preventDefault();
    if (!form.check()) return;
    onNext({ citizenId: form.values.citizenId.trim(), phone: form.values.phone.trim() });
  }

  return (
    <>
      <Heading>{r.title}</Heading>
      {progress("form")}
      <p>{r.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field
          {...form.bind("citizenId")}
          label={t.start.citizenId}
          hint={t.start.citizenIdHint}
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          spellcheck={false}
        />
        <Field
          {...form.bind("phone")}
          label={t.start.phone}
          hint={`${t.start.phoneHint} ${r.phoneSmsHint}`}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={20}
        />
        <div class="actions">
          <Button type="submit">{r.submit}</Button>
        </div>
      </form>
      <p class="note">
        {r.haveAccount} <Link href={ROUTES.login.path}>{t.common.login}</Link>
      </p>
    </>
  );
}

function Done() {
  return (
    <>
      <div class="success-mark" aria-hidden="true">
        ✓
      </div>
      <Heading>{r.doneTitle}</Heading>
      <p>{r.doneText}</p>
      <div class="actions">
        <Link href={ROUTES.login.path} class="btn">
          {t.common.login}
        </Link>
      </div>
    </>
  );
}

/** The server's answer to a card, with what the citizen can do about it. */
function StartAlert({ error, onEditIdent }: { error: ApiError; onEditIdent(): void }) {
  return (
    <>
      <Alert error={error} />
      {error.code === "ACCOUNT_EXISTS" ? (
        <div class="after-alert">
          <p>{r.accountExistsHelp}</p>
          <Link href={ROUTES.login.path} class="btn btn-secondary">
            {t.common.login}
          </Link>
        </div>
      ) : null}
      {error.code === "ACCOUNT_EXISTS_ACTIVATE" ? (
        <div class="after-alert">
          <p>{r.accountExistsActivateHelp}</p>
          <Link href={ROUTES.activate.path} class="btn btn-secondary">
            {r.activate}
          </Link>
        </div>
      ) : null}
      {error.code === "UNDER_14" ? (
        <div class="after-alert">
          <p>{pickLang(viCard, enCard).registration.under14Hint}</p>
          <Link href={ROUTES.dependants.path} class="btn btn-secondary">
            {pickLang(viCard, enCard).registration.under14Link}
          </Link>
        </div>
      ) : null}
      {error.code === "REGISTRY_MISMATCH" ? (
        <div class="after-alert">
          <Button variant="secondary" onClick={onEditIdent}>
            {r.editPhone}
          </Button>
        </div>
      ) : null}
    </>
  );
}

export function Registration() {
  const server = useServerFlow(REGISTRATION_API);
  const { flow, resuming, flowError, cancelling, advance, flowFailed, cancel, errorBox } = server;
  const [stage, setStage] = useState<"form" | "card">("form");
  const [ident, setIdent] = useState<Ident>({ citizenId: "", phone: "" });
  const [identErrors, setIdentErrors] = useState<Partial<Ident>>({});
  const [cardErrors, setCardErrors] = useState<Partial<Record<CardKey, string>> | undefined>(undefined);
  const req = useRequest();

  function editIdent() {
    req.setError(null);
    setCardErrors(undefined);
    setIdentErrors({});
    setStage("form");
  }

  async function submitCard(card: CardInputT) {
    if (req.busy) return;
    setCardErrors(undefined);
    const body = RegistrationStartBody.safeParse({ ...ident, card });
    if (!body.success) {
      // The form and the card were checked already; this only happens if the two disagree with the schema.
      req.setError({ status: 0, code: "VALIDATION_FAILED", message: t.common.invalid });
      return;
    }
    const res = await req.run("start", () => apiCall(REGISTRATION_API, "start", body.data));
    if (res.ok) {
      advance(res.data);
      return;
    }
    const fields = serverFields(res.error);
    const identFields = errorsFor(fields, IDENT_KEYS);
    if (Object.keys(identFields).length) {
      setIdentErrors(identFields);
      setStage("form");
      return;
    }
    const cardFields = errorsFor(
      fields,
      CARD_KEYS,
      Object.fromEntries(CARD_KEYS.map((k) => [`card.${k}`, k])) as Record<string, CardKey>,
    );
    if (Object.keys(cardFields).length) setCardErrors(cardFields);
    req.setError(res.error);
  }

  if (resuming) {
    return (
      <p class="loading" role="status">
        {t.common.loading}
      </p>
    );
  }

  if (!flow) {
    if (flowError) {
      return (
        <>
          <Heading>{r.title}</Heading>
          {errorBox}
        </>
      );
    }
    if (stage === "form") {
      return (
        <IdentForm
          initial={ident}
          serverErrors={identErrors}
          onNext={(values) => {
            setIdent(values);
            setIdentErrors({});
            req.setError(null);
            setStage("card");
          }}
        />
      );
    }
    return (
      <CardStep
        title={tf.scan.title}
        progress={progress("card")}
        expectedId={ident.citizenId}
        manualIdMessage={tf.card.idNotTyped}
        busy={req.busy === "start"}
        alert={req.error ? <StartAlert error={req.error} onEditIdent={editIdent} /> : null}
        cardErrors={cardErrors}
        onSubmit={(card) => void submitCard(card)}
        onReset={() => {
          req.setError(null);
          setCardErrors(undefined);
        }}
        onBack={editIdent}
      />
    );
  }

  const withError = (step: "otp" | "password") => (
    <>
      {progress(step)}
      {errorBox}
    </>
  );
  const props = { flow, advance, flowFailed };
  switch (flow.step) {
    case "otp":
      return (
        <OtpStep
          key="otp"
          {...props}
          api={REGISTRATION_API}
          progress={withError("otp")}
          onCancel={cancel}
          cancelling={cancelling}
        />
      );
    case "password":
      return <PasswordStep key="password" {...props} api={REGISTRATION_API} progress={withError("password")} />;
    default:
      return <Done key="done" />;
  }
}
