/*
 * The one entry point from records to results. Invariants:
 * - A gap (recusal, partial sheet, no assignment) is absent, never 0; a score
 *   that cannot be placed (deleted indicator, unknown letter…) goes to
 *   `needsReview` and is never counted.
 * - The output does not depend on the order of the input arrays: participants
 *   and members are processed in id order and only re-emitted in input order
 *   (the one exception: of two records for the same cell, the first counts and
 *   the second is sent to review).
 * - One pass over the scores into a typed table indexed by (participant,
 *   member, indicator) (see results-index.ts); everything after that works on
 *   typed per-component panel matrices, proportional to the panel and never to
 *   pairs of participants, so a national edition fits in one call.
 * - Each phase below is its own small function over those arrays, so V8 can
 *   optimise each hot loop early in the first call (the call a coordinator
 *   waits for). Result objects are built once, at the end, from the arrays.
 */
import { computeAwards } from "./awards.ts";
import { agreementFor, outliersFor } from "./panel-agreement.ts";
import { alphaFor } from "./panel-alpha.ts";
import {
  COUNTED,
  type ComponentMatrix,
  componentMatrix,
  type IndicatorMeans,
  indicatorMeans,
  NOT_ASSIGNED,
  RECUSED,
  STATUS,
} from "./panel-matrix.ts";
import { type GroupCandidate, rankGroup } from "./ranking.ts";
import { type ComponentPlan, type EditionIndex, indexEdition, type Slot, tabulateScores } from "./results-index.ts";
import type {
  AksiResult,
  ComponentAgreement,
  ComponentNormalisation,
  ComponentResult,
  Completeness,
  IndicatorResult,
  MemberComponentScore,
  MemberStatus,
  NeedsReviewItem,
  OutlierFlag,
  ParticipantResult,
  RankingGroupResult,
  ResultWarning,
  Results,
  ResultsInput,
} from "./results.ts";
import { combineValues, maxLetterValue, weightedTotal } from "./scoring.ts";
import { roundTo, zScoreNormalise } from "./statistics.ts";
import type { AksiNumber, CombineMethod, EditionSettings, Member, Participant } from "./types.ts";

/** Aksi numbers are 1–8: per-participant aksi arrays are indexed [participant × AKSI_SLOTS + aksi]. */
const AKSI_SLOTS = 9;

export const computeResults = (input: ResultsInput): Results => {
  const { edition, rubric } = input;
  const settings = edition.settings;
  const { precision, combine } = settings;
  const warnings: ResultWarning[] = [];
  const needsReview: NeedsReviewItem[] = [];

  if (rubric.editionId !== edition.id || rubric.id !== edition.rubricId) {
    warnings.push({
      code: "rubric-not-for-edition",
      message: `Rubric ${rubric.id} (edition ${rubric.editionId}) is not the rubric of edition ${edition.id} (${edition.rubricId}).`,
    });
  }
  const maxLetter = maxLetterValue(settings.letterValues);
  if (maxLetter === null || maxLetter <= 0) {
    warnings.push({
      code: "letter-values-empty",
      message: "settings.letterValues has no positive value, so no level grade can be scored.",
    });
  }

  const index = indexEdition(input, maxLetter);
  const { participants, P, M, pIndex, mIndex, slotById, plans, S, C } = index;
  const table = tabulateScores(input.scores, edition.id, index, needsReview);

  const consensusId = combine.method === "consensus" ? combine.memberId : null;
  if (consensusId !== null && !mIndex.has(consensusId)) {
    warnings.push({
      code: "consensus-member-unknown",
      message: `The consensus method names member ${consensusId}, who is not on this edition's panel.`,
      memberId: consensusId,
    });
  }
  const means = indicatorMeans(P, S);
  const matrices: ComponentMatrix[] = [];
  for (let c = 0; c < C; c++) matrices.push(componentMatrix(index, table, c, settings, consensusId, means));

  const combined = combineComponents(index, matrices, combine, warnings);
  const aggregates = aggregateAksi(index, matrices, combine, means);

  const results: ParticipantResult[] = [];
  for (let p = 0; p < P; p++) {
    results.push(participantResult(index, p, matrices, combined, aggregates, consensusId, precision));
  }

  const groups = rankParticipants(index, results, aggregates.aksiList, settings, warnings);

  // Agreement and outliers look at every eligible sheet, including those the consensus method sets aside.
  const agreement: ComponentAgreement[] = [];
  const outliers: OutlierFlag[] = [];
  for (let c = 0; c < C; c++) {
    const componentId = (plans[c] as ComponentPlan).component.id;
    const matrix = matrices[c] as ComponentMatrix;
    agreement.push({ ...agreementFor(componentId, matrix, index), alpha: alphaFor(c, index, table) });
    outliersFor(componentId, matrix, index, settings.outliers.thresholdPoints, outliers);
  }

  const indicatorValue = means.value;
  const assessedIds = participants.filter((p) => p.role === "assessed").map((p) => p.id);
  const { awards, warnings: awardWarnings } = computeAwards(settings.awards, {
    groups,
    nominations: input.nominations.filter((n) => n.editionId === edition.id),
    assessedIds,
    precision,
    mayNominate: (participantId, memberId) => {
      const p = pIndex.get(participantId);
      const m = mIndex.get(memberId);
      return p !== undefined && m !== undefined && !index.recused[p * M + m];
    },
    indicatorScore: (participantId, indicatorId) => {
      const p = pIndex.get(participantId);
      const slot = slotById.get(indicatorId);
      if (p === undefined || !slot) return null;
      const v = indicatorValue[p * S + slot.index] as number;
      return Number.isNaN(v) ? null : v;
    },
    knownIndicator: (indicatorId) => slotById.has(indicatorId),
  });
  warnings.push(...awardWarnings);

  const ordered = index.inputParticipants.map((p) => results[pIndex.get(p.id) as number] as ParticipantResult);

  return {
    editionId: edition.id,
    rubricId: rubric.id,
    rubricVersion: rubric.version,
    settings,
    participants: ordered,
    groups,
    awards,
    agreement,
    outliers,
    normalisation: combined.normalisation,
    needsReview,
    warnings,
  };
};

type CombinedComponents = {
  /** [component × P + participant]: combined 0–100 score, NaN when none. */
  value: Float64Array;
  /** z-score only: [component × P + participant] mean z, NaN otherwise. */
  meanZ: Float64Array;
  /** z-score only: per component, [cell] the member's z, NaN where not counted; null otherwise. */
  memberZ: (Float64Array | null)[];
  normalisation: ComponentNormalisation[];
};

/** Combined component scores; z-score needs the whole component matrix first. */
const combineComponents = (
  index: EditionIndex,
  matrices: readonly ComponentMatrix[],
  combine: CombineMethod,
  warnings: ResultWarning[],
): CombinedComponents => {
  const { P, C } = index;
  const out: CombinedComponents = {
    value: new Float64Array(C * P).fill(Number.NaN),
    meanZ: new Float64Array(C * P).fill(Number.NaN),
    memberZ: [],
    normalisation: [],
  };
  for (let c = 0; c < C; c++) {
    const plan = index.plans[c] as ComponentPlan;
    const matrix = matrices[c] as ComponentMatrix;
    if (plan.end === plan.start) out.memberZ.push(null);
    else if (combine.method === "z-score") zScoreComponent(index, c, matrix, out);
    else {
      out.memberZ.push(null);
      combinePanel(index, c, matrix, combine, out.value, warnings);
    }
  }
  return out;
};

/** Mean of the counted members, or the trimmed mean (warning when it falls back); for consensus only the designated sheet counts. */
const combinePanel = (
  index: EditionIndex,
  c: number,
  matrix: ComponentMatrix,
  combine: CombineMethod,
  combined: Float64Array,
  warnings: ResultWarning[],
) => {
  const { P, M } = index;
  const { status, value } = matrix;
  if (combine.method !== "trimmed-mean") {
    // combineValues' plain mean, summed in member order, without building the array.
    for (let p = 0; p < P; p++) {
      let total = 0;
      let count = 0;
      for (let cell = p * M; cell < (p + 1) * M; cell++) {
        if (status[cell] !== COUNTED) continue;
        total += value[cell] as number;
        count++;
      }
      if (count > 0) combined[c * P + p] = total / count;
    }
    return;
  }
  const componentId = (index.plans[c] as ComponentPlan).component.id;
  const values: number[] = [];
  for (let p = 0; p < P; p++) {
    values.length = 0;
    for (let cell = p * M; cell < (p + 1) * M; cell++) if (status[cell] === COUNTED) values.push(value[cell] as number);
    if (values.length === 0) continue;
    const result = combineValues(values, combine);
    combined[c * P + p] = result.value ?? Number.NaN;
    if (result.fellBackToMean) {
      const participant = index.participants[p] as Participant;
      warnings.push({
        code: "trimmed-mean-fallback",
        message: `Only ${values.length} counted member(s) for ${participant.name} on ${componentId}: trimming ${combine.k} from each end would leave nothing, so the plain mean is used.`,
        componentId,
        participantId: participant.id,
      });
    }
  }
};

const zScoreComponent = (index: EditionIndex, c: number, matrix: ComponentMatrix, out: CombinedComponents) => {
  const { P, M, members, assessed } = index;
  const rows: number[][] = [];
  for (let p = 0; p < P; p++) {
    const row = new Array<number>(M);
    for (let m = 0; m < M; m++) {
      const cell = p * M + m;
      row[m] = matrix.status[cell] === COUNTED ? (matrix.value[cell] as number) : Number.NaN;
    }
    rows.push(row);
  }
  // Observers are placed on the scale but do not define it, so observing cannot move a ranked participant.
  const z = zScoreNormalise(rows, (p) => assessed[p] === 1);
  const zs = new Float64Array(P * M).fill(Number.NaN);
  for (let p = 0; p < P; p++) {
    out.value[c * P + p] = z.display[p] ?? Number.NaN;
    out.meanZ[c * P + p] = z.meanZ[p] ?? Number.NaN;
    for (let m = 0; m < M; m++) {
      const x = (rows[p] as number[])[m] as number;
      const mu = z.memberMeans[m];
      const sd = z.memberSds[m];
      if (Number.isNaN(x) || mu === null || mu === undefined || sd === null || sd === undefined) continue;
      zs[p * M + m] = sd === 0 ? 0 : (x - mu) / sd;
    }
  }
  out.memberZ.push(zs);
  out.normalisation.push({
    componentId: (index.plans[c] as ComponentPlan).component.id,
    grandMean: z.grandMean,
    meanSd: z.meanSd,
    members: members.map((member, m) => {
      let count = 0;
      for (let p = 0; p < P; p++) if (assessed[p] && !Number.isNaN((rows[p] as number[])[m] as number)) count++;
      return { memberId: member.id, mean: z.memberMeans[m] ?? null, sd: z.memberSds[m] ?? null, n: count };
    }),
  });
};

type IndicatorAggregates = {
  indicators: IndicatorMeans;
  /** The aksi numbers some level component scores, ascending. */
  aksiList: AksiNumber[];
  /** [participant × AKSI_SLOTS + aksi]: per aksi, the sum and number of component parts, and whether a component lacked it. */
  aksiSum: Float64Array;
  aksiParts: Int32Array;
  aksiMissing: Uint8Array;
};

/** Aksi sub-scores: per level component, the counted members' aksi-group means combined like the component. */
const aggregateAksi = (
  index: EditionIndex,
  matrices: readonly ComponentMatrix[],
  combine: CombineMethod,
  indicators: IndicatorMeans,
): IndicatorAggregates => {
  const { P, M, C } = index;
  const aksiSum = new Float64Array(P * AKSI_SLOTS);
  const aksiParts = new Int32Array(P * AKSI_SLOTS);
  const aksiMissing = new Uint8Array(P * AKSI_SLOTS);
  const aksiPresent = new Set<AksiNumber>();
  const aksiValues: number[] = [];
  const aksiCombine: CombineMethod = combine.method === "trimmed-mean" ? combine : { method: "mean" };
  for (let c = 0; c < C; c++) {
    const plan = index.plans[c] as ComponentPlan;
    if (!plan.levels) continue;
    const { status, aksiMeans } = matrices[c] as ComponentMatrix;
    const groups = plan.plan.groups;
    const G = groups.length;
    for (const a of groups) if (a !== null) aksiPresent.add(a);
    for (let p = 0; p < P; p++) {
      for (let g = 0; g < G; g++) {
        const aksi = groups[g];
        if (aksi === null || aksi === undefined) continue;
        const at = p * AKSI_SLOTS + aksi;
        const v = combineAksiGroup(status, aksiMeans, p * M, M, g, G, aksiCombine, aksiValues);
        if (v === null) aksiMissing[at] = 1;
        else {
          aksiSum[at] = (aksiSum[at] as number) + v;
          aksiParts[at] = (aksiParts[at] as number) + 1;
        }
      }
    }
  }
  return { indicators, aksiList: [...aksiPresent].sort((a, b) => a - b), aksiSum, aksiParts, aksiMissing };
};

/**
 * The counted members' means for one aksi group, combined like the component
 * (z-score: plain mean); null when no member counted. The plain mean is summed
 * in member order as `combineValues` would; only trimming needs the array.
 */
const combineAksiGroup = (
  status: Int8Array,
  aksiMeans: Float64Array,
  firstCell: number,
  M: number,
  g: number,
  G: number,
  combine: CombineMethod,
  scratch: number[],
): number | null => {
  if (combine.method === "trimmed-mean") {
    scratch.length = 0;
    for (let cell = firstCell; cell < firstCell + M; cell++) {
      if (status[cell] === COUNTED) scratch.push(aksiMeans[cell * G + g] as number);
    }
    return scratch.length > 0 ? combineValues(scratch, combine).value : null;
  }
  let total = 0;
  let count = 0;
  for (let cell = firstCell; cell < firstCell + M; cell++) {
    if (status[cell] !== COUNTED) continue;
    total += aksiMeans[cell * G + g] as number;
    count++;
  }
  return count > 0 ? total / count : null;
};

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

const participantResult = (
  index: EditionIndex,
  p: number,
  matrices: readonly ComponentMatrix[],
  combined: CombinedComponents,
  aggregates: IndicatorAggregates,
  consensusId: string | null,
  precision: number,
): ParticipantResult => {
  const participant = index.participants[p] as Participant;
  const components: ComponentResult[] = [];
  for (let c = 0; c < index.C; c++) {
    components.push(componentResult(index, p, c, matrices[c] as ComponentMatrix, combined, consensusId));
  }
  // ComponentResult carries the componentId, weight and value a weighted part needs.
  const total = weightedTotal(components);
  const observer = participant.role === "observer";
  return {
    participantId: participant.id,
    name: participant.name,
    regionCode: participant.regionCode,
    rankingGroup: participant.rankingGroup,
    role: participant.role,
    observer,
    components,
    aksi: aksiResults(p, aggregates),
    indicators: indicatorResults(index, p, aggregates),
    total: total.value,
    totalReason:
      total.reason === null
        ? null
        : total.reason === "component-missing"
          ? { code: "component-missing", componentIds: total.missing }
          : { code: "zero-total-weight" },
    roundedTotal: total.value === null ? null : roundTo(total.value, precision),
    rank: null,
    unrankedReason: observer ? "observer" : total.value === null ? "incomplete" : null,
    sharedWith: [],
    tieBreakApplied: false,
    completeness: completeness(index, p, matrices),
  };
};

/** Every assigned member's sheet in member-id order, and the combined score or why there is none. */
const componentResult = (
  index: EditionIndex,
  p: number,
  c: number,
  matrix: ComponentMatrix,
  combined: CombinedComponents,
  consensusId: string | null,
): ComponentResult => {
  const { P, M, members } = index;
  const plan = index.plans[c] as ComponentPlan;
  const zs = combined.memberZ[c] ?? null;
  const n = plan.end - plan.start;
  const memberScores: MemberComponentScore[] = [];
  const countedMemberIds: string[] = [];
  let consensusCounted = false;
  for (let m = 0; m < M; m++) {
    const cell = p * M + m;
    const status = matrix.status[cell] as number;
    if (status === NOT_ASSIGNED) continue;
    const memberId = (members[m] as Member).id;
    if (status === COUNTED) {
      countedMemberIds.push(memberId);
      if (memberId === consensusId) consensusCounted = true;
    }
    memberScores.push({
      memberId,
      status: STATUS[status] as MemberStatus,
      scored: matrix.scored[cell] as number,
      total: n,
      value: orNull(matrix.value[cell] as number),
      z: zs ? orNull(zs[cell] as number) : null,
    });
  }
  const value = combined.value[c * P + p] as number;
  let reason: ComponentResult["reason"] = null;
  if (n === 0) reason = "no-indicators";
  else if (Number.isNaN(value)) {
    reason = consensusId !== null && !consensusCounted ? "consensus-member-not-counted" : "no-counted-members";
  }
  return {
    componentId: plan.component.id,
    weight: plan.component.weight,
    value: orNull(value),
    reason,
    countedMemberIds,
    meanZ: orNull(combined.meanZ[c * P + p] as number),
    members: memberScores,
  };
};

const indicatorResults = (index: EditionIndex, p: number, aggregates: IndicatorAggregates): IndicatorResult[] => {
  const { S, slots, plans } = index;
  const indicators: IndicatorResult[] = [];
  for (let i = 0; i < S; i++) {
    const slot = slots[i] as Slot;
    const at = p * S + i;
    indicators.push({
      indicatorId: slot.indicator.id,
      componentId: (plans[slot.component] as ComponentPlan).component.id,
      value: orNull(aggregates.indicators.value[at] as number),
      rawMean: orNull(aggregates.indicators.raw[at] as number),
      countedMembers: aggregates.indicators.count[at] as number,
    });
  }
  return indicators;
};

const aksiResults = (p: number, aggregates: IndicatorAggregates): AksiResult[] => {
  const aksi: AksiResult[] = [];
  for (const a of aggregates.aksiList) {
    const at = p * AKSI_SLOTS + a;
    const parts = aggregates.aksiParts[at] as number;
    const missing = aggregates.aksiMissing[at] || parts === 0;
    aksi.push({ aksi: a, value: missing ? null : (aggregates.aksiSum[at] as number) / parts });
  }
  return aksi;
};

/** Graded cells over expected cells of every assigned member who has not recused. */
const completeness = (index: EditionIndex, p: number, matrices: readonly ComponentMatrix[]): Completeness => {
  const { M, C } = index;
  let scored = 0;
  let expected = 0;
  for (let c = 0; c < C; c++) {
    const plan = index.plans[c] as ComponentPlan;
    const { status, scored: graded } = matrices[c] as ComponentMatrix;
    for (let cell = p * M; cell < (p + 1) * M; cell++) {
      const s = status[cell] as number;
      if (s === NOT_ASSIGNED || s === RECUSED) continue;
      scored += graded[cell] as number;
      expected += plan.end - plan.start;
    }
  }
  return { scored, expected, complete: expected > 0 && scored === expected };
};

type TieBreakReader = (r: ParticipantResult) => number | null;

/** Tie-break keys are resolved once; an unknown key scores null for everyone and is reported. */
const tieBreakReaders = (
  index: EditionIndex,
  aksiList: readonly AksiNumber[],
  settings: EditionSettings,
  warnings: ResultWarning[],
): TieBreakReader[] =>
  settings.tieBreak.map((key): TieBreakReader => {
    if (key.kind === "component") {
      const c = index.componentIndex.get(key.componentId);
      if (c !== undefined) return (r) => (r.components[c] as ComponentResult).value;
      warnings.push({
        code: "tie-break-key-unknown",
        message: `Tie-break names component ${key.componentId}, which the rubric does not have.`,
        componentId: key.componentId,
      });
    } else if (key.kind === "aksi") {
      const a = aksiList.indexOf(key.aksi);
      if (a >= 0) return (r) => (r.aksi[a] as AksiResult).value;
      warnings.push({
        code: "tie-break-key-unknown",
        message: `Tie-break names aksi ${key.aksi}, which no level-scaled component scores.`,
      });
    } else {
      const slot = index.slotById.get(key.indicatorId);
      if (slot) return (r) => (r.indicators[slot.index] as IndicatorResult).value;
      warnings.push({
        code: "tie-break-key-unknown",
        message: `Tie-break names indicator ${key.indicatorId}, which the rubric does not have.`,
        indicatorId: key.indicatorId,
      });
    }
    return () => null;
  });

/** Ranks each ranking group (in order of first appearance in the input) and writes rank, sharedWith and tieBreakApplied back. */
const rankParticipants = (
  index: EditionIndex,
  results: readonly ParticipantResult[],
  aksiList: readonly AksiNumber[],
  settings: EditionSettings,
  warnings: ResultWarning[],
): RankingGroupResult[] => {
  const readers = tieBreakReaders(index, aksiList, settings, warnings);
  const groups: RankingGroupResult[] = [];
  const groupCandidates = new Map<string, GroupCandidate[]>();
  const groupByName = new Map<string, RankingGroupResult>();
  for (const participant of index.inputParticipants) {
    if (groupByName.has(participant.rankingGroup)) continue;
    const g: RankingGroupResult = { group: participant.rankingGroup, ranked: [], incomplete: [], observers: [] };
    groupByName.set(participant.rankingGroup, g);
    groupCandidates.set(participant.rankingGroup, []);
    groups.push(g);
  }
  for (const r of results) {
    const g = groupByName.get(r.rankingGroup) as RankingGroupResult;
    if (r.observer) g.observers.push(r.participantId);
    else if (r.total === null) g.incomplete.push(r.participantId);
    else {
      const tieBreakValues: (number | null)[] = [];
      for (const read of readers) tieBreakValues.push(read(r));
      groupCandidates.get(r.rankingGroup)?.push({ participantId: r.participantId, total: r.total, tieBreakValues });
    }
  }
  for (const g of groups) {
    g.ranked = rankGroup(groupCandidates.get(g.group) ?? [], settings.precision);
    for (const entry of g.ranked) {
      const r = results[index.pIndex.get(entry.participantId) as number] as ParticipantResult;
      r.rank = entry.rank;
      r.sharedWith = entry.sharedWith;
      r.tieBreakApplied = entry.tieBreakApplied;
    }
  }
  return groups;
};
