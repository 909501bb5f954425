/*
 * Several server instances on one PostgreSQL database, at the store level: two stores
 * (two pools, as two processes would have) on one schema. Proves the two invariants
 * of pg-store.ts: a slow transaction holding a version is never passed by a reader
 * nor by another writer's later version, and the same batch pushed through both at
 * once is applied exactly once, the loser answering `duplicate`. SQLite has one
 * writer per file by construction (and one process), so these are PostgreSQL-only.
 */
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import type { PushResponse } from "../../src/protocol/wire.ts";
import { importBundle } from "../../src/server/editions.ts";
import { handlePush } from "../../src/server/push.ts";
import { LATEST_SCHEMA_VERSION } from "../../src/server/store/migrations.ts";
import { PG_MIGRATIONS } from "../../src/server/store/pg-migrations.ts";
import { createPgStore, type PgStore } from "../../src/server/store/pg-store.ts";
import type { DeviceEntity } from "../../src/server/store/store-types.ts";
import { aScore, TEST_EDITION_ID, TEST_MILLIS } from "../fixtures/builders.ts";
import { createTestDatabaseUrl, PG_URL, useEngines } from "../helpers/engines.ts";
import { deviceIdFor, testBundle } from "../helpers/in-process-server.ts";
import { paparanScore } from "./mutations.ts";

useEngines();

const opened: PgStore[] = [];
const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await Promise.all(drops.map((d) => d()));
});

/** Two instances' stores on one fresh, seeded database. */
const twoInstances = async (): Promise<[PgStore, PgStore]> => {
  const { url, drop } = await createTestDatabaseUrl();
  drops.push(drop);
  const a = await createPgStore({ url, max: 4 });
  const b = await createPgStore({ url, max: 4 });
  opened.push(a, b);
  await importBundle(a, testBundle(), { kind: "system", id: "test" }, TEST_MILLIS);
  return [a, b];
};

const ketuaDevice: DeviceEntity = {
  id: deviceIdFor("m-ketua"),
  editionId: TEST_EDITION_ID,
  memberId: "m-ketua",
  name: "Tablet",
  createdAt: TEST_MILLIS,
  revokedAt: null,
  revokedReason: null,
  lastSeq: 0,
  lastSeenAt: null,
  pendingCount: null,
  pendingAt: null,
};

describe.skipIf(!PG_URL)("postgres: two instances, one database", () => {
  let a: PgStore;
  let b: PgStore;
  beforeEach(async () => {
    [a, b] = await twoInstances();
    await a.tx((s) => s.devices.upsert(ketuaDevice, "token-hash"));
  });

  test("a slow transaction's version is never passed: readers and later writers wait for its commit", async () => {
    const since = await a.currentVersion();
    const events: string[] = [];
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let signalTaken = () => {};
    const taken = new Promise<void>((r) => {
      signalTaken = r;
    });
    // Both take versions as a push does: from memory, written back to the counter at the end.
    const slow = a.tx((s) =>
      s.batchVersions(async () => {
        const version = await s.records.put("scores", aScore({ participantId: "p-5201", level: "A" }));
        signalTaken();
        await held;
        events.push("slow commits");
        return version;
      }),
    );
    await taken;
    const later = b.tx((s) =>
      s.batchVersions(async () => {
        const version = await s.records.put("scores", aScore({ participantId: "p-5202", level: "C" }));
        events.push("later writes");
        return version;
      }),
    );
    // Readers through both instances while the slow transaction is open: nothing new, and the
    // later writer is still waiting for the counter row (it would have written by now otherwise).
    for (let i = 0; i < 10; i++) {
      expect(await (i % 2 ? a : b).feed.page(TEST_EDITION_ID, since, 100, null)).toEqual([]);
      expect(await b.currentVersion()).toBe(since);
    }
    expect(events).toEqual([]);
    release();
    const [slowVersion, laterVersion] = await Promise.all([slow, later]);
    expect(events).toEqual(["slow commits", "later writes"]);
    expect(slowVersion).toBe(since + 1);
    expect(laterVersion).toBe(since + 2);
    const rows = await b.feed.page(TEST_EDITION_ID, since, 100, null);
    expect(rows.map((r) => r.version)).toEqual([since + 1, since + 2]);
  });

  test("the same batch through both instances at the same moment is applied once; the loser answers duplicate", async () => {
    for (let round = 0; round < 5; round++) {
      const batch = [paparanScore("m-ketua", "p-5201", 60 + round), paparanScore("m-ketua", "p-5202", 70 + round)];
      const push = (store: PgStore) =>
        handlePush({ store, device: ketuaDevice, mutations: structuredClone(batch), now: TEST_MILLIS, locale: "en" });
      const before = await a.counts();
      const [first, second]: PushResponse[] = await Promise.all([push(a), push(b)]);
      const statuses = [first, second].map((r) => r?.results.map((x) => x.status).join(","));
      expect(statuses.sort()).toEqual(["applied,applied", "duplicate,duplicate"]);
      const after = await b.counts();
      const grew = (table: string) => (after[table] ?? 0) - (before[table] ?? 0);
      expect(grew("mutations_seen")).toBe(2);
      expect(grew("audit_log")).toBe(2);
      expect(grew("version")).toBe(2);
    }
  });
});

describe.skipIf(!PG_URL)("postgres: migrations", () => {
  test("the same versions as SQLite; two instances starting at once migrate once; a newer schema is refused", async () => {
    expect(PG_MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1));
    const { url, drop } = await createTestDatabaseUrl();
    drops.push(drop);
    const [a, b] = await Promise.all([createPgStore({ url, max: 2 }), createPgStore({ url, max: 2 })]);
    opened.push(a, b);
    const applied = await a.exec("SELECT version FROM schema_migrations ORDER BY version");
    expect(applied.map((r) => Number(r.version))).toEqual(PG_MIGRATIONS.map((m) => m.version));
    expect(await b.health()).toEqual({
      engine: "postgres",
      schemaVersion: LATEST_SCHEMA_VERSION,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
    });
    await a.exec(
      "INSERT INTO schema_migrations (version, name) VALUES (?, 'from the future')",
      LATEST_SCHEMA_VERSION + 1,
    );
    await expect(createPgStore({ url, max: 1 })).rejects.toThrow(/newer than this server/);
  });
});
