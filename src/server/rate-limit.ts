/*
 * Rate limits sized for a hall, behind one small async interface so that another
 * engine can keep the buckets in its database (several server instances share them
 * there); this in-memory implementation is per process. Invariants: a bucket never
 * holds more than its capacity and refills by the injected clock; each limit has
 * its own buckets, so one kind of traffic (a tablet polling with a revoked token,
 * thirty tablets enrolling) never uses up another's (the coordinator's login); an
 * account's lockout grows with each consecutive failure and a success ends it.
 * Memory stays bounded: the least recently used keys are dropped past `maxKeys`.
 */
export type RateLimitOptions = { capacity: number; refillPerSecond: number; maxKeys?: number };

export type LimitName =
  /** Per valid bearer token (a pull page costs PULL_PAGE_COST). */
  | "token"
  /** Per client address, every request without a token. */
  | "anonymous"
  /** Per client address, requests with an unknown or revoked token. */
  | "invalidToken"
  /** Per client address, login attempts. */
  | "loginAddress"
  /** Per client address, enrolments: a hall's tablets all share one public address. */
  | "enrolAddress"
  /** Per join code, enrolment attempts. */
  | "enrolCode"
  /** Per client address, first-coordinator setup attempts. */
  | "setup";

export type LimitsConfig = Record<LimitName, RateLimitOptions>;

export const DEFAULT_LIMITS: LimitsConfig = {
  token: { capacity: 120, refillPerSecond: 20 },
  anonymous: { capacity: 300, refillPerSecond: 5 },
  invalidToken: { capacity: 30, refillPerSecond: 0.5 },
  loginAddress: { capacity: 30, refillPerSecond: 0.2 },
  // 60 at once and one more a second: 40 tablets behind one address enrol within a minute, twice over.
  enrolAddress: { capacity: 60, refillPerSecond: 1 },
  enrolCode: { capacity: 5, refillPerSecond: 0.05 },
  setup: { capacity: 10, refillPerSecond: 1 / 60 },
};

/** Consecutive failed logins allowed per account before it locks, and how the lock grows. */
export type LockoutOptions = { freeFailures: number; firstLockMs: number; maxLockMs: number };

export const DEFAULT_LOCKOUT: LockoutOptions = { freeFailures: 5, firstLockMs: 1000, maxLockMs: 15 * 60 * 1000 };

export type RateLimits = {
  /** Takes `cost` tokens (default one, may be a fraction) from `key`'s bucket; 0 when allowed, else seconds to wait. */
  take(limit: LimitName, key: string, cost?: number): Promise<number>;
  /** Seconds an account must wait before its next login attempt (0 = go ahead). */
  lockedFor(account: string): Promise<number>;
  loginFailed(account: string): Promise<void>;
  loginSucceeded(account: string): Promise<void>;
};

type Bucket = { tokens: number; at: number };

/** Re-inserting keeps Map order = least recently used first. */
const touch = <V>(map: Map<string, V>, key: string, value: V, maxKeys: number): void => {
  map.delete(key);
  map.set(key, value);
  if (map.size > maxKeys) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
};

export const createMemoryLimits = (
  config: LimitsConfig,
  now: () => number,
  lockout: LockoutOptions = DEFAULT_LOCKOUT,
): RateLimits => {
  const buckets = new Map<string, Bucket>();
  const failures = new Map<string, { count: number; until: number }>();
  const maxKeys = Math.max(...Object.values(config).map((o) => o.maxKeys ?? 10_000)) * 4;
  const take = (limit: LimitName, key: string, cost = 1): number => {
    const options = config[limit];
    const t = now();
    const id = `${limit}\u0000${key}`;
    const bucket = buckets.get(id) ?? { tokens: options.capacity, at: t };
    const elapsed = Math.max(0, t - bucket.at) / 1000;
    bucket.tokens = Math.min(options.capacity, bucket.tokens + elapsed * options.refillPerSecond);
    bucket.at = t;
    touch(buckets, id, bucket, maxKeys);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return options.refillPerSecond > 0 ? Math.ceil((cost - bucket.tokens) / options.refillPerSecond) : 60;
  };
  return {
    take: async (limit, key, cost) => take(limit, key, cost),
    async lockedFor(account) {
      const entry = failures.get(account);
      return entry ? Math.max(0, Math.ceil((entry.until - now()) / 1000)) : 0;
    },
    async loginFailed(account) {
      const count = (failures.get(account)?.count ?? 0) + 1;
      const over = count - lockout.freeFailures;
      const lockMs = over > 0 ? Math.min(lockout.maxLockMs, lockout.firstLockMs * 2 ** (over - 1)) : 0;
      touch(failures, account, { count, until: now() + lockMs }, maxKeys);
    },
    async loginSucceeded(account) {
      failures.delete(account);
    },
  };
};
