/*
 * What a rubric edit changes, for the coordinator to read before saving: components and
 * indicators added or removed (matched by id), text, level, band and weight changes, and
 * how many existing scores the new version would no longer accept — those the server
 * marks *needs review* (same rule as the server: `checkScore`).
 */
import { checkScore } from "./record-schemas.ts";
import type { Indicator, LocalText, Rubric, RubricComponent, ScoreRecord } from "./types.ts";

export type RubricChange =
  | { kind: "component-added"; componentId: string; name: LocalText }
  | { kind: "component-removed"; componentId: string; name: LocalText }
  | { kind: "component-renamed"; componentId: string; from: LocalText; to: LocalText }
  | { kind: "weight"; componentId: string; name: LocalText; from: number; to: number }
  | { kind: "scale"; componentId: string; name: LocalText; from: string; to: string }
  | { kind: "indicator-added"; componentId: string; code: string; text: LocalText }
  | { kind: "indicator-removed"; componentId: string; code: string; text: LocalText }
  | { kind: "indicator-text"; componentId: string; code: string; from: LocalText; to: LocalText }
  | { kind: "indicator-code"; componentId: string; from: string; to: string }
  | { kind: "levels"; componentId: string; code: string; from: string[]; to: string[] }
  | { kind: "level-text"; componentId: string; code: string; letter: string; from: LocalText; to: LocalText }
  | { kind: "bands"; componentId: string; code: string; from: string[]; to: string[] }
  | { kind: "max-points"; componentId: string; code: string; from: number; to: number };

export type RubricDiff = {
  changes: RubricChange[];
  /** Scores valid under the old rubric that the new one would send to review. */
  needsReview: number;
};

const same = (a: LocalText | undefined, b: LocalText | undefined): boolean =>
  (a?.id ?? "") === (b?.id ?? "") && (a?.en ?? "") === (b?.en ?? "");

const bandKeys = (i: Indicator): string[] =>
  (i.bands ?? []).map((b) => `${b.min}–${b.max} ${b.label.id}: ${b.descriptor.id}`);

const indicatorChanges = (componentId: string, a: Indicator, b: Indicator): RubricChange[] => {
  const out: RubricChange[] = [];
  if (a.code !== b.code) out.push({ kind: "indicator-code", componentId, from: a.code, to: b.code });
  if (!same(a.text, b.text)) out.push({ kind: "indicator-text", componentId, code: b.code, from: a.text, to: b.text });
  const la = a.levels.map((l) => l.letter);
  const lb = b.levels.map((l) => l.letter);
  if (la.join() !== lb.join()) out.push({ kind: "levels", componentId, code: b.code, from: la, to: lb });
  for (const level of b.levels) {
    const before = a.levels.find((l) => l.letter === level.letter);
    if (before && !same(before.descriptor, level.descriptor))
      out.push({
        kind: "level-text",
        componentId,
        code: b.code,
        letter: level.letter,
        from: before.descriptor,
        to: level.descriptor,
      });
  }
  if (bandKeys(a).join("\n") !== bandKeys(b).join("\n"))
    out.push({ kind: "bands", componentId, code: b.code, from: bandKeys(a), to: bandKeys(b) });
  if ((a.maxPoints ?? 100) !== (b.maxPoints ?? 100))
    out.push({ kind: "max-points", componentId, code: b.code, from: a.maxPoints ?? 100, to: b.maxPoints ?? 100 });
  return out;
};

const componentChanges = (a: RubricComponent, b: RubricComponent): RubricChange[] => {
  const out: RubricChange[] = [];
  const componentId = b.id;
  if (!same(a.name, b.name)) out.push({ kind: "component-renamed", componentId, from: a.name, to: b.name });
  if (a.weight !== b.weight) out.push({ kind: "weight", componentId, name: b.name, from: a.weight, to: b.weight });
  if (a.scale !== b.scale) out.push({ kind: "scale", componentId, name: b.name, from: a.scale, to: b.scale });
  const before = new Map(a.indicators.map((i) => [i.id, i] as const));
  const after = new Set(b.indicators.map((i) => i.id));
  for (const i of a.indicators)
    if (!after.has(i.id)) out.push({ kind: "indicator-removed", componentId, code: i.code, text: i.text });
  for (const i of b.indicators) {
    const old = before.get(i.id);
    if (!old) out.push({ kind: "indicator-added", componentId, code: i.code, text: i.text });
    else out.push(...indicatorChanges(componentId, old, i));
  }
  return out;
};

export const diffRubrics = (previous: Rubric, next: Rubric, scores: readonly ScoreRecord[] = []): RubricDiff => {
  const changes: RubricChange[] = [];
  const before = new Map(previous.components.map((c) => [c.id, c] as const));
  const after = new Set(next.components.map((c) => c.id));
  for (const c of previous.components)
    if (!after.has(c.id)) changes.push({ kind: "component-removed", componentId: c.id, name: c.name });
  for (const c of next.components) {
    const old = before.get(c.id);
    if (!old) changes.push({ kind: "component-added", componentId: c.id, name: c.name });
    else changes.push(...componentChanges(old, c));
  }
  const needsReview =
    changes.length === 0
      ? 0
      : scores.filter((s) => checkScore(s, previous).length === 0 && checkScore(s, next).length > 0).length;
  return { changes, needsReview };
};
