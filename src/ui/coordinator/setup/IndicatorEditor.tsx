import type { FieldError } from "../../../domain/field-errors.ts";
import { ALL_AKSI } from "../../../domain/templates/index.ts";
import type { AksiNumber, ComponentScale, Indicator, Level, LocalText, ScoreBand } from "../../../domain/types.ts";
import { useT } from "../../../state/index.ts";
import { SelectField, TextField } from "../../components/Field.tsx";
import { CheckedTextField, FieldMessages } from "./FieldMessages.tsx";
import { ItemControls } from "./ItemControls.tsx";
import { moveBy, removeAt, replaceAt } from "./list-edit.ts";

type Props = {
  indicator: Indicator;
  scale: ComponentScale;
  /** Dot path of this indicator in the draft, e.g. "rubric.components.0.indicators.2". */
  path: string;
  errors: readonly FieldError[];
  onChange: (indicator: Indicator) => void;
};

const withId = (text: LocalText | undefined, id: string): LocalText => ({ ...(text ?? {}), id });

/** One indicator: code, aksi, text, evidence hint, and its levels (A–D) or its score bands (numeric). */
export const IndicatorEditor = ({ indicator, scale, path, errors, onChange }: Props) => {
  const t = useT();
  const patch = (p: Partial<Indicator>) => onChange({ ...indicator, ...p });
  const dom = path.replace(/\./g, "-");
  return (
    <div class="indicator-editor" data-testid={`indicator-${indicator.code}`}>
      <div class="field-row">
        <CheckedTextField
          id={`${dom}-code`}
          label={t("setup.code")}
          class="field-narrow"
          value={indicator.code}
          onValue={(v) => patch({ code: v })}
          errors={errors}
          path={`${path}.code`}
        />
        <SelectField
          id={`${dom}-aksi`}
          label={t("setup.aksi")}
          class="field-narrow"
          value={String(indicator.aksi ?? "")}
          onValue={(v) => patch({ aksi: v === "" ? null : (Number(v) as AksiNumber) })}
          placeholder={t("setup.noAksi")}
          options={ALL_AKSI.map((a) => [String(a), t("setup.aksiN", { n: a })])}
        />
        <CheckedTextField
          id={`${dom}-text`}
          label={t("setup.indicatorText")}
          lines={2}
          value={indicator.text.id}
          onValue={(v) => patch({ text: withId(indicator.text, v) })}
          errors={errors}
          path={`${path}.text.id`}
        />
      </div>
      <TextField
        id={`${dom}-hint`}
        label={t("setup.evidenceHint")}
        value={indicator.evidenceHint?.id ?? ""}
        onValue={(v) => {
          const { evidenceHint: _drop, ...rest } = indicator;
          onChange(v.trim() === "" ? rest : { ...indicator, evidenceHint: withId(indicator.evidenceHint, v) });
        }}
      />
      {scale === "levels" ? (
        <LevelsEditor levels={indicator.levels} path={path} errors={errors} onChange={(levels) => patch({ levels })} />
      ) : (
        <BandsEditor
          bands={indicator.bands ?? []}
          maxPoints={indicator.maxPoints ?? 100}
          path={path}
          errors={errors}
          onChange={(bands) => patch({ bands })}
        />
      )}
    </div>
  );
};

type LevelsProps = { levels: Level[]; path: string; errors: readonly FieldError[]; onChange: (l: Level[]) => void };

const LevelsEditor = ({ levels, path, errors, onChange }: LevelsProps) => {
  const t = useT();
  const dom = path.replace(/\./g, "-");
  const nextLetter = String.fromCharCode(65 + levels.length);
  return (
    <fieldset class="sub-list">
      <legend>{t("setup.levels")}</legend>
      <FieldMessages errors={errors} path={`${path}.levels`} />
      {levels.map((level, i) => {
        const at = `${path}.levels.${i}`;
        const label = t("setup.levelN", { letter: level.letter || i + 1 });
        return (
          <div class="field-row" key={`${i}-${levels.length}`}>
            <CheckedTextField
              id={`${dom}-l${i}-letter`}
              label={t("setup.letter")}
              class="field-narrow"
              value={level.letter}
              onValue={(v) => onChange(replaceAt(levels, i, { ...level, letter: v.toUpperCase() }))}
              errors={errors}
              path={`${at}.letter`}
            />
            <CheckedTextField
              id={`${dom}-l${i}-descriptor`}
              label={t("setup.descriptor")}
              value={level.descriptor.id}
              onValue={(v) => onChange(replaceAt(levels, i, { ...level, descriptor: withId(level.descriptor, v) }))}
              errors={errors}
              path={`${at}.descriptor.id`}
            />
            <ItemControls
              label={label}
              index={i}
              count={levels.length}
              onMove={(by) => onChange(moveBy(levels, i, by))}
              onRemove={() => onChange(removeAt(levels, i))}
            />
          </div>
        );
      })}
      <button
        type="button"
        class="button"
        onClick={() => onChange([...levels, { letter: nextLetter, descriptor: { id: "" } }])}
      >
        {t("setup.addLevel")}
      </button>
    </fieldset>
  );
};

type BandsProps = {
  bands: ScoreBand[];
  maxPoints: number;
  path: string;
  errors: readonly FieldError[];
  onChange: (b: ScoreBand[]) => void;
};

const BandsEditor = ({ bands, maxPoints, path, errors, onChange }: BandsProps) => {
  const t = useT();
  const dom = path.replace(/\./g, "-");
  const number = (band: ScoreBand, i: number, key: "min" | "max") => (
    <CheckedTextField
      id={`${dom}-b${i}-${key}`}
      label={t(key === "min" ? "setup.bandMin" : "setup.bandMax")}
      class="field-narrow"
      value={band[key]}
      onValue={(v) => onChange(replaceAt(bands, i, { ...band, [key]: Number(v) }))}
      input={{ type: "number", inputMode: "numeric" }}
      errors={errors}
      path={`${path}.bands.${i}.${key}`}
    />
  );
  return (
    <fieldset class="sub-list">
      <legend>{t("setup.bands", { max: maxPoints })}</legend>
      {bands.map((band, i) => {
        const at = `${path}.bands.${i}`;
        return (
          <div class="band-row" key={`${i}-${bands.length}`}>
            <div class="field-row">
              {number(band, i, "min")}
              {number(band, i, "max")}
              <CheckedTextField
                id={`${dom}-b${i}-label`}
                label={t("setup.bandLabel")}
                value={band.label.id}
                onValue={(v) => onChange(replaceAt(bands, i, { ...band, label: withId(band.label, v) }))}
                errors={errors}
                path={`${at}.label.id`}
              />
              <ItemControls
                label={`${band.min}–${band.max}`}
                index={i}
                count={bands.length}
                onMove={(by) => onChange(moveBy(bands, i, by))}
                onRemove={() => onChange(removeAt(bands, i))}
              />
            </div>
            <CheckedTextField
              id={`${dom}-b${i}-descriptor`}
              label={t("setup.descriptor")}
              value={band.descriptor.id}
              onValue={(v) => onChange(replaceAt(bands, i, { ...band, descriptor: withId(band.descriptor, v) }))}
              errors={errors}
              path={`${at}.descriptor.id`}
            />
            <FieldMessages errors={errors} path={at} />
          </div>
        );
      })}
      <button
        type="button"
        class="button"
        onClick={() => onChange([...bands, { min: 0, max: maxPoints, label: { id: "" }, descriptor: { id: "" } }])}
      >
        {t("setup.addBand")}
      </button>
    </fieldset>
  );
};
