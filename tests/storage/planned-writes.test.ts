import "fake-indexeddb/auto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SheetFinalisedError } from "../../src/storage/errors.ts";
import { aBundle, type Harness, harnessPerTest, MEMBER, P2, scoreIdentity, sheetIdentity } from "./helpers.ts";

/*
 * A local write planned from what this context last saw (write-cache.ts) issues its
 * reads and writes in one round and commits only if the reads match the plan. These
 * tests check that the shortcut is taken when nothing changed, and that whenever
 * another context (the sync worker, a second tab) changed anything the write depends
 * on, the result is exactly what a write that reads first would have stored.
 */

const harness = harnessPerTest();

const grade = (level: string) => ({ grade: { level, points: null } });

/** A storage that records which way each write went. */
const counted = async (options: Parameters<typeof harness>[0] = {}) => {
  const paths: Array<"planned" | "reread"> = [];
  const h = await harness({ ...options, onWritePath: (p) => paths.push(p) });
  return { ...h, paths };
};

/** A second context on the same database: what the sync worker or another tab is. */
const secondContext = (h: Harness, seed = 99) => harness({ name: h.name, clock: h.clock, seed });

const outboxSeqs = async (h: Harness) => (await h.db.outbox.orderBy("seq").toArray()).map((r) => r.seq);

describe("a local write planned from what this context last saw", () => {
  it("takes one round for every tap after the first, and stores what a reading write would", async () => {
    const h = await counted();
    await h.storage.putEditionBundle(aBundle());
    const levels = ["A", "B", "C", "D", "A", "B"];
    for (const level of levels) await h.storage.saveScore(scoreIdentity(), grade(level));
    // The first write has nothing to plan from; every later one is planned and committed.
    expect(h.paths).toEqual(["planned", "planned", "planned", "planned", "planned"]);
    expect(await outboxSeqs(h)).toEqual([1, 2, 3, 4, 5, 6]);
    const rows = await h.db.outbox.orderBy("seq").toArray();
    const stamps = rows.map((r) => r.mutation.stamp);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    const stored = await h.db.scores.get(rows[0]?.key ?? "");
    expect(stored?.level).toBe("B");
    expect(stored?.stamps.grade).toBe(stamps.at(-1));
  });

  it("plans a first tap on a card never scored, once the member's data was loaded", async () => {
    const h = await counted();
    await h.storage.putEditionBundle(aBundle());
    await h.storage.saveScore(scoreIdentity(), grade("A"));
    await h.storage.loadMemberData("ed-test", MEMBER);
    await h.storage.saveScore(scoreIdentity({ participantId: P2 }), grade("C"));
    await h.storage.saveSheet(sheetIdentity(P2), { strengths: "rapi" });
    expect(h.paths).toEqual(["planned", "planned"]);
    expect((await h.storage.loadMemberData("ed-test", MEMBER)).sheets[0]?.strengths).toBe("rapi");
  });

  it("reads again when another context changed the record, and keeps that change", async () => {
    const h = await counted();
    await h.storage.putEditionBundle(aBundle());
    await h.storage.saveScore(scoreIdentity(), grade("A"));
    const other = await secondContext(h);
    await other.storage.saveScore(scoreIdentity(), { note: "dari tab lain" });
    const saved = await h.storage.saveScore(scoreIdentity(), grade("B"));
    expect(h.paths).toEqual(["reread"]);
    expect(saved.record.note).toBe("dari tab lain");
    expect(saved.record.level).toBe("B");
    // Two contexts, one device: a seq is never taken twice.
    expect(await outboxSeqs(h)).toEqual([1, 2, 3]);
  });

  it("refuses a score on a sheet another context finalised, and writes nothing", async () => {
    const h = await counted();
    await h.storage.putEditionBundle(aBundle());
    await h.storage.saveScore(scoreIdentity(), grade("A"));
    await h.storage.loadMemberData("ed-test", MEMBER);
    const other = await secondContext(h);
    await other.storage.saveSheet(sheetIdentity(), { finalised: true });
    const before = await outboxSeqs(h);
    await expect(h.storage.saveScore(scoreIdentity(), grade("B"))).rejects.toBeInstanceOf(SheetFinalisedError);
    expect(await outboxSeqs(h)).toEqual(before);
    expect((await h.db.scores.toArray())[0]?.level).toBe("A");
  });

  it("sees a finalised sheet and a changed record that a pull wrote (no outbox row to collide with)", async () => {
    const h = await counted();
    await h.storage.putEditionBundle(aBundle());
    const sheet = await h.storage.saveSheet(sheetIdentity(P2), { strengths: "awal" });
    const score = await h.storage.saveScore(scoreIdentity(), grade("A"));
    await h.storage.loadMemberData("ed-test", MEMBER);
    const worker = await secondContext(h);
    const later = (stamp: string) => stamp.replace(/^\d+/, (ms) => String(Number(ms) + 60_000));
    await worker.storage.applyRemote(
      [
        {
          table: "sheets",
          key: sheet.record.key,
          version: 8,
          record: {
            ...sheet.record,
            finalised: true,
            version: 8,
            stamps: { ...sheet.record.stamps, finalised: later(sheet.mutation.stamp) },
          },
        },
        {
          table: "scores",
          key: score.record.key,
          version: 9,
          record: {
            ...score.record,
            note: "dari server",
            version: 9,
            stamps: { ...score.record.stamps, note: later(score.mutation.stamp) },
          },
        },
      ],
      { editionId: "ed-test", cursor: 9 },
    );
    h.paths.length = 0;
    const before = await outboxSeqs(h);
    await expect(h.storage.saveScore(scoreIdentity({ participantId: P2 }), grade("B"))).rejects.toBeInstanceOf(
      SheetFinalisedError,
    );
    expect(await outboxSeqs(h)).toEqual(before);
    const saved = await h.storage.saveScore(scoreIdentity(), grade("C"));
    expect(saved.record.note).toBe("dari server");
    expect(saved.record.level).toBe("C");
    expect(h.paths).toEqual(["reread", "reread"]);
  });

  it("reads again after the worker acknowledged the change, and merges onto the server's copy", async () => {
    const h = await counted();
    await h.storage.putEditionBundle(aBundle());
    const first = await h.storage.saveScore(scoreIdentity(), grade("A"));
    const worker = await secondContext(h);
    await worker.storage.markHandled([
      {
        mutationId: first.mutation.mutationId,
        status: "applied",
        version: 4,
        serverRecord: { ...first.record, version: 4 },
      },
    ]);
    const next = await h.storage.saveScore(scoreIdentity(), grade("C"));
    expect(h.paths).toEqual(["reread"]);
    expect(next.record.version).toBe(4);
    expect(next.mutation.baseVersion).toBe(4);
  });

  it("whatever two contexts do in turn, every write lands and no seq is taken twice (property)", async () => {
    const cells = [scoreIdentity(), scoreIdentity({ participantId: P2 }), scoreIdentity({ indicatorId: "ind-1.2" })];
    const op = fc.record({
      context: fc.integer({ min: 0, max: 1 }),
      cell: fc.integer({ min: 0, max: cells.length - 1 }),
      level: fc.constantFrom("A", "B", "C", "D"),
      note: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      load: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const a = await counted();
        await a.storage.putEditionBundle(aBundle());
        const b = await secondContext(a);
        const contexts = [a, b];
        const expected = new Map<string, { level: string; note: string | undefined }>();
        for (const o of ops) {
          const ctx = contexts[o.context] as Harness;
          if (o.load) await ctx.storage.loadMemberData("ed-test", MEMBER);
          const changes = o.note === undefined ? grade(o.level) : { ...grade(o.level), note: o.note };
          const saved = await ctx.storage.saveScore(cells[o.cell] as (typeof cells)[number], changes);
          const prev = expected.get(saved.record.key);
          expected.set(saved.record.key, { level: o.level, note: o.note ?? prev?.note });
        }
        const seqs = await outboxSeqs(a);
        expect(seqs).toEqual(ops.map((_, i) => i + 1));
        for (const [key, want] of expected) {
          const stored = await a.db.scores.get(key);
          expect(stored?.level).toBe(want.level);
          if (want.note !== undefined) expect(stored?.note).toBe(want.note);
        }
      }),
      { numRuns: 40 },
    );
  });
});
