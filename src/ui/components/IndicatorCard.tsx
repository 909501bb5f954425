import { useState } from "preact/hooks";
import type { Indicator, RubricComponent, ScoreRecord } from "../../domain/types.ts";
import { gradeField, noteField, pickText, saveGrade, saveNote, useApp, useT } from "../../state/index.ts";
import { NoteField } from "./NoteField.tsx";
import { SaveState } from "./SaveState.tsx";

type Props = {
  participantId: string;
  component: RubricComponent;
  indicator: Indicator;
  score: ScoreRecord | undefined;
  readOnly: boolean;
};

const domId = (indicator: Indicator) => `ind-${indicator.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;

/** The paper form's "Nilai | Keterangan" pair: descriptor-first level choices, then the evidence note. */
export const IndicatorCard = ({ participantId, component, indicator, score, readOnly }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const gradeStatus = useApp((s) => s.fieldStatus[gradeField(indicator.id)]);
  const noteStatus = useApp((s) => s.fieldStatus[noteField(indicator.id)]);
  const needsReview = useApp((s) => (score ? s.needsReview.has(score.key) : false));
  const id = domId(indicator);
  return (
    <article
      class="indicator"
      data-testid={`indicator-${indicator.code}`}
      data-grade-stamp={score?.stamps.grade ?? ""}
      aria-labelledby={`${id}-title`}
    >
      <header class="indicator-head">
        <h3 id={`${id}-title`}>
          <span class="indicator-code">{t("score.indicator", { code: indicator.code })}</span>
          <span class="indicator-text">{pickText(indicator.text, locale)}</span>
        </h3>
        {indicator.evidenceHint ? (
          <p class="indicator-hint">{t("score.evidenceHint", { hint: pickText(indicator.evidenceHint, locale) })}</p>
        ) : null}
      </header>
      {needsReview ? (
        <p class="callout callout-strong" data-testid="needs-review">
          {t("score.needsReview")}
        </p>
      ) : null}
      {component.scale === "levels" ? (
        <fieldset class="levels" disabled={readOnly} aria-describedby={`${id}-grade-state`}>
          <legend class="visually-hidden">{t("score.levels", { code: indicator.code })}</legend>
          {indicator.levels.map((level) => {
            const checked = score?.level === level.letter;
            return (
              <label key={level.letter} class={`level ${checked ? "is-checked" : ""}`}>
                <input
                  type="radio"
                  name={`${id}-level`}
                  value={level.letter}
                  checked={checked}
                  onChange={(event) => {
                    // Show only what is committed: undo the browser's own check until storage confirms it.
                    const group = (event.currentTarget as HTMLInputElement).closest("fieldset");
                    for (const radio of group?.querySelectorAll<HTMLInputElement>("input[type=radio]") ?? []) {
                      radio.checked = radio.value === score?.level;
                    }
                    void saveGrade(participantId, component.id, indicator.id, { level: level.letter, points: null });
                  }}
                />
                <span class="level-letter" aria-hidden="true">
                  {level.letter}
                </span>
                <span class="level-descriptor">
                  <span class="visually-hidden">{t("score.level", { letter: level.letter })}: </span>
                  {pickText(level.descriptor, locale)}
                </span>
              </label>
            );
          })}
        </fieldset>
      ) : (
        <PointsInput
          id={`${id}-points`}
          participantId={participantId}
          component={component}
          indicator={indicator}
          score={score}
          readOnly={readOnly}
        />
      )}
      <SaveState id={`${id}-grade-state`} status={gradeStatus} />
      <NoteField
        id={`${id}-note`}
        label={t("score.note", { code: indicator.code })}
        placeholder={t("score.notePlaceholder")}
        value={score?.note ?? ""}
        status={noteStatus}
        disabled={readOnly}
        onSave={(note) => saveNote(participantId, component.id, indicator.id, note)}
      />
    </article>
  );
};

const PointsInput = ({ id, participantId, component, indicator, score, readOnly }: Props & { id: string }) => {
  const t = useT();
  const max = indicator.maxPoints ?? 100;
  const [invalid, setInvalid] = useState(false);
  const commit = (raw: string) => {
    const text = raw.trim().replace(",", ".");
    if (text === "") {
      setInvalid(false);
      if (score?.points != null)
        void saveGrade(participantId, component.id, indicator.id, { level: null, points: null });
      return;
    }
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || value > max) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    if (value !== score?.points)
      void saveGrade(participantId, component.id, indicator.id, { level: null, points: value });
  };
  return (
    <div class="field points">
      <label for={id}>{t("score.points", { code: indicator.code, max })}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={score?.points ?? ""}
        disabled={readOnly}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onBlur={(event) => commit((event.currentTarget as HTMLInputElement).value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit((event.currentTarget as HTMLInputElement).value);
        }}
      />
      {invalid ? (
        <p id={`${id}-error`} class="field-error" role="alert">
          {t("score.pointsError", { max })}
        </p>
      ) : null}
    </div>
  );
};
