/**
 * One file of the queue (`GET /api/officer/applications/:id`, which marks a pending file "under review"): the
 * portrait, the card, the phone, the papers, the timeline, who took, opened and decided it (by name); "Phê duyệt", or
 * "Từ chối" with "Lý do từ chối" (required), each confirmed with "Đồng ý" / "Hủy". When another officer decided
 * first, the server's ALREADY_DECIDED message shows and the file reloads. A file whose phone is not the account's
 * current one says so ("Số điện thoại khác với số đang dùng cho tài khoản"); the officer who took a file sees the
 * server's SELF_APPROVAL refusal if they try to approve it.
 */
import { useEffect, useState } from "preact/hooks";
import {
  ApplicationDetail,
  type ApplicationDetailT,
  ApplicationItem,
  OFFICER_FIELD_MESSAGES,
  RejectBody,
} from "../../../shared/officer-schemas";
import { type ApiError, get, post, useRequest } from "../api";
import { t } from "../i18n";
import { Link } from "../router";
import { Alert, Button, Heading, Facts, useTitle } from "../ui";
import { displayPhone, type ConsoleProps } from "./common";
import { displayDate } from "../i18n/dates";
import { issuesByField, TextAreaField } from "../form";
import { Timeline, StatusBadge } from "../timeline";
import { ROUTES } from "../routes";
import { tFlows } from "../i18n/flows";
import { tOfficer } from "../i18n/officer";
import { tCard } from "../i18n/card";

const d = () => tOfficer().detail;

/** A paper's number and, when recorded, "(Có giá trị đến dd/mm/yyyy)". */
function withExpiry(number: string | undefined, expiry: string | undefined): string | null {
  if (!number) return null;
  const c = tCard();
  return expiry ? `${number} (${c.validUntil} ${displayDate(expiry)})` : number;
}

/** The question asked before a decision is sent, with "Đồng ý" (the filled button) and "Hủy". */
function Confirm({
  question,
  note,
  busy,
  onAgree,
  onCancel,
}: {
  question: string;
  note: string;
  busy: boolean;
  onAgree(): void;
  onCancel(): void;
}) {
  useEffect(() => document.getElementById("decision-confirm")?.focus(), []);
  return (
    <div
      id="decision-confirm"
      class="confirm"
      role="alertdialog"
      aria-labelledby="decision-question"
      aria-describedby="decision-note"
      tabIndex={-1}
    >
      <p id="decision-question" class="confirm-question">
        {question}
      </p>
      <p id="decision-note">{note}</p>
      <div class="actions">
        <Button onClick={onAgree} busy={busy} disabled={busy}>
          {d().agree}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          {d().dismiss}
        </Button>
      </div>
    </div>
  );
}

function Decision({
  file,
  sessionFailed,
  onDecided,
}: Pick<ConsoleProps, "sessionFailed"> & {
  file: ApplicationDetailT;
  onDecided(message: string | null, error: ApiError | null): void;
}) {
  const req = useRequest();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  /** The decision waiting for "Đồng ý". */
  const [asking, setAsking] = useState<"approve" | "reject" | null>(null);
  const ref = file.reference ?? tOfficer().queue.noReference;

  async function decide(approve: boolean) {
    if (req.busy) return;
    let body: unknown = {};
    if (!approve) {
      const parsed = RejectBody.safeParse({ reason });
      if (!parsed.success) {
        setAsking(null);
        setReasonError(
          issuesByField(parsed, { reason: OFFICER_FIELD_MESSAGES.reason }).reason ?? OFFICER_FIELD_MESSAGES.reason,
        );
        document.getElementById("reject-reason")?.focus();
        return;
      }
      body = parsed.data;
    }
    const action = approve ? "approve" : "reject";
    const res = await req.run(action, () =>
      post(`/api/officer/applications/${file.id}/${action}`, body, ApplicationItem),
    );
    setAsking(null);
    if (res.ok) return onDecided(approve ? d().approved : d().rejected, null);
    if (sessionFailed(res.error)) return;
    if (res.error.code === "ALREADY_DECIDED") return onDecided(null, res.error);
    if (res.error.fields?.reason) setReasonError(res.error.fields.reason);
    req.setError(res.error);
  }

  function onReject() {
    if (!rejecting) {
      setRejecting(true);
      // The reason field appears; focus it once it is there.
      setTimeout(() => document.getElementById("reject-reason")?.focus(), 0);
      return;
    }
    const parsed = RejectBody.safeParse({ reason });
    if (!parsed.success) return void decide(false);
    setAsking("reject");
  }

  return (
    <section class="decision no-print" aria-label={`${d().approve} / ${d().reject}`}>
      {rejecting ? (
        <TextAreaField
          id="reject-reason"
          label={d().reason}
          hint={d().reasonHint}
          value={reason}
          maxLength={300}
          error={reasonError}
          onInput={(v) => {
            setReason(v);
            setReasonError(undefined);
          }}
        />
      ) : null}
      {req.error ? <Alert error={req.error} /> : null}
      {asking ? (
        <Confirm
          question={
            asking === "approve"
              ? d().confirmApprove(ref, file.card.fullName)
              : d().confirmReject(ref, file.card.fullName)
          }
          note={asking === "approve" ? d().confirmApproveNote : d().confirmRejectNote(reason.trim())}
          busy={!!req.busy}
          onAgree={() => void decide(asking === "approve")}
          onCancel={() => setAsking(null)}
        />
      ) : (
        <div class="actions">
          {rejecting ? null : (
            <Button onClick={() => setAsking("approve")} disabled={!!req.busy}>
              {d().approve}
            </Button>
          )}
          <Button variant="secondary" onClick={onReject} disabled={!!req.busy}>
            {d().reject}
          </Button>
          {rejecting ? (
            <Button
              variant="secondary"
              onClick={() => {
                setRejecting(false);
                setReasonError(undefined);
              }}
              disabled={!!req.busy}
            >
              {d().cancel}
            </Button>
          ) : null}
        </div>
      )}
    </section>
  );
}

export function FileDetail({ id, sessionFailed }: ConsoleProps & { id: number }) {
  const [file, setFile] = useState<ApplicationDetailT | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [decideError, setDecideError] = useState<ApiError | null>(null);
  useTitle(file?.reference ? d().title(file.reference) : tOfficer().queue.title);

  useEffect(() => {
    let live = true;
    void get(`/api/officer/applications/${id}`, ApplicationDetail).then((res) => {
      if (!live) return;
      if (res.ok) {
        setFile(res.data);
        setLoadError(null);
      } else if (!sessionFailed(res.error)) {
        setLoadError(res.error);
      }
    });
    return () => {
      live = false;
    };
  }, [id, attempt]);

  const back = (
    <div class="actions no-print">
      <Link href={ROUTES.officerQueue.path} class="btn btn-secondary">
        {d().toQueue}
      </Link>
    </div>
  );

  if (!file) {
    return loadError ? (
      <>
        <Heading>{tOfficer().queue.title}</Heading>
        <Alert error={loadError} />
        {loadError.status >= 500 || loadError.status === 0 ? (
          <div class="actions">
            <Button onClick={() => setAttempt((n) => n + 1)}>{t().common.retry}</Button>
          </div>
        ) : null}
        {back}
      </>
    ) : (
      <p class="loading" role="status">
        {t().common.loading}
      </p>
    );
  }

  const c = file.card;
  const papers: Array<[string, string | null]> = [
    [d().driverLicence, withExpiry(file.papers.driverLicence, file.papers.driverLicenceExpiry)],
    [d().healthInsurance, withExpiry(file.papers.healthInsurance, file.papers.healthInsuranceExpiry)],
    [d().vehicleRegistration, withExpiry(file.papers.vehicleRegistration, file.papers.vehicleRegistrationExpiry)],
  ];
  const hasPapers = papers.some(([, v]) => v);
  return (
    <>
      <Heading>{d().title(file.reference ?? tOfficer().queue.noReference)}</Heading>
      <p>
        <StatusBadge status={file.status} />
      </p>
      {done ? (
        <div class="notice" role="status">
          <p>{done}</p>
        </div>
      ) : null}
      {decideError ? <Alert error={decideError} /> : null}
      <div class="file-top">
        <figure class="portrait-preview file-photo">
          {file.photoUrl ? <img src={file.photoUrl} alt={d().photoAlt(c.fullName)} /> : <p>{d().noPhoto}</p>}
          <figcaption>{d().photo}</figcaption>
        </figure>
        <div class="file-card">
          <h2>{d().card}</h2>
          <Facts
            class="card-facts"
            rows={[
              [d().id, c.id],
              [d().oldId, c.oldId || tOfficer().none],
              [d().fullName, c.fullName],
              [d().dob, displayDate(c.dob)],
              [d().gender, c.gender],
              [d().address, c.address],
              [d().issued, displayDate(c.issued)],
              [
                tFlows().card.cardType,
                c.cardType ? ((tFlows().card.cardTypes as Record<string, string>)[c.cardType] ?? c.cardType) : null,
              ],
            ]}
          />
        </div>
      </div>
      <h2>{d().file}</h2>
      {file.phoneChange ? (
        <div class="notice notice-warning phone-change" role="note">
          <p>
            <strong>{d().phoneChange}</strong>
          </p>
          <p>
            {d().accountPhone}: {file.phoneChange.accountPhone}
          </p>
          <p>{d().phoneChangeNote}</p>
        </div>
      ) : null}
      <Facts
        rows={[
          [d().reference, file.reference],
          [d().level, tOfficer().level(file.level)],
          [d().channel, tOfficer().channel[file.channel] ?? file.channel],
          [d().unit, file.unitName ?? file.unitCode],
          [d().phone, file.phone ? displayPhone(file.phone) : tOfficer().none],
          [d().email, file.email ?? null],
          [d().consent, file.channel === "office" ? (file.consent ? d().yes : d().no) : null],
          [d().intakeBy, file.intakeByName ?? null],
          [d().reviewingBy, file.reviewingByName ?? null],
          [d().decidedBy, file.decidedByName ?? null],
          [
            d().account,
            file.account
              ? `${tOfficer().level(file.account.level)} · ${tFlows().account.statuses[file.account.status]}`
              : null,
          ],
        ]}
      />
      <h2>{d().papers}</h2>
      {hasPapers ? <Facts rows={papers} /> : <p>{tOfficer().none}</p>}
      <h2>{d().timeline}</h2>
      <Timeline steps={file.timeline} label={d().timeline} />
      {file.status === "pending" ? (
        <Decision
          key={attempt}
          file={file}
          sessionFailed={sessionFailed}
          onDecided={(message, error) => {
            setDone(message);
            setDecideError(error);
            setAttempt((n) => n + 1);
          }}
        />
      ) : null}
      {back}
    </>
  );
}
