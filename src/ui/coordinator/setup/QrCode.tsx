import { encode } from "uqr";

type Props = { text: string; label: string; size?: number };

/** A QR code drawn as one SVG path from uqr's module matrix (no HTML strings injected). */
export const QrCode = ({ text, label, size = 160 }: Props) => {
  const { data, size: n } = encode(text, { border: 2 });
  let d = "";
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${n} ${n}`}
      shape-rendering="crispEdges"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
};
