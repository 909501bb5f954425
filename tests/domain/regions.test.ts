import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRegions, participantFromRegency, rankingGroupSuggestions } from "../../src/domain/regions.ts";
import { ParticipantSchema, validate } from "../../src/domain/schemas.ts";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";

const read = (f: string) =>
  readFileSync(new URL(`../../node_modules/idn-area-data/data/${f}`, import.meta.url), "utf8");
const regions = parseRegions(read("provinces.csv"), read("regencies.csv"));

describe("official region list", () => {
  it("has 38 provinces and 514 kabupaten/kota with Kemendagri codes without the dot", () => {
    expect(regions).toHaveLength(38);
    expect(regions.flatMap((p) => p.regencies)).toHaveLength(514);
    const ntb = regions.find((p) => p.code === "52");
    expect(ntb?.name).toBe("Nusa Tenggara Barat");
    // The same list as the NTB sample's test on purpose: each states its expectation literally.
    expect(ntb?.regencies.map((r) => `${r.code} ${r.name}`)).toEqual([
      "5201 Lombok Barat",
      "5202 Lombok Tengah",
      "5203 Lombok Timur",
      "5204 Sumbawa",
      "5205 Dompu",
      "5206 Bima",
      "5207 Sumbawa Barat",
      "5208 Lombok Utara",
      "5271 Kota Mataram",
      "5272 Kota Bima",
    ]);
    expect(ntb?.regencies.filter((r) => r.kind === "kota").map((r) => r.code)).toEqual(["5271", "5272"]);
  });

  it("gives the same participants as the NTB 2021 sample, and every one is valid", () => {
    const sample = ntb2021Sample();
    const ntb = regions.find((p) => p.code === "52");
    const picked = (ntb?.regencies ?? []).map((r) => participantFromRegency(sample.edition.id, r, "G"));
    expect(picked.map((p) => [p.regionCode, p.name, p.kind])).toEqual(
      sample.participants.map((p) => [p.regionCode, p.name, p.kind]),
    );
    for (const p of regions.flatMap((prov) => prov.regencies.map((r) => participantFromRegency("e", r, "", true))))
      expect(validate(ParticipantSchema, p).ok).toBe(true);
  });

  it("suggests ranking groups already used first, then the usual Lokus years", () => {
    const ntb = regions.find((p) => p.code === "52")?.regencies ?? [];
    const ps = ["Lokus 2020", "Lokus 2019", "Lokus 2019"].map((g, i) =>
      participantFromRegency("e", ntb[i] as (typeof ntb)[number], g),
    );
    expect(rankingGroupSuggestions(ps, 2021).slice(0, 5)).toEqual([
      "Lokus 2019",
      "Lokus 2020",
      "Lokus 2018",
      "Lokus 2021",
      "Aksi 1–4",
    ]);
  });
});
