import { describe, expect, it } from "vitest";
import { diffPublications, publicationContent, publish, verifyPublication } from "../../src/domain/publication.ts";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { sha256Hex } from "../../src/domain/sha256.ts";
import { LETTERS_2021, letterScenario, resultsOf } from "../fixtures/letter-scenario.ts";

const deps = { canonicalJson, sha256Hex };
const bundle = letterScenario();
const results = resultsOf(bundle);

const first = async () => {
  const plan = await publish(
    publicationContent(bundle, results),
    { publishedAt: "2021-07-19T10:00:00.000Z", publishedBy: "koordinator", latest: null },
    deps,
  );
  if (plan.kind !== "publish") throw new Error("expected a publication");
  return plan;
};

describe("publication snapshot", () => {
  it("is version 1 with a content hash anyone can recompute", async () => {
    const { publication, diff } = await first();
    expect(publication.version).toBe(1);
    expect(publication.previousHash).toBeNull();
    expect(publication.contentHash).toBe(await sha256Hex(canonicalJson(publication.content)));
    expect(await verifyPublication(publication, deps)).toBe(true);
    expect(diff).toBeNull();
  });

  it("is frozen and does not follow later changes to the live results", async () => {
    const live = resultsOf(bundle);
    const plan = await publish(
      publicationContent(bundle, live),
      { publishedAt: "t", publishedBy: "k", latest: null },
      deps,
    );
    if (plan.kind !== "publish") throw new Error("expected a publication");
    (live.participants[0] as { total: number | null }).total = 1;
    expect(plan.publication.content.results.participants[0]?.total).toBe(84.5);
    expect(Object.isFrozen(plan.publication.content.results.participants[0])).toBe(true);
    expect(() => {
      (plan.publication.content.results.participants[0] as { total: number | null }).total = 2;
    }).toThrow();
  });

  it("detects tampering with the published content", async () => {
    const { publication } = await first();
    const copy = JSON.parse(JSON.stringify(publication));
    copy.content.results.participants[0].total = 99;
    expect(await verifyPublication(copy, deps)).toBe(false);
  });

  it("publishing identical content again makes no new version", async () => {
    const { publication } = await first();
    const again = await publish(
      publicationContent(bundle, resultsOf(bundle)),
      { publishedAt: "later", publishedBy: "k", latest: publication },
      deps,
    );
    expect(again).toEqual({ kind: "unchanged", latest: publication });
  });
});

describe("republishing after a change", () => {
  it("makes version 2 and says which ranks, totals, awards and letters changed", async () => {
    const { publication: v1 } = await first();
    // B's panel revises 1.1 from C to A: B overtakes A.
    const revised = letterScenario(2021, { ...LETTERS_2021, B: ["A", "A", 80] });
    const plan = await publish(
      publicationContent(revised, resultsOf(revised)),
      { publishedAt: "t2", publishedBy: "k", latest: v1 },
      deps,
    );
    if (plan.kind !== "publish") throw new Error("expected a publication");
    const { publication: v2, diff } = plan;
    expect(v2.version).toBe(2);
    expect(v2.previousHash).toBe(v1.contentHash);
    expect(v2.contentHash).not.toBe(v1.contentHash);
    expect(diff?.ranks).toEqual([
      { participantId: "A", name: "Kabupaten A", group: "Lokus 2019", from: 1, to: 2 },
      { participantId: "B", name: "Kabupaten B", group: "Lokus 2019", from: 2, to: 1 },
    ]);
    // B: dok (100 + 100)/2 × 0.6 + 80 × 0.4 = 92.
    expect(diff?.totals).toEqual([{ participantId: "B", name: "Kabupaten B", from: 65.5, to: 92 }]);
    expect(diff?.awardsAdded).toEqual([
      { award: "best-n", group: "Lokus 2019", participantId: "B", rank: 1 },
      { award: "best-n", group: "Lokus 2019", participantId: "A", rank: 2 },
    ]);
    expect(diff?.awardsRemoved).toEqual([
      { award: "best-n", group: "Lokus 2019", participantId: "A", rank: 1 },
      { award: "best-n", group: "Lokus 2019", participantId: "B", rank: 2 },
    ]);
    expect(diff?.lettersChanged).toEqual(expect.arrayContaining(["A", "B"]));
    expect(diffPublications(v2, v2).ranks).toEqual([]);
  });
});

describe("publication hash", () => {
  it("does not depend on the order in which object keys were written", async () => {
    const { publication } = await first();
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed);
      if (value !== null && typeof value === "object") {
        return Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .reverse()
            .map(([k, v]) => [k, reversed(v)]),
        );
      }
      return value;
    };
    const again = await publish(
      reversed(publicationContent(bundle, resultsOf(bundle))) as ReturnType<typeof publicationContent>,
      { publishedAt: "later", publishedBy: "k", latest: publication },
      deps,
    );
    expect(again.kind).toBe("unchanged");
  });
});
