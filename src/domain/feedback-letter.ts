/*
 * The content of one district's feedback letter, built from computed results
 * and the records behind them. Invariants:
 * - Nothing is recomputed that `computeResults` already decided (scores,
 *   ranks, levels reached, awards); this only gathers, compares and words it.
 * - Notes are anonymous unless `showNames` is set, de-duplicated, and never
 *   taken from a member who recused from the district.
 * - The cohort is the assessed participants of the district's ranking group,
 *   as in `feedback.ts`; an observer is compared with it but not part of it.
 * - "Change since last edition" matches the district by region code and an
 *   indicator by its code; anything without a match has no change, not 0.
 */
import { bandFor } from "./bands.ts";
import { collectNotes, type LetterNote, type NoteOptions, type NoteSource, reasonNotes } from "./panel-notes.ts";
import type {
  AwardResult,
  IndicatorFeedback,
  LevelTarget,
  ParticipantResult,
  Results,
  ResultsWithFeedback,
} from "./results.ts";
import { medianOfSorted, midRankPercentile } from "./statistics.ts";
import type {
  AksiNumber,
  AwardCategory,
  EditionBundle,
  Indicator,
  LocalText,
  Rubric,
  RubricComponent,
  ScoreBand,
} from "./types.ts";

export type PreviousEdition = {
  bundle: Pick<EditionBundle, "edition" | "rubric" | "participants">;
  results: ResultsWithFeedback;
};

export type LetterInput = {
  bundle: EditionBundle;
  /** With feedback: compute-feedback.ts `withFeedback`. */
  results: ResultsWithFeedback;
  /** Off by default: notes and nomination reasons are anonymous. */
  showNames?: boolean;
  /** The edition this one was copied from, for "change since last edition". */
  previous?: PreviousEdition;
};

export type LetterComponent = {
  componentId: string;
  name: LocalText;
  weight: number;
  value: number | null;
  cohortMedian: number | null;
};

export type LetterAksi = {
  aksi: AksiNumber;
  value: number | null;
  cohortMedian: number | null;
  percentile: number | null;
};

export type LetterIndicator = {
  indicatorId: string;
  code: string;
  aksi: AksiNumber | null;
  componentId: string;
  text: LocalText;
  scale: "levels" | "numeric";
  /** Levels only: the level reached and the next level's descriptor as the target (null at the top). */
  reached: LevelTarget | null;
  target: LevelTarget | null;
  /** Numeric criteria: mean points of the counted members and the top of the scale. */
  points: number | null;
  maxPoints: number | null;
  /**
   * Numeric criteria with score bands: the band the mean points fall in, and the next band
   * up as the target (null at the top band, without points, or without bands).
   */
  band: ScoreBand | null;
  nextBand: ScoreBand | null;
  /** 0–100 indicator score and the cohort's median of it. */
  score: number | null;
  cohortMedian: number | null;
  /** The panel's evidence notes (Keterangan) on this indicator. */
  evidence: LetterNote[];
  /** Same indicator code last edition: its 0–100 score, level letter, and the change. */
  previous: { score: number | null; letter: string | null; change: number | null } | null;
};

export type LetterAward =
  | { kind: "best-n"; group: string; rank: number; n: number }
  | { kind: "nomination"; category: AwardCategory; count: number; reasons: LetterNote[] }
  | { kind: "indicator-rule"; category: AwardCategory; value: number };

export type MethodNote = {
  weights: { componentId: string; name: LocalText; weight: number; share: number }[];
  rollUp: Results["settings"]["rollUp"];
  combine: Results["settings"]["combine"];
  letterValues: Record<string, number>;
  precision: number;
  /** Per component: Krippendorff's alpha and its band (the statistic that survives recusals). */
  agreement: { componentId: string; alpha: number | null; band: string | null; pairableValues: number }[];
};

export type FeedbackLetter = {
  participantId: string;
  name: string;
  regionCode: string;
  rankingGroup: string;
  observer: boolean;
  total: number | null;
  rank: number | null;
  /** Shared ranks name the others sharing it. */
  sharedWith: string[];
  /** Ranked participants of the group. */
  groupSize: number;
  /** Mid-rank percentile of the total among the group's assessed totals. */
  percentile: number | null;
  components: LetterComponent[];
  aksi: LetterAksi[];
  indicators: LetterIndicator[];
  strengths: LetterNote[];
  priorities: LetterNote[];
  awards: LetterAward[];
  previous: { total: number | null; rank: number | null; change: number | null } | null;
  method: MethodNote;
};

const median = (values: number[]): number | null => medianOfSorted(Float64Array.from(values).sort());

const present = (x: number | null | undefined): x is number => x !== null && x !== undefined;

export const buildFeedbackLetters = (input: LetterInput): FeedbackLetter[] => {
  const { bundle, results } = input;
  const members = new Map(bundle.members.map((m) => [m.id, m]));
  const recused = new Set(bundle.sheets.filter((s) => s.recused).map((s) => `${s.participantId}|${s.memberId}`));
  const noteOptions: NoteOptions = {
    showNames: input.showNames ?? false,
    memberName: (id) => members.get(id)?.name ?? id,
  };
  const mayWrite = (participantId: string, memberId: string) =>
    members.has(memberId) && !recused.has(`${participantId}|${memberId}`);
  const evidence = evidenceNotes(bundle, mayWrite);
  const sheetNotes = (participantId: string, field: "strengths" | "recommendations"): NoteSource[] =>
    bundle.sheets
      .filter((s) => s.editionId === bundle.edition.id && s.participantId === participantId)
      .filter((s) => mayWrite(participantId, s.memberId))
      .map((s) => ({ memberId: s.memberId, text: s[field] }));
  const components = bundle.rubric.components;
  const feedbackById = new Map(results.feedback.map((f) => [f.participantId, f]));
  const method = methodNote(bundle.rubric, results);
  const previous = input.previous ? previousLookup(input.previous) : null;
  return results.participants.map((p) => {
    const cohort = results.participants.filter((q) => q.rankingGroup === p.rankingGroup && !q.observer);
    const group = results.groups.find((g) => g.group === p.rankingGroup);
    const feedback = feedbackById.get(p.participantId);
    const levelFeedback = new Map((feedback?.indicators ?? []).map((i) => [i.indicatorId, i]));
    const totals = cohort.map((q) => q.total).filter(present);
    const prev = previous?.participant(p.regionCode) ?? null;
    return {
      participantId: p.participantId,
      name: p.name,
      regionCode: p.regionCode,
      rankingGroup: p.rankingGroup,
      observer: p.observer,
      total: p.total,
      rank: p.rank,
      sharedWith: p.sharedWith,
      groupSize: group?.ranked.length ?? 0,
      percentile: p.total === null ? null : midRankPercentile(p.total, totals, results.settings.precision),
      components: p.components.map((c, i) => ({
        componentId: c.componentId,
        name: (components[i] as RubricComponent).name,
        weight: c.weight,
        value: c.value,
        cohortMedian: median(cohort.map((q) => q.components[i]?.value).filter(present)),
      })),
      aksi: (feedback?.aksi ?? []).map((a) => ({
        aksi: a.aksi,
        value: a.value,
        cohortMedian: a.cohortMedian,
        percentile: a.percentile,
      })),
      indicators: indicatorLines(p, cohort, components, levelFeedback, (id) =>
        collectNotes(evidence.get(`${p.participantId}|${id}`) ?? [], noteOptions),
      ).map((line) => ({ ...line, previous: prev ? withChange(prev.indicator(line.code), line.score) : null })),
      strengths: collectNotes(sheetNotes(p.participantId, "strengths"), noteOptions),
      priorities: collectNotes(sheetNotes(p.participantId, "recommendations"), noteOptions),
      awards: awardsOf(p.participantId, results.awards, noteOptions),
      previous: prev
        ? {
            total: prev.total,
            rank: prev.rank,
            change: p.total !== null && prev.total !== null ? p.total - prev.total : null,
          }
        : null,
      method,
    };
  });
};

const evidenceNotes = (bundle: EditionBundle, mayWrite: (participantId: string, memberId: string) => boolean) => {
  const notes = new Map<string, NoteSource[]>();
  for (const s of bundle.scores) {
    if (s.editionId !== bundle.edition.id || !s.note.trim() || !mayWrite(s.participantId, s.memberId)) continue;
    const key = `${s.participantId}|${s.indicatorId}`;
    const list = notes.get(key);
    if (list) list.push({ memberId: s.memberId, text: s.note });
    else notes.set(key, [{ memberId: s.memberId, text: s.note }]);
  }
  return notes;
};

type LineWithoutPrevious = Omit<LetterIndicator, "previous">;

const indicatorLines = (
  p: ParticipantResult,
  cohort: readonly ParticipantResult[],
  components: readonly RubricComponent[],
  levelFeedback: ReadonlyMap<string, IndicatorFeedback>,
  notesFor: (indicatorId: string) => LetterNote[],
): LineWithoutPrevious[] => {
  const lines: LineWithoutPrevious[] = [];
  let position = 0;
  for (const component of components) {
    const levels = component.scale === "levels";
    for (const indicator of component.indicators) {
      const at = position++;
      const result = p.indicators[at];
      const f = levelFeedback.get(indicator.id);
      lines.push({
        indicatorId: indicator.id,
        code: indicator.code,
        aksi: indicator.aksi,
        componentId: component.id,
        text: indicator.text,
        scale: levels ? "levels" : "numeric",
        reached: f?.reached ?? null,
        target: f?.target ?? null,
        points: levels ? null : (result?.rawMean ?? null),
        maxPoints: levels ? null : (indicator.maxPoints ?? 100),
        ...bandsOf(levels ? null : (result?.rawMean ?? null), indicator.bands ?? []),
        score: result?.value ?? null,
        cohortMedian: median(cohort.map((q) => q.indicators[at]?.value).filter(present)),
        evidence: notesFor(indicator.id),
      });
    }
  }
  return lines;
};

/** The band reached by `points` and the lowest band above it (bands.ts says which band a value is in). */
const bandsOf = (
  points: number | null,
  bands: readonly ScoreBand[],
): { band: ScoreBand | null; nextBand: ScoreBand | null } => {
  const band = points === null ? null : bandFor(points, bands);
  if (!band) return { band: null, nextBand: null };
  const above = bands.filter((b) => b.min > band.max).sort((a, b) => a.min - b.min);
  return { band, nextBand: above[0] ?? null };
};

const awardsOf = (participantId: string, awards: readonly AwardResult[], options: NoteOptions): LetterAward[] => {
  const out: LetterAward[] = [];
  for (const a of awards) {
    if (a.kind === "best-n") {
      const w = a.winners.find((x) => x.participantId === participantId);
      if (w) out.push({ kind: "best-n", group: a.group, rank: w.rank, n: a.n });
    } else if (a.kind === "nomination-count") {
      const w = a.winners.find((x) => x.participantId === participantId);
      if (w) {
        const reasons = reasonNotes(w.reasons, options);
        out.push({ kind: "nomination", category: a.category, count: w.count, reasons });
      }
    } else {
      const w = a.winners.find((x) => x.participantId === participantId);
      if (w) out.push({ kind: "indicator-rule", category: a.category, value: w.value });
    }
  }
  return out;
};

export const methodNote = (rubric: Rubric, results: Results): MethodNote => {
  const totalWeight = rubric.components.reduce((s, c) => s + c.weight, 0);
  const { settings } = results;
  return {
    weights: rubric.components.map((c) => ({
      componentId: c.id,
      name: c.name,
      weight: c.weight,
      share: totalWeight > 0 ? (c.weight / totalWeight) * 100 : 0,
    })),
    rollUp: settings.rollUp,
    combine: settings.combine,
    letterValues: settings.letterValues,
    precision: settings.precision,
    agreement: results.agreement.map((a) => ({
      componentId: a.componentId,
      alpha: a.alpha.value,
      band: a.alpha.band,
      pairableValues: a.alpha.pairableValues,
    })),
  };
};

const withChange = (previous: LetterIndicator["previous"], score: number | null): LetterIndicator["previous"] =>
  previous && {
    ...previous,
    change: score !== null && previous.score !== null ? score - previous.score : null,
  };

type PreviousParticipant = {
  total: number | null;
  rank: number | null;
  indicator: (code: string) => LetterIndicator["previous"];
};

/** Last edition by region code and indicator code; the first indicator with a code wins. */
const previousLookup = (previous: PreviousEdition) => {
  const positions = new Map<string, { at: number; indicator: Indicator }>();
  let at = 0;
  for (const component of previous.bundle.rubric.components) {
    for (const indicator of component.indicators) {
      if (!positions.has(indicator.code)) positions.set(indicator.code, { at, indicator });
      at++;
    }
  }
  const byRegion = new Map(previous.results.participants.map((p) => [p.regionCode, p]));
  const feedback = new Map(previous.results.feedback.map((f) => [f.participantId, f]));
  return {
    participant: (regionCode: string): PreviousParticipant | null => {
      const p = byRegion.get(regionCode);
      if (!p) return null;
      const levels = new Map((feedback.get(p.participantId)?.indicators ?? []).map((i) => [i.code, i]));
      return {
        total: p.total,
        rank: p.rank,
        indicator: (code) => {
          const found = positions.get(code);
          if (!found) return null;
          const score = p.indicators[found.at]?.value ?? null;
          return { score, letter: levels.get(code)?.reached?.letter ?? null, change: null };
        },
      };
    },
  };
};
