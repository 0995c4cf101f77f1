/**
 * Reading the chip ID card (seed 001, steps 3 and 5): three ways in, one screen.
 * - "Quét mã QR": the live back camera;
 * - "Chụp ảnh mã QR": a photo (the camera app or the gallery), always offered, camera or not;
 * - "Không quét được QR code?": the details typed by hand.
 * A scanned card is checked (`parseCccdQr`) and must carry the ID the citizen typed before (no request is made
 * otherwise); its details are then shown as text for review, and "Tiếp tục" hands the card to the parent.
 */
import type { ComponentChildren, VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { CARD_MESSAGES, cardMatchesTypedId, parseCccdQr } from "../../../shared/cccd";
import type { CardInputT } from "../../../shared/schemas";
import { t } from "../i18n";
import { type CameraProblem, ImageError, decodeImage, preload } from "../scanner";
import { Alert, Button, Heading } from "../ui";
import { CardFacts } from "./CardFacts";
import { FileButton } from "./FileButton";
import { LiveScan } from "./LiveScan";
import { type CardKey, ManualForm } from "./ManualForm";
import { localToday } from "../../../shared/dates";
import { tFlows } from "../i18n/flows";

type View = "scan" | "review" | "manual";
type Problem = { message: string; hint?: string };

export interface CardStepProps {
  /** The scan screen's heading. */
  title: string;
  progress: VNode;
  /** Said above the scan screen (level 1: the browser cannot read the chip). */
  notice?: ComponentChildren;
  /** The ID the card must carry (typed before, or the logged-in account's); "" accepts any card (officer intake). */
  expectedId: string;
  /** The manual form's error when its ID is not `expectedId`. */
  manualIdMessage: string;
  /** The parent is sending the card. */
  busy: boolean;
  /** The parent's answer to the last card (alert and actions), shown on the review or manual screen. */
  alert?: ComponentChildren;
  /** Field errors for the manual form (the server's `card.*` fields); a non-empty set opens the form. */
  cardErrors?: Partial<Record<CardKey, string>> | undefined;
  /** "Tiếp tục" with a card (scanned and reviewed, or typed). */
  onSubmit(card: CardInputT): void;
  /** The card changed or the screen moved on: the parent forgets its last answer. */
  onReset?(): void;
  /** "Quay lại" from the scan screen. */
  onBack?(): void;
}

export function CardStep(props: CardStepProps) {
  const { title, progress, notice, expectedId, busy, alert, cardErrors, onSubmit, onReset, onBack } = props;
  const s = tFlows().scan;
  const [view, setView] = useState<View>("scan");
  const [card, setCard] = useState<CardInputT | null>(null);
  const [live, setLive] = useState(false);
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  // The decoders are fetched while the citizen reads the screen, so the first scan starts at once.
  useEffect(() => preload(), []);

  useEffect(() => {
    if (cardErrors && Object.keys(cardErrors).length) setView("manual");
  }, [cardErrors]);

  function go(next: View) {
    onReset?.();
    setProblem(null);
    setLive(false);
    setView(next);
  }

  /** A payload from the camera or a photo: a card of the expected citizen, or a problem to show. */
  function accept(text: string): boolean {
    const result = parseCccdQr(text, localToday());
    if (!result.ok) {
      setProblem({ message: result.message });
      return false;
    }
    if (expectedId && !cardMatchesTypedId(result.card, expectedId)) {
      setProblem({ message: CARD_MESSAGES["typed-id-mismatch"], hint: s.cardId(result.card.id) });
      return false;
    }
    setCard(result.card);
    go("review");
    return true;
  }

  async function onPhoto(file: File) {
    setLive(false);
    setProblem(null);
    setReading(true);
    let text: string | null;
    try {
      text = await decodeImage(file);
    } catch (e) {
      setReading(false);
      setProblem({ message: e instanceof ImageError && e.problem === "load" ? s.loadFailed : s.notImage });
      return;
    }
    setReading(false);
    if (text === null) setProblem({ message: s.notFound });
    else accept(text);
  }

  function onCameraError(p: CameraProblem | "load") {
    setLive(false);
    setProblem({ message: p === "load" ? s.loadFailed : s.camera(p, s.photo) });
  }

  if (view === "manual") {
    return (
      <ManualForm
        initial={card ?? {}}
        expectedId={expectedId}
        idMessage={props.manualIdMessage}
        progress={progress}
        notice={notice}
        serverErrors={cardErrors}
        alert={alert}
        busy={busy}
        onSubmit={(typed) => {
          setCard(typed);
          onSubmit(typed);
        }}
        onBack={() => go("scan")}
      />
    );
  }

  if (view === "review" && card) {
    return (
      <>
        <Heading>{tFlows().card.reviewTitle}</Heading>
        {progress}
        <p>{tFlows().card.reviewIntro}</p>
        <CardFacts card={card} />
        {alert}
        <div class="actions">
          <Button onClick={() => onSubmit(card)} busy={busy}>
            {t().common.continue}
          </Button>
          <Button variant="secondary" onClick={() => go("manual")} disabled={busy}>
            {tFlows().card.edit}
          </Button>
          <Button variant="secondary" onClick={() => go("scan")} disabled={busy}>
            {tFlows().card.rescan}
          </Button>
        </div>
      </>
    );
  }

  const statusId = "scan-status";
  return (
    <>
      <Heading>{title}</Heading>
      {progress}
      {notice}
      <p>{s.intro}</p>
      {expectedId ? (
        <p class="typed-id">
          {s.typedId} <strong class="nowrap">{expectedId}</strong>
        </p>
      ) : null}
      {live ? (
        <>
          <LiveScan
            onText={(text) => {
              if (accept(text)) setLive(false);
            }}
            onCameraError={onCameraError}
            onHidden={() => setLive(false)}
            describedBy={statusId}
          />
          <div class="actions">
            <Button variant="secondary" onClick={() => setLive(false)}>
              {s.stopLive}
            </Button>
          </div>
        </>
      ) : (
        <div class="actions actions-stack">
          <Button
            onClick={() => {
              setProblem(null);
              setLive(true);
            }}
            disabled={reading}
          >
            {s.live}
          </Button>
        </div>
      )}
      <p id={statusId} class="scan-status" aria-live="polite">
        {reading ? s.reading : live ? s.aim : ""}
      </p>
      {problem ? <Alert error={problem} /> : null}
      <div class="actions actions-stack">
        <FileButton
          id="scan-photo"
          label={s.photo}
          capture="environment"
          describedBy="scan-photo-hint"
          disabled={reading}
          onOpen={() => setLive(false)}
          onPick={(file) => void onPhoto(file)}
        />
      </div>
      <p class="hint" id="scan-photo-hint">
        {s.photoHint}
      </p>
      <p class="note">
        <button type="button" class="linklike" onClick={() => go("manual")}>
          {s.manual}
        </button>
      </p>
      {onBack ? (
        <div class="actions">
          <Button variant="secondary" onClick={onBack}>
            {tFlows().registration.back}
          </Button>
        </div>
      ) : null}
    </>
  );
}
