/*
 * Feedback tells a district where it stands and what the next step is. The
 * cohort it is compared with is the assessed participants of its own ranking
 * group: an observer gets feedback against that cohort but is not part of it,
 * so observing never moves anyone else's median or percentile.
 */
import type {
  AksiFeedback,
  IndicatorFeedback,
  LevelTarget,
  PanelNote,
  ParticipantFeedback,
  ParticipantResult,
} from "./results.ts";
import { medianOfSorted, type PreparedCohort, percentileInCohort, prepareCohort, sortAscending } from "./statistics.ts";
import type { AksiNumber, Indicator, Level, SheetRecord } from "./types.ts";

export type LevelPosition = { reached: LevelTarget | null; target: LevelTarget | null };

const TIE_TOLERANCE = 1e-9;

/**
 * The level whose value is nearest `meanValue` (a tie goes to the lower level,
 * so feedback never flatters), and the next better level as the target.
 * Levels the letter map gives no value are skipped.
 */
export const levelPosition = (
  meanValue: number | null,
  levels: readonly Level[],
  letterValues: Readonly<Record<string, number>>,
): LevelPosition => positionOnLadder(meanValue, levelLadder(levels, letterValues));

/** An indicator's valued levels, lowest first; built once per indicator, not once per participant. */
export type LevelLadder = readonly Rung[];

/** `target` is built once per rung and shared by every participant's feedback (results are read-only data). */
type Rung = { level: Level; value: number; target: LevelTarget };

export const levelLadder = (levels: readonly Level[], letterValues: Readonly<Record<string, number>>): LevelLadder =>
  levels
    .map((level) => ({
      level,
      value: letterValues[level.letter],
      target: { letter: level.letter, descriptor: level.descriptor },
    }))
    .filter((l): l is Rung => l.value !== undefined && Number.isFinite(l.value))
    .sort((a, b) => a.value - b.value);

export const positionOnLadder = (meanValue: number | null, ladder: LevelLadder): LevelPosition => {
  const best = meanValue === null ? -1 : nearestRung(meanValue, ladder);
  return { reached: rungTarget(ladder, best), target: best < 0 ? null : rungTarget(ladder, best + 1) };
};

/** Index of the valued level nearest `meanValue`, −1 for an empty ladder. */
const nearestRung = (meanValue: number, ladder: LevelLadder): number => {
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ladder.length; i++) {
    const distance = Math.abs((ladder[i] as { value: number }).value - meanValue);
    // Ascending order plus a strict comparison keeps the lower level on a tie.
    if (distance < bestDistance - TIE_TOLERANCE) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
};

const rungTarget = (ladder: LevelLadder, i: number): LevelTarget | null => {
  return ladder[i]?.target ?? null;
};

export type FeedbackIndicator = {
  indicator: Indicator;
  componentId: string;
  /** Index of this indicator in every ParticipantResult.indicators. */
  position: number;
};

export type FeedbackInput = {
  participants: readonly ParticipantResult[];
  /** Indicators of level-scaled components, in rubric order. */
  indicators: readonly FeedbackIndicator[];
  /** Already limited to this edition. */
  sheets: readonly SheetRecord[];
  knownMember: (memberId: string) => boolean;
  letterValues: Readonly<Record<string, number>>;
  precision: number;
};

type CohortAksi = PreparedCohort & { median: number | null };

type Cohort = {
  /** Per feedback indicator, the median of the cohort's 0–100 scores. */
  indicatorMedians: (number | null)[];
  aksi: Map<AksiNumber, CohortAksi>;
};

/** Medians and percentile tables of one cohort, built once per ranking group and shared by all its participants. */
const buildCohort = (members: readonly ParticipantResult[], input: FeedbackInput): Cohort => {
  const scratch = new Float64Array(members.length);
  const indicatorMedians: (number | null)[] = [];
  for (const { position } of input.indicators) {
    let count = 0;
    for (const p of members) {
      const v = p.indicators[position]?.value;
      if (v !== null && v !== undefined) scratch[count++] = v;
    }
    indicatorMedians.push(medianOfSorted(sortAscending(scratch.subarray(0, count))));
  }
  const aksiValues = new Map<AksiNumber, number[]>();
  for (const p of members) {
    for (const a of p.aksi) {
      if (a.value === null) continue;
      const list = aksiValues.get(a.aksi);
      if (list) list.push(a.value);
      else aksiValues.set(a.aksi, [a.value]);
    }
  }
  const aksi = new Map<AksiNumber, CohortAksi>();
  for (const [n, values] of aksiValues) {
    const { sorted } = prepareCohort(values, input.precision);
    // The median is of full-precision values; rounding is only for the percentile's ties.
    aksi.set(n, { sorted, median: medianOfSorted(sortAscending(Float64Array.from(values))) });
  }
  return { indicatorMedians, aksi };
};

const notesBy = (sheets: readonly SheetRecord[], input: FeedbackInput) => {
  const strengths = new Map<string, PanelNote[]>();
  const recommendations = new Map<string, PanelNote[]>();
  const sorted = [...sheets].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  for (const s of sorted) {
    // A recused member's notes would carry the conflict the recusal declared.
    if (s.recused || !input.knownMember(s.memberId)) continue;
    const strength = s.strengths.trim();
    const recommendation = s.recommendations.trim();
    if (strength) push(strengths, s.participantId, { memberId: s.memberId, text: strength });
    if (recommendation) push(recommendations, s.participantId, { memberId: s.memberId, text: recommendation });
  }
  return { strengths, recommendations };
};

const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * Reads the indicator and aksi aggregates already in each ParticipantResult;
 * what is computed here is only the cohort statistics (once per ranking group)
 * and each participant's place on every indicator's level ladder.
 */
export const buildFeedback = (input: FeedbackInput): ParticipantFeedback[] => {
  const cohortMembers = new Map<string, ParticipantResult[]>();
  for (const p of input.participants) if (!p.observer) push(cohortMembers, p.rankingGroup, p);
  const cohorts = new Map<string, Cohort>();
  const { strengths, recommendations } = notesBy(input.sheets, input);
  const ladders = input.indicators.map(({ indicator }) => levelLadder(indicator.levels, input.letterValues));
  const feedback: ParticipantFeedback[] = [];
  for (const p of input.participants) {
    let cohort = cohorts.get(p.rankingGroup);
    if (!cohort) {
      cohort = buildCohort(cohortMembers.get(p.rankingGroup) ?? [], input);
      cohorts.set(p.rankingGroup, cohort);
    }
    feedback.push({
      participantId: p.participantId,
      cohort: p.rankingGroup,
      indicators: indicatorFeedback(p, cohort, ladders, input.indicators),
      aksi: aksiFeedback(p, cohort, input.precision),
      strengths: strengths.get(p.participantId) ?? [],
      recommendations: recommendations.get(p.participantId) ?? [],
    });
  }
  return feedback;
};

const indicatorFeedback = (
  p: ParticipantResult,
  cohort: Cohort,
  ladders: readonly LevelLadder[],
  indicators: readonly FeedbackIndicator[],
): IndicatorFeedback[] => {
  const out: IndicatorFeedback[] = [];
  for (let i = 0; i < indicators.length; i++) {
    const { indicator, componentId, position } = indicators[i] as FeedbackIndicator;
    const result = p.indicators[position];
    const meanLetterValue = result?.rawMean ?? null;
    const ladder = ladders[i] ?? [];
    const best = meanLetterValue === null ? -1 : nearestRung(meanLetterValue, ladder);
    out.push({
      indicatorId: indicator.id,
      code: indicator.code,
      componentId,
      aksi: indicator.aksi,
      meanLetterValue,
      reached: rungTarget(ladder, best),
      target: best < 0 ? null : rungTarget(ladder, best + 1),
      score: result?.value ?? null,
      cohortMedian: cohort.indicatorMedians[i] ?? null,
    });
  }
  return out;
};

const aksiFeedback = (p: ParticipantResult, cohort: Cohort, precision: number): AksiFeedback[] => {
  const out: AksiFeedback[] = [];
  for (const { aksi: n, value } of p.aksi) {
    const c = cohort.aksi.get(n);
    out.push({
      aksi: n,
      value,
      cohortMedian: c?.median ?? null,
      percentile: value === null || !c ? null : percentileInCohort(value, c, precision),
      cohortSize: c?.sorted.length ?? 0,
    });
  }
  return out;
};
