/*
 * Plain-number statistics for the scoring engine. Every function here takes
 * arrays or matrices of finite numbers and never sees records, so the formulas
 * can be checked against published worked examples in isolation. A statistic
 * that is undefined for its input returns null with a reason; it is never
 * coerced to 0.
 */

/**
 * Rounds half away from zero at `precision` decimals. Shifting through the
 * decimal string rather than multiplying keeps 1.005 → 1.01, where
 * `Math.round(1.005 * 100) / 100` gives 1.
 */
export const roundTo = (x: number, precision: number): number => {
  if (!Number.isFinite(x)) return x;
  const factor = 10 ** precision;
  const scaled = Math.abs(x) * factor;
  // Fast path: far from a half, the multiply's tiny error cannot change the result, and
  // integer ÷ 10^p is correctly rounded just like parsing "ne-p". Ranking national data calls this a lot.
  if (Number.isInteger(precision) && precision >= 0 && precision <= 15 && scaled < 1e9) {
    const fraction = scaled - Math.floor(scaled);
    if (Math.abs(fraction - 0.5) > 1e-6) {
      const r = Math.round(scaled) / factor;
      return r === 0 ? 0 : x < 0 ? -r : r;
    }
  }
  const magnitude = Math.round(shiftDecimal(Math.abs(x), precision));
  const rounded = shiftDecimal(magnitude, -precision);
  if (rounded === 0) return 0;
  return x < 0 ? -rounded : rounded;
};

const shiftDecimal = (x: number, places: number): number => {
  const [mantissa, exponent = "0"] = String(x).split("e");
  return Number(`${mantissa}e${Number(exponent) + places}`);
};

export const sum = (values: ArrayLike<number>): number => {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
};

export const mean = (values: ArrayLike<number>): number | null =>
  values.length === 0 ? null : sum(values) / values.length;

export const median = (values: readonly number[]): number | null => medianOfSorted([...values].sort((a, b) => a - b));

/** Population SD (divide by n): the z-score method normalises a member against the participants they actually scored, not a sample of them. */
export const populationSd = (values: ArrayLike<number>): number | null => {
  const m = mean(values);
  if (m === null) return null;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += ((values[i] as number) - m) ** 2;
  return Math.sqrt(squares / values.length);
};

export type TrimmedMean = { value: number | null; fellBackToMean: boolean };

/** Drops the k lowest and k highest; with n ≤ 2k nothing would remain, so it falls back to the plain mean and says so. */
export const trimmedMean = (values: readonly number[], k: number): TrimmedMean => {
  const drop = Math.max(0, Math.floor(k));
  if (values.length <= 2 * drop) return { value: mean(values), fellBackToMean: drop > 0 && values.length > 0 };
  const sorted = [...values].sort((a, b) => a - b);
  return { value: mean(sorted.slice(drop, sorted.length - drop)), fellBackToMean: false };
};

const TIE_TOLERANCE = 1e-9;

const nearlyEqual = (a: number, b: number): boolean =>
  Math.abs(a - b) <= TIE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

export type MidRanks = { ranks: number[]; tieCorrection: number };

/**
 * Ascending mid-ranks (ties share the mean of the ranks they span) and Σ(t³ − t)
 * over tie groups. Values equal up to float noise count as tied, because two
 * members' identical sheets can roll up through different float paths.
 */
export const midRanks = (values: readonly number[]): MidRanks => {
  const ranks = new Float64Array(values.length);
  const tieCorrection = midRanksInto(values, ranks, midRankScratch(values.length));
  return { ranks: Array.from(ranks), tieCorrection };
};

/** Buffers for `midRanksInto`, so ranking every rater's column of a national panel allocates once. */
export type MidRankScratch = { sorted: Float64Array; groupRank: Float64Array };

export const midRankScratch = (n: number): MidRankScratch => ({
  sorted: new Float64Array(n),
  groupRank: new Float64Array(n),
});

/**
 * `midRanks` into `ranks`, returning the tie correction. Tie groups depend only
 * on the ascending sequence of values, not on which index holds which value, so
 * the values are sorted natively (no comparator) and each index finds its group
 * by binary search; equal values are adjacent and so always share a group.
 * A NaN has no place in that order, so such input takes the comparator path.
 */
export const midRanksInto = (values: ArrayLike<number>, ranks: Float64Array, scratch: MidRankScratch): number => {
  const n = values.length;
  const sorted = scratch.sorted.subarray(0, n);
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (Number.isNaN(x)) return midRanksByComparator(values, ranks);
    sorted[i] = x;
  }
  sorted.sort();
  const groupRank = scratch.groupRank;
  let tieCorrection = 0;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && nearlyEqual(sorted[end] as number, sorted[start] as number)) end++;
    const shared = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) groupRank[i] = shared;
    const t = end - start;
    tieCorrection += t * t * t - t;
    start = end;
  }
  for (let i = 0; i < n; i++) ranks[i] = groupRank[lowerBound(sorted, values[i] as number)] as number;
  return tieCorrection;
};

/** The straightforward form: sort the indices by value. Kept for input with NaN, whose order only a comparator defines. */
const midRanksByComparator = (values: ArrayLike<number>, ranks: Float64Array): number => {
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) order.push(i);
  order.sort((a, b) => (values[a] as number) - (values[b] as number));
  let tieCorrection = 0;
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (
      end < order.length &&
      nearlyEqual(values[order[end] as number] as number, values[order[start] as number] as number)
    )
      end++;
    const shared = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i] as number] = shared;
    const t = end - start;
    tieCorrection += t * t * t - t;
    start = end;
  }
  return tieCorrection;
};

/** Matrix rows are subjects (participants), columns are raters (members). */
export type Matrix = readonly (readonly number[])[];

/**
 * The same matrix flattened row-major: `values[row × columns + column]`. The
 * engine builds its panels this way so agreement needs no array per row; the
 * `Matrix` entry points flatten and share the arithmetic, so both give the
 * same floats.
 */
export type FlatMatrix = { values: Float64Array; rows: number; columns: number };

/** Width is taken from the first row, as the formulas assume a rectangular matrix (a short row reads as NaN). */
export const flatten = (matrix: Matrix): FlatMatrix => {
  const rows = matrix.length;
  const columns = matrix[0]?.length ?? 0;
  const values = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    const row = matrix[i] as readonly number[];
    for (let j = 0; j < columns; j++) values[i * columns + j] = row[j] as number;
  }
  return { values, rows, columns };
};

export type TwoWayAnova = { n: number; k: number; msRows: number; msColumns: number; msError: number };

export const twoWayAnova = (matrix: Matrix): TwoWayAnova => twoWayAnovaOf(flatten(matrix));

export const twoWayAnovaOf = ({ values, rows: n, columns: k }: FlatMatrix): TwoWayAnova => {
  let grand = 0;
  const columnSums = new Float64Array(k);
  const rowSums = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const x = values[i * k + j] as number;
      grand += x;
      rowSums[i] = (rowSums[i] as number) + x;
      columnSums[j] = (columnSums[j] as number) + x;
    }
  }
  const grandMean = grand / (n * k);
  let ssRows = 0;
  for (let i = 0; i < n; i++) ssRows += k * ((rowSums[i] as number) / k - grandMean) ** 2;
  let ssColumns = 0;
  for (let j = 0; j < k; j++) ssColumns += n * ((columnSums[j] as number) / n - grandMean) ** 2;
  let ssTotal = 0;
  for (let at = 0; at < n * k; at++) ssTotal += ((values[at] as number) - grandMean) ** 2;
  const ssError = ssTotal - ssRows - ssColumns;
  return {
    n,
    k,
    msRows: ssRows / (n - 1),
    msColumns: ssColumns / (k - 1),
    msError: ssError / ((n - 1) * (k - 1)),
  };
};

export type IccInterpretation = "poor" | "moderate" | "good" | "excellent";

/** Koo & Li (2016): below 0.5 poor, 0.5–0.75 moderate, 0.75–0.9 good, above 0.9 excellent. */
export const interpretIcc = (value: number): IccInterpretation => {
  if (value < 0.5) return "poor";
  if (value < 0.75) return "moderate";
  if (value <= 0.9) return "good";
  return "excellent";
};

export type IccValue = { value: number; interpretation: IccInterpretation };

/**
 * A form is null when its denominator is not positive: with a column mean
 * square far below the error mean square the two-way estimate is undefined
 * (it can come out above 1), and printing it would mislead.
 */
export type Icc = {
  /** Two-way random, absolute agreement, single rater — McGraw & Wong ICC(A,1). */
  icc21: IccValue | null;
  /** Two-way random, absolute agreement, mean of k raters — McGraw & Wong ICC(A,k). */
  icc2k: IccValue | null;
  /** Two-way mixed, consistency, mean of k raters — McGraw & Wong ICC(C,k). */
  icc3k: IccValue | null;
};

/**
 * Why a statistic has no value. "no-overlap": there were grades, but no unit (district ×
 * indicator) was graded by two panelists, so nothing can be compared (α with one rater per cell).
 */
export type StatisticNullReason = "too-few-rows" | "too-few-raters" | "no-overlap" | "no-variance";

export type StatisticOutcome<T> = { ok: true; value: T } | { ok: false; reason: StatisticNullReason };

const checkShape = ({ rows, columns }: FlatMatrix): StatisticNullReason | null => {
  if (rows < 2) return "too-few-rows";
  if (columns < 2) return "too-few-raters";
  return null;
};

const iccValue = (numerator: number, denominator: number): IccValue | null => {
  if (!(denominator > 0)) return null;
  const value = numerator / denominator;
  return Number.isFinite(value) ? { value, interpretation: interpretIcc(value) } : null;
};

export const intraclassCorrelation = (matrix: Matrix): StatisticOutcome<Icc> =>
  intraclassCorrelationOf(flatten(matrix));

export const intraclassCorrelationOf = (matrix: FlatMatrix): StatisticOutcome<Icc> => {
  const shape = checkShape(matrix);
  if (shape) return { ok: false, reason: shape };
  const { n, k, msRows, msColumns, msError } = twoWayAnovaOf(matrix);
  const numerator = msRows - msError;
  const icc = {
    icc21: iccValue(numerator, msRows + (k - 1) * msError + (k / n) * (msColumns - msError)),
    icc2k: iccValue(numerator, msRows + (msColumns - msError) / n),
    icc3k: iccValue(numerator, msRows),
  };
  if (!icc.icc21 && !icc.icc2k && !icc.icc3k) return { ok: false, reason: "no-variance" };
  return { ok: true, value: icc };
};

export type KendallW = {
  w: number;
  /** Per row (subject), the sum over raters of its ascending mid-rank. */
  rankSums: number[];
  /** True when some rater gave tied values, so the tie-corrected denominator was used. */
  tieCorrected: boolean;
};

/** Kendall's W = 12S ÷ (m²(n³ − n) − m·ΣT) with T = Σ(t³ − t) per rater's tie groups. */
export const kendallW = (matrix: Matrix): StatisticOutcome<KendallW> => kendallWOf(flatten(matrix));

export const kendallWOf = (matrix: FlatMatrix): StatisticOutcome<KendallW> => {
  const shape = checkShape(matrix);
  if (shape) return { ok: false, reason: shape };
  const { values, rows: n, columns: m } = matrix;
  const rankSums = new Array<number>(n).fill(0);
  let ties = 0;
  const column = new Float64Array(n);
  const ranks = new Float64Array(n);
  const scratch = midRankScratch(n);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) column[i] = values[i * m + j] as number;
    ties += midRanksInto(column, ranks, scratch);
    for (let i = 0; i < n; i++) rankSums[i] = (rankSums[i] as number) + (ranks[i] as number);
  }
  const meanRankSum = (m * (n + 1)) / 2;
  let s = 0;
  for (const r of rankSums) s += (r - meanRankSum) ** 2;
  const denominator = m * m * (n * n * n - n) - m * ties;
  if (denominator <= 0) return { ok: false, reason: "no-variance" };
  const w = Math.min(1, Math.max(0, (12 * s) / denominator));
  return { ok: true, value: { w, rankSums, tieCorrected: ties > 0 } };
};

/**
 * Mid-rank percentile: the share of the cohort strictly below the value plus
 * half of those equal to it, × 100. Chosen over "share at or below" because it
 * is symmetric: the median participant of an odd cohort sits at exactly 50.
 * Values are compared after rounding to the display precision, as ranks are.
 */
export const midRankPercentile = (value: number, cohort: readonly number[], precision: number): number | null =>
  percentileInCohort(value, prepareCohort(cohort, precision), precision);

/** A cohort rounded and sorted once, so each member's percentile is two binary searches rather than a scan. */
export type PreparedCohort = { sorted: Float64Array };

export const prepareCohort = (values: readonly number[], precision: number): PreparedCohort => {
  const sorted = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) sorted[i] = roundTo(values[i] as number, precision);
  sorted.sort();
  return { sorted };
};

export const percentileInCohort = (value: number, cohort: PreparedCohort, precision: number): number | null => {
  const { sorted } = cohort;
  if (sorted.length === 0) return null;
  const target = roundTo(value, precision);
  const below = lowerBound(sorted, target);
  let upper = below;
  while (upper < sorted.length && sorted[upper] === target) upper++;
  return ((below + (upper - below) / 2) / sorted.length) * 100;
};

const lowerBound = (sorted: Float64Array, target: number): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/**
 * Sorts in place with the typed array's native numeric order: no comparator
 * call per comparison. For the finite numbers scores are, this is the order of
 * `sort((a, b) => a - b)` (the two differ only on NaN and on −0 against +0).
 */
export const sortAscending = (values: Float64Array): Float64Array => values.sort();

export const medianOfSorted = (sorted: ArrayLike<number>): number | null => {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export type ZScoreNormalisation = {
  /** Per column (member): mean and population SD over the rows the member scored; null when the member scored none. */
  memberMeans: (number | null)[];
  memberSds: (number | null)[];
  /** Per row: mean of the member z-scores present in that row; null when the row has none. */
  meanZ: (number | null)[];
  /** Mean of every present raw value, and mean of the member SDs: the scale that maps mean z back onto 0–100. */
  grandMean: number | null;
  meanSd: number | null;
  /** grandMean + meanZ × meanSd: a linear map of meanZ, so it keeps its order. Not clamped to 0–100 for the same reason. */
  display: (number | null)[];
};

/**
 * Per-member z-score normalisation over a rows × members matrix in which NaN
 * marks a gap (recusal, partial sheet, not assigned). A member whose values
 * do not vary has z = 0 throughout: they told participants apart by nothing.
 * `basisRows` limits which rows define a member's mean and SD (observers are
 * scored on the same scale but must not move the assessed participants).
 */
export const zScoreNormalise = (matrix: Matrix, basisRows?: (row: number) => boolean): ZScoreNormalisation => {
  const n = matrix.length;
  const k = matrix[0]?.length ?? 0;
  const memberMeans: (number | null)[] = [];
  const memberSds: (number | null)[] = [];
  let grandSum = 0;
  let grandCount = 0;
  let sdSum = 0;
  let sdCount = 0;
  for (let j = 0; j < k; j++) {
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const x = (matrix[i] as readonly number[])[j] as number;
      if (Number.isNaN(x) || (basisRows && !basisRows(i))) continue;
      s += x;
      c++;
    }
    if (c === 0) {
      memberMeans.push(null);
      memberSds.push(null);
      continue;
    }
    const mu = s / c;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const x = (matrix[i] as readonly number[])[j] as number;
      if (Number.isNaN(x) || (basisRows && !basisRows(i))) continue;
      squares += (x - mu) ** 2;
    }
    const sd = Math.sqrt(squares / c);
    memberMeans.push(mu);
    memberSds.push(sd);
    grandSum += s;
    grandCount += c;
    sdSum += sd;
    sdCount++;
  }
  const grandMean = grandCount > 0 ? grandSum / grandCount : null;
  const meanSd = sdCount > 0 ? sdSum / sdCount : null;
  const meanZ: (number | null)[] = [];
  const display: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    let zs = 0;
    let zc = 0;
    for (let j = 0; j < k; j++) {
      const x = (matrix[i] as readonly number[])[j] as number;
      const mu = memberMeans[j];
      const sd = memberSds[j];
      if (Number.isNaN(x) || mu === null || mu === undefined || sd === null || sd === undefined) continue;
      zs += sd === 0 ? 0 : (x - mu) / sd;
      zc++;
    }
    const z = zc > 0 ? zs / zc : null;
    meanZ.push(z);
    display.push(z === null || grandMean === null || meanSd === null ? null : grandMean + z * meanSd);
  }
  return { memberMeans, memberSds, meanZ, grandMean, meanSd, display };
};
