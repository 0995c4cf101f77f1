import { encodeQr, qrSvgPath } from "./encode";

/**
 * A QR code of `text` as an SVG image (4 modules of quiet zone) that fills its box: the receipt's tracking link and
 * the citizen's "Mã QR định danh".
 */
export function QrSvg({ text, label, class: className = "qr" }: { text: string; label: string; class?: string }) {
  const qr = encodeQr(text);
  const size = qr.size + 8;
  return (
    <svg
      class={className}
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
