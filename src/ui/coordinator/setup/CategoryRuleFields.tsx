import type { AwardCategory, AwardRule, EditionSettings } from "../../../domain/types.ts";
import { updateDraft, useSetup } from "../../../state/edition-setup.ts";
import { pickText, useApp, useT } from "../../../state/index.ts";
import { FieldMessages, invalidProps } from "./FieldMessages.tsx";
import { replaceAt } from "./list-edit.ts";

type CategoryRule = Exclude<AwardRule, { kind: "best-n" }>;

const setAwards = (awards: EditionSettings["awards"]) =>
  updateDraft((d) => ({ ...d, edition: { ...d.edition, settings: { ...d.edition.settings, awards } } }));

/** A category award decided by nominations or by the chosen indicators' scores, and which indicators. */
export const CategoryRuleFields = ({ rule, index }: { rule: CategoryRule; index: number }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const draft = useSetup((s) => s.draft);
  const errors = useSetup((s) => s.errors);
  if (!draft) return null;
  const awards = draft.edition.settings.awards;
  const replace = (next: CategoryRule) => setAwards(replaceAt(awards, index, next));
  const idPrefix = `award-${index}`;
  const path = `edition.settings.awards.${index}.indicatorIds`;
  const chosen = rule.kind === "indicator-rule" ? new Set(rule.indicatorIds) : new Set<string>();
  const toggle = (indicatorId: string, on: boolean) => {
    if (rule.kind !== "indicator-rule") return;
    // Kept in rubric order, so the rule reads the same whatever order they were ticked in.
    const order = draft.rubric.components.flatMap((c) => c.indicators.map((i) => i.id));
    const next = order.filter((id) => (id === indicatorId ? on : chosen.has(id)));
    replace({ ...rule, indicatorIds: next });
  };
  return (
    <div class="grow">
      <div class="field">
        <label for={`${idPrefix}-kind`}>{t("setup.awardHow")}</label>
        <select
          id={`${idPrefix}-kind`}
          value={rule.kind}
          onChange={(e) => {
            const kind = (e.currentTarget as HTMLSelectElement).value;
            replace(
              kind === "indicator-rule"
                ? { kind: "indicator-rule", category: rule.category, indicatorIds: [] }
                : { kind: "nomination-count", category: rule.category },
            );
          }}
        >
          <option value="nomination-count">{t("setup.awardHowNominations")}</option>
          <option value="indicator-rule">{t("setup.awardHowIndicators")}</option>
        </select>
        <p class="muted">
          {t(rule.kind === "indicator-rule" ? "setup.awardIndicatorRuleHelp" : "setup.awardNominationsHelp")}
        </p>
      </div>
      {rule.kind === "indicator-rule" ? (
        <fieldset class="field" {...invalidProps(errors, path)} data-testid={`${idPrefix}-indicators`}>
          <legend>{t("setup.awardIndicators", { category: t(`nominate.${rule.category}`) })}</legend>
          <FieldMessages errors={errors} path={path} below />
          {draft.rubric.components.map((component) => (
            <div key={component.id}>
              <p class="muted">{pickText(component.name, locale)}</p>
              {component.indicators.map((indicator) => (
                <label class="check" key={indicator.id}>
                  <input
                    type="checkbox"
                    checked={chosen.has(indicator.id)}
                    onChange={(e) => toggle(indicator.id, (e.currentTarget as HTMLInputElement).checked)}
                  />{" "}
                  {indicator.code} · {pickText(indicator.text, locale)}
                </label>
              ))}
            </div>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
};

/** A new category award decided by indicator scores; the coordinator then ticks the indicators. */
export const indicatorRuleFor = (category: AwardCategory): CategoryRule => ({
  kind: "indicator-rule",
  category,
  indicatorIds: [],
});
