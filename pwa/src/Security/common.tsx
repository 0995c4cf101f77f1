/** What the account-security screens share: their catalogue, "Đang tải…", the success screen. */
import type { VNode } from "preact";
import { viSecurity } from "../i18n/vi/security";
import { enSecurity } from "../i18n/en/security";
import { pick as pickLang } from "../lang";
import { Heading } from "../ui";

/** The catalogue of the current language. */
export const s = () => pickLang(viSecurity, enSecurity);

/** "Đang tải…". */
export function Loading() {
  return (
    <p class="loading" role="status">
      {s().common.loading}
    </p>
  );
}

/** "✓", the title and what happened, then the way on. */
export function Done({ title, text, children }: { title: string; text: string; children: VNode }) {
  return (
    <>
      <div class="success-mark" aria-hidden="true">
        ✓
      </div>
      <Heading>{title}</Heading>
      <p aria-live="polite">{text}</p>
      <div class="actions">{children}</div>
    </>
  );
}
