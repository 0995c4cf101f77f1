import { encodeQr, qrSvgPath } from "../Officer/qr";

/** A QR code of `text` as an SVG image that fills its box (4 modules of quiet zone). */
export function QrImage({ text, label }: { text: string; label: string }) {
  const qr = encodeQr(text);
  const size = qr.size + 8;
  return (
    <svg
      class="identity-qr-img"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
      data-version={qr.version}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={qrSvgPath(qr)} fill="#000" />
    </svg>
  );
}
