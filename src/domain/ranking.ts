/*
 * Standard competition ranking ("1, 2, 2, 4"): a rank is 1 + the number of
 * entries strictly better. Totals are compared after rounding to the display
 * precision, so two participants who print the same total are tied; the
 * tie-break chain then compares further keys (also rounded), and entries
 * equal on every key share a rank. Output order never depends on input order.
 */
import type { RankedEntry } from "./results.ts";
import { roundTo } from "./statistics.ts";

/** Higher is better; a null key (no score) loses to any number and ties with another null. */
export type RankKeys = readonly (number | null)[];

/** Negative when `a` ranks before `b`. */
export const compareKeys = (a: RankKeys, b: RankKeys): number => {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return y - x;
  }
  return 0;
};

/** Ranks plain values, higher first: 84.6, 81.2, 81.2, 79.0 → 1, 2, 2, 4. */
export const standardCompetitionRanks = (values: readonly number[]): number[] => {
  const ranked = rankByKeys(values.map((v, i) => ({ id: String(i), keys: [v] })));
  const ranks = new Array<number>(values.length);
  for (const r of ranked) ranks[Number(r.id)] = r.rank;
  return ranks;
};

export type RankItem = { id: string; keys: RankKeys };

export type RankedItem = {
  id: string;
  rank: number;
  /** The rank on the first key alone, before any tie-break applied. */
  rankBeforeTieBreak: number;
  /** Ids equal on every key: the rank is shared with them. */
  sharedWith: string[];
  /** True when another item had the same first key, so later keys decided (or failed to decide) the order. */
  tiedOnFirstKey: boolean;
};

/** Sorted by rank, then id, so equal ranks list in a stable order independent of the input. */
export const rankByKeys = (items: readonly RankItem[]): RankedItem[] => {
  const sorted = [...items].sort((a, b) => compareKeys(a.keys, b.keys) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: RankedItem[] = [];
  let runStart = 0;
  let firstKeyStart = 0;
  for (let i = 0; i < sorted.length; i++) {
    const item = sorted[i] as RankItem;
    const previous = sorted[i - 1];
    if (previous && compareKeys(previous.keys, item.keys) !== 0) runStart = i;
    if (previous && compareKeys(previous.keys.slice(0, 1), item.keys.slice(0, 1)) !== 0) firstKeyStart = i;
    out.push({
      id: item.id,
      rank: runStart + 1,
      rankBeforeTieBreak: firstKeyStart + 1,
      sharedWith: [],
      tiedOnFirstKey: false,
    });
  }
  // Second pass: a tie run's members are only known once the run has ended.
  let start = 0;
  while (start < out.length) {
    let end = start + 1;
    while (end < out.length && (out[end] as RankedItem).rank === (out[start] as RankedItem).rank) end++;
    if (end - start > 1) {
      const ids = out.slice(start, end).map((r) => r.id);
      for (let i = start; i < end; i++) {
        const r = out[i] as RankedItem;
        r.sharedWith = ids.filter((id) => id !== r.id);
      }
    }
    start = end;
  }
  start = 0;
  while (start < out.length) {
    let end = start + 1;
    const first = (out[start] as RankedItem).rankBeforeTieBreak;
    while (end < out.length && (out[end] as RankedItem).rankBeforeTieBreak === first) end++;
    if (end - start > 1) for (let i = start; i < end; i++) (out[i] as RankedItem).tiedOnFirstKey = true;
    start = end;
  }
  return out;
};

export type GroupCandidate = {
  participantId: string;
  total: number;
  /** In the order of settings.tieBreak; null where the participant has no such score. */
  tieBreakValues: readonly (number | null)[];
};

/** Ranks one ranking group's assessed, complete participants. */
export const rankGroup = (candidates: readonly GroupCandidate[], precision: number): RankedEntry[] => {
  const byId = new Map<string, { roundedTotal: number; tieBreakValues: (number | null)[] }>();
  const items: RankItem[] = candidates.map((c) => {
    const roundedTotal = roundTo(c.total, precision);
    const tieBreakValues = c.tieBreakValues.map((v) => (v === null ? null : roundTo(v, precision)));
    byId.set(c.participantId, { roundedTotal, tieBreakValues });
    return { id: c.participantId, keys: [roundedTotal, ...tieBreakValues] };
  });
  return rankByKeys(items).map((r) => {
    const keys = byId.get(r.id) as { roundedTotal: number; tieBreakValues: (number | null)[] };
    return {
      participantId: r.id,
      rank: r.rank,
      rankBeforeTieBreak: r.rankBeforeTieBreak,
      roundedTotal: keys.roundedTotal,
      tieBreakValues: keys.tieBreakValues,
      tieBreakApplied: r.tiedOnFirstKey,
      sharedWith: r.sharedWith,
    };
  });
};
