import type { Results } from "../../domain/results.ts";
import { AKSI_NAMES } from "../../domain/templates/index.ts";
import { pickText, useApp, useT } from "../../state/index.ts";
import { DotPlotLegend } from "./charts/DotPlotLegend.tsx";
import { AksiDotPlot } from "./charts/AksiDotPlot.tsx";
import { TotalsBar } from "./charts/TotalsBar.tsx";

/**
 * Per ranking group: the sorted bar of totals and, per aksi, the dot plot of the group's assessed districts.
 * `framed`: a panel of its own on screen; false inside a printable page, which is the frame.
 */
export const ResultsCharts = ({ results, framed = true }: { results: Results; framed?: boolean }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const decimals = results.settings.precision;
  return (
    <section class={framed ? "panel" : undefined} aria-labelledby="charts-title" data-testid="results-charts">
      <h3 id="charts-title">{t("doc.view.charts")}</h3>
      {results.groups.map((g, i) => {
        const cohort = results.participants.filter((p) => p.rankingGroup === g.group && !p.observer);
        if (cohort.length === 0) return null;
        const aksi = [...new Set(cohort.flatMap((p) => p.aksi.map((a) => a.aksi)))].sort((a, b) => a - b);
        return (
          <section key={g.group} class="chart-group" aria-labelledby={`charts-group-${i}`}>
            <h4 id={`charts-group-${i}`}>{t("doc.ba.group", { group: g.group })}</h4>
            <TotalsBar
              id={`group-totals-${i}`}
              points={cohort.map((p) => ({ id: p.participantId, label: p.name, value: p.total }))}
              decimals={decimals}
            />
            {aksi.length > 0 ? <DotPlotLegend district={null} /> : null}
            <div class="chart-grid">
              {aksi.map((n) => (
                <AksiDotPlot
                  key={n}
                  aksi={n}
                  caption={t("doc.ba.aksiLine", { number: n, name: pickText(AKSI_NAMES[n], locale) })}
                  decimals={decimals}
                  points={cohort.map((p) => ({
                    id: p.participantId,
                    label: p.name,
                    value: p.aksi.find((a) => a.aksi === n)?.value ?? null,
                  }))}
                />
              ))}
            </div>
          </section>
        );
      })}
    </section>
  );
};
