/**
 * A file input that looks like a button: the real `<input type="file">` lies transparently over its label, so a
 * tap anywhere on the button opens the camera or the gallery (also on old Android browsers), and the input keeps
 * the label's text as its accessible name.
 */
import { useRef } from "preact/hooks";

export function FileButton({
  id,
  label,
  capture,
  variant = "secondary",
  describedBy,
  disabled,
  onPick,
  onOpen,
}: {
  id: string;
  label: string;
  capture: "environment" | "user";
  variant?: "primary" | "secondary";
  describedBy?: string | undefined;
  disabled?: boolean;
  onPick(file: File): void;
  /** Called when the picker is about to open (for example to free the camera). */
  onOpen?(): void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <div class={disabled ? "file-btn file-btn-disabled" : "file-btn"}>
      <label for={id} class={variant === "primary" ? "btn" : "btn btn-secondary"}>
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        type="file"
        accept="image/*"
        capture={capture}
        disabled={disabled}
        aria-describedby={describedBy}
        onClick={() => onOpen?.()}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const file = input.files?.[0];
          // Cleared at once, so that choosing the same photo again is noticed.
          input.value = "";
          if (file) onPick(file);
        }}
      />
    </div>
  );
}
