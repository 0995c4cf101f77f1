/**
 * `/tai-khoan/dang-ky-muc-1`: "Đăng ký tài khoản mức 1" (seed 001, step 5), for a logged-in app account (level 0,
 * state `app`): intro → "Bắt đầu" → guide → "Tôi đã hiểu" → the card (a browser cannot read the chip over NFC,
 * so its QR code: camera, photo or typed) → "Tiếp tục" → the portrait → review with an optional e-mail →
 * "Xác nhận thông tin đăng ký" (`POST /api/level1/apply`) → the account home, now "đang chờ phê duyệt".
 */
import { useEffect, useState } from "preact/hooks";
import { type CardInputT, Level1ApplyBody, MeResponse, type MeResponseT } from "../../../shared/schemas";
import { post } from "../api";
import { CardFacts } from "../Card/CardFacts";
import { CardStep } from "../Card/CardStep";
import { StepProgress } from "../flow/Progress";
import { AfterAlert, Field, FormEnd, useSchemaForm } from "../form";
import { tFlows } from "../i18n/flows";
import { PortraitPreview, PortraitStep, type UploadedPortrait } from "../Portrait/PortraitStep";
import { Link, navigate } from "../router";
import { ROUTES } from "../routes";
import { setMe } from "../session";
import { Alert, Button, Heading, Loading } from "../ui";
import { sessionLost, useMe } from "../useLoggedInData";
import { mark } from "../marks";

const l = () => tFlows().level1;
const STEPS = ["card", "photo", "confirm"] as const;
type Stage = "intro" | "guide" | (typeof STEPS)[number];
const progress = (step: (typeof STEPS)[number]) => <StepProgress steps={STEPS} at={step} label={l().progress} />;

function Intro({ onStart }: { onStart(): void }) {
  return (
    <>
      <Heading>{l().title}</Heading>
      <p>{l().intro}</p>
      <p class="needs-title">{l().needs}</p>
      <ul class="needs">
        {l().needItems.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <div class="actions">
        <Link href={ROUTES.account.path} class="btn btn-secondary">
          {l().backToAccount}
        </Link>
        <Button onClick={onStart}>{l().start}</Button>
      </div>
    </>
  );
}

function Guide({ onOk }: { onOk(): void }) {
  return (
    <>
      <Heading>{l().guideTitle}</Heading>
      <ol class="steps">
        {l().guide.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ol>
      <div class="notice">
        <p>{l().nfc}</p>
      </div>
      <div class="actions">
        <Button onClick={onOk}>{l().understood}</Button>
      </div>
    </>
  );
}

function Confirm({
  card,
  photo,
  onDone,
  onRetake,
  onRescan,
}: {
  card: CardInputT;
  photo: UploadedPortrait;
  onDone(me: MeResponseT): void;
  onRetake(): void;
  onRescan(): void;
}) {
  const s = tFlows().level1;
  const form = useSchemaForm("l1", { email: "" }, Level1ApplyBody, {
    body: (v) => ({ card, photoId: photo.photoId, ...(v.email.trim() ? { email: v.email } : {}) }),
  });
  const submit = form.submit("apply", (body) => post("/api/level1/apply", body, MeResponse), onDone, {
    failed: sessionLost,
  });
  const { error, busy } = form.req;
  const code = error?.code;
  return (
    <>
      <Heading>{s.confirmTitle}</Heading>
      {progress("confirm")}
      <p>{s.confirmIntro}</p>
      <CardFacts card={card} />
      <PortraitPreview url={photo.url} label={s.preview} />
      <form onSubmit={submit} noValidate>
        <Field
          {...form.bind("email")}
          label={s.email}
          hint={s.emailHint}
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="off"
          spellcheck={false}
          maxLength={254}
        />
        <FormEnd error={error} busy={busy === "apply"} submit={s.submit}>
          {code === "PHOTO_NOT_FOUND" ? <AfterAlert action={[s.photoAgain, onRetake]} /> : null}
          {code === "QR_MISMATCH" || code === "REGISTRY_MISMATCH" || code === "VALIDATION_FAILED" ? (
            <AfterAlert action={[s.scanAgain, onRescan]} />
          ) : null}
          {code === "LEVEL1_NOT_ALLOWED" ? (
            <AfterAlert>
              <Link href={ROUTES.account.path} class="btn btn-secondary">
                {s.backToAccount}
              </Link>
            </AfterAlert>
          ) : null}
        </FormEnd>
      </form>
    </>
  );
}

// The module ran: the screen opened, not merely prefetched (prefetch.ts; tests/browser read the mark).
mark("vneid-screen-Level1");

export function Level1() {
  const { me, error } = useMe();
  const [stage, setStage] = useState<Stage>("intro");
  const [card, setCard] = useState<CardInputT | null>(null);
  const [photo, setPhoto] = useState<UploadedPortrait | null>(null);
  useEffect(
    () => () => {
      if (photo) URL.revokeObjectURL(photo.url);
    },
    [photo],
  );

  const s = tFlows().level1;
  if (!me) {
    return error ? (
      <>
        <Heading>{s.title}</Heading>
        <Alert error={error} />
      </>
    ) : (
      <Loading />
    );
  }

  if (me.level !== 0 || me.status !== "app") {
    return (
      <>
        <Heading>{s.title}</Heading>
        <Alert error={{ message: s.notAllowed }} />
        <div class="actions">
          <Link href={ROUTES.account.path} class="btn">
            {s.backToAccount}
          </Link>
        </div>
      </>
    );
  }

  switch (stage) {
    case "intro":
      return <Intro onStart={() => setStage("guide")} />;
    case "guide":
      return <Guide onOk={() => setStage("card")} />;
    case "card":
      return (
        <CardStep
          key="card"
          title={tFlows().scan.title}
          progress={progress("card")}
          notice={
            <div class="notice">
              <p>{s.nfc}</p>
            </div>
          }
          expectedId={me.citizenId}
          manualIdMessage={tFlows().card.idNotAccount}
          busy={false}
          onSubmit={(c) => {
            setCard(c);
            setStage(photo ? "confirm" : "photo");
          }}
        />
      );
    case "photo":
      return (
        <PortraitStep
          key="photo"
          progress={progress("photo")}
          onDone={(p) => {
            setPhoto(p);
            setStage("confirm");
          }}
          onBack={() => setStage("card")}
        />
      );
    default:
      return card && photo ? (
        <Confirm
          key="confirm"
          card={card}
          photo={photo}
          onDone={(next) => {
            setMe(next);
            navigate(ROUTES.account.path);
          }}
          onRetake={() => setStage("photo")}
          onRescan={() => setStage("card")}
        />
      ) : null;
  }
}
