import type { Indicator, RubricComponent, ScoreRecord } from "../../domain/types.ts";
import { gradeField, noteField, pickText, saveGrade, saveNote, useApp, useT } from "../../state/index.ts";
import { NoteField } from "./NoteField.tsx";
import { pure } from "./pure.ts";
import { PointsField } from "./PointsField.tsx";
import { RefusedMarker } from "./RefusedChanges.tsx";
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
const Card = ({ participantId, component, indicator, score, readOnly }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const gradeState = useApp((s) => s.fieldStatus[gradeField(participantId, indicator.id)]);
  const noteState = useApp((s) => s.fieldStatus[noteField(participantId, indicator.id)]);
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
      <RefusedMarker participantId={participantId} subjectId={indicator.id} />
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
        <PointsField
          id={`${id}-points`}
          participantId={participantId}
          component={component}
          indicator={indicator}
          score={score}
          readOnly={readOnly}
        />
      )}
      {component.scale === "levels" ? (
        <SaveState id={`${id}-grade-state`} state={gradeState} empty={!score?.level} />
      ) : null}
      <NoteField
        id={`${id}-note`}
        field={noteField(participantId, indicator.id)}
        label={t("score.note", { code: indicator.code })}
        placeholder={t("score.notePlaceholder")}
        value={score?.note ?? ""}
        state={noteState}
        disabled={readOnly}
        onSave={(note) => saveNote(participantId, component.id, indicator.id, note)}
      />
    </article>
  );
};

/** A save re-renders only the card whose record changed, not the whole sheet's cards. */
export const IndicatorCard = pure(Card);
