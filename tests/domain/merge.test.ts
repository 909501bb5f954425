import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatStamp } from "../../src/domain/hlc.ts";
import {
  applyMutation,
  mergeNomination,
  mergeRecord,
  mergeScore,
  mergeSheet,
  recordFromMutation,
  type SyncedRecord,
} from "../../src/domain/merge.ts";
import {
  type MutationData,
  NominationRecordSchema,
  ScoreRecordSchema,
  SheetRecordSchema,
  validate,
} from "../../src/domain/schemas.ts";
import type { NominationRecord, ScoreRecord, SheetRecord } from "../../src/domain/types.ts";
import type { Mutation } from "../../src/protocol/mutation.ts";
import {
  aNomination,
  aNominationMutation,
  aScore,
  aScoreMutation,
  aSheet,
  aSheetMutation,
  stampAt,
  TEST_MILLIS,
} from "../fixtures/builders.ts";

// Few distinct values, so equal stamps and equal values collide often enough to exercise the tie-breaks.
const device = fc.constantFrom("devA", "devB", "devC");
const stampArb = (node: fc.Arbitrary<string> = device) =>
  fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), node)
    .map(([ms, c, n]) => formatStamp(TEST_MILLIS + ms, c, n));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const text = fc.constantFrom("", "Baik", "Perlu perbaikan", "Data lengkap");
const grade = fc.oneof(
  fc.constantFrom("A", "B", "C", "D").map((level) => ({ level, points: null })),
  fc.integer({ min: 0, max: 100 }).map((points) => ({ level: null, points })),
  fc.constant({ level: null, points: null }),
);

const compact = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const scoreArb: fc.Arbitrary<ScoreRecord> = fc
  .record({
    grade,
    note: text,
    rubricVersion: fc.integer({ min: 1, max: 3 }),
    version: fc.integer({ min: 0, max: 5 }),
    gradeStamp: maybe(stampArb()),
    noteStamp: maybe(stampArb()),
  })
  .map(({ grade: g, gradeStamp, noteStamp, ...r }) =>
    aScore({ ...r, ...g, stamps: compact({ grade: gradeStamp, note: noteStamp }) }),
  );

const sheetArb: fc.Arbitrary<SheetRecord> = fc
  .record({
    strengths: text,
    recommendations: text,
    recused: fc.boolean(),
    recusalReason: text,
    finalised: fc.boolean(),
    // Absent on sheets never reopened and on records written before the field existed.
    reopenReason: maybe(text),
    version: fc.integer({ min: 0, max: 5 }),
    stamps: fc.record(
      {
        strengths: stampArb(),
        recommendations: stampArb(),
        recused: stampArb(),
        recusalReason: stampArb(),
        finalised: stampArb(),
        reopenReason: stampArb(),
      },
      { requiredKeys: [] },
    ),
  })
  .map((r) => aSheet(compact(r)));

const nominationArb: fc.Arbitrary<NominationRecord> = fc
  .record({
    nominated: fc.boolean(),
    reason: text,
    version: fc.integer({ min: 0, max: 5 }),
    stamps: fc.record({ nominated: stampArb(), reason: stampArb() }, { requiredKeys: [] }),
  })
  .map((r) => aNomination(r));

const mutationStamp = device.chain((d) => stampArb(fc.constant(d)).map((stamp) => ({ deviceId: d, stamp })));

const scoreMutationArb = fc
  .record({
    env: mutationStamp,
    rubricVersion: fc.integer({ min: 1, max: 3 }),
    changes: fc.record({ grade, note: text }, { requiredKeys: [] }).filter((c) => Object.keys(c).length > 0),
  })
  .map(({ env, rubricVersion, changes }) => aScoreMutation({ ...env, identity: { rubricVersion }, changes }));

const sheetMutationArb = fc
  .record({
    env: mutationStamp,
    changes: fc
      .record(
        { strengths: text, recommendations: text, recused: fc.boolean(), recusalReason: text, finalised: fc.boolean() },
        { requiredKeys: [] },
      )
      .filter((c) => Object.keys(c).length > 0),
  })
  .map(({ env, changes }) => aSheetMutation({ ...env, changes }));

const nominationMutationArb = fc
  .record({
    env: mutationStamp,
    changes: fc
      .record({ nominated: fc.boolean(), reason: text }, { requiredKeys: [] })
      .filter((c) => Object.keys(c).length > 0),
  })
  .map(({ env, changes }) => aNominationMutation({ ...env, changes }));

type Kind<R extends SyncedRecord> = {
  name: string;
  record: fc.Arbitrary<R>;
  mutation: fc.Arbitrary<Mutation>;
  merge: (a: R, b: R) => R;
  schema: Parameters<typeof validate>[0];
};

const kinds = [
  { name: "scores", record: scoreArb, mutation: scoreMutationArb, merge: mergeScore, schema: ScoreRecordSchema },
  { name: "sheets", record: sheetArb, mutation: sheetMutationArb, merge: mergeSheet, schema: SheetRecordSchema },
  {
    name: "nominations",
    record: nominationArb,
    mutation: nominationMutationArb,
    merge: mergeNomination,
    schema: NominationRecordSchema,
  },
] as Kind<SyncedRecord>[];

const apply = (r: SyncedRecord | undefined, m: Mutation) => applyMutation(r, m as MutationData);

describe.each(kinds)("merge laws for $name", ({ record, mutation, merge, schema }) => {
  it("is commutative", () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        expect(merge(a, b)).toEqual(merge(b, a));
      }),
    );
  });

  it("is associative", () => {
    fc.assert(
      fc.property(record, record, record, (a, b, c) => {
        expect(merge(merge(a, b), c)).toEqual(merge(a, merge(b, c)));
      }),
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        expect(merge(a, a)).toEqual(a);
        expect(merge(merge(a, b), b)).toEqual(merge(a, b));
      }),
    );
  });

  it("keeps the higher version and yields a valid record", () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        const m = merge(a, b);
        expect(m.version).toBe(Math.max(a.version, b.version));
        expect(validate(schema, m).ok).toBe(true);
      }),
    );
  });

  it("applying a mutation then merging agrees with merging then applying", () => {
    fc.assert(
      fc.property(record, record, mutation, (a, b, m) => {
        expect(merge(apply(a, m).record, b)).toEqual(apply(merge(a, b), m).record);
      }),
    );
  });

  it("a mutation applied to nothing is the record it describes, and merging that record adds nothing more", () => {
    fc.assert(
      fc.property(record, mutation, (a, m) => {
        expect(apply(undefined, m).record).toEqual(recordFromMutation(m as MutationData));
        const applied = apply(a, m).record;
        expect(merge(applied, recordFromMutation(m as MutationData))).toEqual(applied);
      }),
    );
  });

  it("converges whatever order the mutations arrive in, and a replay changes nothing", () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 6 }), fc.infiniteStream(fc.nat()), (ms, rnd) => {
        const shuffled = [...ms];
        const it = rnd[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as Mutation, shuffled[i] as Mutation];
        }
        const fold = (list: Mutation[]) =>
          list.reduce<SyncedRecord | undefined>((r, m) => apply(r, m).record, undefined);
        const a = fold(ms);
        expect(fold(shuffled)).toEqual(a);
        for (const m of ms) {
          const again = apply(a, m);
          expect(again.changed).toEqual([]);
          expect(again.record).toEqual(a);
        }
      }),
    );
  });

  it("reports every changed field exactly once as changed or ignored", () => {
    fc.assert(
      fc.property(record, mutation, (a, m) => {
        const r = apply(a, m);
        const fields = m.table === "scores" ? Object.keys(m.changes) : Object.keys(m.changes);
        expect([...r.changed, ...r.ignored].sort()).toEqual(fields.sort());
        for (const f of r.changed) expect((r.record.stamps as Record<string, string>)[f]).toBe(m.stamp);
        for (const o of r.overwritten) expect(r.changed).toContain(o.field);
      }),
    );
  });
});

describe("applyMutation worked examples", () => {
  const t0 = stampAt(TEST_MILLIS, 0, "devA");
  const t1 = stampAt(TEST_MILLIS + 60_000, 0, "devB");

  it("creates the record from the mutation identity with defaults", () => {
    const m = aScoreMutation({ changes: { note: "Dokumen lengkap" }, identity: { rubricVersion: 2 } });
    const r = applyMutation(undefined, m);
    expect(r.record).toEqual(
      aScore({ level: null, points: null, note: "Dokumen lengkap", rubricVersion: 2, stamps: { note: m.stamp } }),
    );
    expect(r).toMatchObject({ changed: ["note"], overwritten: [], ignored: [] });
  });

  it("says who changed C to B and when", () => {
    const current = aScore({ level: "C", stamps: { grade: t0 } });
    const m = aScoreMutation({ deviceId: "devB", stamp: t1, changes: { grade: { level: "B", points: null } } });
    const r = applyMutation(current, m);
    expect(r.record.level).toBe("B");
    expect(r.changed).toEqual(["grade"]);
    expect(r.overwritten).toEqual([
      {
        field: "grade",
        previousValue: { level: "C", points: null },
        previousStamp: t0,
        newValue: { level: "B", points: null },
        newStamp: t1,
      },
    ]);
  });

  it("ignores an older write, field by field", () => {
    const current = aScore({ level: "C", note: "lama", stamps: { grade: t1 } });
    const m = aScoreMutation({ stamp: t0, changes: { grade: { level: "A", points: null }, note: "baru" } });
    const r = applyMutation(current, m);
    expect(r.record).toMatchObject({ level: "C", note: "baru", stamps: { grade: t1, note: t0 } });
    expect(r).toMatchObject({ changed: ["note"], ignored: ["grade"], overwritten: [] });
  });

  it("does not call rewriting the same value an overwrite", () => {
    const current = aScore({ level: "B", stamps: { grade: t0 } });
    const r = applyMutation(
      current,
      aScoreMutation({ deviceId: "devB", stamp: t1, changes: { grade: { level: "B", points: null } } }),
    );
    expect(r).toMatchObject({ changed: ["grade"], overwritten: [] });
  });

  it("moves the rubric version with the grade, not with the note", () => {
    const current = aScore({ level: "B", rubricVersion: 1, stamps: { grade: t0 } });
    const noteOnly = applyMutation(
      current,
      aScoreMutation({ deviceId: "devB", stamp: t1, identity: { rubricVersion: 2 }, changes: { note: "x" } }),
    );
    expect(noteOnly.record.rubricVersion).toBe(1);
    const grade = applyMutation(
      current,
      aScoreMutation({
        deviceId: "devB",
        stamp: t1,
        identity: { rubricVersion: 2 },
        changes: { grade: { level: "A", points: null } },
      }),
    );
    expect(grade.record.rubricVersion).toBe(2);
  });

  it("merges recusal and its reason independently", () => {
    const a = applyMutation(undefined, aSheetMutation({ stamp: t0, changes: { recused: true } })).record;
    const b = applyMutation(
      undefined,
      aSheetMutation({ deviceId: "devB", stamp: t1, changes: { recusalReason: "konflik kepentingan" } }),
    ).record;
    expect(mergeSheet(a, b)).toMatchObject({
      recused: true,
      recusalReason: "konflik kepentingan",
      stamps: { recused: t0, recusalReason: t1 },
    });
  });

  it("breaks a tie between equal stamps by value, the same way on both sides", () => {
    const a = aNomination({ reason: "a", stamps: { reason: t0 } });
    const b = aNomination({ reason: "b", stamps: { reason: t0 } });
    expect(mergeNomination(a, b).reason).toBe("b");
    expect(mergeRecord("nominations", b, a).reason).toBe("b");
  });

  it("refuses a record that is not the mutation's", () => {
    expect(() => applyMutation(aScore({ participantId: "other" }), aScoreMutation())).toThrow(/key/);
  });
});

describe("a sheet's reopen reason", () => {
  it("stays absent on older records, so merging two of them adds nothing", () => {
    const a = aSheet({ strengths: "Baik", stamps: { strengths: stampAt(TEST_MILLIS, 0, "devA") } });
    const b = aSheet({ finalised: true, stamps: { finalised: stampAt(TEST_MILLIS + 1, 0, "devA") } });
    const merged = mergeSheet(a, b);
    expect("reopenReason" in merged).toBe(false);
    expect(validate(SheetRecordSchema, merged).ok).toBe(true);
  });

  it("travels with the server's reopen: the later stamp wins on every device", () => {
    const finalisedOnTablet = aSheet({
      strengths: "Data lengkap",
      finalised: true,
      stamps: { strengths: stampAt(TEST_MILLIS, 0, "devA"), finalised: stampAt(TEST_MILLIS + 1, 0, "devA") },
    });
    const reopen = stampAt(TEST_MILLIS + 2, 0, "server");
    const reopened = aSheet({ reopenReason: "Periksa lagi", stamps: { finalised: reopen, reopenReason: reopen } });
    for (const merged of [mergeSheet(finalisedOnTablet, reopened), mergeSheet(reopened, finalisedOnTablet)]) {
      expect(merged).toMatchObject({ strengths: "Data lengkap", finalised: false, reopenReason: "Periksa lagi" });
    }
  });
});
