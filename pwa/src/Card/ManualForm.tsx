/**
 * "Không quét được QR code?": the card's details typed by hand, checked with the same rules as a scanned card
 * (`checkCard` against the device's today).
 */
import type { ComponentChildren, VNode } from "preact";
import { useEffect } from "preact/hooks";
import { CARD_MESSAGES, CARD_PROBLEM_FIELD, checkCard, tidy } from "../../../shared/cccd";
import { GENDERS, type Gender, isTwelveDigits } from "../../../shared/citizen";
import type { CardInputT } from "../../../shared/schemas";
import { t } from "../i18n";
import { Button, Heading } from "../ui";
import { localToday, parseDateInput } from "../../../shared/dates";
import { displayDate } from "../i18n/dates";
import { Field, FieldError, TextAreaField, useForm } from "../form";
import { tFlows } from "../i18n/flows";

export const CARD_KEYS = ["id", "oldId", "fullName", "dob", "gender", "address", "issued"] as const;
export type CardKey = (typeof CARD_KEYS)[number];
/** The schemas' paths of the card's fields in a request body (`card.id` …) → the form's. */
export const CARD_PATHS = Object.fromEntries(CARD_KEYS.map((k) => [`card.${k}`, k])) as Record<string, CardKey>;
type Values = Record<CardKey, string>;

function valuesOf(card: Partial<CardInputT>, expectedId: string): Values {
  return {
    id: card.id ?? expectedId,
    oldId: card.oldId ?? "",
    fullName: card.fullName ?? "",
    dob: card.dob ? displayDate(card.dob) : "",
    gender: card.gender ?? "",
    address: card.address ?? "",
    issued: card.issued ? displayDate(card.issued) : "",
  };
}

/** The typed values as a card body, or `null` while a date is unreadable or the gender is not chosen. */
function cardOf(v: Values): CardInputT | null {
  const dob = parseDateInput(v.dob);
  const issued = parseDateInput(v.issued);
  if (!dob || !issued || !(GENDERS as readonly string[]).includes(v.gender)) return null;
  return {
    id: v.id.trim(),
    oldId: v.oldId.trim(),
    fullName: tidy(v.fullName),
    dob,
    gender: v.gender as Gender,
    address: tidy(v.address),
    issued,
  };
}

function validate(v: Values, expectedId: string, idMessage: string): Partial<Record<CardKey, string>> {
  const errs: Partial<Record<CardKey, string>> = {};
  const id = v.id.trim();
  if (!isTwelveDigits(id)) errs.id = CARD_MESSAGES.id;
  else if (expectedId && id !== expectedId) errs.id = idMessage;
  if (!/^(\d{9}|\d{12})?$/.test(v.oldId.trim())) errs.oldId = CARD_MESSAGES["old-id"];
  if (!tidy(v.fullName)) errs.fullName = CARD_MESSAGES.name;
  if (!parseDateInput(v.dob)) errs.dob = CARD_MESSAGES.dob;
  if (!(GENDERS as readonly string[]).includes(v.gender))
    errs.gender = CARD_MESSAGES[v.gender ? "gender" : "gender-missing"];
  if (!tidy(v.address)) errs.address = CARD_MESSAGES.address;
  if (!parseDateInput(v.issued)) errs.issued = CARD_MESSAGES.issued;
  const card = cardOf(v);
  if (card && Object.keys(errs).length === 0) {
    const problem = checkCard(card, localToday());
    if (problem) errs[(CARD_PROBLEM_FIELD[problem] as CardKey | null) ?? "id"] = CARD_MESSAGES[problem];
  }
  return errs;
}

export function ManualForm({
  initial,
  expectedId,
  idMessage,
  progress,
  notice,
  serverErrors,
  alert,
  busy,
  onSubmit,
  onBack,
}: {
  initial: Partial<CardInputT>;
  expectedId: string;
  /** Said when the typed ID is not `expectedId`. */
  idMessage: string;
  progress: VNode;
  notice?: ComponentChildren;
  /** Field errors from the server (keys are card fields). */
  serverErrors?: Partial<Record<CardKey, string>> | undefined;
  /** The server's answer (alert and what to do), shown above the buttons. */
  alert?: ComponentChildren;
  busy: boolean;
  onSubmit(card: CardInputT): void;
  onBack(): void;
}) {
  const c = tFlows().card;
  const form = useForm<CardKey>(
    "card",
    valuesOf(initial, expectedId),
    (v) => validate(v, expectedId, idMessage),
    "blur",
  );

  useEffect(() => {
    if (serverErrors && Object.keys(serverErrors).length) form.setServerErrors(serverErrors);
  }, [serverErrors]);

  function submit(e: Event) {
    e.preventDefault();
    if (busy || !form.check()) return;
    const card = cardOf(form.values);
    if (card) onSubmit(card);
  }

  /** Shows what was understood (05091990 → 05/09/1990) when the field is left. */
  function dateField(k: "dob" | "issued", label: string) {
    const b = form.bind(k);
    return (
      <Field
        {...b}
        label={label}
        hint={c.dateHint}
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd/mm/yyyy"
        maxLength={10}
        onBlur={() => {
          const iso = parseDateInput(form.values[k]);
          if (iso && displayDate(iso) !== form.values[k]) form.set(k, displayDate(iso));
          b.onBlur();
        }}
      />
    );
  }

  const gender = form.bind("gender");
  const address = form.bind("address");
  const genderError = gender.error ? `${gender.id}-error` : undefined;
  return (
    <>
      <Heading>{c.manualTitle}</Heading>
      {progress}
      {notice}
      <p>{c.manualIntro}</p>
      <form onSubmit={submit} noValidate>
        <Field
          {...form.bind("id")}
          label={c.id}
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          spellcheck={false}
        />
        <Field
          {...form.bind("oldId")}
          label={c.oldId}
          hint={c.oldIdHint}
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          spellcheck={false}
        />
        <Field
          {...form.bind("fullName")}
          label={c.fullName}
          autoComplete="name"
          autoCapitalize="words"
          maxLength={200}
        />
        {dateField("dob", c.dob)}
        <fieldset class="field choices" aria-describedby={genderError}>
          <legend>{c.gender}</legend>
          <div class="choice-row">
            {GENDERS.map((g, i) => (
              <label class="choice" key={g}>
                <input
                  type="radio"
                  name="card-gender"
                  id={i === 0 ? gender.id : `${gender.id}-${i}`}
                  value={g}
                  checked={form.values.gender === g}
                  aria-invalid={gender.error ? "true" : undefined}
                  onChange={() => {
                    form.set("gender", g);
                    gender.onBlur();
                  }}
                />
                <span>{g === "Nam" ? c.male : c.female}</span>
              </label>
            ))}
          </div>
          {gender.error ? <FieldError id={genderError as string} text={gender.error} /> : null}
        </fieldset>
        {/* A long address must be seen whole before it is checked against the card: a text area, not one line. */}
        <TextAreaField
          id={address.id}
          label={c.address}
          value={address.value}
          error={address.error}
          onInput={(value) => form.set("address", value)}
          onBlur={address.onBlur}
          autoComplete="street-address"
          maxLength={500}
        />
        {dateField("issued", c.issued)}
        {alert}
        <div class="actions">
          <Button variant="secondary" onClick={onBack} disabled={busy}>
            {c.backToScan}
          </Button>
          <Button type="submit" busy={busy}>
            {t().common.continue}
          </Button>
        </div>
      </form>
    </>
  );
}
