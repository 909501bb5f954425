/*
 * Awards go to assessed participants only (an observer is never ranked, so it
 * cannot win, and a ranking group of observers only gets no best-n award at all).
 * A tie for an award is shared, never broken arbitrarily, and an award nobody
 * qualifies for has no winner rather than a default one.
 */
import type { AwardResult, NominationReason, RankingGroupResult, ResultWarning } from "./results.ts";
import { roundTo } from "./statistics.ts";
import type { AwardCategory, AwardRule, NominationRecord } from "./types.ts";

export const bestN = (group: RankingGroupResult, n: number): AwardResult => ({
  kind: "best-n",
  n,
  group: group.group,
  winners: group.ranked.filter((e) => e.rank <= n).map((e) => ({ participantId: e.participantId, rank: e.rank })),
});

export type NominationContext = {
  /** Assessed participant ids, in a stable order. */
  assessedIds: readonly string[];
  /** False for unknown members and for a member recused from this participant. */
  mayNominate: (participantId: string, memberId: string) => boolean;
};

/** Counts distinct nominating members, so a duplicated record cannot count twice. */
export const nominationCount = (
  category: AwardCategory,
  nominations: readonly NominationRecord[],
  context: NominationContext,
): AwardResult => {
  const assessed = new Set(context.assessedIds);
  const byParticipant = new Map<string, Map<string, string>>();
  for (const n of nominations) {
    if (n.category !== category || !n.nominated || !assessed.has(n.participantId)) continue;
    if (!context.mayNominate(n.participantId, n.memberId)) continue;
    let members = byParticipant.get(n.participantId);
    if (!members) {
      members = new Map();
      byParticipant.set(n.participantId, members);
    }
    if (!members.has(n.memberId)) members.set(n.memberId, n.reason);
  }
  const tally = context.assessedIds
    .filter((id) => byParticipant.has(id))
    .map((id) => ({ participantId: id, count: byParticipant.get(id)?.size ?? 0 }))
    .sort((a, b) => b.count - a.count || (a.participantId < b.participantId ? -1 : 1));
  const top = tally[0]?.count ?? 0;
  if (top === 0) return { kind: "nomination-count", category, winners: [], tally, reason: "no-nominations" };
  const winners = tally
    .filter((t) => t.count === top)
    .map((t) => {
      const reasons: NominationReason[] = [];
      for (const [memberId, reason] of byParticipant.get(t.participantId) ?? []) {
        if (reason.trim() !== "") reasons.push({ memberId, reason });
      }
      reasons.sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
      return { participantId: t.participantId, count: t.count, reasons };
    });
  return { kind: "nomination-count", category, winners, tally, reason: null };
};

export type IndicatorRuleContext = {
  assessedIds: readonly string[];
  /** The participant's combined 0–100 indicator score, null when no member counted. */
  indicatorScore: (participantId: string, indicatorId: string) => number | null;
  precision: number;
};

/**
 * Highest mean of the chosen indicators' combined scores, compared after
 * rounding like ranks are. A participant missing any chosen indicator is not
 * eligible: a mean over fewer indicators would not be the same contest.
 */
export const indicatorRule = (
  category: AwardCategory,
  indicatorIds: readonly string[],
  context: IndicatorRuleContext,
): AwardResult => {
  const none: AwardResult = {
    kind: "indicator-rule",
    category,
    indicatorIds: [...indicatorIds],
    winners: [],
    reason: "no-eligible-participant",
  };
  if (indicatorIds.length === 0) return none;
  const candidates: { participantId: string; value: number; rounded: number }[] = [];
  for (const participantId of context.assessedIds) {
    let total = 0;
    let complete = true;
    for (const indicatorId of indicatorIds) {
      const v = context.indicatorScore(participantId, indicatorId);
      if (v === null) {
        complete = false;
        break;
      }
      total += v;
    }
    if (!complete) continue;
    const value = total / indicatorIds.length;
    candidates.push({ participantId, value, rounded: roundTo(value, context.precision) });
  }
  if (candidates.length === 0) return none;
  let best = Number.NEGATIVE_INFINITY;
  for (const c of candidates) if (c.rounded > best) best = c.rounded;
  return {
    ...none,
    winners: candidates
      .filter((c) => c.rounded === best)
      .map(({ participantId, value }) => ({ participantId, value }))
      .sort((a, b) => (a.participantId < b.participantId ? -1 : 1)),
    reason: null,
  };
};

export type AwardsContext = NominationContext &
  IndicatorRuleContext & {
    groups: readonly RankingGroupResult[];
    nominations: readonly NominationRecord[];
    knownIndicator: (indicatorId: string) => boolean;
  };

export const computeAwards = (
  rules: readonly AwardRule[],
  context: AwardsContext,
): { awards: AwardResult[]; warnings: ResultWarning[] } => {
  const awards: AwardResult[] = [];
  const warnings: ResultWarning[] = [];
  for (const rule of rules) {
    if (rule.kind === "best-n") {
      // A group of observers only (Kota Ambon as "Lokus 2021 (peninjau)") is never ranked: it has no best-n to
      // award, not an award without winners. A group whose assessed districts all lack a total keeps its empty one.
      for (const group of context.groups)
        if (group.ranked.length > 0 || group.incomplete.length > 0) awards.push(bestN(group, rule.n));
    } else if (rule.kind === "nomination-count") {
      awards.push(nominationCount(rule.category, context.nominations, context));
    } else {
      const known = rule.indicatorIds.filter((id) => {
        if (context.knownIndicator(id)) return true;
        warnings.push({
          code: "award-indicator-unknown",
          message: `Award rule "${rule.category}" names indicator ${id}, which the rubric does not have; it is left out of the rule.`,
          indicatorId: id,
        });
        return false;
      });
      awards.push(indicatorRule(rule.category, known, context));
    }
  }
  return { awards, warnings };
};
