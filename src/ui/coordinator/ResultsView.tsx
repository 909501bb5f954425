import { kendallWBand } from "../../domain/agreement-bands.ts";
import type { AwardResult, ComponentAgreement } from "../../domain/results.ts";
import type { IccValue } from "../../domain/statistics.ts";
import { useCoordinator } from "../../state/coordinator.ts";
import { formatNumber, pickText, useApp, useT } from "../../state/index.ts";
import { DataTable } from "../components/DataTable.tsx";
import { AlphaStat } from "./AlphaStat.tsx";

/** Rankings, awards and the statistics behind them, with the rules in force printed alongside. */
export const ResultsView = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const results = useCoordinator((s) => s.results);
  const bundle = useCoordinator((s) => s.bundle);
  if (!results || !bundle) return null;
  const { settings } = results;
  const precision = settings.precision;
  const num = (value: number | null | undefined, decimals = precision) =>
    value === null || value === undefined ? "—" : formatNumber(locale, value, decimals);
  const participantName = (id: string) => bundle.participants.find((p) => p.id === id)?.name ?? id;
  const memberName = (id: string) => bundle.members.find((m) => m.id === id)?.name ?? id;
  const components = bundle.rubric.components;
  const componentName = (id: string) => {
    const component = components.find((c) => c.id === id);
    return component ? pickText(component.name, locale) : id;
  };
  const combine =
    settings.combine.method === "trimmed-mean"
      ? t("coord.combine.trimmed-mean", { k: settings.combine.k })
      : t(`coord.combine.${settings.combine.method}`);
  const byId = new Map(results.participants.map((p) => [p.participantId, p]));
  // A group of observers only (e.g. a later locus cohort attending as peninjau) has nothing to rank.
  const rankedGroups = results.groups.filter((g) => g.ranked.length > 0 || g.incomplete.length > 0);
  const observerNames = results.groups.flatMap((g) => g.observers).map(participantName);
  const awards = results.awards.filter((a) => a.kind !== "best-n" || rankedGroups.some((g) => g.group === a.group));
  return (
    <>
      <section class="panel" aria-labelledby="rules-title">
        <h3 id="rules-title">{t("coord.settingsHeading")}</h3>
        <ul class="plain-list">
          <li>
            {t("coord.settingLetters", {
              map: Object.entries(settings.letterValues)
                .map(([letter, value]) => `${letter}=${value}`)
                .join(", "),
            })}
          </li>
          <li>{t("coord.settingRollUp", { value: t(`coord.rollUp.${settings.rollUp}`) })}</li>
          <li>{t("coord.settingCombine", { value: combine })}</li>
          <li>
            {t("coord.settingWeights", {
              value: components.map((c) => `${pickText(c.name, locale)} ${c.weight}`).join(" · "),
            })}
          </li>
          <li>{t("coord.settingPrecision", { value: precision })}</li>
        </ul>
        {results.needsReview.length > 0 ? (
          <p class="callout callout-strong">{t("coord.needsReview", { count: results.needsReview.length })}</p>
        ) : null}
      </section>

      {rankedGroups.map((group) => (
        <section class="panel" key={group.group} aria-label={t("coord.group", { group: group.group })}>
          <h3>{t("coord.group", { group: group.group })}</h3>
          <DataTable
            variant="results"
            testId={`ranking-${group.group}`}
            columns={[
              { key: "rank", label: t("coord.rank") },
              { key: "participant", label: t("coord.participant") },
              ...components.map((c) => ({ key: c.id, label: pickText(c.name, locale), numeric: true })),
              { key: "total", label: t("coord.total"), numeric: true },
            ]}
          >
            {group.ranked.map((entry) => {
              const result = byId.get(entry.participantId);
              return (
                <tr key={entry.participantId}>
                  <td>
                    {entry.rank}
                    {entry.sharedWith.length > 0 ? <span class="muted"> ({t("coord.shared")})</span> : null}
                  </td>
                  <th scope="row">{participantName(entry.participantId)}</th>
                  {components.map((c) => (
                    <td key={c.id} class="num">
                      {num(result?.components.find((r) => r.componentId === c.id)?.value)}
                    </td>
                  ))}
                  <td class="num">
                    <strong>{num(entry.roundedTotal)}</strong>
                  </td>
                </tr>
              );
            })}
          </DataTable>
          {group.incomplete.length > 0 ? (
            <p class="muted">
              {t("coord.incompleteList", { names: group.incomplete.map(participantName).join(", ") })}
            </p>
          ) : null}
        </section>
      ))}
      {observerNames.length > 0 ? (
        <p class="muted" data-testid="observers">
          {t("coord.observers", { names: observerNames.join(", ") })}
        </p>
      ) : null}

      <section class="panel" aria-labelledby="awards-title">
        <h3 id="awards-title">{t("coord.awardsHeading")}</h3>
        <ul class="plain-list" data-testid="awards">
          {awards.map((award) => (
            <li key={awardKey(award)}>
              <AwardLine award={award} participantName={participantName} />
            </li>
          ))}
        </ul>
      </section>

      <section class="panel" aria-labelledby="agreement-title">
        <h3 id="agreement-title">{t("coord.agreementHeading")}</h3>
        {results.agreement.map((agreement) => (
          <AgreementBlock
            key={agreement.componentId}
            agreement={agreement}
            name={componentName(agreement.componentId)}
          />
        ))}
      </section>

      <section class="panel" aria-labelledby="outliers-title">
        <h3 id="outliers-title">{t("coord.outliersHeading")}</h3>
        {results.outliers.length === 0 ? (
          <p>{t("coord.noOutliers", { points: settings.outliers.thresholdPoints })}</p>
        ) : (
          <ul class="plain-list">
            {results.outliers.map((o) => (
              <li key={`${o.participantId}-${o.componentId}-${o.memberId}`}>
                {t("coord.outlierLine", {
                  member: memberName(o.memberId),
                  participant: participantName(o.participantId),
                  value: num(o.value),
                  component: componentName(o.componentId),
                  others: num(o.othersMean),
                  diff: num(o.difference),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
};

const awardKey = (award: AwardResult) =>
  award.kind === "best-n" ? `best-${award.group}` : `${award.kind}-${award.category}`;

const AwardLine = ({ award, participantName }: { award: AwardResult; participantName: (id: string) => string }) => {
  const t = useT();
  if (award.kind === "best-n") {
    return (
      <>
        <strong>{t("coord.awardBest", { n: award.n, group: award.group })}: </strong>
        {award.winners.length === 0
          ? t("coord.awardNone")
          : award.winners.map((w) => `${w.rank}. ${participantName(w.participantId)}`).join(" · ")}
      </>
    );
  }
  const category = t(`nominate.${award.category}`);
  const label =
    award.kind === "nomination-count" ? t("coord.awardNomination", { category }) : t("coord.awardRule", { category });
  return (
    <>
      <strong>{label}: </strong>
      {award.winners.length === 0
        ? t("coord.awardNone")
        : award.kind === "nomination-count"
          ? award.winners
              .map((w) => `${participantName(w.participantId)} (${t("coord.nominations", { count: w.count })})`)
              .join(" · ")
          : award.winners.map((w) => participantName(w.participantId)).join(" · ")}
    </>
  );
};

const AgreementBlock = ({ agreement, name }: { agreement: ComponentAgreement; name: string }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const reason = agreement.reason ? t("coord.statNull", { reason: t(`coord.reason.${agreement.reason}`) }) : "—";
  const icc = (value: IccValue | null | undefined) =>
    value ? `${formatNumber(locale, value.value, 3)} (${t(`coord.interp.${value.interpretation}`)})` : reason;
  return (
    <div class="agreement" data-testid={`agreement-${agreement.componentId}`}>
      <h4>{name}</h4>
      <p class="muted">{t("coord.agreementRows", { rows: agreement.rowsUsed, dropped: agreement.rowsDropped })}</p>
      <dl class="stats">
        <dt>{t("coord.icc21")}</dt>
        <dd>{icc(agreement.icc?.icc21)}</dd>
        <dt>{t("coord.icc2k")}</dt>
        <dd>{icc(agreement.icc?.icc2k)}</dd>
        <dt>{t("coord.icc3k")}</dt>
        <dd>{icc(agreement.icc?.icc3k)}</dd>
        <dt>{t("coord.kendallW")}</dt>
        <dd data-testid="kendall-w">
          {agreement.kendallW
            ? `${formatNumber(locale, agreement.kendallW.w, 3)} (${t(`coord.interp.${kendallWBand(agreement.kendallW.w)}`)})`
            : reason}
        </dd>
        <AlphaStat alpha={agreement.alpha} />
      </dl>
    </div>
  );
};
