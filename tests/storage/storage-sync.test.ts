import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { formatStamp } from "../../src/domain/hlc.ts";
import type { PullRow } from "../../src/protocol/wire.ts";
import { aScore, aSheet } from "../fixtures/builders.ts";
import { MEMBER, harnessPerTest, P2, scoreIdentity, sheetIdentity } from "./helpers.ts";

const harness = harnessPerTest();

const otherDevice = (millis: number, counter = 0) => formatStamp(millis, counter, "tabletB");

describe("markHandled", () => {
  it("acknowledges applied and duplicate results and takes the server version", async () => {
    const h = await harness();
    const a = await h.storage.saveScore(scoreIdentity(), { grade: { level: "B", points: null } });
    const b = await h.storage.saveSheet(sheetIdentity(), { strengths: "Data lengkap" });
    const outcome = await h.storage.markHandled([
      { mutationId: a.mutation.mutationId, status: "applied", version: 7 },
      { mutationId: b.mutation.mutationId, status: "duplicate", version: 3 },
      { mutationId: "never-sent", status: "applied" },
    ]);
    expect(outcome).toEqual({ handled: 2, unknown: ["never-sent"], notices: 0 });
    expect(await h.storage.pendingCount()).toBe(0);
    expect((await h.db.outbox.toArray()).map((r) => r.status)).toEqual(["acknowledged", "acknowledged"]);
    const data = await h.storage.loadMemberData("ed-test", MEMBER);
    expect(data.scores[0]?.version).toBe(7);
    expect(data.sheets[0]?.version).toBe(3);
    const next = await h.storage.saveScore(scoreIdentity(), { note: "catatan" });
    expect(next.mutation.baseVersion).toBe(7);
  });

  it("an applied result without the server's copy keeps the local record; the pull after it brings the rest", async () => {
    const h = await harness();
    const mine = await h.storage.saveScore(scoreIdentity(), { grade: { level: "B", points: null } });
    await h.storage.markHandled([{ mutationId: mine.mutation.mutationId, status: "applied", version: 8 }]);
    expect((await h.storage.loadMemberData("ed-test", MEMBER)).scores[0]).toMatchObject({ level: "B", version: 8 });
    // The same member's other tablet had written the note; the pull sends the record back at that version.
    const noteStamp = otherDevice(h.clock.now() - 1_000);
    const serverCopy = aScore({
      level: "B",
      note: "dari tablet B",
      stamps: { grade: mine.mutation.stamp, note: noteStamp },
      version: 8,
    });
    await h.storage.applyRemote([{ table: "scores", key: serverCopy.key, version: 8, record: serverCopy }], {
      editionId: "ed-test",
      cursor: 8,
    });
    expect((await h.storage.loadMemberData("ed-test", MEMBER)).scores[0]).toEqual(serverCopy);
  });

  it("on conflict lets the server's newer write win and tells the user", async () => {
    const h = await harness();
    const mine = await h.storage.saveScore(scoreIdentity(), { grade: { level: "C", points: null }, note: "mine" });
    const serverStamp = otherDevice(h.clock.now() + 5_000);
    const serverRecord = aScore({
      level: "B",
      note: "mine",
      stamps: { grade: serverStamp, note: mine.mutation.stamp },
      version: 9,
    });
    const outcome = await h.storage.markHandled([
      { mutationId: mine.mutation.mutationId, status: "conflict", version: 9, serverRecord },
    ]);
    expect(outcome.notices).toBe(1);
    const [score] = (await h.storage.loadMemberData("ed-test", MEMBER)).scores;
    expect(score).toMatchObject({ level: "B", note: "mine", version: 9 });
    const [notice] = await h.storage.listNotices("ed-test", MEMBER);
    expect(notice).toMatchObject({
      kind: "conflict",
      field: "grade",
      previous: { level: "C", points: null },
      current: { level: "B", points: null },
      byDeviceId: "tabletB",
      changedAt: h.clock.now() + 5_000,
      seen: 0,
    });
    expect((await h.db.outbox.toArray())[0]?.status).toBe("conflict");
    await h.storage.markNoticesSeen([notice?.id ?? -1]);
    expect(await h.storage.listNotices("ed-test", MEMBER, { unseenOnly: true })).toEqual([]);
  });

  it("on rejection rebuilds the record from the server copy plus changes still pending", async () => {
    const h = await harness();
    const rejected = await h.storage.saveSheet(sheetIdentity(), { strengths: "ditolak" });
    await h.storage.saveSheet(sheetIdentity(), { recommendations: "tetap" });
    const serverRecord = aSheet({ strengths: "server", stamps: { strengths: otherDevice(1) }, version: 4 });
    await h.storage.markHandled([
      { mutationId: rejected.mutation.mutationId, status: "rejected", reason: "Tidak ditugaskan", serverRecord },
    ]);
    const [sheet] = (await h.storage.loadMemberData("ed-test", MEMBER)).sheets;
    expect(sheet).toMatchObject({ strengths: "server", recommendations: "tetap", version: 4 });
    const [notice] = await h.storage.listNotices("ed-test", MEMBER);
    expect(notice).toMatchObject({ kind: "rejected", reason: "Tidak ditugaskan", previous: { strengths: "ditolak" } });
    expect(await h.storage.pendingCount()).toBe(1);
  });

  it("treats a duplicate of an earlier rejection as rejected", async () => {
    const h = await harness();
    const m = await h.storage.saveSheet(sheetIdentity(), { strengths: "x" });
    await h.storage.markHandled([
      { mutationId: m.mutation.mutationId, status: "duplicate", originalStatus: "rejected", serverRecord: null },
    ]);
    expect((await h.db.outbox.toArray())[0]?.status).toBe("rejected");
    expect((await h.storage.loadMemberData("ed-test", MEMBER)).sheets).toEqual([]);
  });
});

describe("applyRemote", () => {
  it("keeps a newer pending local edit, takes the rest, and moves the cursor with the data", async () => {
    const h = await harness();
    const local = await h.storage.saveScore(scoreIdentity(), { grade: { level: "A", points: null } });
    const older = otherDevice(h.clock.now() - 60_000);
    const rows: PullRow[] = [
      {
        table: "scores",
        key: local.record.key,
        version: 5,
        record: aScore({ level: "D", note: "from B", stamps: { grade: older, note: older }, version: 5 }),
      },
      {
        table: "sheets",
        key: aSheet({ participantId: "p-5202" }).key,
        version: 6,
        record: aSheet({ participantId: "p-5202", strengths: "remote", stamps: { strengths: older }, version: 6 }),
      },
    ];
    const result = await h.storage.applyRemote(rows, { editionId: "ed-test", cursor: 6 });
    expect(result).toMatchObject({ stored: 2, skipped: [] });
    const data = await h.storage.loadMemberData("ed-test", MEMBER);
    expect(data.scores[0]).toMatchObject({ level: "A", note: "from B", version: 5 });
    expect(data.sheets[0]).toMatchObject({ strengths: "remote" });
    expect(await h.storage.getCursor("ed-test")).toBe(6);
    expect(await h.storage.getLastSyncAt("ed-test")).toBe(h.clock.now());
    expect(await h.storage.pendingCount()).toBe(1);
  });

  it("leaves data and cursor untouched when the transaction fails", async () => {
    const h = await harness();
    await h.storage.applyRemote([], { editionId: "ed-test", cursor: 3 });
    h.db.sheets.hook("creating", () => {
      throw new Error("boom");
    });
    const rows: PullRow[] = [
      { table: "scores", key: aScore().key, version: 8, record: aScore({ version: 8 }) },
      { table: "sheets", key: aSheet().key, version: 9, record: aSheet({ version: 9 }) },
    ];
    await expect(h.storage.applyRemote(rows, { editionId: "ed-test", cursor: 9 })).rejects.toThrow("boom");
    expect(await h.storage.getCursor("ed-test")).toBe(3);
    expect(await h.db.scores.count()).toBe(0);
  });

  it("tells the user when another tablet replaced their value, and orders later stamps after it", async () => {
    const h = await harness();
    const mine = await h.storage.saveSheet(sheetIdentity(), { strengths: "C" });
    await h.storage.markHandled([{ mutationId: mine.mutation.mutationId, status: "applied", version: 1 }]);
    const later = otherDevice(h.clock.now() + 120_000, 2);
    await h.storage.applyRemote(
      [
        {
          table: "sheets",
          key: mine.record.key,
          version: 2,
          record: aSheet({ strengths: "B", stamps: { strengths: later }, version: 2 }),
        },
      ],
      { editionId: "ed-test", cursor: 2 },
    );
    const [notice] = await h.storage.listNotices("ed-test", MEMBER);
    expect(notice).toMatchObject({
      kind: "overwritten",
      field: "strengths",
      previous: "C",
      current: "B",
      byDeviceId: "tabletB",
    });
    expect(h.storage.lastStamp() > later).toBe(true);
    const next = await h.storage.saveSheet(sheetIdentity(), { strengths: "A" });
    expect(next.mutation.stamp > later).toBe(true);
  });

  it("skips an unreadable remote row with a reported problem, and honours deletions", async () => {
    const h = await harness();
    await h.storage.applyRemote([{ table: "sheets", key: aSheet().key, version: 1, record: aSheet({ version: 1 }) }], {
      editionId: "ed-test",
      cursor: 1,
    });
    const bad = { ...aScore(), editionId: 42 } as unknown as ReturnType<typeof aScore>;
    const result = await h.storage.applyRemote(
      [
        { table: "scores", key: "x", version: 2, record: bad },
        { table: "sheets", key: aSheet().key, version: 3, record: null },
      ],
      { editionId: "ed-test", cursor: 3 },
    );
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]?.action).toBe("skipped");
    expect(await h.db.sheets.count()).toBe(0);
    expect(h.storage.loadProblems()).toHaveLength(1);
  });
});

describe("watch", () => {
  it("re-runs a query when the data it read changes", async () => {
    const h = await harness();
    const seen: number[] = [];
    const stop = h.storage.watch(
      async (s) => (await s.loadMemberData("ed-test", MEMBER)).scores.length,
      (n) => seen.push(n),
    );
    await expect.poll(() => seen).toEqual([0]);
    await h.storage.saveScore(scoreIdentity(), { grade: { level: "A", points: null } });
    await expect.poll(() => seen).toEqual([0, 1]);
    // The re-run is deferred one task (see panelis-storage.ts): it must still observe what it read.
    await h.storage.saveScore(scoreIdentity({ indicatorId: "ind-1.2" }), { grade: { level: "B", points: null } });
    await expect.poll(() => seen).toEqual([0, 1, 2]);
    stop();
    await h.storage.saveScore(scoreIdentity({ participantId: P2 }), { note: "n" });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([0, 1, 2]);
  });

  it("re-reads after a commit only once the writer has resumed, so a tap renders before the watchers", async () => {
    const h = await harness();
    let runs = 0;
    const stop = h.storage.watch(
      async (s) => {
        runs++;
        return (await s.loadMemberData("ed-test", MEMBER)).scores.length;
      },
      () => undefined,
    );
    await expect.poll(() => runs).toBe(1);
    await h.storage.saveScore(scoreIdentity(), { grade: { level: "A", points: null } });
    // The save's continuation runs before any watcher's query; the re-read follows a task later.
    expect(runs).toBe(1);
    await expect.poll(() => runs).toBe(2);
    stop();
  });
});
