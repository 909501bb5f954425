import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { Mutation } from "../../src/protocol/mutation.ts";
import { PanelisDb } from "../../src/storage/db.ts";
import { SheetFinalisedError, StorageValidationError } from "../../src/storage/errors.ts";
import { openStorageOn } from "../../src/storage/panelis-storage.ts";
import {
  aBundle,
  type Harness,
  MEMBER,
  harnessPerTest,
  P1,
  scoreIdentity,
  seededBytes,
  sheetIdentity,
} from "./helpers.ts";

const rowOf = (mutation: Mutation) => ({
  editionId: mutation.identity.editionId,
  memberId: mutation.identity.memberId,
  table: mutation.table,
  key: mutation.key,
  status: "pending" as const,
  mutation,
  createdAt: 0,
});

const harness = harnessPerTest();

describe("saving a change", () => {
  it("writes the record and its outbox mutation together and returns the previous record", async () => {
    const { storage } = await harness();
    const first = await storage.saveScore(scoreIdentity(), { grade: { level: "B", points: null } });
    expect(first.previous).toBeUndefined();
    expect(first.record).toMatchObject({ level: "B", note: "", version: 0 });
    expect(first.mutation).toMatchObject({ table: "scores", seq: 1, baseVersion: 0, deviceId: storage.deviceId });
    expect(first.record.stamps.grade).toBe(first.mutation.stamp);

    const second = await storage.saveScore(scoreIdentity(), { note: "Data lokus lengkap" });
    expect(second.previous).toEqual(first.record);
    expect(second.record).toMatchObject({ level: "B", note: "Data lokus lengkap" });

    const data = await storage.loadMemberData("ed-test", MEMBER);
    expect(data.scores).toEqual([second.record]);
    const pending = await storage.listPending(10);
    expect(pending.map((p) => p.mutation.mutationId)).toEqual([first.mutation.mutationId, second.mutation.mutationId]);
    expect(await storage.pendingCount()).toBe(2);
  });

  it("never reuses a seq, even when the stored counter is behind the outbox", async () => {
    const h = await harness();
    const first = await h.storage.saveSheet(sheetIdentity(), { strengths: "x" });
    // Another connection (the worker, an older tab) left a later row without moving the counter.
    const other = new PanelisDb(h.name);
    await other.outbox.add({ ...rowOf(first.mutation), seq: 5, mutationId: "written-elsewhere" });
    await other.meta.put({ key: "nextSeq", value: 2 });
    other.close();
    const next = await h.storage.saveScore(scoreIdentity(), { grade: { level: "A", points: null } });
    expect(next.mutation.seq).toBe(6);
  });

  it("writes nothing when a hook aborts the outbox add", async () => {
    const h = await harness({
      prepare: (db) =>
        db.outbox.hook("creating", () => {
          throw new Error("disk hiccup");
        }),
    });
    await expect(h.storage.saveScore(scoreIdentity(), { grade: { level: "A", points: null } })).rejects.toThrow(
      "disk hiccup",
    );
    expect(await h.db.scores.count()).toBe(0);
    expect(await h.db.outbox.count()).toBe(0);
  });

  it("keeps seq strictly increasing across saves and across close and reopen", async () => {
    const h = await harness();
    const seqs: number[] = [];
    for (const level of ["A", "B", "C"]) {
      seqs.push((await h.storage.saveScore(scoreIdentity(), { grade: { level, points: null } })).mutation.seq);
    }
    h.storage.close();
    const reopened = await openStorageOn(new PanelisDb(h.name), {
      wallClock: h.clock.now,
      randomBytes: seededBytes(99),
    });
    expect(reopened.deviceId).toBe(h.storage.deviceId);
    seqs.push(
      (await reopened.saveNomination({ ...sheetIdentity(), category: "inovatif" }, { nominated: true })).mutation.seq,
    );
    expect(seqs).toEqual([1, 2, 3, 4]);
    reopened.close();
  });

  it("never issues an earlier stamp after a reopen, even when the wall clock went back", async () => {
    const h = await harness();
    const before = await h.storage.saveScore(scoreIdentity(), { grade: { level: "A", points: null } });
    h.storage.close();
    h.clock.advance(-3_600_000);
    const reopened = await openStorageOn(new PanelisDb(h.name), { wallClock: h.clock.now });
    const after = await reopened.saveScore(scoreIdentity(), { grade: { level: "B", points: null } });
    expect(after.mutation.stamp > before.mutation.stamp).toBe(true);
    expect(after.record.level).toBe("B");
    reopened.close();
  });

  it("writes only the record and its outbox row: the seq and clock travel in the outbox row", async () => {
    let metaWrites = 0;
    const h = await harness({
      prepare: (db) => {
        const count = () => {
          metaWrites += 1;
        };
        db.meta.hook("creating", count);
        db.meta.hook("updating", count);
      },
    });
    metaWrites = 0;
    const first = await h.storage.saveScore(scoreIdentity(), { grade: { level: "A", points: null } });
    const second = await h.storage.saveSheet(sheetIdentity(), { strengths: "Data lengkap" });
    expect(metaWrites).toBe(0);
    expect(second.mutation.seq).toBe(first.mutation.seq + 1);
    expect(second.mutation.stamp > first.mutation.stamp).toBe(true);
  });

  it("never reuses a seq or an earlier stamp after the whole outbox was pruned and the wall clock went back", async () => {
    const h = await harness();
    const saved = [];
    for (const level of ["A", "B", "C"])
      saved.push(await h.storage.saveScore(scoreIdentity(), { grade: { level, points: null } }));
    await h.storage.markHandled(
      saved.map((s, i) => ({ mutationId: s.mutation.mutationId, status: "applied" as const, version: i + 1 })),
    );
    h.clock.advance(1000);
    expect(await h.storage.pruneOutbox(h.clock.now() + 1)).toBe(3);
    expect(await h.db.outbox.count()).toBe(0);
    h.storage.close();
    h.clock.advance(-3_600_000);
    const reopened = await openStorageOn(new PanelisDb(h.name), { wallClock: h.clock.now });
    const next = await reopened.saveScore(scoreIdentity(), { grade: { level: "D", points: null } });
    const last = saved.at(-1)?.mutation;
    expect(next.mutation.seq).toBe(4);
    expect(last && next.mutation.stamp > last.stamp).toBe(true);
    reopened.close();
  });

  it("orders local stamps after a stamp observed from elsewhere, and remembers it", async () => {
    const h = await harness();
    const remote = `${String(h.clock.now() + 60_000).padStart(15, "0")}-0003-devB`;
    await h.storage.observeStamp(remote);
    const saved = await h.storage.saveSheet(sheetIdentity(), { recommendations: "Perkuat KPM" });
    expect(saved.mutation.stamp > remote).toBe(true);
    // Remembered across a restart whose wall clock is an hour behind: the next stamp is still later.
    h.storage.close();
    h.clock.advance(-3_600_000);
    const reopened = await openStorageOn(new PanelisDb(h.name), { wallClock: h.clock.now });
    const after = await reopened.saveScore(scoreIdentity(), { grade: { level: "B", points: null } });
    expect(after.mutation.stamp > saved.mutation.stamp).toBe(true);
    reopened.close();
  });

  it("rejects invalid input with worded errors and writes nothing", async () => {
    const h = await harness();
    const both = h.storage.saveScore(scoreIdentity(), { grade: { level: "A", points: 50 } });
    await expect(both).rejects.toBeInstanceOf(StorageValidationError);
    const empty = h.storage.saveSheet(sheetIdentity(), {});
    await expect(empty).rejects.toBeInstanceOf(StorageValidationError);
    const tooLong = h.storage.saveSheet(sheetIdentity(), { strengths: "x".repeat(5000) });
    await expect(tooLong).rejects.toSatisfy(
      (e: unknown) => e instanceof StorageValidationError && e.errors.length > 0 && e.errors.every((s) => s.length > 0),
    );
    expect(await h.db.scores.count()).toBe(0);
    expect(await h.db.sheets.count()).toBe(0);
    expect(await h.db.outbox.count()).toBe(0);
    expect((await h.db.meta.get("nextSeq"))?.value).toBeUndefined();
  });

  it("checks a grade against the stored rubric", async () => {
    const h = await harness();
    await h.storage.putEditionBundle(aBundle());
    await expect(h.storage.saveScore(scoreIdentity(), { grade: { level: "E", points: null } })).rejects.toBeInstanceOf(
      StorageValidationError,
    );
    await expect(
      h.storage.saveScore(scoreIdentity({ indicatorId: "ind-p1" }), { grade: { level: null, points: 120 } }),
    ).rejects.toBeInstanceOf(StorageValidationError);
    const ok = await h.storage.saveScore(scoreIdentity({ indicatorId: "ind-p1" }), {
      grade: { level: null, points: 85 },
    });
    expect(ok.record.points).toBe(85);
  });
});

describe("a finalised sheet", () => {
  const finalise = async (h: Harness) => {
    await h.storage.saveScore(scoreIdentity(), { grade: { level: "B", points: null } });
    await h.storage.saveSheet(sheetIdentity(), { strengths: "Rembuk rutin", finalised: true });
  };

  it("refuses score and note edits", async () => {
    const h = await harness();
    await finalise(h);
    const outboxBefore = await h.db.outbox.count();
    await expect(h.storage.saveScore(scoreIdentity(), { grade: { level: "A", points: null } })).rejects.toBeInstanceOf(
      SheetFinalisedError,
    );
    await expect(
      h.storage.saveScore(scoreIdentity({ indicatorId: "ind-1.2" }), { note: "new cell" }),
    ).rejects.toBeInstanceOf(SheetFinalisedError);
    await expect(h.storage.saveSheet(sheetIdentity(), { strengths: "changed" })).rejects.toBeInstanceOf(
      SheetFinalisedError,
    );
    expect(await h.db.outbox.count()).toBe(outboxBefore);
    expect((await h.storage.loadMemberData("ed-test", MEMBER)).scores[0]?.level).toBe("B");
  });

  it("can be reopened only on the coordinator path", async () => {
    const h = await harness();
    await finalise(h);
    await expect(h.storage.saveSheet(sheetIdentity(), { finalised: false })).rejects.toBeInstanceOf(
      SheetFinalisedError,
    );
    const reopened = await h.storage.saveSheet(sheetIdentity(), { finalised: false }, { asCoordinator: true });
    expect(reopened.record.finalised).toBe(false);
    const edited = await h.storage.saveScore(scoreIdentity(), { grade: { level: "A", points: null } });
    expect(edited.record.level).toBe("A");
  });

  it("does not lock another participant's cells or other members' sheets", async () => {
    const h = await harness();
    await finalise(h);
    await expect(
      h.storage.saveScore(scoreIdentity({ participantId: "p-5202" }), { grade: { level: "C", points: null } }),
    ).resolves.toBeDefined();
    await expect(h.storage.saveSheet(sheetIdentity(P1, "m-anggota"), { strengths: "ok" })).resolves.toBeDefined();
  });
});

describe("a practice space", () => {
  it("stores records but never an outbox entry, so nothing in it can be pushed", async () => {
    const h = await harness({ practice: true });
    await h.storage.putEditionBundle(aBundle());
    const saved = await h.storage.saveScore(scoreIdentity(), { grade: { level: "B", points: null } });
    expect(saved.record.level).toBe("B");
    expect(await h.storage.pendingCount()).toBe(0);
    expect(await h.db.outbox.count()).toBe(0);
    expect((await h.storage.loadMemberData("ed-test", MEMBER)).scores).toHaveLength(1);
  });
});
