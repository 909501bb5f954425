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

/**
 * Ratings flattened unit by unit, missing ones left out: unit u's values are
 * `values[unitStart[u]]` up to `values[unitStart[u + 1]]`. The results call builds
 * this directly from its typed score table, without an array per unit.
 */
export type FlatReliabilityData = { values: Float64Array; unitStart: Int32Array };

/** Units × observers (null or non-finite = missing) into the flat layout. */
export const flattenUnits = (units: ReliabilityData): FlatReliabilityData => {
  let slots = 0;
  for (const unit of units) slots += unit.length;
  const values = new Float64Array(slots);
  const unitStart = new Int32Array(units.length + 1);
  let n = 0;
  for (let u = 0; u < units.length; u++) {
    unitStart[u] = n;
    for (const v of units[u] as readonly (number | null)[]) if (v !== null && Number.isFinite(v)) values[n++] = v;
  }
  unitStart[units.length] = n;
  return { values: values.subarray(0, n), unitStart };
};

type Coincidences = { values: number[]; o: Float64Array; unitsUsed: number };

/**
 * Distinct values get codes in first-seen order. Rubric scales have a handful of
 * values, so a short linear scan beats hashing every rating; a Map takes over
 * once a scale turns out to be wide (points with many distinct values).
 */
const SCAN_LIMIT = 16;

const valueCodes = (values: Float64Array): { codes: Int32Array; seen: number[] } => {
  const codes = new Int32Array(values.length);
  const seen: number[] = [];
  let codeOf: Map<number, number> | null = null;
  for (let n = 0; n < values.length; n++) {
    const v = values[n] as number;
    let code = -1;
    if (codeOf === null) {
      for (let i = 0; i < seen.length; i++) {
        if (seen[i] === v) {
          code = i;
          break;
        }
      }
    } else code = codeOf.get(v) ?? -1;
    if (code < 0) {
      code = seen.length;
      seen.push(v);
      if (codeOf !== null) codeOf.set(v, code);
      else if (seen.length > SCAN_LIMIT) codeOf = new Map(seen.map((x, i) => [x, i]));
    }
    codes[n] = code;
  }
  return { codes, seen };
};

const coincidences = (data: FlatReliabilityData): Coincidences => {
  const { codes, seen } = valueCodes(data.values);
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
  const { unitStart } = data;
  const U = unitStart.length - 1;
  let unitsUsed = 0;
  for (let u = 0; u < U; u++) {
    const first = unitStart[u] as number;
    const m = (unitStart[u + 1] as number) - first;
    let distinctInUnit = 0;
    for (let n = first; n < first + m; n++) {
      const i = rank[codes[n] as number] as number;
      if (counts[i] === 0) present[distinctInUnit++] = i;
      counts[i] = (counts[i] as number) + 1;
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

export const krippendorffAlpha = (units: ReliabilityData, metric: AlphaMetric): StatisticOutcome<KrippendorffAlpha> =>
  krippendorffAlphaFlat(flattenUnits(units), metric);

export const krippendorffAlphaFlat = (
  data: FlatReliabilityData,
  metric: AlphaMetric,
): StatisticOutcome<KrippendorffAlpha> => {
  if (metric === "interval") return intervalAlpha(data);
  const { values, o, unitsUsed } = coincidences(data);
  const V = values.length;
  const marginals = new Float64Array(V);
  let n = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) marginals[c] = (marginals[c] as number) + (o[c * V + k] as number);
    n += marginals[c] as number;
  }
  // Pairable counts are whole numbers summed from fractions; round away the float noise.
  n = Math.round(n);
  if (unitsUsed === 0 || n < 2) return fail(noPairs(data));
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

/**
 * Interval alpha without the coincidence matrix: with δ² = (c − k)², a unit's
 * observed disagreement Σ_{i≠j}(v_i − v_j)² / (m − 1) is 2(mΣv² − (Σv)²) / (m − 1),
 * and the expected one needs only the pairable values' count, sum and sum of
 * squares. Linear in the ratings however many distinct values a points scale
 * has (a 0–100 scale would make the matrix 101 × 101 per unit). Values are
 * shifted by the first rating first, so the sums stay small and exact for the
 * integers panels type; equal to the matrix form up to float rounding
 * (property test against the pairwise definition).
 */
const intervalAlpha = (data: FlatReliabilityData): StatisticOutcome<KrippendorffAlpha> => {
  const { values, unitStart } = data;
  const shift = values.length > 0 ? (values[0] as number) : 0;
  const U = unitStart.length - 1;
  let n = 0;
  let unitsUsed = 0;
  let sum = 0;
  let sumSquares = 0;
  let observed = 0;
  for (let u = 0; u < U; u++) {
    const first = unitStart[u] as number;
    const m = (unitStart[u + 1] as number) - first;
    if (m < 2) continue;
    let s1 = 0;
    let s2 = 0;
    for (let i = first; i < first + m; i++) {
      const v = (values[i] as number) - shift;
      s1 += v;
      s2 += v * v;
    }
    observed += (2 * (m * s2 - s1 * s1)) / (m - 1);
    n += m;
    unitsUsed++;
    sum += s1;
    sumSquares += s2;
  }
  if (unitsUsed === 0 || n < 2) return fail(noPairs(data));
  const expected = 2 * (n * sumSquares - sum * sum);
  if (!(expected > 0)) return fail("no-variance");
  return {
    ok: true,
    value: { alpha: 1 - ((n - 1) * observed) / expected, metric: "interval", pairableValues: n, unitsUsed },
  };
};

/** Nothing pairable: grades that never meet in one unit are a panel that did not overlap, not too few districts. */
const noPairs = (data: FlatReliabilityData): StatisticNullReason =>
  data.values.length > 0 ? "no-overlap" : "too-few-rows";

const fail = (reason: StatisticNullReason): StatisticOutcome<KrippendorffAlpha> => ({ ok: false, reason });
