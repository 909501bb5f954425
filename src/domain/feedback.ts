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
import { medianOfSorted, type PreparedCohort, percentileInCohort, prepareCohort } from "./statistics.ts";
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
export type LevelLadder = readonly { level: Level; value: number }[];

export const levelLadder = (levels: readonly Level[], letterValues: Readonly<Record<string, number>>): LevelLadder =>
  levels
    .map((level) => ({ level, value: letterValues[level.letter] }))
    .filter((l): l is { level: Level; value: number } => l.value !== undefined && Number.isFinite(l.value))
    .sort((a, b) => a.value - b.value);

export const positionOnLadder = (meanValue: number | null, ladder: LevelLadder): LevelPosition => {
  if (meanValue === null) return { reached: null, target: null };
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
  const reached = ladder[best];
  if (!reached) return { reached: null, target: null };
  const next = ladder[best + 1];
  return {
    reached: { letter: reached.level.letter, descriptor: reached.level.descriptor },
    target: next ? { letter: next.level.letter, descriptor: next.level.descriptor } : null,
  };
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

type Cohort = {
  indicatorMedians: (number | null)[];
  aksi: Map<AksiNumber, PreparedCohort & { median: number | null }>;
};

const buildCohort = (members: readonly ParticipantResult[], input: FeedbackInput): Cohort => {
  const indicatorMedians = input.indicators.map(({ position }) => {
    const values: number[] = [];
    for (const p of members) {
      const v = p.indicators[position]?.value;
      if (v !== null && v !== undefined) values.push(v);
    }
    return medianOfSorted(values.sort((a, b) => a - b));
  });
  const aksiValues = new Map<AksiNumber, number[]>();
  for (const p of members) {
    for (const a of p.aksi) {
      if (a.value === null) continue;
      const list = aksiValues.get(a.aksi) ?? [];
      list.push(a.value);
      aksiValues.set(a.aksi, list);
    }
  }
  const aksi = new Map<AksiNumber, PreparedCohort & { median: number | null }>();
  for (const [n, values] of aksiValues) {
    const prepared = prepareCohort(values, input.precision);
    // The median is of full-precision values; rounding is only for the percentile's ties.
    aksi.set(n, { ...prepared, median: medianOfSorted(values.sort((a, b) => a - b)) });
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

export const buildFeedback = (input: FeedbackInput): ParticipantFeedback[] => {
  const cohortMembers = new Map<string, ParticipantResult[]>();
  for (const p of input.participants) if (!p.observer) push(cohortMembers, p.rankingGroup, p);
  const cohorts = new Map<string, Cohort>();
  const cohortOf = (group: string): Cohort => {
    let c = cohorts.get(group);
    if (!c) {
      c = buildCohort(cohortMembers.get(group) ?? [], input);
      cohorts.set(group, c);
    }
    return c;
  };
  const { strengths, recommendations } = notesBy(input.sheets, input);
  const ladders = input.indicators.map(({ indicator }) => levelLadder(indicator.levels, input.letterValues));
  return input.participants.map((p) => {
    const cohort = cohortOf(p.rankingGroup);
    const indicators: IndicatorFeedback[] = input.indicators.map(({ indicator, componentId, position }, i) => {
      const result = p.indicators[position];
      const meanLetterValue = result?.rawMean ?? null;
      const { reached, target } = positionOnLadder(meanLetterValue, ladders[i] ?? []);
      return {
        indicatorId: indicator.id,
        code: indicator.code,
        componentId,
        aksi: indicator.aksi,
        meanLetterValue,
        reached,
        target,
        score: result?.value ?? null,
        cohortMedian: cohort.indicatorMedians[i] ?? null,
      };
    });
    const aksi: AksiFeedback[] = p.aksi.map(({ aksi: n, value }) => {
      const c = cohort.aksi.get(n);
      return {
        aksi: n,
        value,
        cohortMedian: c?.median ?? null,
        percentile: value === null || !c ? null : percentileInCohort(value, c, input.precision),
        cohortSize: c?.sorted.length ?? 0,
      };
    });
    return {
      participantId: p.participantId,
      cohort: p.rankingGroup,
      indicators,
      aksi,
      strengths: strengths.get(p.participantId) ?? [],
      recommendations: recommendations.get(p.participantId) ?? [],
    };
  });
};
