import { useT } from "../../../state/index.ts";

/*
 * What the marks of the aksi dot plots mean, in the district's words, drawn with the plots' own classes so
 * the legend cannot drift from the charts. A letter printed in black and white still reads: the district's
 * dot is larger and filled, the others are open.
 */
export const DotPlotLegend = ({ district }: { district: string | null }) => {
  const t = useT();
  return (
    <p class="chart chart-legend" data-testid="dot-plot-legend">
      {district !== null ? (
        <span>
          <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
            <circle class="chart-dot chart-dot-highlight" cx="6" cy="6" r="5" />
          </svg>
          {district}
        </span>
      ) : null}
      <span>
        <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
          <circle class="chart-dot" cx="6" cy="6" r="4" />
        </svg>
        {t(district !== null ? "doc.chart.legendOthers" : "doc.chart.legendDistricts")}
      </span>
      <span>
        <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
          <line class="chart-median" x1="6" x2="6" y1="0" y2="12" />
        </svg>
        {t("doc.chart.legendMedian")}
      </span>
      <span>
        <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
          <rect class="chart-band" x="0" y="2" width="12" height="8" />
        </svg>
        {t("doc.chart.legendMiddleHalf")}
      </span>
    </p>
  );
};
