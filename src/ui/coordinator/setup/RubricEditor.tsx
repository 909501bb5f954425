import { WEIGHTS_PATH } from "../../../domain/rubric-validation.ts";
import type { ComponentScale, ComponentTeam, Rubric, RubricComponent } from "../../../domain/types.ts";
import { updateDraft, useSetup } from "../../../state/edition-setup.ts";
import { formatNumber, useApp, useT } from "../../../state/index.ts";
import { SelectField } from "../../components/Field.tsx";
import { CheckedTextField, FieldMessages } from "./FieldMessages.tsx";
import { IndicatorEditor } from "./IndicatorEditor.tsx";
import { ItemControls } from "./ItemControls.tsx";
import { freshId, moveBy, removeAt, replaceAt } from "./list-edit.ts";

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
        <CheckedTextField
          id={`${dom}-name`}
          label={t("setup.componentName")}
          value={component.name.id}
          onValue={(v) => patch({ name: { ...component.name, id: v } })}
          errors={errors}
          path={`${path}.name.id`}
        />
        <CheckedTextField
          id={`${dom}-weight`}
          label={t("setup.weight")}
          class="field-narrow"
          value={component.weight}
          onValue={(v) => patch({ weight: Number(v) })}
          input={{ type: "number", inputMode: "decimal" }}
          errors={errors}
          path={`${path}.weight`}
        />
        <SelectField
          id={`${dom}-team`}
          label={t("setup.team")}
          class="field-medium"
          value={component.team}
          onValue={(v) => patch({ team: v as ComponentTeam })}
          options={[
            ["technical", t("setup.teamTechnical")],
            ["panel", t("setup.teamPanel")],
          ]}
        />
        <SelectField
          id={`${dom}-scale`}
          label={t("setup.scale")}
          class="field-medium"
          value={component.scale}
          onValue={(v) => setScale(v as ComponentScale)}
          options={[
            ["levels", t("setup.scaleLevels")],
            ["numeric", t("setup.scaleNumeric")],
          ]}
        />
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
