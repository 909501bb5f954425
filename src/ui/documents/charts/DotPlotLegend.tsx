import type { ComponentChildren } from "preact";
import { useT } from "../../../state/index.ts";

/** One legend entry: a 12 px drawing of the mark, then what it means. */
const Entry = ({ mark, children }: { mark: ComponentChildren; children: ComponentChildren }) => (
  <span>
    <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
      {mark}
    </svg>
    {children}
  </span>
);

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
        <Entry mark={<circle class="chart-dot chart-dot-highlight" cx="6" cy="6" r="5" />}>{district}</Entry>
      ) : null}
      <Entry mark={<circle class="chart-dot" cx="6" cy="6" r="4" />}>
        {t(district !== null ? "doc.chart.legendOthers" : "doc.chart.legendDistricts")}
      </Entry>
      <Entry mark={<line class="chart-median" x1="6" x2="6" y1="0" y2="12" />}>{t("doc.chart.legendMedian")}</Entry>
      <Entry mark={<rect class="chart-band" x="0" y="2" width="12" height="8" />}>
        {t("doc.chart.legendMiddleHalf")}
      </Entry>
    </p>
  );
};
