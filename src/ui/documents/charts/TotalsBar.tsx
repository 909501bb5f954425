import { formatNumber, useApp, useT } from "../../../state/index.ts";
import type { ChartPoint } from "./AksiDotPlot.tsx";

type Props = { points: readonly ChartPoint[]; highlightId?: string; decimals: number; id: string };

const WIDTH = 420;
const LABEL = 150;
const VALUE = 44;
const ROW = 20;

/** Totals as horizontal bars, highest first (ties by name); participants without a total are left out. */
export const TotalsBar = ({ points, highlightId, decimals, id }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const rows = points
    .filter((p): p is ChartPoint & { value: number } => p.value !== null)
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, "id"));
  if (rows.length === 0) return null;
  const barWidth = WIDTH - LABEL - VALUE;
  const titleId = `${id}-title`;
  return (
    <figure class="chart" data-testid={id}>
      <svg viewBox={`0 0 ${WIDTH} ${rows.length * ROW + 4}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{t("doc.chart.totals", { count: rows.length })}</title>
        {rows.map((p, i) => {
          const y = i * ROW + 2;
          const w = (Math.min(100, Math.max(0, p.value)) / 100) * barWidth;
          return (
            <g key={p.id} data-testid={`bar-${p.id}`}>
              <text x={LABEL - 6} y={y + 13} text-anchor="end">
                {p.label}
              </text>
              <rect
                class={p.id === highlightId ? "chart-bar chart-bar-highlight" : "chart-bar"}
                x={LABEL}
                y={y + 2}
                width={w}
                height={ROW - 6}
              />
              <text x={LABEL + w + 4} y={y + 13}>
                {formatNumber(locale, p.value, decimals)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
};
