/**
 * The receipt of a level-2 file, printed on one A5 (or A6) page ("In biên nhận" → `window.print()`; the print
 * stylesheet hides everything else): the reference number, the tracking code, the next steps and a QR code of the
 * tracking link (`<origin>/tra-cuu?ref=…&code=…`), drawn as SVG by `qr.ts`.
 */
import type * as z from "zod/mini";
import type { IntakeResponse } from "../../../shared/officer-schemas";
import type { CardInputT } from "../../../shared/schemas";
import { Button, Heading } from "../ui";
import { QrSvg } from "../qr/QrSvg";
import { ROUTES } from "../routes";
import { vnDateTime } from "../i18n/dates";
import { tOfficer } from "../i18n/officer";

export type ReceiptData = z.infer<typeof IntakeResponse> & { card: CardInputT; unitName: string; at: string };

const r = () => tOfficer().receipt;

/** The tracking link on this origin, with the query the server gave (`ref` and `code`). */
export function trackingLink(data: Pick<ReceiptData, "reference" | "trackingCode" | "trackingUrl">): string {
  let search = "";
  try {
    search = new URL(data.trackingUrl, location.origin).search;
  } catch {
    search = "";
  }
  if (!search) search = `?ref=${encodeURIComponent(data.reference)}&code=${encodeURIComponent(data.trackingCode)}`;
  return `${location.origin}${ROUTES.track.path}${search}`;
}

export function Receipt({ data, onAnother }: { data: ReceiptData; onAnother(): void }) {
  const link = trackingLink(data);
  return (
    <>
      <div class="no-print">
        <div class="success-mark" aria-hidden="true">
          ✓
        </div>
        <Heading>{r().title}</Heading>
      </div>
      <section class="receipt" aria-labelledby="receipt-title">
        <h2 id="receipt-title">{r().heading}</h2>
        <p class="receipt-unit">
          {r().unit}: <strong>{data.unitName}</strong>
        </p>
        <div class="receipt-main">
          <dl class="receipt-facts">
            <div class="receipt-ref">
              <dt>{r().reference}</dt>
              <dd data-testid="reference">{data.reference}</dd>
            </div>
            <div>
              <dt>{r().trackingCode}</dt>
              <dd class="receipt-code" data-testid="tracking-code">
                {data.trackingCode}
              </dd>
            </div>
            <div>
              <dt>{r().fullName}</dt>
              <dd>{data.citizen.fullName}</dd>
            </div>
            <div>
              <dt>{r().citizenId}</dt>
              <dd>{data.citizen.id}</dd>
            </div>
            <div>
              <dt>{r().at}</dt>
              <dd>{vnDateTime(data.at)}</dd>
            </div>
            <div>
              <dt>{r().fee}</dt>
              <dd>{r().feeValue}</dd>
            </div>
          </dl>
          <figure class="receipt-qr">
            <QrSvg text={link} label={r().qr(link)} />
            <figcaption>{r().qrCaption}</figcaption>
          </figure>
        </div>
        <h3>{r().nextTitle}</h3>
        <ol class="receipt-steps">
          {r()
            .next(location.origin)
            .map((step) => (
              <li key={step}>{step}</li>
            ))}
        </ol>
        <p class="receipt-link">{link}</p>
        <p class="receipt-keep">{r().keep}</p>
      </section>
      <div class="actions no-print">
        <Button onClick={() => window.print()}>{r().print}</Button>
        <Button variant="secondary" onClick={onAnother}>
          {r().another}
        </Button>
      </div>
    </>
  );
}
