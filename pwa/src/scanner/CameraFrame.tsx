import type { Ref } from "preact";

/** The camera's picture (`video`, named `label`) with the corners that frame the QR code. */
export function CameraFrame({
  video,
  label,
  describedBy,
}: {
  video: Ref<HTMLVideoElement>;
  label: string;
  describedBy?: string | undefined;
}) {
  return (
    <div class="camera-frame">
      <video
        ref={video}
        class="camera-video"
        aria-label={label}
        aria-describedby={describedBy}
        muted
        playsInline
        autoPlay
      />
      <div class="scan-guide" aria-hidden="true">
        <span class="corner tl" />
        <span class="corner tr" />
        <span class="corner bl" />
        <span class="corner br" />
      </div>
    </div>
  );
}
