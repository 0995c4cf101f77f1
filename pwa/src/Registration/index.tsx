/**
 * `/dang-ky`: "Đăng ký" (seed 001, step 3). The personal ID number and phone number, then the chip ID card
 * (scanned, photographed or typed) → `POST /api/registration/start`, where the server checks the registry ("Đạt")
 * and texts the OTP; then the shared OTP and password steps (pwa/src/flow/), against `/api/registration/*`.
 */
import { useEffect, useState } from "preact/hooks";
import { RecoveryStartBody as IdentBody } from "../../../shared/account-schemas";
import {
  type CardInputT,
  FIELD_MESSAGES,
  RegistrationStartBody,
  RegistrationState,
  type RegistrationStateT,
} from "../../../shared/schemas";
import { type ApiError, useRequest } from "../api";
import { CardStep } from "../Card/CardStep";
import { CARD_KEYS, CARD_PATHS, type CardKey } from "../Card/ManualForm";
import { type FlowApi, apiCall } from "../flow/flow";
import { OtpStep } from "../flow/OtpStep";
import { PasswordStep } from "../flow/PasswordStep";
import { StepProgress } from "../flow/Progress";
import { useServerFlow } from "../flow/useServerFlow";
import { AfterAlert, Field, INPUT, errorsFor, serverFields, useSchemaForm } from "../form";
import { t } from "../i18n";
import { tCard } from "../i18n/card";
import { tFlows } from "../i18n/flows";
import { Link } from "../router";
import { ROUTES } from "../routes";
import { Alert, Button, Heading, Loading, NoteLink, Success } from "../ui";
import { mark } from "../marks";

type Ident = { citizenId: string; phone: string };
const IDENT_KEYS = ["citizenId", "phone"] as const;

const REGISTRATION_API: FlowApi<RegistrationStateT> = {
  base: "/api/registration",
  schema: RegistrationState,
  storageKey: "vneid.registrationFlowId",
};

const STEPS = ["form", "card", "otp", "password"] as const;
const progress = (step: (typeof STEPS)[number]) => (
  <StepProgress steps={STEPS} at={step} label={tFlows().registration.progress} />
);

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
  const { fields } = t();
  const r = tFlows().registration;
  // checked as the server will check them
  const form = useSchemaForm("reg", initial, IdentBody, { messages: FIELD_MESSAGES, mode: "input" });
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
        <Field {...form.bind("citizenId")} {...INPUT.citizenId} label={fields.citizenId} hint={fields.citizenIdHint} />
        <Field
          {...form.bind("phone")}
          {...INPUT.phone}
          label={fields.phone}
          hint={`${fields.phoneHint} ${r.phoneSmsHint}`}
        />
        <div class="actions">
          <Button type="submit">{r.submit}</Button>
        </div>
      </form>
      <NoteLink text={r.haveAccount} href={ROUTES.login.path}>
        {t().common.login}
      </NoteLink>
    </>
  );
}

/** The server's answer to a card, with what the citizen can do about it. */
function StartAlert({ error, onEditIdent }: { error: ApiError; onEditIdent(): void }) {
  const r = tFlows().registration;
  const help: Partial<Record<string, [text: string, href: string, label: string]>> = {
    ACCOUNT_EXISTS: [r.accountExistsHelp, ROUTES.login.path, t().common.login],
    ACCOUNT_EXISTS_ACTIVATE: [r.accountExistsActivateHelp, ROUTES.activate.path, r.activate],
    UNDER_14: [tCard().registration.under14Hint, ROUTES.dependants.path, tCard().registration.under14Link],
  };
  const link = help[error.code];
  return (
    <>
      <Alert error={error} />
      {link ? (
        <AfterAlert text={link[0]}>
          <Link href={link[1]} class="btn btn-secondary">
            {link[2]}
          </Link>
        </AfterAlert>
      ) : null}
      {error.code === "REGISTRY_MISMATCH" ? (
        <AfterAlert>
          <Button variant="secondary" onClick={onEditIdent}>
            {r.editPhone}
          </Button>
        </AfterAlert>
      ) : null}
    </>
  );
}

// The module ran: the screen opened, not merely prefetched (prefetch.ts; tests/browser read the mark).
mark("vneid-screen-Registration");

export function Registration() {
  const server = useServerFlow(REGISTRATION_API);
  const { flow, resuming, flowError, cancelling, advance, cancel } = server;
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
      req.setError({ status: 0, code: "VALIDATION_FAILED", message: t().common.invalid });
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
    const cardFields = errorsFor(fields, CARD_KEYS, CARD_PATHS);
    if (Object.keys(cardFields).length) setCardErrors(cardFields);
    req.setError(res.error);
  }

  if (resuming) return <Loading />;
  if (!flow) {
    if (flowError) return server.gone(tFlows().registration.title);
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
        title={tFlows().scan.title}
        progress={progress("card")}
        expectedId={ident.citizenId}
        manualIdMessage={tFlows().card.idNotTyped}
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

  switch (flow.step) {
    case "otp":
      return (
        <OtpStep
          key="otp"
          {...server.stepProps(progress("otp"))}
          api={REGISTRATION_API}
          onCancel={cancel}
          cancelling={cancelling}
        />
      );
    case "password":
      return <PasswordStep key="password" {...server.stepProps(progress("password"))} api={REGISTRATION_API} />;
    default: {
      const r = tFlows().registration;
      return (
        <Success key="done" title={r.doneTitle} text={r.doneText}>
          <Link href={ROUTES.login.path} class="btn">
            {t().common.login}
          </Link>
        </Success>
      );
    }
  }
}
