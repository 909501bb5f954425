/*
 * The official region list (provinces and kabupaten/kota with Kemendagri codes) parsed
 * from the `idn-area-data` CSV files. Codes lose their dot ("52.01" → "5201"); a
 * kabupaten is named without the word "Kabupaten" ("Lombok Barat"), a city keeps
 * "Kota" ("Kota Mataram"), as the assessments print them. Pure: callers pass the text.
 */
import type { Participant, ParticipantKind } from "./types.ts";

export type Regency = { code: string; provinceCode: string; name: string; kind: ParticipantKind };

export type Province = { code: string; name: string; regencies: Regency[] };

const rows = (csv: string): string[][] =>
  csv
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== "")
    .map((l) => l.split(",").map((c) => c.trim()));

const regencyOf = ([code = "", provinceCode = "", full = ""]: string[]): Regency => {
  const kota = /^Kota\b/i.test(full);
  return {
    code: code.replace(".", ""),
    provinceCode,
    name: kota ? full : full.replace(/^Kabupaten\s+/i, ""),
    kind: kota ? "kota" : "kabupaten",
  };
};

/** Provinces by code, each with its kabupaten/kota by code (kabupaten 01… before kota 71…). */
export const parseRegions = (provincesCsv: string, regenciesCsv: string): Province[] => {
  const byProvince = new Map<string, Regency[]>();
  for (const row of rows(regenciesCsv)) {
    const r = regencyOf(row);
    byProvince.set(r.provinceCode, [...(byProvince.get(r.provinceCode) ?? []), r]);
  }
  return rows(provincesCsv)
    .map(([code = "", name = ""]) => ({
      code,
      name,
      regencies: (byProvince.get(code) ?? []).sort((a, b) => a.code.localeCompare(b.code)),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
};

/** A participant for a regency; the id is stable per edition so picking twice adds nothing. */
export const participantFromRegency = (
  editionId: string,
  r: Regency,
  rankingGroup: string,
  observer = false,
): Participant => ({
  id: `p-${r.code}`,
  editionId,
  regionCode: r.code,
  name: r.name,
  kind: r.kind,
  rankingGroup,
  role: observer ? "observer" : "assessed",
});

/** Ranking groups already used, most used first, then the usual labels for the edition's year. */
export const rankingGroupSuggestions = (participants: readonly Participant[], year: number): string[] => {
  const counts = new Map<string, number>();
  for (const p of participants) if (p.rankingGroup) counts.set(p.rankingGroup, (counts.get(p.rankingGroup) ?? 0) + 1);
  const used = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([g]) => g);
  const usual = [year - 3, year - 2, year - 1, year].map((y) => `Lokus ${y}`);
  return [...new Set([...used, ...usual, "Aksi 1–4", "Aksi 5–8"])];
};
