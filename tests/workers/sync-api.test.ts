/*
 * The worker's api object called directly, as comlink would call it, against the
 * in-process server; plus the small pure pieces the engine is made of.
 */
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { verifyExport } from "../../src/storage/index.ts";
import { createSyncApi } from "../../workers/sync/api.ts";
import { createBackoff } from "../../workers/sync/backoff.ts";
import { batchUnderLimits, jsonBytes } from "../../workers/sync/batch.ts";
import { createMemoryLock } from "../../workers/sync/cross-tab.ts";
import type { SyncStatus } from "../../workers/sync/engine.ts";
import { aScoreMutation } from "../fixtures/builders.ts";
import { createWorld, joinCode, openTablet, points, scoreOf, TEST_EDITION_ID, type World } from "./harness.ts";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

describe("syncApi", () => {
  const setup = async (w: World) => {
    const t = await openTablet(w, { memberId: "m-ketua", enrol: false });
    cleanups.push(t.close);
    let setOnline: (online: boolean) => void = () => {};
    const api = createSyncApi({
      createEngine: async () => ({ engine: t.engine }),
      watchOnline: (onChange) => {
        setOnline = onChange;
        return { online: true, stop: () => {} };
      },
    });
    return { t, api, setOnline: (online: boolean) => setOnline(online) };
  };

  it("start, enrol, subscribe, save, sync, export and stop through the api object", async () => {
    const w = await createWorld();
    cleanups.push(w.close);
    const { t, api, setOnline } = await setup(w);
    await expect(api.getStatus()).rejects.toThrow(/not started/);

    const first = await api.start();
    expect(first.needsEnrolment).toBe(true);
    expect(await api.start()).toMatchObject({ needsEnrolment: true });

    const seen: SyncStatus[] = [];
    const id = await api.subscribeStatus((s) => seen.push(s));
    expect(seen).toHaveLength(1);

    const enrolled = await api.enrolDevice(await joinCode(w, "m-ketua"), "Tablet uji", "id");
    expect(enrolled).toMatchObject({ ok: true, editionId: TEST_EDITION_ID, memberId: "m-ketua" });
    expect(seen.at(-1)).toMatchObject({ needsEnrolment: false, syncing: false, lastError: null });

    t.net.setChaos(() => "offline");
    await t.storage.saveScore(scoreOf("m-ketua"), points(42));
    await api.notifyLocalChange();
    expect(seen.at(-1)?.pending).toBe(1);
    const backup = await api.exportBackup();
    expect(backup.mutations).toHaveLength(1);
    expect(await verifyExport(backup)).toBe(true);

    setOnline(false);
    expect((await api.getStatus()).online).toBe(false);
    t.net.setChaos(null);
    setOnline(true);
    await vi.waitFor(async () => expect(await api.getStatus()).toMatchObject({ pending: 0, syncing: false }));
    expect(seen.some((s) => s.syncing)).toBe(true);

    await api.unsubscribeStatus(id);
    const count = seen.length;
    await api.syncNow();
    expect(seen).toHaveLength(count);
    await api.stopSync();
  });

  it("a tab that does not hold the lock does not sync, and looks again shortly", async () => {
    const w = await createWorld();
    cleanups.push(w.close);
    const lock = createMemoryLock();
    const t = await openTablet(w, { memberId: "m-ketua", lock });
    cleanups.push(t.close);
    await t.storage.saveScore(scoreOf("m-ketua"), points(5));
    let release: () => void = () => {};
    const holding = lock(() => new Promise<void>((resolve) => (release = resolve)));
    const s = await t.engine.syncNow();
    expect(s.pending).toBe(1);
    expect(t.timers.pending().map((p) => p.ms)[0]).toBeGreaterThanOrEqual(3000);
    release();
    await holding;
    t.timers.fireAll();
    await vi.waitFor(() => expect(t.engine.getStatus()).toMatchObject({ pending: 0, syncing: false }));
  });
});

describe("backoff", () => {
  it("grows exponentially with full jitter, is capped and resets", () => {
    const draws = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5, 0];
    const b = createBackoff({ random: () => draws.shift() ?? 0, baseMs: 1000, maxMs: 300_000 });
    const ceilings = [1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000];
    for (const c of ceilings) expect(b.next()).toBe(c);
    expect(b.next()).toBe(150_000);
    expect(b.next()).toBe(250);
    b.reset();
    expect(b.failures).toBe(0);
    const capped = createBackoff({ random: () => 0.999_999, baseMs: 1000, maxMs: 300_000 });
    for (let i = 0; i < 60; i++) expect(capped.next()).toBeLessThanOrEqual(300_000);
  });
});

describe("push batches", () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => aScoreMutation({ seq: i + 1, mutationId: `m-${i}` }));

  it("keep seq order and stay under the count and byte limits, never empty", () => {
    expect(batchUnderLimits(many(10), 4, 1_000_000).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    const one = jsonBytes(many(1)[0]);
    const bytes = batchUnderLimits(many(10), 100, 256 + 3 * (one + 1));
    expect(bytes.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(batchUnderLimits(many(2), 100, 10)).toHaveLength(1);
    expect(batchUnderLimits([], 100, 10)).toEqual([]);
  });
});
