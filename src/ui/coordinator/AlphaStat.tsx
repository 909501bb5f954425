import type { ComponentAlpha } from "../../domain/results.ts";
import { formatNumber, type MessageKey, useApp, useT } from "../../state/index.ts";

/** Krippendorff's alpha as a term and its value in a stats list, with its band and what it was computed from. */
export const AlphaStat = ({ alpha }: { alpha: ComponentAlpha }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  return (
    <>
      <dt>{t("doc.alpha.label", { metric: t(`doc.alpha.metric.${alpha.metric}` as MessageKey) })}</dt>
      <dd data-testid="alpha">
        {alpha.value === null || alpha.band === null
          ? t("coord.statNull", { reason: t(`coord.reason.${alpha.reason ?? "too-few-rows"}` as MessageKey) })
          : t("doc.alpha.value", {
              alpha: formatNumber(locale, alpha.value, 3),
              band: t(`doc.band.${alpha.band}` as MessageKey),
              ratings: alpha.pairableValues,
              districts: alpha.participantsUsed,
            })}
      </dd>
    </>
  );
};
