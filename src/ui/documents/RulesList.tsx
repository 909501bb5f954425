import type { MethodNote } from "../../domain/feedback-letter.ts";
import { formatNumber, type MessageKey, pickText, useApp, useT } from "../../state/index.ts";

type Props = { method: MethodNote; tieBreakCount: number; rubricVersion?: number };

/** The rules in force, in words: weights, letter values, roll-up, combination, rounding, tie-break, agreement. */
export const RulesList = ({ method, tieBreakCount, rubricVersion }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const combine = method.combine;
  const combineText = t(
    `coord.combine.${combine.method}` as MessageKey,
    combine.method === "trimmed-mean" ? { k: combine.k } : {},
  );
  const componentName = new Map(method.weights.map((w) => [w.componentId, pickText(w.name, locale)]));
  return (
    <ul data-testid="rules">
      {rubricVersion !== undefined ? <li>{t("doc.rules.rubric", { version: rubricVersion })}</li> : null}
      <li>
        {t("doc.rules.weights", {
          list: method.weights
            .map((w) => `${pickText(w.name, locale)} ${formatNumber(locale, w.share, 0)}%`)
            .join(", "),
        })}
      </li>
      <li>
        {t("doc.rules.letters", {
          list: Object.entries(method.letterValues)
            .map(([letter, value]) => `${letter}=${value}`)
            .join(", "),
        })}
      </li>
      <li>{t("doc.rules.rollUp", { value: t(`coord.rollUp.${method.rollUp}` as MessageKey) })}</li>
      <li>{t("doc.rules.combine", { value: combineText })}</li>
      <li>{t("doc.rules.precision", { precision: method.precision })}</li>
      <li>{tieBreakCount > 0 ? t("doc.rules.tieBreak", { count: tieBreakCount }) : t("doc.rules.noTieBreak")}</li>
      {method.agreement.map((a) => (
        <li key={a.componentId}>
          {a.alpha === null || a.band === null
            ? t("doc.rules.agreementNone", { component: componentName.get(a.componentId) ?? a.componentId })
            : t("doc.rules.agreement", {
                component: componentName.get(a.componentId) ?? a.componentId,
                alpha: formatNumber(locale, a.alpha, 3),
                band: t(`doc.band.${a.band}` as MessageKey),
                count: a.pairableValues,
              })}
        </li>
      ))}
    </ul>
  );
};
