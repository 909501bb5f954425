/*
 * Rate limits for several instances on one PostgreSQL database. Invariants:
 * - The limits that guard secrets — login attempts per address, first-coordinator
 *   setup, enrolment attempts per join code — and the per-account login lockout live
 *   in the database, so N instances behind a round-robin proxy give an attacker the
 *   same number of guesses as one. Each bucket update is one atomic statement (refill
 *   and take under the row lock), so concurrent requests on different instances never
 *   overdraw a bucket.
 * - The throughput limits (per token, anonymous, invalid token, enrolment per address)
 *   stay in memory per instance (`local`): they guard a hall against a runaway tablet,
 *   are hit on every request, and a database round trip each would cost every push;
 *   behind N instances a client gets up to N× those.
 * - Buckets untouched for a day are deleted now and then, so the table stays small.
 */
import type pg from "pg";
import {
  DEFAULT_LOCKOUT,
  type LimitName,
  type LimitsConfig,
  type LockoutOptions,
  type RateLimits,
} from "../rate-limit.ts";

export const SHARED_LIMITS: ReadonlySet<LimitName> = new Set<LimitName>(["loginAddress", "setup", "enrolCode"]);

const DAY_MS = 24 * 60 * 60 * 1000;

export const createPgLimits = (
  pool: pg.Pool,
  config: LimitsConfig,
  now: () => number,
  local: RateLimits,
  lockout: LockoutOptions = DEFAULT_LOCKOUT,
): RateLimits => {
  let takes = 0;
  return {
    async take(limit, key, cost = 1) {
      if (!SHARED_LIMITS.has(limit)) return local.take(limit, key, cost);
      const { capacity, refillPerSecond } = config[limit];
      const t = now();
      const refilled = "LEAST($2::float8, b.tokens + GREATEST(0, $3 - b.at) / 1000.0 * $5::float8)";
      const result = await pool.query(
        `INSERT INTO rate_buckets AS b (id, tokens, at, ok)
           VALUES ($1, CASE WHEN $2::float8 >= $4::float8 THEN $2::float8 - $4::float8 ELSE $2::float8 END, $3,
             $2::float8 >= $4::float8)
         ON CONFLICT (id) DO UPDATE SET
           tokens = CASE WHEN ${refilled} >= $4::float8 THEN ${refilled} - $4::float8 ELSE ${refilled} END,
           at = GREATEST(b.at, $3),
           ok = ${refilled} >= $4::float8
         RETURNING b.tokens, b.ok`,
        [`${limit}:${key}`, capacity, t, cost, refillPerSecond],
      );
      takes += 1;
      if (takes % 500 === 0) void pool.query("DELETE FROM rate_buckets WHERE at < $1", [t - DAY_MS]).catch(() => {});
      const row = result.rows[0] as { tokens: number; ok: boolean };
      if (row.ok) return 0;
      return refillPerSecond > 0 ? Math.ceil((cost - row.tokens) / refillPerSecond) : 60;
    },
    async lockedFor(account) {
      const result = await pool.query("SELECT until FROM login_failures WHERE account = $1", [account]);
      const until = Number((result.rows[0] as { until?: number } | undefined)?.until ?? 0);
      return Math.max(0, Math.ceil((until - now()) / 1000));
    },
    async loginFailed(account) {
      const t = now();
      const result = await pool.query(
        `INSERT INTO login_failures (account, count, until) VALUES ($1, 1, $2)
         ON CONFLICT (account) DO UPDATE SET count = login_failures.count + 1 RETURNING count`,
        [account, t],
      );
      const count = Number((result.rows[0] as { count: number }).count);
      const over = count - lockout.freeFailures;
      if (over <= 0) return;
      const lockMs = Math.min(lockout.maxLockMs, lockout.firstLockMs * 2 ** (over - 1));
      await pool.query("UPDATE login_failures SET until = $2 WHERE account = $1", [account, t + lockMs]);
    },
    async loginSucceeded(account) {
      await pool.query("DELETE FROM login_failures WHERE account = $1", [account]);
    },
  };
};
