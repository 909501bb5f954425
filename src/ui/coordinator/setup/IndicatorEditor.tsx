import type { FieldError } from "../../../domain/field-errors.ts";
import { ALL_AKSI } from "../../../domain/templates/index.ts";
import type { AksiNumber, ComponentScale, Indicator, Level, LocalText, ScoreBand } from "../../../domain/types.ts";
import { useT } from "../../../state/index.ts";
import { FieldMessages, invalidProps } from "./FieldMessages.tsx";
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

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;
const withId = (text: LocalText | undefined, id: string): LocalText => ({ ...(text ?? {}), id });

/** One indicator: code, aksi, text, evidence hint, and its levels (A–D) or its score bands (numeric). */
export const IndicatorEditor = ({ indicator, scale, path, errors, onChange }: Props) => {
  const t = useT();
  const patch = (p: Partial<Indicator>) => onChange({ ...indicator, ...p });
  const dom = path.replace(/\./g, "-");
  return (
    <div class="indicator-editor" data-testid={`indicator-${indicator.code}`}>
      <div class="field-row">
        <div class="field field-narrow">
          <label for={`${dom}-code`}>{t("setup.code")}</label>
          <input
            id={`${dom}-code`}
            value={indicator.code}
            onInput={(e) => patch({ code: value(e) })}
            {...invalidProps(errors, `${path}.code`)}
          />
          <FieldMessages errors={errors} path={`${path}.code`} />
        </div>
        <div class="field field-narrow">
          <label for={`${dom}-aksi`}>{t("setup.aksi")}</label>
          <select
            id={`${dom}-aksi`}
            value={indicator.aksi ?? ""}
            onChange={(e) => {
              const v = (e.currentTarget as HTMLSelectElement).value;
              patch({ aksi: v === "" ? null : (Number(v) as AksiNumber) });
            }}
          >
            <option value="">{t("setup.noAksi")}</option>
            {ALL_AKSI.map((a) => (
              <option key={a} value={a}>
                {t("setup.aksiN", { n: a })}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${dom}-text`}>{t("setup.indicatorText")}</label>
          <input
            id={`${dom}-text`}
            value={indicator.text.id}
            onInput={(e) => patch({ text: withId(indicator.text, value(e)) })}
            {...invalidProps(errors, `${path}.text.id`)}
          />
          <FieldMessages errors={errors} path={`${path}.text.id`} />
        </div>
      </div>
      <div class="field">
        <label for={`${dom}-hint`}>{t("setup.evidenceHint")}</label>
        <input
          id={`${dom}-hint`}
          value={indicator.evidenceHint?.id ?? ""}
          onInput={(e) => {
            const v = value(e);
            const { evidenceHint: _drop, ...rest } = indicator;
            onChange(v.trim() === "" ? rest : { ...indicator, evidenceHint: withId(indicator.evidenceHint, v) });
          }}
        />
      </div>
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
            <div class="field field-narrow">
              <label for={`${dom}-l${i}-letter`}>{t("setup.letter")}</label>
              <input
                id={`${dom}-l${i}-letter`}
                value={level.letter}
                onInput={(e) => onChange(replaceAt(levels, i, { ...level, letter: value(e).toUpperCase() }))}
                {...invalidProps(errors, `${at}.letter`)}
              />
              <FieldMessages errors={errors} path={`${at}.letter`} />
            </div>
            <div class="field">
              <label for={`${dom}-l${i}-descriptor`}>{t("setup.descriptor")}</label>
              <input
                id={`${dom}-l${i}-descriptor`}
                value={level.descriptor.id}
                onInput={(e) =>
                  onChange(replaceAt(levels, i, { ...level, descriptor: withId(level.descriptor, value(e)) }))
                }
                {...invalidProps(errors, `${at}.descriptor.id`)}
              />
              <FieldMessages errors={errors} path={`${at}.descriptor.id`} />
            </div>
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
    <div class="field field-narrow">
      <label for={`${dom}-b${i}-${key}`}>{t(key === "min" ? "setup.bandMin" : "setup.bandMax")}</label>
      <input
        id={`${dom}-b${i}-${key}`}
        type="number"
        inputMode="numeric"
        value={band[key]}
        onInput={(e) => onChange(replaceAt(bands, i, { ...band, [key]: Number(value(e)) }))}
        {...invalidProps(errors, `${path}.bands.${i}.${key}`)}
      />
      <FieldMessages errors={errors} path={`${path}.bands.${i}.${key}`} />
    </div>
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
              <div class="field">
                <label for={`${dom}-b${i}-label`}>{t("setup.bandLabel")}</label>
                <input
                  id={`${dom}-b${i}-label`}
                  value={band.label.id}
                  onInput={(e) => onChange(replaceAt(bands, i, { ...band, label: withId(band.label, value(e)) }))}
                  {...invalidProps(errors, `${at}.label.id`)}
                />
                <FieldMessages errors={errors} path={`${at}.label.id`} />
              </div>
              <ItemControls
                label={`${band.min}–${band.max}`}
                index={i}
                count={bands.length}
                onMove={(by) => onChange(moveBy(bands, i, by))}
                onRemove={() => onChange(removeAt(bands, i))}
              />
            </div>
            <div class="field">
              <label for={`${dom}-b${i}-descriptor`}>{t("setup.descriptor")}</label>
              <input
                id={`${dom}-b${i}-descriptor`}
                value={band.descriptor.id}
                onInput={(e) =>
                  onChange(replaceAt(bands, i, { ...band, descriptor: withId(band.descriptor, value(e)) }))
                }
                {...invalidProps(errors, `${at}.descriptor.id`)}
              />
              <FieldMessages errors={errors} path={`${at}.descriptor.id`} />
            </div>
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
