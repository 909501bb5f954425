import { describe, expect, it } from "vitest";
import { buildBeritaAcara } from "../../src/domain/berita-acara.ts";
import { publicationContent, publish } from "../../src/domain/publication.ts";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { sha256Hex } from "../../src/domain/sha256.ts";
import { letterScenario, resultsOf } from "../fixtures/letter-scenario.ts";

const deps = { canonicalJson, sha256Hex };

const published = async () => {
  const bundle = letterScenario();
  bundle.members = bundle.members.map((m) =>
    m.id === "m3" ? { ...m, role: "ketua" as const, name: "Ketua Panel (contoh)" } : m,
  );
  bundle.members.push({
    ...bundle.members[0],
    id: "koord",
    role: "coordinator",
    name: "Sekretariat (contoh)",
    assignments: [],
  } as (typeof bundle.members)[number]);
  const plan = await publish(
    publicationContent(bundle, resultsOf(bundle)),
    { publishedAt: "2021-07-19T15:00:00.000Z", publishedBy: "koordinator", latest: null },
    deps,
  );
  if (plan.kind !== "publish") throw new Error("expected a publication");
  return { bundle, ba: buildBeritaAcara(bundle, plan.publication), publication: plan.publication };
};

describe("Berita Acara content", () => {
  it("opens with the day and date in words", async () => {
    const { ba } = await published();
    expect(ba.opening).toEqual({
      weekday: "Senin",
      day: "sembilan belas",
      month: "Juli",
      year: "dua ribu dua puluh satu",
    });
    expect([ba.startDate, ba.mode, ba.venue]).toEqual(["2021-07-19", "offline", "Aula Bappeda"]);
  });

  it("gives results per group with rounded totals, and the observer unranked", async () => {
    const { ba } = await published();
    expect(ba.groups).toEqual([
      {
        group: "Lokus 2019",
        ranked: [
          { rank: 1, shared: false, tieBreakApplied: false, name: "Kabupaten A", regionCode: "81A", total: 84.5 },
          { rank: 2, shared: false, tieBreakApplied: false, name: "Kabupaten B", regionCode: "81B", total: 65.5 },
          { rank: 3, shared: false, tieBreakApplied: false, name: "Kabupaten C", regionCode: "81C", total: 46.5 },
        ],
        incomplete: [],
        observers: ["Kabupaten OBS"],
      },
    ]);
  });

  it("lists awards with the nomination reasons, anonymous", async () => {
    const { ba } = await published();
    expect(ba.awards).toEqual([
      {
        kind: "best-n",
        group: "Lokus 2019",
        n: 3,
        winners: [
          { name: "Kabupaten A", rank: 1 },
          { name: "Kabupaten B", rank: 2 },
          { name: "Kabupaten C", rank: 3 },
        ],
      },
      {
        kind: "nomination",
        category: "inovatif",
        winners: [{ name: "Kabupaten A", reasons: [{ text: "Aplikasi pemantauan desa (contoh)", by: null }] }],
      },
    ]);
  });

  it("gathers recommendations per district and the rules in force", async () => {
    const { ba } = await published();
    expect(ba.recommendations).toEqual([
      { name: "Kabupaten A", notes: [{ text: "Publikasikan data stunting (contoh)", by: null }] },
    ]);
    expect(ba.rules.weights.map((w) => w.share)).toEqual([60, 40]);
    expect(ba.rules.awardRules).toEqual([
      { kind: "best-n", n: 3 },
      { kind: "nomination-count", category: "inovatif" },
    ]);
  });

  it("has the chair sign first, then members; the coordinator does not sign", async () => {
    const { ba, publication } = await published();
    expect(ba.signatures.map((s) => [s.name, s.role])).toEqual([
      ["Ketua Panel (contoh)", "ketua"],
      ["Panelis m1 (contoh)", "anggota"],
      ["Panelis m2 (contoh)", "anggota"],
    ]);
    expect(ba.contentHash).toBe(publication.contentHash);
    expect(ba.publicationVersion).toBe(1);
  });
});
