/*
 * In-memory token buckets, one per caller key (token hash, or address for
 * unauthenticated routes). Invariant: a bucket never holds more than `capacity`
 * and refills at `refillPerSecond` by the injected clock, so tests can drive it.
 * Memory stays bounded: the oldest buckets are dropped past `maxKeys`.
 */
export type RateLimitOptions = { capacity: number; refillPerSecond: number; maxKeys?: number };

export type RateLimiter = {
  /** Takes `cost` tokens (default one, may be a fraction); returns 0 when allowed, else the seconds to wait. */
  take(key: string, cost?: number): number;
};

export const createRateLimiter = (options: RateLimitOptions, now: () => number): RateLimiter => {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxKeys = options.maxKeys ?? 10_000;
  return {
    take(key, cost = 1) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: options.capacity, at: t };
      const elapsed = Math.max(0, t - bucket.at) / 1000;
      bucket.tokens = Math.min(options.capacity, bucket.tokens + elapsed * options.refillPerSecond);
      bucket.at = t;
      // Re-inserting keeps Map order = least recently used first.
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      if (bucket.tokens >= cost) {
        bucket.tokens -= cost;
        return 0;
      }
      return options.refillPerSecond > 0 ? Math.ceil((cost - bucket.tokens) / options.refillPerSecond) : 60;
    },
  };
};
