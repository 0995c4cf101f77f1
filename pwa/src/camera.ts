/**
 * Opening and closing a camera: the back camera for the card's QR code, the front camera for the portrait.
 * `facingMode` is only a preference (`ideal`), so a desktop with one webcam still works. Errors are sorted into
 * a few kinds the screens explain in Vietnamese.
 */

/** Why the camera could not be used. */
export type CameraProblem = "denied" | "missing" | "busy" | "unsupported" | "failed";

export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(problem);
  }
}

function problemOf(error: unknown): CameraProblem {
  const name = (error as { name?: string } | null)?.name ?? "";
  switch (name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return "denied";
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "missing";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "busy";
    case "TypeError":
      return "unsupported";
    default:
      return "failed";
  }
}

/** True when this browser can at least ask for a camera (secure context, getUserMedia). */
export function cameraSupported(): boolean {
  return (
    typeof navigator !== "undefined" &&
    !!navigator.mediaDevices &&
    typeof navigator.mediaDevices.getUserMedia === "function"
  );
}

/**
 * Asks for a camera facing `facing` (preferred, not required), shows it in `video` and resolves once it plays.
 * Throws a {@link CameraError}.
 */
export async function openCamera(video: HTMLVideoElement, facing: "environment" | "user"): Promise<MediaStream> {
  if (!cameraSupported()) throw new CameraError("unsupported");
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: facing }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (first) {
    // Some old devices refuse any constraint they do not know: retry with the plainest request.
    if (problemOf(first) === "denied") throw new CameraError("denied");
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: true });
    } catch (second) {
      throw new CameraError(problemOf(second));
    }
  }
  video.setAttribute("playsinline", "");
  video.setAttribute("muted", "");
  video.muted = true;
  video.srcObject = stream;
  try {
    await video.play();
  } catch {
    // autoplay refused or interrupted: frames still arrive once the element is shown
  }
  return stream;
}

/** Stops every track of `stream` (the camera light goes off) and detaches it from `video`. */
export function closeCamera(stream: MediaStream | null, video?: HTMLVideoElement | null): void {
  stream?.getTracks().forEach((track) => track.stop());
  if (video) {
    try {
      video.pause();
    } catch {
      // nothing to pause
    }
    video.srcObject = null;
  }
}
