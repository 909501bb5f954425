/*
 * What a read-only link shows of a publication. Invariant: a district's link carries
 * only its own feedback letter, its ranking group's table and the peer-learning digest;
 * the other districts of its group appear only as a table line (name, code, rank,
 * total) and as the points its letter's charts draw (total, per-aksi value), never
 * with their notes, indicators or awards.
 */
import type { FeedbackLetter } from "./feedback-letter.ts";
import type { PeerLearning } from "./peer-learning.ts";
import type { PublicationContent } from "./publication.ts";

export type GroupRow = {
  participantId: string;
  name: string;
  regionCode: string;
  rank: number | null;
  total: number | null;
  observer: boolean;
};

export type GroupTable = { group: string; rows: GroupRow[] };

export type DistrictView = {
  edition: PublicationContent["edition"];
  letter: FeedbackLetter;
  /** The group's other letters reduced to what the charts draw. */
  cohort: FeedbackLetter[];
  table: GroupTable;
  peerLearning: PeerLearning;
  tieBreakCount: number;
};

const byRank = (a: GroupRow, b: GroupRow): number =>
  (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
  Number(a.observer) - Number(b.observer) ||
  a.name.localeCompare(b.name);

/** One table per ranking group, in the results' group order: ranked by rank, then unranked districts, then observers, each by name. */
export const groupTables = (content: PublicationContent): GroupTable[] => {
  const order = content.results.groups.map((g) => g.group);
  for (const l of content.letters) if (!order.includes(l.rankingGroup)) order.push(l.rankingGroup);
  return order.map((group) => ({
    group,
    rows: content.letters
      .filter((l) => l.rankingGroup === group)
      .map((l) => ({
        participantId: l.participantId,
        name: l.name,
        regionCode: l.regionCode,
        rank: l.rank,
        total: l.total,
        observer: l.observer,
      }))
      .sort(byRank),
  }));
};

/** The chart points of a letter, nothing the district wrote or was told. */
const chartPoints = (l: FeedbackLetter): FeedbackLetter => ({
  ...l,
  sharedWith: [],
  components: [],
  indicators: [],
  strengths: [],
  priorities: [],
  awards: [],
  previous: null,
});

/** The district's view of `content`; null when the publication has no letter for it. */
export const districtView = (content: PublicationContent, participantId: string): DistrictView | null => {
  const letter = content.letters.find((l) => l.participantId === participantId);
  if (!letter) return null;
  const table = groupTables(content).find((g) => g.group === letter.rankingGroup) ?? {
    group: letter.rankingGroup,
    rows: [],
  };
  return {
    edition: content.edition,
    letter,
    cohort: content.letters
      .filter((l) => l.rankingGroup === letter.rankingGroup && l.participantId !== participantId)
      .map(chartPoints),
    table,
    peerLearning: content.peerLearning,
    tieBreakCount: content.results.settings.tieBreak.length,
  };
};
