/*
 * Krippendorff's alpha on all available ratings (Krippendorff 2011,
 * "Computing Krippendorff's Alpha-Reliability"). Invariants:
 * - A missing rating is absent, never 0: a unit counts only through the pairs
 *   of values it actually has, so one recusal removes one rating, not a row.
 * - The result depends only on the multiset of values per unit: the order of
 *   units and of observers cannot change it (everything goes through the
 *   coincidence matrix, summed over sorted distinct values).
 * - Undefined (no pairable values, or no variation at all) is null with a
 *   reason, never 0 or 1.
 */
import type { StatisticNullReason, StatisticOutcome } from "./statistics.ts";

export type AlphaMetric = "nominal" | "ordinal" | "interval" | "ratio";

export type KrippendorffAlpha = {
  alpha: number;
  metric: AlphaMetric;
  /** n in the paper: values in units with at least two ratings. */
  pairableValues: number;
  /** Units with at least two ratings. */
  unitsUsed: number;
};

/** `units[u][o]`: observer o's value for unit u, null when missing. */
export type ReliabilityData = readonly (readonly (number | null)[])[];

/** Observers × units (the paper's layout) into units × observers. */
export const unitsFromObservers = (observers: ReliabilityData): (number | null)[][] => {
  const width = Math.max(0, ...observers.map((row) => row.length));
  const units: (number | null)[][] = [];
  for (let u = 0; u < width; u++) units.push(observers.map((row) => row[u] ?? null));
  return units;
};

type Coincidences = { values: number[]; o: Float64Array; unitsUsed: number };

const coincidences = (units: ReliabilityData): Coincidences => {
  // One hashing pass gives every present value a code (first-seen order); the counting pass reads the codes back.
  let slots = 0;
  for (const unit of units) slots += unit.length;
  const codes = new Int32Array(slots);
  const codeOf = new Map<number, number>();
  const seen: number[] = [];
  let n = 0;
  for (const unit of units) {
    for (const v of unit) {
      if (v === null || !Number.isFinite(v)) {
        codes[n++] = -1;
        continue;
      }
      let code = codeOf.get(v);
      if (code === undefined) {
        code = seen.length;
        codeOf.set(v, code);
        seen.push(v);
      }
      codes[n++] = code;
    }
  }
  const order = seen.map((_, i) => i).sort((a, b) => (seen[a] as number) - (seen[b] as number));
  const values = order.map((i) => seen[i] as number);
  const V = values.length;
  // rank[code] = the value's position among the sorted distinct values.
  const rank = new Int32Array(V);
  for (let r = 0; r < V; r++) rank[order[r] as number] = r;
  const o = new Float64Array(V * V);
  // Per unit: how often each value index occurs, and which indices occur in first-seen order
  // (typed arrays reset after each unit: a national edition has ~15,000 units per component).
  const counts = new Int32Array(V);
  const present = new Int32Array(V);
  let unitsUsed = 0;
  n = 0;
  for (const unit of units) {
    let m = 0;
    let distinctInUnit = 0;
    for (let j = 0; j < unit.length; j++) {
      const code = codes[n++] as number;
      if (code < 0) continue;
      const i = rank[code] as number;
      if (counts[i] === 0) present[distinctInUnit++] = i;
      counts[i] = (counts[i] as number) + 1;
      m++;
    }
    if (m >= 2) {
      unitsUsed++;
      for (let a = 0; a < distinctInUnit; a++) {
        const c = present[a] as number;
        const nc = counts[c] as number;
        for (let b = 0; b < distinctInUnit; b++) {
          const k = present[b] as number;
          const pairs = c === k ? nc * (nc - 1) : nc * (counts[k] as number);
          o[c * V + k] = (o[c * V + k] as number) + pairs / (m - 1);
        }
      }
    }
    for (let a = 0; a < distinctInUnit; a++) counts[present[a] as number] = 0;
  }
  return { values, o, unitsUsed };
};

/** δ² for every pair of distinct values; ordinal needs the marginals n_g. */
const deltaSquared = (metric: AlphaMetric, values: readonly number[], marginals: Float64Array): Float64Array => {
  const V = values.length;
  const d = new Float64Array(V * V);
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      if (c === k) continue;
      const vc = values[c] as number;
      const vk = values[k] as number;
      let delta: number;
      if (metric === "nominal") delta = 1;
      else if (metric === "interval") delta = (vc - vk) ** 2;
      else if (metric === "ratio") delta = vc + vk === 0 ? 0 : ((vc - vk) / (vc + vk)) ** 2;
      else {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        let between = 0;
        for (let g = lo; g <= hi; g++) between += marginals[g] as number;
        delta = (between - ((marginals[c] as number) + (marginals[k] as number)) / 2) ** 2;
      }
      d[c * V + k] = delta;
    }
  }
  return d;
};

export const krippendorffAlpha = (units: ReliabilityData, metric: AlphaMetric): StatisticOutcome<KrippendorffAlpha> => {
  const { values, o, unitsUsed } = coincidences(units);
  const V = values.length;
  const marginals = new Float64Array(V);
  let n = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) marginals[c] = (marginals[c] as number) + (o[c * V + k] as number);
    n += marginals[c] as number;
  }
  // Pairable counts are whole numbers summed from fractions; round away the float noise.
  n = Math.round(n);
  if (unitsUsed === 0 || n < 2) return fail("too-few-rows");
  const d = deltaSquared(metric, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      const delta = d[c * V + k] as number;
      observed += (o[c * V + k] as number) * delta;
      expected += (marginals[c] as number) * (marginals[k] as number) * delta;
    }
  }
  if (!(expected > 0)) return fail("no-variance");
  return { ok: true, value: { alpha: 1 - ((n - 1) * observed) / expected, metric, pairableValues: n, unitsUsed } };
};

const fail = (reason: StatisticNullReason): StatisticOutcome<KrippendorffAlpha> => ({ ok: false, reason });
