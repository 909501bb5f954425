/*
 * Exponential backoff with full jitter: the n-th wait is uniform in [0, min(max, base·2ⁿ)],
 * so tablets that lost the hall's Wi-Fi together do not all come back in the same second.
 * A floor keeps a run of unlucky draws from turning into a busy loop.
 */
export type Backoff = {
  /** The wait before the next attempt (ms); each call counts one more failure. */
  next(): number;
  reset(): void;
  readonly failures: number;
};

export type BackoffOptions = { random: () => number; baseMs: number; maxMs: number; minMs?: number };

export const createBackoff = ({ random, baseMs, maxMs, minMs = 250 }: BackoffOptions): Backoff => {
  let failures = 0;
  return {
    next() {
      // 2^30 already exceeds any sensible cap; stopping there keeps the number finite.
      const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures, 30));
      failures++;
      return Math.max(Math.min(minMs, ceiling), Math.floor(random() * ceiling));
    },
    reset() {
      failures = 0;
    },
    get failures() {
      return failures;
    },
  };
};
