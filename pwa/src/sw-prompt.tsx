/**
 * "Đã có phiên bản mới" with a "Cập nhật" button, shown when sw-bridge reports a waiting new version. Loaded only
 * then (main.tsx). A polite live region, put in the page empty and filled a moment later so that screen readers
 * announce it; fixed to the bottom of the screen so that it never moves the content (the page keeps room for it).
 */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { applyUpdate } from "./sw-bridge";
import "./sw-prompt.css";

/** The prompt's three labels, in the language in force (`t().update` of the core catalogue). */
export interface UpdateText {
  available: string;
  apply: string;
  applying: string;
}

function UpdatePrompt({ text }: { text: () => UpdateText }) {
  const [shown, setShown] = useState(false);
  const [applying, setApplying] = useState(false);
  useEffect(() => {
    const id = setTimeout(() => setShown(true), 150);
    return () => clearTimeout(id);
  }, []);
  useEffect(() => {
    document.body.classList.toggle("has-sw-update", shown);
  }, [shown]);
  return (
    <div class="sw-update" role="status" aria-live="polite">
      {shown ? (
        <div class="sw-update-inner">
          <p class="sw-update-text">{text().available}</p>
          <button
            type="button"
            class="btn sw-update-btn"
            disabled={applying}
            onClick={() => {
              setApplying(true);
              applyUpdate();
            }}
          >
            {applying ? text().applying : text().apply}
          </button>
        </div>
      ) : null}
    </div>
  );
}

let mounted = false;

/** Shows the prompt (once). */
/** `text` gives the labels in the language in force (passed by main.tsx, so that this chunk needs no catalogue). */
export function showUpdatePrompt(text: () => UpdateText): void {
  if (mounted) return;
  mounted = true;
  const el = document.createElement("div");
  document.body.appendChild(el);
  render(<UpdatePrompt text={text} />, el);
}
