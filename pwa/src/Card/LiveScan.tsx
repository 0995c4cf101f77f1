/**
 * The live back camera with a framing guide. The camera starts when this mounts and stops (every track) when it
 * unmounts, when the page is hidden, or when the parent says so.
 */
import { useEffect, useRef } from "preact/hooks";
import { type CameraProblem, CameraError, start, stop } from "../scanner";
import { tFlows } from "../i18n/flows";
import { CameraFrame } from "../scanner/CameraFrame";

export function LiveScan({
  onText,
  onCameraError,
  onHidden,
  describedBy,
}: {
  /** Each payload read; the parent unmounts this (which stops the camera) once it has what it wants. */
  onText(text: string): void;
  onCameraError(problem: CameraProblem | "load"): void;
  /** The page was hidden (the camera is stopped then). */
  onHidden(): void;
  describedBy?: string;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onText, onCameraError, onHidden });
  handlers.current = { onText, onCameraError, onHidden };

  useEffect(() => {
    let live = true;
    const el = video.current;
    if (el) {
      start(el, (text) => live && handlers.current.onText(text)).catch((e: unknown) => {
        if (!live) return;
        stop();
        handlers.current.onCameraError(e instanceof CameraError ? e.problem : "load");
      });
    }
    const onVisibility = () => {
      if (document.visibilityState === "hidden") {
        stop();
        handlers.current.onHidden();
      }
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", onVisibility);
    return () => {
      live = false;
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", onVisibility);
      stop();
    };
  }, []);

  return (
    <div class="camera-box">
      <CameraFrame video={video} label={tFlows().scan.videoLabel} describedBy={describedBy} />
    </div>
  );
}
