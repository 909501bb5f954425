/*
 * Synthetic but valid editions and records for the benchmarks that need more than
 * the NTB 2021 sample holds: a 200-panelist load edition, a 100,000-score pull
 * edition, and a national results edition. Built from the real rubric template
 * pieces so the server's schemas and cross-checks accept them; the server seeds
 * them through importBundle after parseBundle, so an invalid builder fails loudly.
 * Deterministic (no Math.random) so every run measures the same data.
 */
import { formatStamp } from "../../src/domain/hlc.ts";
import { scoreKey } from "../../src/domain/keys.ts";
import { defaultSettings } from "../../src/domain/settings.ts";
import {
  eightAksiRubricTemplate,
  PAMERAN_ID,
  PAPARAN_ID,
  pameranComponent,
  paparanComponent,
} from "../../src/domain/templates/index.ts";
import type {
  Edition,
  Indicator,
  Member,
  Participant,
  Rubric,
  RubricComponent,
  ScoreRecord,
} from "../../src/domain/types.ts";
import { seededRandom } from "../../src/domain/ids.ts";
import type { Mutation } from "../../src/protocol/mutation.ts";
import type { EditionImport } from "../../src/protocol/wire.ts";

const LETTERS = ["A", "B", "C", "D"] as const;

/** Deterministic data run to run: the domain's own seeded generator (mulberry32). */
export const seeded = seededRandom;

const anEdition = (id: string, rubricId: string): Edition => ({
  id,
  provinceCode: "52",
  provinceName: "Nusa Tenggara Barat",
  year: 2021,
  periodAssessed: "2020",
  title: { id: `Edisi uji beban ${id}`, en: `Benchmark edition ${id}` },
  aksiInScope: [1, 2, 3, 4, 5, 6, 7, 8],
  mode: "offline",
  startDate: "2021-07-19",
  endDate: "2021-07-19",
  venue: "Aula Bappeda",
  rubricId,
  settings: defaultSettings(),
  isSample: true,
});

const participantsFor = (editionId: string, count: number): Participant[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `p-${String(i + 1).padStart(4, "0")}`,
    editionId,
    // Region codes are 4 digits; uniqueness is not required by the schema, only the format.
    regionCode: String(1000 + (i % 9000)),
    name: `Kabupaten Uji ${i + 1}`,
    kind: "kabupaten" as const,
    rankingGroup: "Semua",
    role: "assessed" as const,
  }));

/** 200 panelists scoring paparan + pameran for every participant: the load edition. */
export const loadEdition = (members: number, participants: number): EditionImport => {
  const editionId = "bench-load";
  const rubric = eightAksiRubricTemplate(editionId, { isTemplate: false });
  const ps = participantsFor(editionId, participants);
  const ids = ps.map((p) => p.id);
  const ms: Member[] = Array.from({ length: members }, (_, i) => ({
    id: `m-${String(i + 1).padStart(3, "0")}`,
    editionId,
    name: `Panelis Uji ${i + 1}`,
    agency: "Bappeda",
    role: i === 0 ? ("ketua" as const) : ("anggota" as const),
    assignments: [
      { componentId: PAPARAN_ID, participantIds: ids },
      { componentId: PAMERAN_ID, participantIds: ids },
    ],
  }));
  return { edition: anEdition(editionId, rubric.id), rubric, participants: ps, members: ms };
};

const levelIndicator = (n: number): Indicator => ({
  id: `ind-b${n}`,
  code: `B${n}`,
  aksi: (((n - 1) % 8) + 1) as Indicator["aksi"],
  text: { id: `Indikator uji ${n}`, en: `Benchmark indicator ${n}` },
  levels: LETTERS.map((letter) => ({ letter, descriptor: { id: `Tingkat ${letter}` } })),
});

const levelComponent = (id: string, indicators: number, team: RubricComponent["team"]): RubricComponent => ({
  id,
  name: { id: "Reviu dokumen (uji)", en: "Document review (benchmark)" },
  weight: 60,
  team,
  scale: "levels",
  indicators: Array.from({ length: indicators }, (_, i) => levelIndicator(i + 1)),
});

const aRubric = (editionId: string, components: RubricComponent[]): Rubric => ({
  id: `rubric-${editionId}`,
  editionId,
  version: 1,
  name: { id: "Rubrik uji", en: "Benchmark rubric" },
  isTemplate: false,
  components,
});

export const PULL_MEMBER_ID = "m-teknis";

/** One technical reviewer who owns participants × indicators scores: the device that pulls them all. */
export const pullEdition = (participants: number, indicators: number, millis: number): EditionImport => {
  const editionId = "bench-pull";
  const doc = levelComponent("doc", indicators, "technical");
  const rubric = aRubric(editionId, [{ ...doc, weight: 100 }]);
  const ps = participantsFor(editionId, participants);
  const member: Member = {
    id: PULL_MEMBER_ID,
    editionId,
    name: "Tim Teknis Uji",
    agency: "Bappeda",
    role: "technical",
    assignments: [{ componentId: doc.id, participantIds: ps.map((p) => p.id) }],
  };
  const random = seeded(42);
  const scores: ScoreRecord[] = [];
  for (const p of ps)
    for (const ind of doc.indicators)
      scores.push({
        key: scoreKey(editionId, p.id, ind.id, member.id),
        editionId,
        participantId: p.id,
        componentId: doc.id,
        indicatorId: ind.id,
        memberId: member.id,
        level: LETTERS[Math.floor(random() * 4)] as string,
        points: null,
        note: "",
        rubricVersion: 1,
        stamps: { grade: formatStamp(millis, 0, "seed") },
        version: 0,
      });
  return { edition: anEdition(editionId, rubric.id), rubric, participants: ps, members: [member], scores };
};

/**
 * National scale for computeResults: every member scores every indicator of every
 * participant (19 level indicators + the 7 paparan and 4 pameran criteria = 30).
 */
export const nationalResultsInput = (participants: number, members: number) => {
  const editionId = "bench-national";
  const doc = { ...levelComponent("doc", 19, "panel") };
  const rubric = aRubric(editionId, [doc, paparanComponent(), pameranComponent()]);
  const ps = participantsFor(editionId, participants);
  const ids = ps.map((p) => p.id);
  const ms: Member[] = Array.from({ length: members }, (_, i) => ({
    id: `m-${String(i + 1).padStart(2, "0")}`,
    editionId,
    name: `Panelis Nasional ${i + 1}`,
    agency: "Bappenas",
    role: i === 0 ? ("ketua" as const) : ("anggota" as const),
    assignments: rubric.components.map((c) => ({ componentId: c.id, participantIds: ids })),
  }));
  const random = seeded(7);
  const scores: ScoreRecord[] = [];
  for (const p of ps)
    for (const m of ms)
      for (const c of rubric.components)
        for (const ind of c.indicators) {
          const levels = c.scale === "levels";
          scores.push({
            key: scoreKey(editionId, p.id, ind.id, m.id),
            editionId,
            participantId: p.id,
            componentId: c.id,
            indicatorId: ind.id,
            memberId: m.id,
            level: levels ? (LETTERS[Math.floor(random() * 4)] as string) : null,
            points: levels ? null : 40 + Math.floor(random() * 61),
            note: "",
            rubricVersion: 1,
            stamps: {},
            version: 0,
          });
        }
  return {
    edition: { ...anEdition(editionId, rubric.id), title: { id: "Edisi nasional (uji)", en: "National (benchmark)" } },
    rubric,
    participants: ps,
    members: ms,
    scores,
    sheets: [],
    nominations: [],
  };
};

/** One scoreable cell of a member: what a tap on a tablet would write. */
export type Cell = {
  participantId: string;
  componentId: string;
  indicatorId: string;
  scale: "levels" | "numeric";
  maxPoints: number;
};

export const cellsOf = (member: Member, rubric: Rubric): Cell[] => {
  const cells: Cell[] = [];
  for (const a of member.assignments) {
    const component = rubric.components.find((c) => c.id === a.componentId);
    if (!component) continue;
    for (const participantId of a.participantIds)
      for (const ind of component.indicators)
        cells.push({
          participantId,
          componentId: component.id,
          indicatorId: ind.id,
          scale: component.scale,
          maxPoints: ind.maxPoints ?? 100,
        });
  }
  return cells;
};

let mutationCounter = 0;

/** Unique, schema-valid mutation ids (≤ 64 chars) without randomness. */
export const nextMutationId = (prefix: string): string => `${prefix}-${(++mutationCounter).toString(36)}`;

/** A device's outbox writer: seq strictly increasing, stamps strictly increasing and never in the future. */
export type DeviceWriter = {
  deviceId: string;
  memberId: string;
  editionId: string;
  rubricVersion: number;
  next(cell: Cell, value: number): Mutation;
};

export const deviceWriter = (deviceId: string, member: Member, rubricVersion: number): DeviceWriter => {
  let seq = 0;
  let lastMillis = 0;
  let counter = 0;
  return {
    deviceId,
    memberId: member.id,
    editionId: member.editionId,
    rubricVersion,
    next(cell, value) {
      seq += 1;
      // HLC style: wall clock, bumped by a counter when two changes share a millisecond.
      const wall = Date.now();
      if (wall > lastMillis) {
        lastMillis = wall;
        counter = 0;
      } else if (counter < 0xfff0) counter += 1;
      else {
        lastMillis += 1;
        counter = 0;
      }
      const identity = {
        editionId: member.editionId,
        participantId: cell.participantId,
        componentId: cell.componentId,
        indicatorId: cell.indicatorId,
        memberId: member.id,
        rubricVersion,
      };
      const grade =
        cell.scale === "levels"
          ? { level: LETTERS[value % 4] as string, points: null }
          : { level: null, points: value % (cell.maxPoints + 1) };
      return {
        table: "scores",
        identity,
        changes: { grade },
        mutationId: nextMutationId(deviceId),
        deviceId,
        seq,
        key: scoreKey(identity.editionId, identity.participantId, identity.indicatorId, identity.memberId),
        baseVersion: 0,
        stamp: formatStamp(lastMillis, counter, deviceId),
      };
    },
  };
};
