/*
 * The sync fault suite: each test is one way the hall's network, the tablet or the
 * people in it can misbehave, driven against the real server handler in-process.
 */
import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatStamp, stampMillis } from "../../src/domain/hlc.ts";
import { scoreKey } from "../../src/domain/keys.ts";
import { PROTOCOL_VERSION } from "../../src/protocol/mutation.ts";
import type { Mutation } from "../../src/protocol/mutation.ts";
import type { EditionImport } from "../../src/protocol/wire.ts";
import { META_KEYS, SCHEMA_V1 } from "../../src/storage/db.ts";
import { StorageFullError } from "../../src/storage/index.ts";
import { MAX_STAMP_AHEAD_MS } from "../../src/server/push.ts";
import { createMemoryLock } from "../../workers/sync/cross-tab.ts";
import type { SyncStorage } from "../../workers/sync/ports.ts";
import { createMemoryTokenStore } from "../../workers/sync/token-store.ts";
import { testBundle } from "../helpers/in-process-server.ts";
import {
  createNet,
  createPeerHub,
  createTestTimers,
  createWorld,
  deviceRecordsOf,
  joinCode,
  level,
  openTablet,
  points,
  requestTimeoutFor,
  scoreOf,
  serverRecordsOf,
  TEST_EDITION_ID,
  type Tablet,
  uniqueDbName,
  type World,
} from "./harness.ts";
import { engines, useEngines } from "../helpers/engines.ts";

useEngines();

describe.each(engines)("%s", (engine) => {
  const DAY = 24 * 60 * 60 * 1000;

  let cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.reverse()) c();
    cleanups = [];
  });

  const world = async (): Promise<World> => {
    const w = await createWorld({ engine });
    cleanups.push(w.close);
    return w;
  };

  const tablet = async (...args: Parameters<typeof openTablet>): Promise<Tablet> => {
    const t = await openTablet(...args);
    cleanups.push(t.close);
    return t;
  };

  /** A second engine on `t`'s database, tokens, network and timers whose pulled pages first meet `before` (which may throw). */
  const engineWithApply = async (w: World, t: Tablet, before: () => void, extra: { pullLimit?: number } = {}) => {
    const storage: SyncStorage = Object.create(t.storage);
    storage.applyRemote = async (...args) => {
      before();
      return t.storage.applyRemote(...args);
    };
    const { createSyncEngine } = await import("../../workers/sync/engine.ts");
    return createSyncEngine({
      storage,
      tokens: t.tokens,
      fetch: t.net.fetch,
      now: w.now,
      random: () => 0.5,
      timers: t.timers,
      ...extra,
    });
  };

  const auditFor = async (w: World, mutationId: string) =>
    (await w.server.store.audit.list(TEST_EDITION_ID, 0, 100_000)).filter((e) => e.mutationId === mutationId);

  const coordinator = (w: World) => ({
    importBundle: async (bundle: EditionImport) => {
      const res = await w.server.editEdition(bundle);
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    },
    revoke: async (deviceId: string) => {
      const res = await w.server.request("DELETE", `/api/v1/devices/${deviceId}`, undefined, w.server.coordinatorToken);
      expect(res.status).toBe(200);
    },
  });

  describe("sync fault suite", () => {
    it("1 reply lost after the server committed: the retry is answered as a duplicate and applied once", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-ketua" });
      const { mutation } = await a.storage.saveScore(scoreOf("m-ketua"), points(80));

      a.net.fail("lost-reply", { path: "/sync/push" });
      const failed = await a.engine.syncNow();
      expect(failed.pending).toBe(1);
      expect(failed.lastError?.key).toBe("network");
      expect(failed.nextRetryAt).not.toBeNull();

      a.net.fail("slow-reply", { path: "/sync/push" });
      const timedOut = await a.engine.syncNow();
      expect(timedOut.lastError?.key).toBe("timeout");
      expect(timedOut.pending).toBe(1);

      const ok = await a.engine.syncNow();
      expect(ok.pending).toBe(0);
      expect(ok.lastError).toBeNull();
      expect(await w.server.store.seen.get(mutation.mutationId)).toBeDefined();
      expect(await auditFor(w, mutation.mutationId)).toHaveLength(1);
      expect(await deviceRecordsOf(a)).toEqual(await serverRecordsOf(w, "m-ketua"));
    });

    it("1b a change id the server saw with other content (a bug) is a visible error; nothing is dropped, pulling goes on", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-ketua" });
      const other = await tablet(w, { memberId: "m-ketua", label: "other" });
      const { mutation } = await a.storage.saveScore(scoreOf("m-ketua"), points(80));
      a.net.fail("lost-reply", { path: "/sync/push" });
      await a.engine.syncNow();
      const raw = new Dexie(a.dbName);
      await raw.open();
      await raw
        .table("outbox")
        .update(mutation.seq, { mutation: { ...mutation, changes: { grade: { level: null, points: 81 } } } });
      raw.close();
      await other.storage.saveScore(scoreOf("m-ketua", "p-5202"), points(12));
      await other.engine.syncNow();

      const s = await a.engine.syncNow();
      expect(s.lastError?.key).toBe("mutation-id-reused");
      expect(s.pending).toBe(1);
      expect(s.nextRetryAt).not.toBeNull();
      expect((await deviceRecordsOf(a)).scores.map((r) => r.participantId)).toContain("p-5202");
    });

    it("2 transient failures (5xx, HTML gateway, reset, offline, timeout) back off with jitter, then succeed", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-ketua", engine: { baseBackoffMs: 1000, maxBackoffMs: 8000 } });
      await a.storage.saveScore(scoreOf("m-ketua"), points(70));
      const faults = ["http-500", "http-502-html", "reset", "offline", "hang", "http-500"] as const;
      const expected = ["server-error", "network", "network", "network", "timeout", "server-error"];
      const delays: number[] = [];
      for (const [i, fault] of faults.entries()) {
        a.net.fail(fault, { path: "/sync/push" });
        // The backoff timer fires the retry, as it would in the field.
        if (i === 0) await a.engine.syncNow();
        else {
          a.timers.fireAll();
          // A hang ends at the request timeout, which is longer on PostgreSQL.
          const wait = { timeout: requestTimeoutFor(w.server) + 2_000 };
          await vi.waitFor(() => expect(a.engine.getStatus().lastError?.at).toBe(w.now()), wait);
          await vi.waitFor(() => expect(a.engine.getStatus().syncing).toBe(false), wait);
        }
        const s = a.engine.getStatus();
        expect(s.lastError?.key).toBe(expected[i]);
        expect(s.pending).toBe(1);
        expect(s.nextRetryAt).not.toBeNull();
        delays.push((s.nextRetryAt ?? 0) - w.now());
        expect(a.timers.pending()).toHaveLength(1);
        w.advance(1);
      }
      for (const [i, d] of delays.entries()) expect(d).toBeLessThanOrEqual(Math.min(8000, 1000 * 2 ** i));
      expect(Math.max(...delays)).toBeLessThanOrEqual(8000);

      a.timers.fireAll();
      await vi.waitFor(() => expect(a.engine.getStatus().pending).toBe(0));
      await vi.waitFor(() => expect(a.engine.getStatus().lastError).toBeNull());
      expect(a.engine.getStatus().nextRetryAt).toBeNull();
      expect((await serverRecordsOf(w, "m-ketua")).scores[0]?.points).toBe(70);
    });

    it("3 a permanent rejection does not block later mutations and leaves a notice", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-ketua" });
      // m-ketua is not assigned to the observer p-5272: the server refuses this one for good.
      const refused = await a.storage.saveScore(scoreOf("m-ketua", "p-5272"), points(50));
      await a.storage.saveScore(scoreOf("m-ketua", "p-5201"), points(81));
      await a.storage.saveScore(scoreOf("m-ketua", "p-5202"), points(82));

      const s = await a.engine.syncNow();
      expect(s.pending).toBe(0);
      expect(s.lastError).toBeNull();
      const server = (await serverRecordsOf(w, "m-ketua")).scores;
      expect(server.map((r) => r.points)).toEqual([81, 82]);
      const notices = await a.storage.listNotices(TEST_EDITION_ID, "m-ketua");
      expect(notices.filter((n) => n.kind === "rejected").map((n) => n.mutationId)).toEqual([
        refused.mutation.mutationId,
      ]);
      expect(await deviceRecordsOf(a)).toEqual(await serverRecordsOf(w, "m-ketua"));
    });

    it("4 duplicated, reordered and skipped sequence numbers change nothing twice", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-ketua", engine: { maxPushMutations: 1 } });
      const bodies: unknown[] = [];
      a.net.tap(({ path, body }) => {
        if (path.endsWith("/sync/push")) bodies.push(body);
      });
      await a.storage.saveScore(scoreOf("m-ketua", "p-5201"), points(10));
      // Skipped: the seq counter jumps (as after a restored backup), leaving a gap 2..9.
      const raw = new Dexie(a.dbName);
      await raw.open();
      await raw.table("meta").put({ key: META_KEYS.nextSeq, value: 10 });
      raw.close();
      await a.storage.saveScore(scoreOf("m-ketua", "p-5202"), points(20));
      await a.storage.saveScore(scoreOf("m-ketua", "p-5201"), { note: "catatan" });

      const s = await a.engine.syncNow();
      expect(s.pending).toBe(0);
      expect(bodies).toHaveLength(3);
      expect((await w.server.store.devices.byId(a.storage.deviceId))?.lastSeq).toBe(11);

      // Duplicated and reordered: an old request replayed after newer ones, as a flaky proxy might.
      const before = JSON.stringify(await serverRecordsOf(w, "m-ketua"));
      const token = (await a.tokens.getToken()) ?? "";
      for (const body of [...bodies].reverse()) {
        const replay = await w.server.request("POST", "/api/v1/sync/push", body, token);
        expect(replay.status).toBe(200);
        expect((replay.body as { results: Array<{ status: string }> }).results.map((r) => r.status)).toEqual([
          "duplicate",
        ]);
      }
      // A batch with seqs out of order is handled in seq order.
      const out = [2, 1].map((n) => (bodies[n - 1] as { mutations: Mutation[] }).mutations[0]);
      const reordered = await w.server.request(
        "POST",
        "/api/v1/sync/push",
        { protocolVersion: PROTOCOL_VERSION, deviceId: a.storage.deviceId, mutations: out },
        token,
      );
      expect(reordered.status).toBe(200);
      expect(JSON.stringify(await serverRecordsOf(w, "m-ketua"))).toBe(before);
      await a.engine.syncNow();
      expect(await deviceRecordsOf(a)).toEqual(await serverRecordsOf(w, "m-ketua"));
    });

    it("5 same member on two tablets, same score offline: they converge and both tablets say what was replaced", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-ketua", label: "A" });
      const b = await tablet(w, { memberId: "m-ketua", label: "B" });
      a.net.setChaos(() => "offline");
      b.net.setChaos(() => "offline");
      await a.storage.saveScore(scoreOf("m-ketua"), points(60, "dari A"));
      w.advance(60_000);
      await b.storage.saveScore(scoreOf("m-ketua"), points(75, "dari B"));
      await a.engine.syncNow();
      await b.engine.syncNow();
      expect(a.engine.getStatus().pending).toBe(1);

      a.net.setChaos(null);
      b.net.setChaos(null);
      await a.engine.syncNow();
      await b.engine.syncNow();
      await a.engine.syncNow();

      const server = await serverRecordsOf(w, "m-ketua");
      expect(server.scores[0]).toMatchObject({ points: 75, note: "dari B" });
      expect(await deviceRecordsOf(a)).toEqual(server);
      expect(await deviceRecordsOf(b)).toEqual(server);
      const notices = await a.storage.listNotices(TEST_EDITION_ID, "m-ketua");
      expect(notices.filter((n) => n.kind === "overwritten").map((n) => [n.field, n.previous, n.current])).toEqual(
        expect.arrayContaining([
          ["grade", { level: null, points: 60 }, { level: null, points: 75 }],
          ["note", "dari A", "dari B"],
        ]),
      );
      expect(notices.every((n) => n.byDeviceId === null || n.byDeviceId === b.storage.deviceId)).toBe(true);
      const winner = await b.storage.listNotices(TEST_EDITION_ID, "m-ketua");
      expect(winner.every((n) => n.kind === "replaced" && n.byDeviceId === a.storage.deviceId)).toBe(true);
      expect(winner.map((n) => [n.field, n.previous, n.current])).toEqual(
        expect.arrayContaining([
          ["grade", { level: null, points: 60 }, { level: null, points: 75 }],
          ["note", "dari A", "dari B"],
        ]),
      );
    });

    it("6 writes made while a sync is running are sent in the same run; overlapping 'sync now' presses share one run", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-tech" });
      await a.storage.saveScore(scoreOf("m-tech", "p-5201", "ind-1.1"), level("A"));
      let wrote = false;
      a.net.tap(async ({ path }) => {
        if (wrote || !path.endsWith("/sync/push")) return;
        wrote = true;
        await a.storage.saveScore(scoreOf("m-tech", "p-5201", "ind-1.2"), level("B"));
        await a.storage.saveScore(scoreOf("m-tech", "p-5201", "ind-1.1"), level("C"));
      });
      const [first, second] = await Promise.all([a.engine.syncNow(), a.engine.syncNow()]);
      expect(first.pending).toBe(0);
      expect(second.pending).toBe(0);
      const scores = (await serverRecordsOf(w, "m-tech")).scores;
      expect(scores.map((s) => [s.indicatorId, s.level])).toEqual([
        ["ind-1.1", "C"],
        ["ind-1.2", "B"],
      ]);
      expect(await deviceRecordsOf(a)).toEqual(await serverRecordsOf(w, "m-tech"));
    });

    it("7 rubric changed and indicator deleted while a tablet was offline: the score is kept and flagged for review", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-tech" });
      a.net.setChaos(() => "offline");
      await a.storage.saveScore(scoreOf("m-tech", "p-5201", "ind-1.2"), level("B"));
      await a.storage.saveScore(scoreOf("m-tech", "p-5201", "ind-1.1"), level("A"));

      const bundle = testBundle();
      const doc = bundle.rubric.components.find((c) => c.id === "cmp-doc");
      if (!doc) throw new Error("fixture changed");
      doc.indicators = doc.indicators.filter((i) => i.id !== "ind-1.2");
      await coordinator(w).importBundle(bundle);

      a.net.setChaos(null);
      const s = await a.engine.syncNow();
      expect(s.pending).toBe(0);
      const key = scoreKey(TEST_EDITION_ID, "p-5201", "ind-1.2", "m-tech");
      const stored = await w.server.store.records.get("scores", key);
      expect(stored?.record.level).toBe("B");
      expect(stored?.needsReview).toBe(true);
      const local = await deviceRecordsOf(a);
      expect(local.scores.find((r) => r.key === key)?.level).toBe("B");
      expect(await a.storage.listNeedsReview(TEST_EDITION_ID)).toEqual([key]);
      expect(local).toEqual(await serverRecordsOf(w, "m-tech"));
      const edition = await a.storage.loadEdition(TEST_EDITION_ID);
      expect(edition?.rubric?.version).toBeGreaterThan(1);
      expect(edition?.rubric?.components.flatMap((c) => c.indicators.map((i) => i.id))).not.toContain("ind-1.2");
    });

    it("8 writing to a deleted row: a score for a participant the coordinator removed is refused, the rest goes through (records themselves are never deleted by the server)", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-ketua" });
      a.net.setChaos(() => "offline");
      await a.storage.saveScore(scoreOf("m-ketua", "p-5202"), points(40));
      await a.storage.saveScore(scoreOf("m-ketua", "p-5201"), points(90));

      const bundle = testBundle();
      bundle.participants = bundle.participants.filter((p) => p.id !== "p-5202");
      for (const m of bundle.members)
        for (const asg of m.assignments) asg.participantIds = asg.participantIds.filter((id) => id !== "p-5202");
      await coordinator(w).importBundle(bundle);

      a.net.setChaos(null);
      const s = await a.engine.syncNow();
      expect(s.pending).toBe(0);
      expect((await serverRecordsOf(w, "m-ketua")).scores.map((r) => [r.participantId, r.points])).toEqual([
        ["p-5201", 90],
      ]);
      const notices = await a.storage.listNotices(TEST_EDITION_ID, "m-ketua");
      expect(notices.filter((n) => n.kind === "rejected").map((n) => n.participantId)).toEqual(["p-5202"]);
      const edition = await a.storage.loadEdition(TEST_EDITION_ID);
      expect(edition?.participants.map((p) => p.id)).not.toContain("p-5202");
      expect(await deviceRecordsOf(a)).toEqual(await serverRecordsOf(w, "m-ketua"));
    });

    it("9 changes pending when the tab closed are sent by the next start", async () => {
      const w = await world();
      const a = await openTablet(w, { memberId: "m-ketua" });
      a.net.setChaos(() => "offline");
      await a.storage.saveScore(scoreOf("m-ketua"), points(33));
      await a.storage.saveScore(scoreOf("m-ketua", "p-5202"), points(44));
      await a.engine.syncNow();
      a.close();

      a.net.setChaos(null);
      const again = await tablet(w, {
        memberId: "m-ketua",
        dbName: a.dbName,
        tokens: a.tokens,
        net: a.net,
        enrol: false,
      });
      await again.engine.start();
      await vi.waitFor(() => expect(again.engine.getStatus()).toMatchObject({ pending: 0, syncing: false }));
      expect((await serverRecordsOf(w, "m-ketua")).scores.map((r) => r.points)).toEqual([33, 44]);
      expect(await deviceRecordsOf(again)).toEqual(await serverRecordsOf(w, "m-ketua"));
    });

    it("10 two tabs on one database: one syncer at a time, no change sent twice, the other tab sees the status", async () => {
      const w = await world();
      const lock = createMemoryLock();
      const hub = createPeerHub();
      const net = createNet(w.server);
      const timers = createTestTimers();
      const one = await tablet(w, { memberId: "m-ketua", label: "tab1", net, timers, lock, peers: hub() });
      const two = await tablet(w, {
        memberId: "m-ketua",
        label: "tab2",
        dbName: one.dbName,
        tokens: one.tokens,
        net,
        timers,
        lock,
        peers: hub(),
        enrol: false,
      });
      await one.engine.start();
      await two.engine.start();
      await vi.waitFor(() => expect(one.engine.getStatus().syncing || two.engine.getStatus().syncing).toBe(false));
      net.calls.length = 0;

      for (let i = 0; i < 4; i++)
        await one.storage.saveScore(scoreOf("m-ketua", i % 2 ? "p-5202" : "p-5201"), points(i));
      await two.storage.saveScore(scoreOf("m-ketua"), { note: "tab2" });
      const seen: boolean[] = [];
      two.engine.subscribeStatus((s) => seen.push(s.syncing));
      await Promise.all([one.engine.syncNow(), two.engine.syncNow()]);

      const pushes = net.calls.filter((c) => c.path.endsWith("/sync/push"));
      expect(pushes).toHaveLength(1);
      expect(await w.server.store.seen.count()).toBe(5);
      expect(one.engine.getStatus().pending).toBe(0);
      await vi.waitFor(() => expect(two.engine.getStatus()).toMatchObject({ pending: 0, syncing: false }));
      expect(seen).toContain(true);
      expect(two.engine.getStatus().lastSyncAt).not.toBeNull();
    });

    it("11 IndexedDB deleted mid-session or quota exceeded: a visible status error, the server copy intact", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-ketua" });
      await a.storage.saveScore(scoreOf("m-ketua"), points(55));
      await a.engine.syncNow();
      const serverCopy = await serverRecordsOf(w, "m-ketua");

      // Quota: the pulled page cannot be stored.
      const full = await tablet(w, { memberId: "m-ketua", label: "full" });
      let quotaFull = true;
      const engine = await engineWithApply(w, full, () => {
        if (quotaFull) throw new StorageFullError(new DOMException("quota", "QuotaExceededError"));
      });
      await full.storage.saveScore(scoreOf("m-ketua", "p-5202"), points(66));
      const s = await engine.syncNow();
      expect(s.lastError?.key).toBe("storage-full");
      expect(s.nextRetryAt).not.toBeNull();
      quotaFull = false;
      expect((await engine.syncNow()).lastError).toBeNull();
      engine.stop();

      // Deleted: the database disappears under a running app.
      await a.storage.deleteLocalDatabase();
      const broken = await a.engine.syncNow();
      expect(broken.lastError?.key).toBe("storage-failed");
      expect(broken.syncing).toBe(false);
      expect((await serverRecordsOf(w, "m-ketua")).scores.find((r) => r.participantId === "p-5201")).toEqual(
        serverCopy.scores[0],
      );
    });

    it("12 pull interrupted between pages: the cursor moves only with its data, and the next pull resumes", async () => {
      const w = await world();
      const writer = await tablet(w, { memberId: "m-tech", label: "writer" });
      for (const p of ["p-5201", "p-5202"])
        for (const ind of ["ind-1.1", "ind-1.2"]) await writer.storage.saveScore(scoreOf("m-tech", p, ind), level("C"));
      await writer.engine.syncNow();

      const reader = await tablet(w, { memberId: "m-tech", label: "reader", enrol: false, engine: { pullLimit: 3 } });
      const token = await w.server.enrolDevice("m-tech", reader.storage.deviceId);
      await reader.tokens.setToken(token);
      await reader.storage.setSession({ editionId: TEST_EDITION_ID, memberId: "m-tech", locale: "id" });
      await reader.storage.putEditionBundle(testBundle());

      // A connection reset on page 2.
      let pages = 0;
      reader.net.setChaos(({ path }) => (path.endsWith("/sync/pull") && ++pages === 2 ? "reset" : null));
      await reader.engine.syncNow();
      const afterReset = await reader.storage.getCursor(TEST_EDITION_ID);
      expect(afterReset).toBeGreaterThan(0);
      const partial = (await deviceRecordsOf(reader)).scores.length;

      // A crash inside the transaction that stores page 3: neither its rows nor its cursor stay.
      reader.net.setChaos(null);
      let applied = 0;
      const crashing = await engineWithApply(
        w,
        reader,
        () => {
          if (++applied === 2) throw new Error("tab killed mid-write");
        },
        { pullLimit: 3 },
      );
      await crashing.syncNow();
      crashing.stop();
      const afterCrash = await reader.storage.getCursor(TEST_EDITION_ID);
      expect(afterCrash).toBeGreaterThan(afterReset);
      expect((await deviceRecordsOf(reader)).scores.length).toBeGreaterThanOrEqual(partial);

      await reader.engine.syncNow();
      expect(await reader.storage.getCursor(TEST_EDITION_ID)).toBe(await w.server.store.currentVersion());
      expect(await deviceRecordsOf(reader)).toEqual(await serverRecordsOf(w, "m-tech"));
      expect(await deviceRecordsOf(reader)).toEqual(await deviceRecordsOf(writer));
    });

    it("13 app update with a schema upgrade and a non-empty outbox: the old rows are still sent", async () => {
      const w = await world();
      const deviceId = "dV1tablet";
      const token = await w.server.enrolDevice("m-ketua", deviceId);
      const dbName = uniqueDbName("v1");
      const v1 = new Dexie(dbName);
      v1.version(1).stores(SCHEMA_V1);
      await v1.open();
      const identity = scoreOf("m-ketua");
      const mutation: Mutation = {
        table: "scores",
        identity,
        changes: { grade: { level: null, points: 77 } },
        mutationId: "v1-mutation-0000000001",
        deviceId,
        seq: 1,
        key: scoreKey(identity.editionId, identity.participantId, identity.indicatorId, identity.memberId),
        baseVersion: 0,
        stamp: formatStamp(w.now(), 0, deviceId),
      };
      await v1
        .table("outbox")
        .add({ seq: 1, mutationId: mutation.mutationId, status: "pending", mutation, createdAt: w.now() });
      await v1.table("meta").bulkPut([
        { key: META_KEYS.deviceId, value: deviceId },
        { key: META_KEYS.nextSeq, value: 2 },
        { key: META_KEYS.session, value: { editionId: TEST_EDITION_ID, memberId: "m-ketua", locale: "id" } },
      ]);
      v1.close();

      const updated = await tablet(w, {
        memberId: "m-ketua",
        dbName,
        tokens: createMemoryTokenStore(token),
        enrol: false,
      });
      expect(updated.storage.deviceId).toBe(deviceId);
      await updated.engine.start();
      await vi.waitFor(() => expect(updated.engine.getStatus()).toMatchObject({ pending: 0, syncing: false }));
      expect((await serverRecordsOf(w, "m-ketua")).scores[0]?.points).toBe(77);
      expect(await auditFor(w, mutation.mutationId)).toHaveLength(1);
    });

    it("14 token revoked mid-sync: needs enrolment, the queue is kept and sent after enrolling again", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-ketua", engine: { maxPushMutations: 1 } });
      await a.storage.saveScore(scoreOf("m-ketua", "p-5201"), points(1));
      await a.storage.saveScore(scoreOf("m-ketua", "p-5202"), points(2));
      await a.storage.saveScore(scoreOf("m-ketua", "p-5201"), { note: "tiga" });
      let revoked = false;
      a.net.tap(async ({ path }) => {
        if (revoked || !path.endsWith("/sync/push")) return;
        revoked = true;
        await coordinator(w).revoke(a.storage.deviceId);
      });
      const s = await a.engine.syncNow();
      expect(s).toMatchObject({ needsEnrolment: true, pending: 2, nextRetryAt: null });
      // The server says why (revoked by the coordinator), and the tablet tells the panelist so.
      expect(s.lastError?.key).toBe("device-revoked");
      expect(a.timers.pending()).toHaveLength(0);

      a.engine.notifyVisible();
      expect((await a.engine.syncNow()).pending).toBe(2);

      const outcome = await a.engine.enrolDevice(await joinCode(w, "m-ketua"), "Tablet A", "id");
      expect(outcome.ok).toBe(true);
      const after = a.engine.getStatus();
      expect(after).toMatchObject({ needsEnrolment: false, pending: 0, lastError: null });
      expect((await serverRecordsOf(w, "m-ketua")).scores.map((r) => [r.points, r.note])).toEqual([
        [1, "tiga"],
        [2, ""],
      ]);
    });

    it("15 tablet clocks wrong by ±3 days: the server caps stamps ahead, later edits still win, everyone converges", async () => {
      const w = await world();
      const ahead = await tablet(w, { memberId: "m-ketua", label: "ahead", clockOffsetMs: 3 * DAY });
      const behind = await tablet(w, { memberId: "m-ketua", label: "behind", clockOffsetMs: -3 * DAY });

      await ahead.storage.saveScore(scoreOf("m-ketua"), points(10));
      const afterAhead = await ahead.engine.syncNow();
      expect(afterAhead.clockSkewMs).toBe(-3 * DAY);
      const stamp = (await serverRecordsOf(w, "m-ketua")).scores[0]?.stamps.grade ?? "";
      expect(stampMillis(stamp)).toBeLessThanOrEqual(w.now() + MAX_STAMP_AHEAD_MS);

      // Ten minutes later the tablet that runs behind, having synced, corrects the score: it must win.
      w.advance(10 * 60_000);
      await behind.engine.syncNow();
      await behind.storage.saveScore(scoreOf("m-ketua"), points(20));
      await behind.engine.syncNow();
      expect((await serverRecordsOf(w, "m-ketua")).scores[0]?.points).toBe(20);

      await ahead.engine.syncNow();
      expect(await deviceRecordsOf(behind)).toEqual(await serverRecordsOf(w, "m-ketua"));
      expect(ahead.engine.getStatus()).toMatchObject({ pending: 0, lastError: null });
    });

    /*
     * The fast tablet must not keep its own uncapped stamp for a write the server stored capped:
     * storage rebases acknowledged records on the server's copy, so a later edit from another
     * tablet displaces it there too.
     */
    it("15b the tablet running 3 days ahead adopts the server's capped stamp and later edits from others", async () => {
      const w = await world();
      const ahead = await tablet(w, { memberId: "m-ketua", label: "ahead", clockOffsetMs: 3 * DAY });
      const other = await tablet(w, { memberId: "m-ketua", label: "other" });
      await ahead.storage.saveScore(scoreOf("m-ketua"), points(10));
      await ahead.engine.syncNow();
      w.advance(10 * 60_000);
      await other.engine.syncNow();
      await other.storage.saveScore(scoreOf("m-ketua"), points(20));
      await other.engine.syncNow();
      await ahead.engine.syncNow();
      expect(await deviceRecordsOf(ahead)).toEqual(await serverRecordsOf(w, "m-ketua"));
    });
  });

  describe("enrolment", () => {
    it("a wrong join code is reported in plain words and changes nothing", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-ketua", enrol: false });
      const outcome = await a.engine.enrolDevice("ZZZ-ZZZ", "Tablet", "en");
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.key).toBe("join-code-invalid");
      expect(await a.tokens.getToken()).toBeNull();
      const s = await a.engine.syncNow();
      expect(s.needsEnrolment).toBe(true);
      expect(s.lastError?.key).toBe("join-code-invalid");
    });

    it("enrolling stores the token, the edition and the session, then pulls", async () => {
      const w = await world();
      const a = await tablet(w, { memberId: "m-anggota" });
      expect(await a.tokens.getToken()).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      expect(await a.storage.getSession()).toMatchObject({ editionId: TEST_EDITION_ID, memberId: "m-anggota" });
      expect((await a.storage.loadEdition(TEST_EDITION_ID))?.participants).toHaveLength(3);
      expect(await a.storage.getCursor(TEST_EDITION_ID)).toBeGreaterThan(0);
      expect(a.engine.getStatus()).toMatchObject({ needsEnrolment: false, session: { memberId: "m-anggota" } });
    });
  });
});
