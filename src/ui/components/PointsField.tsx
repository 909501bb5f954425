import { useState } from "preact/hooks";
import { bandFor, bandsBestFirst } from "../../domain/bands.ts";
import type { Indicator, RubricComponent, ScoreRecord } from "../../domain/types.ts";
import { formatScore, gradeField, parseDecimal, pickText, saveGrade, useApp, useT } from "../../state/index.ts";
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
  const [live, setLive] = useState<string | null>(null);
  const shown = live ?? (points === null ? "" : String(points));
  const value = shown.trim() === "" ? null : parseDecimal(shown);
  const bands = indicator.bands ?? [];
  const current = value === null ? null : bandFor(value, bands);
  const describedBy = [draft.error ? `${id}-error` : null, bands.length > 0 ? `${id}-bands` : null, `${id}-state`]
    .filter(Boolean)
    .join(" ");
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
        onInput={(event) => {
          draft.onInput(event);
          setLive((event.currentTarget as HTMLInputElement).value);
        }}
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
      {bands.length > 0 ? (
        <ul class="bands" id={`${id}-bands`} aria-label={t("score.bands", { code: indicator.code })}>
          {bandsBestFirst(bands).map((band) => {
            const active = band === current;
            return (
              <li key={band.min} class={`band ${active ? "is-current" : ""}`} data-testid="band" data-current={active}>
                <span class="band-range">
                  {formatScore(locale, band.min)}–{formatScore(locale, band.max)}
                </span>
                <span class="band-text">
                  <strong>{pickText(band.label, locale)}</strong>
                  {active ? <span class="visually-hidden"> ({t("score.bandCurrent")})</span> : null}:{" "}
                  {pickText(band.descriptor, locale)}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
};
