/*
 * The one entry point from records to results. Invariants:
 * - A gap (recusal, partial sheet, no assignment) is absent, never 0; a score
 *   that cannot be placed (deleted indicator, unknown letter…) goes to
 *   `needsReview` and is never counted.
 * - The output does not depend on the order of the input arrays: participants
 *   and members are processed in id order and only re-emitted in input order
 *   (the one exception: of two records for the same cell, the first counts and
 *   the second is sent to review).
 * - One pass over the scores into typed arrays indexed by (participant,
 *   member, indicator); everything after that is proportional to the panel
 *   matrix, not to pairs of participants, so a national edition fits in one call.
 */
import { computeAwards } from "./awards.ts";
import { buildFeedback, type FeedbackIndicator } from "./feedback.ts";
import { type GroupCandidate, rankGroup } from "./ranking.ts";
import type {
  AksiResult,
  ComponentAgreement,
  ComponentNormalisation,
  ComponentResult,
  IndicatorResult,
  MemberComponentScore,
  MemberStatus,
  NeedsReviewItem,
  NeedsReviewReason,
  OutlierFlag,
  ParticipantResult,
  RankingGroupResult,
  ResultWarning,
  Results,
  ResultsInput,
} from "./results.ts";
import { combineValues, maxLetterValue, type RollUpPlan, rollUpInto, rollUpPlan, weightedTotal } from "./scoring.ts";
import { intraclassCorrelation, kendallW, roundTo, zScoreNormalise } from "./statistics.ts";
import type { AksiNumber, Indicator, Member, Participant, RubricComponent, ScoreRecord } from "./types.ts";

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const STATUS: readonly MemberStatus[] = ["counted", "not-consensus", "recused", "incomplete"];
const NOT_ASSIGNED = -1;
const COUNTED = 0;
const NOT_CONSENSUS = 1;
const RECUSED = 2;
const INCOMPLETE = 3;

type Slot = {
  index: number;
  component: number;
  indicator: Indicator;
  /** Level components: letter → value, NaN for a level the letter map does not value. */
  letters: Map<string, number> | null;
  /** What a raw value is divided by before × 100: max letter value, or maxPoints. */
  denominator: number;
};

type ComponentPlan = {
  component: RubricComponent;
  levels: boolean;
  start: number;
  end: number;
  plan: RollUpPlan;
};

/** Per component: the panel matrix, flattened as [participant × members + member]. */
type ComponentMatrix = {
  status: Int8Array;
  scored: Int32Array;
  value: Float64Array;
  /** [cell × groups + group]: the member's mean per aksi group, for aksi sub-scores. */
  aksiMeans: Float64Array;
};

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

  const inputParticipants = input.participants.filter((p) => p.editionId === edition.id);
  const participants: Participant[] = [...inputParticipants].sort(byId);
  const members: Member[] = input.members.filter((m) => m.editionId === edition.id).sort(byId);
  const P = participants.length;
  const M = members.length;
  const pIndex = new Map(participants.map((p, i) => [p.id, i]));
  const mIndex = new Map(members.map((m, i) => [m.id, i]));
  const assessed = participants.map((p) => p.role === "assessed");

  const maxLetter = maxLetterValue(settings.letterValues);
  if (maxLetter === null || maxLetter <= 0) {
    warnings.push({
      code: "letter-values-empty",
      message: "settings.letterValues has no positive value, so no level grade can be scored.",
    });
  }

  // Rubric index: every indicator gets a global slot; a component owns a contiguous slot range.
  const slots: Slot[] = [];
  const slotById = new Map<string, Slot>();
  const plans: ComponentPlan[] = [];
  const componentIndex = new Map<string, number>();
  rubric.components.forEach((component, c) => {
    componentIndex.set(component.id, c);
    const levels = component.scale === "levels";
    const start = slots.length;
    for (const indicator of component.indicators) {
      const slot: Slot = {
        index: slots.length,
        component: c,
        indicator,
        letters: levels
          ? new Map(indicator.levels.map((l) => [l.letter, finiteOrNaN(settings.letterValues[l.letter])]))
          : null,
        denominator: levels ? (maxLetter ?? 0) : (indicator.maxPoints ?? 100),
      };
      slots.push(slot);
      slotById.set(indicator.id, slot);
    }
    plans.push({
      component,
      levels,
      start,
      end: slots.length,
      plan: rollUpPlan(component.indicators.map((i) => i.aksi)),
    });
  });
  const S = slots.length;
  const C = plans.length;

  const assigned = new Uint8Array(C * P * M);
  for (let m = 0; m < M; m++) {
    for (const a of (members[m] as Member).assignments) {
      const c = componentIndex.get(a.componentId);
      if (c === undefined) continue;
      for (const pid of a.participantIds) {
        const p = pIndex.get(pid);
        if (p !== undefined) assigned[(c * P + p) * M + m] = 1;
      }
    }
  }

  const recused = new Uint8Array(P * M);
  const sheets = input.sheets.filter((s) => s.editionId === edition.id);
  for (const s of sheets) {
    const p = pIndex.get(s.participantId);
    const m = mIndex.get(s.memberId);
    if (p !== undefined && m !== undefined && s.recused) recused[p * M + m] = 1;
  }

  // The single pass over scores. Raw values (letter value or points) per (participant, member).
  const raw: (Float64Array | undefined)[] = new Array(P * M);
  const review = (s: ScoreRecord, reason: NeedsReviewReason) =>
    needsReview.push({
      scoreKey: s.key,
      participantId: s.participantId,
      memberId: s.memberId,
      componentId: s.componentId,
      indicatorId: s.indicatorId,
      reason,
    });
  // Records usually arrive grouped by sheet, so the previous lookup is the likely answer.
  let lastParticipantId = "";
  let lastP: number | undefined;
  let lastMemberId = "";
  let lastM: number | undefined;
  for (const s of input.scores) {
    if (s.editionId !== edition.id) continue;
    const slot = slotById.get(s.indicatorId);
    if (!slot) {
      review(s, "unknown-indicator");
      continue;
    }
    // A cleared cell (note only) is simply not scored.
    if (s.level === null && s.points === null) continue;
    if (s.participantId !== lastParticipantId) {
      lastParticipantId = s.participantId;
      lastP = pIndex.get(s.participantId);
    }
    const p = lastP;
    if (p === undefined) {
      review(s, "unknown-participant");
      continue;
    }
    if (s.memberId !== lastMemberId) {
      lastMemberId = s.memberId;
      lastM = mIndex.get(s.memberId);
    }
    const m = lastM;
    if (m === undefined) {
      review(s, "unknown-member");
      continue;
    }
    const plan = plans[slot.component] as ComponentPlan;
    if (s.componentId !== plan.component.id) {
      review(s, "component-mismatch");
      continue;
    }
    let value: number;
    if (slot.letters) {
      if (s.level === null) {
        review(s, "wrong-scale");
        continue;
      }
      const v = slot.letters.get(s.level);
      if (v === undefined) {
        review(s, "unknown-level");
        continue;
      }
      if (Number.isNaN(v) || !(slot.denominator > 0)) {
        review(s, "letter-without-value");
        continue;
      }
      value = v;
    } else {
      if (s.points === null) {
        review(s, "wrong-scale");
        continue;
      }
      if (!Number.isFinite(s.points) || s.points < 0 || s.points > slot.denominator) {
        review(s, "points-out-of-range");
        continue;
      }
      value = s.points;
    }
    if (!assigned[(slot.component * P + p) * M + m]) {
      review(s, "not-assigned");
      continue;
    }
    const cell = p * M + m;
    let row = raw[cell];
    if (!row) {
      row = new Float64Array(S).fill(Number.NaN);
      raw[cell] = row;
    }
    if (!Number.isNaN(row[slot.index] as number)) {
      review(s, "duplicate");
      continue;
    }
    row[slot.index] = value;
  }

  // Per component: member status and rolled-up values.
  const consensusId = combine.method === "consensus" ? combine.memberId : null;
  if (consensusId !== null && !mIndex.has(consensusId)) {
    warnings.push({
      code: "consensus-member-unknown",
      message: `The consensus method names member ${consensusId}, who is not on this edition's panel.`,
      memberId: consensusId,
    });
  }
  const matrices: ComponentMatrix[] = plans.map((plan, c) => {
    const n = plan.end - plan.start;
    const groups = plan.plan.groups.length;
    const matrix: ComponentMatrix = {
      status: new Int8Array(P * M).fill(NOT_ASSIGNED),
      scored: new Int32Array(P * M),
      value: new Float64Array(P * M).fill(Number.NaN),
      aksiMeans: new Float64Array(plan.levels ? P * M * groups : 0),
    };
    const scratch = new Float64Array(n);
    for (let p = 0; p < P; p++) {
      for (let m = 0; m < M; m++) {
        const cell = p * M + m;
        if (!assigned[(c * P + p) * M + m]) continue;
        const row = raw[cell];
        let scored = 0;
        if (row) for (let i = plan.start; i < plan.end; i++) if (!Number.isNaN(row[i] as number)) scored++;
        matrix.scored[cell] = scored;
        if (recused[cell]) {
          matrix.status[cell] = RECUSED;
          continue;
        }
        if (scored < n || n === 0 || !row) {
          matrix.status[cell] = INCOMPLETE;
          continue;
        }
        for (let i = 0; i < n; i++) {
          const slot = slots[plan.start + i] as Slot;
          scratch[i] = ((row[plan.start + i] as number) / slot.denominator) * 100;
        }
        let value: number | null;
        if (plan.levels) {
          value = rollUpInto(scratch, plan.plan, settings.rollUp, matrix.aksiMeans, cell * groups);
        } else {
          let total = 0;
          for (let i = 0; i < n; i++) total += scratch[i] as number;
          value = total / n;
        }
        matrix.value[cell] = value ?? Number.NaN;
        matrix.status[cell] =
          consensusId !== null && (members[m] as Member).id !== consensusId ? NOT_CONSENSUS : COUNTED;
      }
    }
    return matrix;
  });

  // Combined component scores; z-score needs the whole component matrix first.
  const combined = new Float64Array(C * P).fill(Number.NaN);
  const meanZ = new Float64Array(C * P).fill(Number.NaN);
  const memberZ: (Float64Array | null)[] = [];
  const normalisation: ComponentNormalisation[] = [];
  for (let c = 0; c < C; c++) {
    const matrix = matrices[c] as ComponentMatrix;
    const plan = plans[c] as ComponentPlan;
    if (plan.end === plan.start) {
      memberZ.push(null);
      continue;
    }
    if (combine.method === "z-score") {
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
      const z = zScoreNormalise(rows, (p) => assessed[p] === true);
      const zs = new Float64Array(P * M).fill(Number.NaN);
      for (let p = 0; p < P; p++) {
        combined[c * P + p] = z.display[p] ?? Number.NaN;
        meanZ[c * P + p] = z.meanZ[p] ?? Number.NaN;
        for (let m = 0; m < M; m++) {
          const x = (rows[p] as number[])[m] as number;
          const mu = z.memberMeans[m];
          const sd = z.memberSds[m];
          if (Number.isNaN(x) || mu === null || mu === undefined || sd === null || sd === undefined) continue;
          zs[p * M + m] = sd === 0 ? 0 : (x - mu) / sd;
        }
      }
      memberZ.push(zs);
      normalisation.push({
        componentId: plan.component.id,
        grandMean: z.grandMean,
        meanSd: z.meanSd,
        members: members.map((member, m) => {
          let count = 0;
          for (let p = 0; p < P; p++) if (assessed[p] && !Number.isNaN((rows[p] as number[])[m] as number)) count++;
          return { memberId: member.id, mean: z.memberMeans[m] ?? null, sd: z.memberSds[m] ?? null, n: count };
        }),
      });
      continue;
    }
    memberZ.push(null);
    const values: number[] = [];
    for (let p = 0; p < P; p++) {
      values.length = 0;
      for (let m = 0; m < M; m++) {
        const cell = p * M + m;
        if (matrix.status[cell] === COUNTED) values.push(matrix.value[cell] as number);
      }
      if (values.length === 0) continue;
      const result = combineValues(values, combine);
      combined[c * P + p] = result.value ?? Number.NaN;
      if (result.fellBackToMean && combine.method === "trimmed-mean") {
        warnings.push({
          code: "trimmed-mean-fallback",
          message: `Only ${values.length} counted member(s) for ${(participants[p] as Participant).name} on ${plan.component.id}: trimming ${combine.k} from each end would leave nothing, so the plain mean is used.`,
          componentId: plan.component.id,
          participantId: (participants[p] as Participant).id,
        });
      }
    }
  }

  // Indicator means over counted members, and aksi sub-scores.
  const indicatorValue = new Float64Array(P * S).fill(Number.NaN);
  const indicatorRaw = new Float64Array(P * S).fill(Number.NaN);
  const indicatorCount = new Int32Array(P * S);
  const aksiSum = new Float64Array(P * 9);
  const aksiParts = new Int32Array(P * 9);
  const aksiMissing = new Uint8Array(P * 9);
  const aksiPresent = new Set<AksiNumber>();
  const aksiValues: number[] = [];
  const aksiCombine = combine.method === "z-score" ? ({ method: "mean" } as const) : combine;
  for (let c = 0; c < C; c++) {
    const plan = plans[c] as ComponentPlan;
    const matrix = matrices[c] as ComponentMatrix;
    const groups = plan.plan.groups;
    if (plan.levels) for (const a of groups) if (a !== null) aksiPresent.add(a);
    for (let p = 0; p < P; p++) {
      for (let i = plan.start; i < plan.end; i++) {
        const slot = slots[i] as Slot;
        let rawTotal = 0;
        let count = 0;
        for (let m = 0; m < M; m++) {
          const cell = p * M + m;
          if (matrix.status[cell] !== COUNTED) continue;
          rawTotal += (raw[cell] as Float64Array)[i] as number;
          count++;
        }
        if (count === 0) continue;
        const at = p * S + i;
        indicatorRaw[at] = rawTotal / count;
        indicatorValue[at] = (rawTotal / count / slot.denominator) * 100;
        indicatorCount[at] = count;
      }
      if (!plan.levels) continue;
      for (let g = 0; g < groups.length; g++) {
        const aksi = groups[g];
        if (aksi === null || aksi === undefined) continue;
        aksiValues.length = 0;
        for (let m = 0; m < M; m++) {
          const cell = p * M + m;
          if (matrix.status[cell] === COUNTED) aksiValues.push(matrix.aksiMeans[cell * groups.length + g] as number);
        }
        const v = aksiValues.length > 0 ? combineValues(aksiValues, aksiCombine).value : null;
        if (v === null) aksiMissing[p * 9 + aksi] = 1;
        else {
          aksiSum[p * 9 + aksi] = (aksiSum[p * 9 + aksi] as number) + v;
          aksiParts[p * 9 + aksi] = (aksiParts[p * 9 + aksi] as number) + 1;
        }
      }
    }
  }
  const aksiList = [...aksiPresent].sort((a, b) => a - b);

  // Per-participant results.
  const results: ParticipantResult[] = participants.map((participant, p) => {
    const components: ComponentResult[] = plans.map((plan, c) => {
      const matrix = matrices[c] as ComponentMatrix;
      const zs = memberZ[c] ?? null;
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
        const v = matrix.value[cell] as number;
        const z = zs ? (zs[cell] as number) : Number.NaN;
        memberScores.push({
          memberId,
          status: STATUS[status] as MemberStatus,
          scored: matrix.scored[cell] as number,
          total: plan.end - plan.start,
          value: Number.isNaN(v) ? null : v,
          z: Number.isNaN(z) ? null : z,
        });
      }
      const value = combined[c * P + p] as number;
      const mz = meanZ[c * P + p] as number;
      let reason: ComponentResult["reason"] = null;
      if (plan.end === plan.start) reason = "no-indicators";
      else if (Number.isNaN(value)) {
        reason = consensusId !== null && !consensusCounted ? "consensus-member-not-counted" : "no-counted-members";
      }
      return {
        componentId: plan.component.id,
        weight: plan.component.weight,
        value: Number.isNaN(value) ? null : value,
        reason,
        countedMemberIds,
        meanZ: Number.isNaN(mz) ? null : mz,
        members: memberScores,
      };
    });
    const indicators: IndicatorResult[] = slots.map((slot) => {
      const at = p * S + slot.index;
      const v = indicatorValue[at] as number;
      return {
        indicatorId: slot.indicator.id,
        componentId: (plans[slot.component] as ComponentPlan).component.id,
        value: Number.isNaN(v) ? null : v,
        rawMean: Number.isNaN(indicatorRaw[at] as number) ? null : (indicatorRaw[at] as number),
        countedMembers: indicatorCount[at] as number,
      };
    });
    const aksi: AksiResult[] = aksiList.map((a) => {
      const at = p * 9 + a;
      const parts = aksiParts[at] as number;
      return { aksi: a, value: aksiMissing[at] || parts === 0 ? null : (aksiSum[at] as number) / parts };
    });
    const total = weightedTotal(
      components.map((r) => ({ componentId: r.componentId, weight: r.weight, value: r.value })),
    );
    let scored = 0;
    let expected = 0;
    for (const r of components) {
      for (const ms of r.members) {
        if (ms.status === "recused") continue;
        scored += ms.scored;
        expected += ms.total;
      }
    }
    const observer = participant.role === "observer";
    return {
      participantId: participant.id,
      name: participant.name,
      regionCode: participant.regionCode,
      rankingGroup: participant.rankingGroup,
      role: participant.role,
      observer,
      components,
      aksi,
      indicators,
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
      completeness: { scored, expected, complete: expected > 0 && scored === expected },
    };
  });

  // Tie-break keys are resolved once; an unknown key scores null for everyone and is reported.
  const tieBreakReaders = settings.tieBreak.map((key): ((r: ParticipantResult, p: number) => number | null) => {
    if (key.kind === "component") {
      const c = componentIndex.get(key.componentId);
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
      const slot = slotById.get(key.indicatorId);
      if (slot) return (r) => (r.indicators[slot.index] as IndicatorResult).value;
      warnings.push({
        code: "tie-break-key-unknown",
        message: `Tie-break names indicator ${key.indicatorId}, which the rubric does not have.`,
        indicatorId: key.indicatorId,
      });
    }
    return () => null;
  });

  const groups: RankingGroupResult[] = [];
  const groupCandidates = new Map<string, GroupCandidate[]>();
  const groupByName = new Map<string, RankingGroupResult>();
  for (const participant of inputParticipants) {
    if (groupByName.has(participant.rankingGroup)) continue;
    const g: RankingGroupResult = { group: participant.rankingGroup, ranked: [], incomplete: [], observers: [] };
    groupByName.set(participant.rankingGroup, g);
    groupCandidates.set(participant.rankingGroup, []);
    groups.push(g);
  }
  results.forEach((r, p) => {
    const g = groupByName.get(r.rankingGroup) as RankingGroupResult;
    if (r.observer) g.observers.push(r.participantId);
    else if (r.total === null) g.incomplete.push(r.participantId);
    else
      groupCandidates.get(r.rankingGroup)?.push({
        participantId: r.participantId,
        total: r.total,
        tieBreakValues: tieBreakReaders.map((read) => read(r, p)),
      });
  });
  for (const g of groups) {
    g.ranked = rankGroup(groupCandidates.get(g.group) ?? [], precision);
    for (const entry of g.ranked) {
      const r = results[pIndex.get(entry.participantId) as number] as ParticipantResult;
      r.rank = entry.rank;
      r.sharedWith = entry.sharedWith;
      r.tieBreakApplied = entry.tieBreakApplied;
    }
  }

  // Agreement and outliers look at every eligible sheet, including those the consensus method sets aside.
  const agreement: ComponentAgreement[] = [];
  const outliers: OutlierFlag[] = [];
  const threshold = settings.outliers.thresholdPoints;
  for (let c = 0; c < C; c++) {
    const plan = plans[c] as ComponentPlan;
    const matrix = matrices[c] as ComponentMatrix;
    const eligible = (cell: number) => matrix.status[cell] === COUNTED || matrix.status[cell] === NOT_CONSENSUS;
    const raters: number[] = [];
    for (let m = 0; m < M; m++) {
      for (let p = 0; p < P; p++) {
        if (assessed[p] && eligible(p * M + m)) {
          raters.push(m);
          break;
        }
      }
    }
    const rows: number[][] = [];
    const rowIds: string[] = [];
    let candidateRows = 0;
    for (let p = 0; p < P; p++) {
      if (!assessed[p]) continue;
      let any = false;
      let all = raters.length > 0;
      for (let m = 0; m < M; m++) if (matrix.status[p * M + m] !== NOT_ASSIGNED) any = true;
      for (const m of raters) if (!eligible(p * M + m)) all = false;
      if (!any) continue;
      candidateRows++;
      if (!all) continue;
      rows.push(raters.map((m) => matrix.value[p * M + m] as number));
      rowIds.push((participants[p] as Participant).id);
    }
    const icc = intraclassCorrelation(rows);
    const w = kendallW(rows);
    agreement.push({
      componentId: plan.component.id,
      raterIds: raters.map((m) => (members[m] as Member).id),
      participantIds: rowIds,
      rowsUsed: rows.length,
      rowsDropped: candidateRows - rows.length,
      icc: icc.ok ? icc.value : null,
      kendallW: w.ok ? w.value : null,
      reason: raters.length < 2 ? "too-few-raters" : !icc.ok ? icc.reason : !w.ok ? w.reason : null,
    });

    for (let p = 0; p < P; p++) {
      let total = 0;
      let count = 0;
      for (let m = 0; m < M; m++) {
        if (!eligible(p * M + m)) continue;
        total += matrix.value[p * M + m] as number;
        count++;
      }
      if (count < 2) continue;
      for (let m = 0; m < M; m++) {
        const cell = p * M + m;
        if (!eligible(cell)) continue;
        const value = matrix.value[cell] as number;
        const othersMean = (total - value) / (count - 1);
        const difference = value - othersMean;
        if (Math.abs(difference) > threshold) {
          outliers.push({
            participantId: (participants[p] as Participant).id,
            componentId: plan.component.id,
            memberId: (members[m] as Member).id,
            value,
            othersMean,
            difference,
          });
        }
      }
    }
  }

  const assessedIds = participants.filter((p) => p.role === "assessed").map((p) => p.id);
  const { awards, warnings: awardWarnings } = computeAwards(settings.awards, {
    groups,
    nominations: input.nominations.filter((n) => n.editionId === edition.id),
    assessedIds,
    precision,
    mayNominate: (participantId, memberId) => {
      const p = pIndex.get(participantId);
      const m = mIndex.get(memberId);
      return p !== undefined && m !== undefined && !recused[p * M + m];
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

  const ordered = inputParticipants.map((p) => results[pIndex.get(p.id) as number] as ParticipantResult);
  const feedbackIndicators: FeedbackIndicator[] = slots
    .filter((slot) => (plans[slot.component] as ComponentPlan).levels)
    .map((slot) => ({
      indicator: slot.indicator,
      componentId: (plans[slot.component] as ComponentPlan).component.id,
      position: slot.index,
    }));
  const feedback = buildFeedback({
    participants: ordered,
    indicators: feedbackIndicators,
    sheets,
    knownMember: (memberId) => mIndex.has(memberId),
    letterValues: settings.letterValues,
    precision,
  });

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
    normalisation,
    feedback,
    needsReview,
    warnings,
  };
};

const finiteOrNaN = (x: number | undefined): number => (x !== undefined && Number.isFinite(x) ? x : Number.NaN);
