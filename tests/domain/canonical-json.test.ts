import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { canonicalJson, sameJson } from "../../src/domain/canonical-json.ts";
import { shownValue } from "../../src/domain/shown-value.ts";
import { payloadHash } from "../../src/server/push.ts";
import { checksumOf } from "../../src/storage/export-file.ts";
import { aScore, aSheet } from "../fixtures/builders.ts";
import { paparanScore } from "../server/mutations.ts";

/** A mutation as a tablet sends it, with fuzzed text and an arbitrary extra member. */
const fuzzedMutation = fc
  .record({ note: fc.string(), extra: fc.jsonValue(), key: fc.string({ minLength: 1, maxLength: 6 }) })
  .map(({ note, extra, key }) => {
    const m = paparanScore("m-ketua");
    return { ...m, changes: { ...m.changes, note }, [key]: extra } as typeof m;
  });

describe("one canonical JSON for the page, the worker and the server", () => {
  test("an export checksum and a push hash of the same value are the same SHA-256", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fuzzedMutation), async (value) => {
        expect(await checksumOf(value)).toBe(payloadHash(value as Parameters<typeof payloadHash>[0]));
      }),
      { numRuns: 300 },
    );
  });

  test("survives a JSON round trip and ignores key order", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const reversed =
          value !== null && typeof value === "object" && !Array.isArray(value)
            ? Object.fromEntries(Object.entries(value).reverse())
            : value;
        expect(canonicalJson(reversed)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  test("worked examples: sorted keys, index-like keys, undefined dropped or null in arrays", () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: "x" }], 10: true, 9: false })).toBe(
      '{"10":true,"9":false,"a":[{"c":"x"}],"b":1}',
    );
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
  });
});

describe("shownValue", () => {
  test("a score's grade is its level and points; a missing field or record is null", () => {
    const score = aScore({ level: "B", points: null });
    expect(shownValue(score, "grade")).toEqual({ level: "B", points: null });
    expect(shownValue(score, "note")).toBe(score.note);
    expect(shownValue(aSheet(), "nominated")).toBeNull();
    expect(shownValue(undefined, "grade")).toBeNull();
  });
});
