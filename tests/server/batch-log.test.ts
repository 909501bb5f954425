/*
 * The push's records, audit entries and seen rows are written in multi-row statements
 * of INSERT_CHUNK rows (store/sql.ts insertRows). On both engines: every row of a batch
 * longer than several chunks arrives, values intact, audit ids in the order given,
 * records under the versions given (upserts replace, new rows are added), and an
 * empty batch writes nothing.
 */
import { afterEach, describe, expect, test } from "vitest";
import { importBundle } from "../../src/server/editions.ts";
import { INSERT_CHUNK } from "../../src/server/store/sql.ts";
import { aScore, TEST_MILLIS } from "../fixtures/builders.ts";
import { testBundle } from "../helpers/in-process-server.ts";
import type { NewAuditEntry, SeenMutation, Store } from "../../src/server/store/store-types.ts";
import { engines, openTestStore, useEngines } from "../helpers/engines.ts";

useEngines();

const entry = (i: number): NewAuditEntry => ({
  at: 1_000 + i,
  actorKind: "device",
  actorId: `m-${i % 3}`,
  deviceId: i % 2 === 0 ? `d_${i}` : null,
  editionId: "ed-batch",
  table: "scores",
  key: `k-${i}`,
  field: "grade",
  old: i % 5 === 0 ? null : { level: "B", points: null },
  new: { level: "A", points: i },
  mutationId: `mut-${i}`,
  version: i % 7 === 0 ? null : i,
  ...(i % 4 === 0 ? { refusedReason: "sheet-finalised" as const } : {}),
});

const seenRow = (i: number): SeenMutation => ({
  mutationId: `mut-${i}`,
  deviceId: `d_${i % 4}`,
  payloadHash: `hash-${i}`,
  resultJson: JSON.stringify({ mutationId: `mut-${i}`, status: "applied", version: i }),
});

describe.each(engines)("%s", (engine) => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  test("a batch longer than several statements is written whole, in order", async () => {
    store = await openTestStore(engine);
    const n = INSERT_CHUNK * 2 + 37;
    const entries = Array.from({ length: n }, (_, i) => entry(i));
    const rows = Array.from({ length: n }, (_, i) => seenRow(i));
    await store.tx(async (s) => {
      await s.audit.appendMany(entries);
      await s.seen.insertMany(rows, 42);
    });

    const listed = await store.audit.list("ed-batch", 0, n + 10);
    expect(listed.map(({ id: _id, ...rest }) => rest)).toEqual(entries);
    const ids = listed.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const seen = await store.seen.getMany(rows.map((r) => r.mutationId));
    expect(seen.size).toBe(n);
    for (const r of rows) expect(seen.get(r.mutationId)).toEqual(r);
  });

  test("records: a batch longer than several statements is stored under the versions given; a second batch replaces", async () => {
    store = await openTestStore(engine);
    await importBundle(store, testBundle(), { kind: "system", id: "test" }, TEST_MILLIS);
    const n = INSERT_CHUNK * 2 + 11;
    const puts = Array.from({ length: n }, (_, i) => ({
      record: aScore({ key: `k-${i}`, points: i, level: null }),
      version: 1_000 + i,
      needsReview: i % 3 === 0,
      existed: false,
    }));
    await store.tx((s) => s.records.putMany("scores", puts));
    const stored = await store.records.getMany(
      "scores",
      puts.map((p) => p.record.key),
    );
    expect(stored.size).toBe(n);
    for (const p of puts) {
      expect(stored.get(p.record.key)).toEqual({
        record: { ...p.record, version: p.version },
        version: p.version,
        needsReview: p.needsReview,
      });
    }

    const again = puts.slice(INSERT_CHUNK - 5, INSERT_CHUNK + 5).map((p, i) => ({
      ...p,
      record: { ...p.record, points: 500 + i },
      version: 5_000 + i,
      needsReview: !p.needsReview,
      existed: true,
    }));
    await store.tx((s) => s.records.putMany("scores", again));
    expect(await store.records.list("scores", "ed-test")).toHaveLength(n);
    for (const p of again) {
      expect(await store.records.get("scores", p.record.key)).toEqual({
        record: { ...p.record, version: p.version },
        version: p.version,
        needsReview: p.needsReview,
      });
    }
  });

  test("an empty batch writes nothing; a failed transaction keeps none of it", async () => {
    store = await openTestStore(engine);
    await store.tx(async (s) => {
      await s.audit.appendMany([]);
      await s.seen.insertMany([], 1);
    });
    expect(await store.audit.count()).toBe(0);
    await expect(
      store.tx(async (s) => {
        await s.audit.appendMany([entry(1), entry(2)]);
        await s.seen.insertMany([seenRow(1), seenRow(1)], 1);
      }),
    ).rejects.toThrow();
    expect(await store.audit.count()).toBe(0);
    expect(await store.seen.count()).toBe(0);
  });
});
