/**
 * Seed 001, step 5: "chụp ảnh chân dung". The front camera with an oval face guide, "Chụp ảnh" and "Chụp lại";
 * or a photo picked from the phone ("Chọn ảnh chân dung"). The picture is made a ≤ 640 px, ≤ 150 kB JPEG on the
 * device, then uploaded (`POST /api/level1/photo`) on "Tiếp tục".
 */
import type { VNode } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { PhotoResponse } from "../../../shared/schemas";
import { type ApiError, postBytes, useRequest } from "../api";
import { type CameraProblem, CameraError, closeCamera, openCamera } from "../camera";
import { FileButton } from "../Card/FileButton";
import { t } from "../i18n";
import { navigate } from "../router";
import { Alert, Button, Heading } from "../ui";
import { type Portrait, captureVideo, portraitFromFile } from "./photo";
import { ROUTES } from "../routes";
import { tFlows } from "../i18n/flows";

const l = () => tFlows().level1;

export interface UploadedPortrait {
  photoId: string;
  /** An object URL of the JPEG, for the review screen. */
  url: string;
}

/** The front camera, on while this is mounted and the page is visible. */
function FrontCamera({
  onReady,
  onError,
  onHidden,
}: {
  onReady(video: HTMLVideoElement | null): void;
  onError(p: CameraProblem): void;
  onHidden(): void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let live = true;
    let stream: MediaStream | null = null;
    const el = video.current;
    if (el) {
      openCamera(el, "user").then(
        (s) => {
          if (!live) return closeCamera(s, el);
          stream = s;
          onReady(el);
        },
        (e: unknown) => live && onError(e instanceof CameraError ? e.problem : "failed"),
      );
    }
    // (Not named onHidden: that would shadow the prop, and the handler would call itself instead of it.)
    const onVisibility = () => {
      if (document.visibilityState !== "hidden") return;
      closeCamera(stream, el);
      stream = null;
      onReady(null);
      onHidden();
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      live = false;
      document.removeEventListener("visibilitychange", onVisibility);
      closeCamera(stream, el);
      onReady(null);
    };
  }, []);
  return (
    <div class="camera-box">
      <div class="camera-frame camera-portrait">
        <video ref={video} class="camera-video mirrored" aria-label={l().photoVideoLabel} muted playsInline autoPlay />
        <div class="face-guide" aria-hidden="true" />
      </div>
    </div>
  );
}

export function PortraitStep({
  progress,
  onDone,
  onBack,
  uploadPath = "/api/level1/photo",
  onUnauthenticated = () => navigate(ROUTES.login.path, true),
  onCaptured,
}: {
  progress: VNode;
  onDone(photo: UploadedPortrait): void;
  onBack(): void;
  /** Where the JPEG goes (an officer's intake uses `/api/officer/photo`). */
  uploadPath?: string;
  /** The upload was refused for want of a session (401). */
  onUnauthenticated?(): void;
  /** Offline capture (event intake): "Tiếp tục" hands the JPEG over instead of uploading it. */
  onCaptured?(photo: Portrait & { url: string }): void;
}) {
  const [photo, setPhoto] = useState<(Portrait & { url: string }) | null>(null);
  const [cameraOn, setCameraOn] = useState(true);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const req = useRequest();

  // The preview's object URL is freed when it is replaced or the step is left (unless it was handed on).
  const handedOn = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (photo && photo.url !== handedOn.current) URL.revokeObjectURL(photo.url);
    },
    [photo],
  );

  function show(p: Portrait | null) {
    if (!p) {
      setProblem(l().tooLarge);
      return;
    }
    setPhoto({ ...p, url: URL.createObjectURL(p.blob) });
    setCameraOn(false);
  }

  async function take() {
    if (!video || working) return;
    setWorking(true);
    setProblem(null);
    try {
      show(await captureVideo(video));
    } finally {
      setWorking(false);
    }
  }

  async function pick(file: File) {
    setCameraOn(false);
    setProblem(null);
    setWorking(true);
    try {
      show(await portraitFromFile(file));
    } catch {
      setProblem(l().badImage);
    } finally {
      setWorking(false);
    }
  }

  function retake() {
    req.setError(null);
    setProblem(null);
    setPhoto(null);
    setCameraOn(true);
  }

  async function upload() {
    if (!photo || req.busy) return;
    if (onCaptured) {
      handedOn.current = photo.url;
      onCaptured(photo);
      return;
    }
    const res = await req.run("upload", () => postBytes(uploadPath, photo.blob, "image/jpeg", PhotoResponse));
    if (res.ok) {
      handedOn.current = photo.url;
      onDone({ photoId: res.data.photoId, url: photo.url });
      return;
    }
    if (res.error.status === 401) onUnauthenticated();
    else req.setError(res.error);
  }

  const error: Pick<ApiError, "message" | "hint"> | null = req.error ?? (problem ? { message: problem } : null);
  const statusId = "portrait-status";
  return (
    <>
      <Heading>{l().photoTitle}</Heading>
      {progress}
      {photo ? (
        <>
          <figure class="portrait-preview">
            <img src={photo.url} alt={l().preview} width={photo.width} height={photo.height} />
          </figure>
          {error ? <Alert error={error} /> : null}
          <div class="actions">
            <Button variant="secondary" onClick={retake} disabled={!!req.busy}>
              {l().retake}
            </Button>
            <Button onClick={() => void upload()} busy={req.busy === "upload"}>
              {t().common.continue}
            </Button>
          </div>
        </>
      ) : (
        <>
          <p id={statusId}>{l().photoIntro}</p>
          {cameraOn ? (
            <FrontCamera
              onReady={setVideo}
              onError={(p) => {
                setCameraOn(false);
                setProblem(tFlows().scan.camera(p, l().pick));
              }}
              onHidden={() => setCameraOn(false)}
            />
          ) : null}
          <p class="scan-status" aria-live="polite">
            {working ? l().preparing : ""}
          </p>
          {error ? <Alert error={error} /> : null}
          <div class="actions actions-stack">
            {cameraOn ? (
              <Button onClick={() => void take()} disabled={!video} busy={working}>
                {l().take}
              </Button>
            ) : (
              <Button variant="secondary" onClick={retake}>
                {l().openCamera}
              </Button>
            )}
            <FileButton
              id="portrait-file"
              label={l().pick}
              capture="user"
              describedBy="portrait-file-hint"
              disabled={working}
              onOpen={() => setCameraOn(false)}
              onPick={(file) => void pick(file)}
            />
          </div>
          <p class="hint" id="portrait-file-hint">
            {l().pickHint}
          </p>
          <div class="actions">
            <Button variant="secondary" onClick={onBack}>
              {tFlows().registration.back}
            </Button>
          </div>
        </>
      )}
    </>
  );
}

/** The portrait taken, small, captioned with `label`. */
export function PortraitPreview({ url, label }: { url: string; label: string }) {
  return (
    <figure class="portrait-preview portrait-small">
      <img src={url} alt={label} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}
