/**
 * `/tai-khoan/dang-ky-muc-1`: "Đăng ký tài khoản mức 1" (seed 001, step 5), for a logged-in app account (level 0,
 * state `app`): intro → "Bắt đầu" → guide → "Tôi đã hiểu" → the card (a browser cannot read the chip over NFC,
 * so its QR code: camera, photo or typed) → "Tiếp tục" → the portrait → review with an optional e-mail →
 * "Xác nhận thông tin đăng ký" (`POST /api/level1/apply`) → the account home, now "đang chờ phê duyệt".
 * Loaded on demand (see lazy.tsx).
 */
import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { type CardInputT, Level1ApplyBody, MeResponse, type MeResponseT } from "../../../shared/schemas";
import { type ApiError, post, useRequest } from "../api";
import { CardFacts } from "../Card/CardFacts";
import { CardStep } from "../Card/CardStep";
import { t } from "../i18n";
import { tf } from "../i18n-flows";
import { liveDict } from "../i18n/live";
import { Link, navigate } from "../router";
import { cachedMe, fetchMe, setMe } from "../session";
import { Alert, Button, Heading, Progress } from "../ui";
import { PortraitStep, type UploadedPortrait } from "../Portrait/PortraitStep";
import { Field, issuesByField, errorsFor, serverFields, useForm } from "../form";
import { ROUTES } from "../routes";

const l = liveDict(() => tf.level1);
const STEPS = ["card", "photo", "confirm"] as const;
type Stage = "intro" | "guide" | (typeof STEPS)[number];

function progress(step: (typeof STEPS)[number]): VNode {
  return <Progress step={STEPS.indexOf(step) + 1} total={STEPS.length} label={l.progress} />;
}

function Intro({ onStart }: { onStart(): void }) {
  return (
    <>
      <Heading>{l.title}</Heading>
      <p>{l.intro}</p>
      <p class="needs-title">{l.needs}</p>
      <ul class="needs">
        {l.needItems.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <div class="actions">
        <Link href={ROUTES.account.path} class="btn btn-secondary">
          {l.backToAccount}
        </Link>
        <Button onClick={onStart}>{l.start}</Button>
      </div>
    </>
  );
}

function Guide({ onOk }: { onOk(): void }) {
  return (
    <>
      <Heading>{l.guideTitle}</Heading>
      <ol class="steps">
        {l.guide.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ol>
      <div class="notice">
        <p>{l.nfc}</p>
      </div>
      <div class="actions">
        <Button onClick={onOk}>{l.understood}</Button>
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
  const req = useRequest();
  const body = (email: string) => ({ card, photoId: photo.photoId, ...(email.trim() ? { email } : {}) });
  const form = useForm<"email">(
    "l1",
    { email: "" },
    (v) => errorsFor(issuesByField(Level1ApplyBody.safeParse(body(v.email))), ["email"]),
    "blur",
  );

  async function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = Level1ApplyBody.safeParse(body(form.values.email));
    if (!parsed.success) return;
    const res = await req.run("apply", () => post("/api/level1/apply", parsed.data, MeResponse));
    if (res.ok) return onDone(res.data);
    if (res.error.status === 401) return navigate(ROUTES.login.path, true);
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), ["email"]));
  }

  const code = req.error?.code;
  return (
    <>
      <Heading>{l.confirmTitle}</Heading>
      {progress("confirm")}
      <p>{l.confirmIntro}</p>
      <CardFacts card={card} />
      <figure class="portrait-preview portrait-small">
        <img src={photo.url} alt={l.preview} />
        <figcaption>{l.preview}</figcaption>
      </figure>
      <form onSubmit={submit} noValidate>
        <Field
          {...form.bind("email")}
          label={l.email}
          hint={l.emailHint}
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="off"
          spellcheck={false}
          maxLength={254}
        />
        {req.error ? <Alert error={req.error} /> : null}
        {code === "PHOTO_NOT_FOUND" ? (
          <div class="after-alert">
            <Button variant="secondary" onClick={onRetake}>
              {l.photoAgain}
            </Button>
          </div>
        ) : null}
        {code === "QR_MISMATCH" || code === "REGISTRY_MISMATCH" || code === "VALIDATION_FAILED" ? (
          <div class="after-alert">
            <Button variant="secondary" onClick={onRescan}>
              {l.scanAgain}
            </Button>
          </div>
        ) : null}
        {code === "LEVEL1_NOT_ALLOWED" ? (
          <div class="after-alert">
            <Link href={ROUTES.account.path} class="btn btn-secondary">
              {l.backToAccount}
            </Link>
          </div>
        ) : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "apply"}>
            {l.submit}
          </Button>
        </div>
      </form>
    </>
  );
}

export function Level1() {
  const [me, setMeState] = useState<MeResponseT | null>(cachedMe);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [stage, setStage] = useState<Stage>("intro");
  const [card, setCard] = useState<CardInputT | null>(null);
  const [photo, setPhoto] = useState<UploadedPortrait | null>(null);

  useEffect(() => {
    let live = true;
    void fetchMe().then((res) => {
      if (!live) return;
      if (res.ok) setMeState(res.data);
      else if (res.error.status === 401) navigate(ROUTES.login.path, true);
      else setLoadError(res.error);
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(
    () => () => {
      if (photo) URL.revokeObjectURL(photo.url);
    },
    [photo],
  );

  if (!me) {
    return loadError ? (
      <>
        <Heading>{l.title}</Heading>
        <Alert error={loadError} />
      </>
    ) : (
      <p class="loading" role="status">
        {t.common.loading}
      </p>
    );
  }

  if (me.level !== 0 || me.status !== "app") {
    return (
      <>
        <Heading>{l.title}</Heading>
        <Alert error={{ message: l.notAllowed }} />
        <div class="actions">
          <Link href={ROUTES.account.path} class="btn">
            {l.backToAccount}
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
          title={tf.scan.title}
          progress={progress("card")}
          notice={
            <div class="notice">
              <p>{l.nfc}</p>
            </div>
          }
          expectedId={me.citizenId}
          manualIdMessage={tf.card.idNotAccount}
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
