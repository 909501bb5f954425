import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { formatStamp } from "../../src/domain/hlc.ts";
import { scoreKey } from "../../src/domain/keys.ts";
import { fastScoreMutation, validateMutation } from "../../src/domain/mutation-fast-path.ts";
import { MutationSchema } from "../../src/domain/record-schemas.ts";
import { NOTE_MAX, validate } from "../../src/domain/schema-core.ts";
import { docScore, nomination, paparanScore, sheetChange } from "../server/mutations.ts";

/** A score mutation with the fields a tablet's worker writes, in its key order. */
const workerScore = (o: {
  deviceId: string;
  memberId: string;
  participantId: string;
  level: string | null;
  points: number | null;
  note?: string;
}) => {
  const identity = {
    editionId: "ntb-2021",
    participantId: o.participantId,
    componentId: "cmp-doc",
    indicatorId: "ind-1.1",
    memberId: o.memberId,
    rubricVersion: 1,
  };
  return {
    table: "scores",
    identity,
    changes: { grade: { level: o.level, points: o.points }, ...(o.note === undefined ? {} : { note: o.note }) },
    mutationId: `${o.deviceId}-1`,
    deviceId: o.deviceId,
    seq: 1,
    key: scoreKey(identity.editionId, identity.participantId, identity.indicatorId, identity.memberId),
    baseVersion: 0,
    stamp: formatStamp(1_700_000_000_000, 0, o.deviceId),
  } as Record<string, unknown>;
};

const validScore = fc
  .record({
    deviceId: fc.stringMatching(/^[0-9A-Za-z_]{1,32}$/),
    memberId: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
    participantId: fc.stringMatching(/^p-[0-9]{1,6}$/),
    grade: fc.oneof(
      fc.record({ level: fc.constantFrom("A", "B", "C", "D", "B+"), points: fc.constant(null) }),
      fc.record({ level: fc.constant(null), points: fc.double({ min: 0, max: 1000, noNaN: true }) }),
    ),
    note: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
  })
  .map(({ grade, ...o }) => workerScore({ ...o, ...grade }));

const reordered = (value: Record<string, unknown>, order: number[]): Record<string, unknown> => {
  const entries = Object.entries(value);
  return Object.fromEntries(order.map((i) => entries[i % entries.length] as [string, unknown]));
};

/** One thing broken, or a harmless difference (key order, an extra member) the schema still accepts. */
const variant = fc.oneof(
  fc.constant((m: Record<string, unknown>) => m),
  fc.constant((m: Record<string, unknown>) => ({ ...m, extra: 1 })),
  fc.constant((m: Record<string, unknown>) => reordered(m, [8, 7, 6, 5, 4, 3, 2, 1, 0])),
  fc.constant((m: Record<string, unknown>) => ({ ...m, seq: 0 })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, seq: 1.5 })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, baseVersion: -1 })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, baseVersion: "0" })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, key: `${m.key as string}x` })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, key: ` ${m.key as string} ` })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, mutationId: "" })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, mutationId: "x".repeat(65) })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, stamp: formatStamp(1, 0, "other_device") })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, stamp: "yesterday" })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, deviceId: "not a device" })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, table: "sheets" })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, changes: {} })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, changes: { note: "x".repeat(NOTE_MAX + 1) } })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, changes: { grade: null } })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, changes: { grade: { level: "A", points: 3 } } })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, changes: { grade: { level: " B ", points: null } } })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, changes: { grade: { level: "b", points: null } } })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, changes: { grade: { level: null, points: -1 } } })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, changes: { grade: { level: null } } })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, changes: { grade: { level: null, points: 2 }, x: 1 } })),
  fc.constant((m: Record<string, unknown>) => {
    const identity = m.identity as Record<string, unknown>;
    return { ...m, identity: { ...identity, memberId: ` ${identity.memberId as string}` } };
  }),
  fc.constant((m: Record<string, unknown>) => {
    // Trimmed by the schema: the value it returns differs from the one sent.
    const identity = m.identity as Record<string, unknown>;
    return { ...m, identity: { ...identity, componentId: `${identity.componentId as string}\t` } };
  }),
  fc.constant((m: Record<string, unknown>) => {
    // A key written from the untrimmed member id: the schema trims the id, then the key no longer matches.
    const sent = m.identity as Record<string, string>;
    const identity: Record<string, string> = { ...sent, memberId: ` ${sent.memberId}` };
    const key = scoreKey(
      identity.editionId as string,
      identity.participantId as string,
      identity.indicatorId as string,
      identity.memberId as string,
    );
    return { ...m, identity, key };
  }),
  fc.constant((m: Record<string, unknown>) => {
    const identity = m.identity as Record<string, unknown>;
    return { ...m, identity: { ...identity, rubricVersion: -2 } };
  }),
  fc.constant((m: Record<string, unknown>) => {
    const { componentId: _, ...identity } = m.identity as Record<string, unknown>;
    return { ...m, identity };
  }),
  fc.constant((m: Record<string, unknown>) => {
    const { stamp: _, ...rest } = m;
    return rest;
  }),
  fc.constant((m: Record<string, unknown>) => {
    const identity = m.identity as Record<string, unknown>;
    return { ...m, identity: reordered(identity, [5, 4, 3, 2, 1, 0]) };
  }),
);

describe("a pushed mutation is validated exactly as MutationSchema does, faster for a tablet's score", () => {
  test("same verdict, same errors, same value in the same key order, over fuzzed valid and broken inputs", () => {
    fc.assert(
      fc.property(validScore, variant, (mutation, change) => {
        // Through JSON, as the server receives it.
        const input = JSON.parse(JSON.stringify(change(mutation)));
        const slow = validate(MutationSchema, input, "id");
        const viaFastPath = validateMutation(input, "id");
        expect(viaFastPath).toEqual(slow);
        const fast = fastScoreMutation(input);
        if (fast !== null) {
          expect(slow.ok).toBe(true);
          if (slow.ok) expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.value));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("answers for every score a tablet sends, in canonical JSON's key order (the payload hash needs no copy)", () => {
    fc.assert(
      fc.property(validScore, (mutation) => {
        const fast = fastScoreMutation(JSON.parse(JSON.stringify(mutation)));
        expect(fast).not.toBeNull();
        expect(JSON.stringify(fast)).toBe(canonicalJson(fast));
      }),
      { numRuns: 300 },
    );
    // The test suite's own builders, as the sync worker sends them.
    for (const m of [docScore("m-teknis"), paparanScore("m-ketua")])
      expect(fastScoreMutation(JSON.parse(JSON.stringify(m)))).not.toBeNull();
  });

  test("leaves sheets and nominations to the schema, which still answers for them", () => {
    for (const m of [sheetChange("m-ketua", "p-5201", { strengths: "Data rapi" }), nomination("m-ketua", "p-5201")]) {
      const input = JSON.parse(JSON.stringify(m));
      expect(fastScoreMutation(input)).toBeNull();
      expect(validateMutation(input, "en")).toEqual(validate(MutationSchema, input, "en"));
      expect(validateMutation(input, "en").ok).toBe(true);
    }
  });

  test("a validated mutation of any table comes out in canonical key order", () => {
    for (const m of [
      docScore("m-teknis"),
      sheetChange("m-ketua", "p-5201", { recused: false }),
      nomination("m-ketua", "p-1"),
    ]) {
      const reversed = Object.fromEntries(Object.entries(JSON.parse(JSON.stringify(m))).reverse());
      const result = validate(MutationSchema, reversed, "id");
      expect(result.ok).toBe(true);
      if (result.ok) expect(JSON.stringify(result.value)).toBe(canonicalJson(result.value));
    }
  });
});
