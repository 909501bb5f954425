import { WEIGHTS_PATH } from "../../../domain/rubric-validation.ts";
import type { ComponentScale, ComponentTeam, Rubric, RubricComponent } from "../../../domain/types.ts";
import { updateDraft, useSetup } from "../../../state/edition-setup.ts";
import { formatNumber, useApp, useT } from "../../../state/index.ts";
import { FieldMessages, invalidProps } from "./FieldMessages.tsx";
import { IndicatorEditor } from "./IndicatorEditor.tsx";
import { ItemControls } from "./ItemControls.tsx";
import { freshId, moveBy, removeAt, replaceAt } from "./list-edit.ts";

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

const updateRubric = (recipe: (r: Rubric) => Rubric) => updateDraft((d) => ({ ...d, rubric: recipe(d.rubric) }));

const updateComponent = (index: number, recipe: (c: RubricComponent) => RubricComponent) =>
  updateRubric((r) => ({ ...r, components: r.components.map((c, i) => (i === index ? recipe(c) : c)) }));

const allIndicatorIds = (r: Rubric) => r.components.flatMap((c) => c.indicators.map((i) => i.id));

/** Components (name, weight, team, scale) and their indicators; weights must total 100 before saving. */
export const RubricEditor = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const rubric = useSetup((s) => s.draft?.rubric);
  const errors = useSetup((s) => s.errors);
  if (!rubric) return null;
  const total = rubric.components.reduce((sum, c) => sum + c.weight, 0);
  const addComponent = () =>
    updateRubric((r) => {
      const id = freshId(
        "cmp",
        r.components.map((c) => c.id),
      );
      const indicatorId = freshId("ind", allIndicatorIds(r));
      const component: RubricComponent = {
        id,
        name: { id: "" },
        weight: 0,
        team: "panel",
        scale: "numeric",
        indicators: [{ id: indicatorId, code: "K1", aksi: null, text: { id: "" }, levels: [], maxPoints: 100 }],
      };
      return { ...r, components: [...r.components, component] };
    });
  return (
    <section class="panel" aria-labelledby="rubric-title">
      <h3 id="rubric-title">{t("setup.rubricHeading", { version: rubric.version })}</h3>
      <p class={Math.abs(total - 100) < 1e-9 ? "muted" : "field-error"} data-testid="weight-total">
        {t("setup.weightTotal", { total: formatNumber(locale, total, Number.isInteger(total) ? 0 : 2) })}
      </p>
      <FieldMessages errors={errors} path={`rubric.${WEIGHTS_PATH}`} />
      <FieldMessages errors={errors} path="rubric.components" />
      {rubric.components.map((component, ci) => (
        <ComponentEditor key={component.id} component={component} index={ci} count={rubric.components.length} />
      ))}
      <button type="button" class="button" onClick={addComponent}>
        {t("setup.addComponent")}
      </button>
    </section>
  );
};

type ComponentProps = { component: RubricComponent; index: number; count: number };

const ComponentEditor = ({ component, index, count }: ComponentProps) => {
  const t = useT();
  const errors = useSetup((s) => s.errors);
  const path = `rubric.components.${index}`;
  const dom = `c${index}`;
  const patch = (p: Partial<RubricComponent>) => updateComponent(index, (c) => ({ ...c, ...p }));
  const setScale = (scale: ComponentScale) =>
    patch({
      scale,
      // A level-scaled indicator needs levels and a numeric one none; switching gives each the right shape.
      indicators: component.indicators.map((i) =>
        scale === "levels"
          ? { ...i, bands: [], levels: i.levels.length > 0 ? i.levels : [{ letter: "A", descriptor: { id: "" } }] }
          : { ...i, levels: [], maxPoints: i.maxPoints ?? 100 },
      ),
    });
  const label = component.name.id || t("setup.componentN", { n: index + 1 });
  return (
    <fieldset class="component-editor" data-testid={`component-${component.id}`}>
      <legend>
        {label}
        <ItemControls
          label={label}
          index={index}
          count={count}
          onMove={(by) => updateRubric((r) => ({ ...r, components: moveBy(r.components, index, by) }))}
          onRemove={() => updateRubric((r) => ({ ...r, components: removeAt(r.components, index) }))}
        />
      </legend>
      <div class="field-row">
        <div class="field">
          <label for={`${dom}-name`}>{t("setup.componentName")}</label>
          <input
            id={`${dom}-name`}
            value={component.name.id}
            onInput={(e) => patch({ name: { ...component.name, id: value(e) } })}
            {...invalidProps(errors, `${path}.name.id`)}
          />
          <FieldMessages errors={errors} path={`${path}.name.id`} />
        </div>
        <div class="field field-narrow">
          <label for={`${dom}-weight`}>{t("setup.weight")}</label>
          <input
            id={`${dom}-weight`}
            type="number"
            inputMode="decimal"
            value={component.weight}
            onInput={(e) => patch({ weight: Number(value(e)) })}
            {...invalidProps(errors, `${path}.weight`)}
          />
          <FieldMessages errors={errors} path={`${path}.weight`} />
        </div>
        <div class="field field-narrow">
          <label for={`${dom}-team`}>{t("setup.team")}</label>
          <select
            id={`${dom}-team`}
            value={component.team}
            onChange={(e) => patch({ team: (e.currentTarget as HTMLSelectElement).value as ComponentTeam })}
          >
            <option value="technical">{t("setup.teamTechnical")}</option>
            <option value="panel">{t("setup.teamPanel")}</option>
          </select>
        </div>
        <div class="field field-narrow">
          <label for={`${dom}-scale`}>{t("setup.scale")}</label>
          <select
            id={`${dom}-scale`}
            value={component.scale}
            onChange={(e) => setScale((e.currentTarget as HTMLSelectElement).value as ComponentScale)}
          >
            <option value="levels">{t("setup.scaleLevels")}</option>
            <option value="numeric">{t("setup.scaleNumeric")}</option>
          </select>
        </div>
      </div>
      <FieldMessages errors={errors} path={`${path}.indicators`} />
      {component.indicators.map((indicator, ii) => (
        <div class="indicator-item" key={indicator.id}>
          <div class="toolbar">
            <strong class="grow">{t("setup.indicatorN", { code: indicator.code || ii + 1 })}</strong>
            <ItemControls
              label={t("setup.indicatorN", { code: indicator.code || ii + 1 })}
              index={ii}
              count={component.indicators.length}
              onMove={(by) => patch({ indicators: moveBy(component.indicators, ii, by) })}
              onRemove={() => patch({ indicators: removeAt(component.indicators, ii) })}
            />
          </div>
          <IndicatorEditor
            indicator={indicator}
            scale={component.scale}
            path={`${path}.indicators.${ii}`}
            errors={errors}
            onChange={(next) => patch({ indicators: replaceAt(component.indicators, ii, next) })}
          />
        </div>
      ))}
      <button
        type="button"
        class="button"
        onClick={() =>
          updateRubric((r) => {
            const id = freshId("ind", allIndicatorIds(r));
            const levels = component.scale === "levels" ? [{ letter: "A", descriptor: { id: "" } }] : [];
            const indicator = { id, code: "", aksi: null, text: { id: "" }, levels, maxPoints: 100 };
            return {
              ...r,
              components: r.components.map((c, i) =>
                i === index ? { ...c, indicators: [...c.indicators, indicator] } : c,
              ),
            };
          })
        }
      >
        {t("setup.addIndicator")}
      </button>
    </fieldset>
  );
};
