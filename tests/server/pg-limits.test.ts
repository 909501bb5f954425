/*
 * The limits that guard secrets, shared through PostgreSQL by every instance: two
 * instances' limiters on one database draw from the same buckets and the same
 * account lockout, so a second instance gives no extra guesses.
 */
import { afterAll, describe, expect, test } from "vitest";
import { createMemoryLimits, DEFAULT_LIMITS, type LimitsConfig } from "../../src/server/rate-limit.ts";
import { createPgLimits } from "../../src/server/store/pg-limits.ts";
import { createPgStore, type PgStore } from "../../src/server/store/pg-store.ts";
import { createTestDatabaseUrl, PG_URL, useEngines } from "../helpers/engines.ts";

useEngines();

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe.skipIf(!PG_URL)("postgres: shared rate limits", () => {
  test("login buckets and lockouts are shared by two instances; per-token buckets stay per instance", async () => {
    const { url, drop } = await createTestDatabaseUrl();
    cleanups.push(drop);
    const stores: PgStore[] = [await createPgStore({ url, max: 2 }), await createPgStore({ url, max: 2 })];
    for (const s of stores) cleanups.push(() => s.close());
    let clock = 1_000_000;
    const now = () => clock;
    const config: LimitsConfig = { ...DEFAULT_LIMITS, loginAddress: { capacity: 4, refillPerSecond: 1 } };
    const lockout = { freeFailures: 2, firstLockMs: 10_000, maxLockMs: 60_000 };
    const [one, two] = stores.map((s) =>
      createPgLimits(s.pool, config, now, createMemoryLimits(config, now, lockout), lockout),
    ) as [ReturnType<typeof createPgLimits>, ReturnType<typeof createPgLimits>];

    // Four tokens in all, whichever instance the requests reach.
    const waits = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? one : two).take("loginAddress", "10.0.0.9")),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(4);
    expect(Math.min(...waits.filter((w) => w > 0))).toBe(1);
    clock += 2_000;
    expect(await one.take("loginAddress", "10.0.0.9")).toBe(0);
    expect(await two.take("loginAddress", "10.0.0.9")).toBe(0);
    expect(await one.take("loginAddress", "10.0.0.9")).toBeGreaterThan(0);

    // Two free failures in all, then the account locks on both instances.
    await one.loginFailed("koordinator");
    await two.loginFailed("koordinator");
    expect(await one.lockedFor("koordinator")).toBe(0);
    await two.loginFailed("koordinator");
    expect(await one.lockedFor("koordinator")).toBe(10);
    expect(await two.lockedFor("koordinator")).toBe(10);
    await one.loginSucceeded("koordinator");
    expect(await two.lockedFor("koordinator")).toBe(0);

    // The per-token limit is per instance: each has its own full bucket.
    const tokenConfig = { capacity: 1, refillPerSecond: 0.001 };
    const small: LimitsConfig = { ...config, token: tokenConfig };
    const [a, b] = stores.map((s) => createPgLimits(s.pool, small, now, createMemoryLimits(small, now)));
    expect(await a?.take("token", "t")).toBe(0);
    expect(await b?.take("token", "t")).toBe(0);
    expect(await a?.take("token", "t")).toBeGreaterThan(0);
  });
});
