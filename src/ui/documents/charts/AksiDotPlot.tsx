import { middleHalf } from "../../../domain/chart-scale.ts";
import { formatNumber, useApp, useT } from "../../../state/index.ts";

export type ChartPoint = { id: string; label: string; value: number | null };

type Props = { aksi: number; caption: string; points: readonly ChartPoint[]; highlightId?: string; decimals: number };

const WIDTH = 320;
const HEIGHT = 58;
const PAD = 14;
const AXIS_Y = 40;

const xOf = (value: number) => PAD + (Math.min(100, Math.max(0, value)) / 100) * (WIDTH - 2 * PAD);

/** Districts of one cohort on 0–100 for one aksi: the middle-50 % band, the median tick, one dot each. */
export const AksiDotPlot = ({ aksi, caption, points, highlightId, decimals }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const spread = middleHalf(points.map((p) => p.value));
  if (!spread) return null;
  const num = (x: number) => formatNumber(locale, x, decimals);
  const present = points.filter((p): p is ChartPoint & { value: number } => p.value !== null);
  // Dots closer than a dot's width step up a row, so none hides another.
  const sorted = [...present].sort((a, b) => a.value - b.value || (a.id < b.id ? -1 : 1));
  const rows = new Map<string, number>();
  let lastX = Number.NEGATIVE_INFINITY;
  let row = 0;
  for (const p of sorted) {
    const x = xOf(p.value);
    row = x - lastX < 8 ? (row + 1) % 3 : 0;
    rows.set(p.id, row);
    lastX = x;
  }
  const titleId = `dotplot-${aksi}-title`;
  const summary = t("doc.chart.dotPlot", {
    aksi,
    count: present.length,
    median: num(spread.median),
    q1: num(spread.q1),
    q3: num(spread.q3),
  });
  return (
    <figure class="chart" data-testid={`dot-plot-${aksi}`}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{summary}</title>
        <rect
          class="chart-band"
          data-testid="middle-half"
          x={xOf(spread.q1)}
          y={AXIS_Y - 30}
          width={Math.max(1, xOf(spread.q3) - xOf(spread.q1))}
          height={30}
        />
        <line class="chart-axis" x1={PAD} x2={WIDTH - PAD} y1={AXIS_Y} y2={AXIS_Y} />
        {[0, 50, 100].map((tick) => (
          <text key={tick} x={xOf(tick)} y={HEIGHT - 4} text-anchor="middle">
            {tick}
          </text>
        ))}
        <line
          class="chart-median"
          data-testid="median-tick"
          x1={xOf(spread.median)}
          x2={xOf(spread.median)}
          y1={AXIS_Y - 34}
          y2={AXIS_Y + 4}
        />
        {sorted.map((p) => (
          <circle
            key={p.id}
            class={p.id === highlightId ? "chart-dot chart-dot-highlight" : "chart-dot"}
            data-testid={`dot-${p.id}`}
            cx={xOf(p.value)}
            cy={AXIS_Y - 6 - 9 * (rows.get(p.id) ?? 0)}
            r={p.id === highlightId ? 5 : 4}
          >
            <title>{`${p.label}: ${num(p.value)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>{caption}</figcaption>
    </figure>
  );
};
