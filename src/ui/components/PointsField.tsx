import type { Indicator, RubricComponent, ScoreRecord } from "../../domain/types.ts";
import { formatScore, gradeField, parseDecimal, saveGrade, useApp, useT } from "../../state/index.ts";
import { SaveState } from "./SaveState.tsx";
import { type Parsed, useDraftField } from "./useDraftField.ts";

type Props = {
  id: string;
  participantId: string;
  component: RubricComponent;
  indicator: Indicator;
  score: ScoreRecord | undefined;
  readOnly: boolean;
};

/** A 0–max criterion: typed in either decimal notation, shown back in the UI language's. */
export const PointsField = ({ id, participantId, component, indicator, score, readOnly }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const field = gradeField(participantId, indicator.id);
  const saved = useApp((s) => s.fieldStatus[field]);
  const max = indicator.maxPoints ?? 100;
  const points = score?.points ?? null;
  const parse = (text: string): Parsed<number | null> => {
    if (text.trim() === "") return { ok: true, value: null };
    const value = parseDecimal(text);
    if (value === null) return { ok: false, error: t("score.pointsNotNumber") };
    if (value < 0 || value > max) return { ok: false, error: t("score.pointsRange", { max }) };
    return { ok: true, value };
  };
  const draft = useDraftField({
    field,
    committedText: points === null ? "" : formatScore(locale, points),
    parse,
    commit: (value) =>
      value === points
        ? Promise.resolve(true)
        : saveGrade(participantId, component.id, indicator.id, { level: null, points: value }),
  });
  const describedBy = [draft.error ? `${id}-error` : null, `${id}-state`].filter(Boolean).join(" ");
  return (
    <div class="field points">
      <label for={id}>{t("score.points", { code: indicator.code, max })}</label>
      <input
        id={id}
        ref={draft.ref as { current: HTMLInputElement | null }}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        disabled={readOnly}
        aria-invalid={draft.error !== null}
        aria-describedby={describedBy}
        data-testid={`points-${indicator.code}`}
        onInput={draft.onInput}
        onFocus={draft.onFocus}
        onBlur={draft.onBlur}
        onKeyDown={draft.onKeyDown}
      />
      {draft.error ? (
        <p id={`${id}-error`} class="field-error" role="alert">
          {draft.error}
        </p>
      ) : null}
      <SaveState id={`${id}-state`} state={saved} dirty={draft.dirty} empty={points === null} />
    </div>
  );
};
