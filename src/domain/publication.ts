/*
 * A publication is a frozen, versioned copy of an edition's results and
 * feedback: what observers and districts read. Invariants:
 * - The content is a deep copy made through canonical JSON and then frozen,
 *   so a later change to live results can never reach a published version.
 * - `contentHash` is the SHA-256 of the canonical JSON of `content`; anyone
 *   can recompute it (`verifyPublication`), and it is what the screens show.
 * - Versions count up from 1 per edition; publishing content identical to the
 *   latest version makes no new version.
 * Canonical JSON and hashing are injected (they live outside the domain today).
 */
import { buildFeedbackLetters, type FeedbackLetter, type PreviousEdition } from "./feedback-letter.ts";
import { buildPeerLearning, type PeerLearning } from "./peer-learning.ts";
import type { AwardResult, ResultsWithFeedback } from "./results.ts";
import { roundTo } from "./statistics.ts";
import type { EditionBundle, LocalText } from "./types.ts";

export type PublicationContent = {
  edition: { id: string; title: LocalText; year: number; provinceName: string; isSample: boolean };
  /** With feedback, as publications have always stored it (so equal content keeps its hash). */
  results: ResultsWithFeedback;
  letters: FeedbackLetter[];
  peerLearning: PeerLearning;
};

export type Publication = {
  editionId: string;
  version: number;
  /** ISO 8601 from the injected clock. */
  publishedAt: string;
  publishedBy: string;
  contentHash: string;
  /** The hash of the version this one replaces; null for version 1. */
  previousHash: string | null;
  content: PublicationContent;
};

export type HashDeps = {
  canonicalJson: (value: unknown) => string;
  sha256Hex: (text: string) => Promise<string>;
};

export type PublishPlan =
  | { kind: "publish"; publication: Publication; diff: PublicationDiff | null }
  | { kind: "unchanged"; latest: Publication };

/** What a publication holds: results, every district's letter and the peer-learning digest, all from the same results. */
export const publicationContent = (
  bundle: EditionBundle,
  results: ResultsWithFeedback,
  options: { showNames?: boolean; previous?: PreviousEdition } = {},
): PublicationContent => {
  const letters = buildFeedbackLetters({ bundle, results, ...options });
  const members = new Map(bundle.members.map((m) => [m.id, m.name]));
  const { edition } = bundle;
  return {
    edition: {
      id: edition.id,
      title: edition.title,
      year: edition.year,
      provinceName: edition.provinceName,
      isSample: edition.isSample,
    },
    results,
    letters,
    peerLearning: buildPeerLearning(bundle.rubric, results.settings.letterValues, letters, results.awards, {
      showNames: options.showNames ?? false,
      memberName: (id) => members.get(id) ?? id,
    }),
  };
};

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

export const publish = async (
  content: PublicationContent,
  meta: { publishedAt: string; publishedBy: string; latest: Publication | null },
  deps: HashDeps,
): Promise<PublishPlan> => {
  const text = deps.canonicalJson(content);
  const contentHash = await deps.sha256Hex(text);
  const { latest } = meta;
  if (latest && latest.contentHash === contentHash) return { kind: "unchanged", latest };
  const publication: Publication = deepFreeze({
    editionId: content.edition.id,
    version: (latest?.version ?? 0) + 1,
    publishedAt: meta.publishedAt,
    publishedBy: meta.publishedBy,
    contentHash,
    previousHash: latest?.contentHash ?? null,
    content: JSON.parse(text) as PublicationContent,
  });
  return { kind: "publish", publication, diff: latest ? diffPublications(latest, publication) : null };
};

/** True when the content still hashes to the recorded hash. */
export const verifyPublication = async (publication: Publication, deps: HashDeps): Promise<boolean> =>
  (await deps.sha256Hex(deps.canonicalJson(publication.content))) === publication.contentHash;

export type RankChange = { participantId: string; name: string; group: string; from: number | null; to: number | null };

export type TotalChange = { participantId: string; name: string; from: number | null; to: number | null };

/** One award line: best-n by group and rank, nomination and indicator rules by category. */
export type AwardLine = { award: string; group: string | null; participantId: string; rank: number | null };

export type PublicationDiff = {
  fromVersion: number;
  toVersion: number;
  /** Participants whose rank changed (including becoming ranked or unranked). */
  ranks: RankChange[];
  /** Participants whose total changed at the display precision. */
  totals: TotalChange[];
  awardsAdded: AwardLine[];
  awardsRemoved: AwardLine[];
  participantsAdded: string[];
  participantsRemoved: string[];
  /** Participants whose feedback letter changed in any way. */
  lettersChanged: string[];
};

export const awardLines = (awards: readonly AwardResult[]): AwardLine[] =>
  awards.flatMap((a): AwardLine[] => {
    if (a.kind === "best-n") {
      return a.winners.map((w) => ({ award: "best-n", group: a.group, participantId: w.participantId, rank: w.rank }));
    }
    return a.winners.map((w) => ({ award: a.category, group: null, participantId: w.participantId, rank: null }));
  });

const lineKey = (l: AwardLine) => `${l.award}|${l.group ?? ""}|${l.participantId}|${l.rank ?? ""}`;

export const diffPublications = (from: Publication, to: Publication): PublicationDiff => {
  const before = new Map(from.content.results.participants.map((p) => [p.participantId, p]));
  const after = new Map(to.content.results.participants.map((p) => [p.participantId, p]));
  const precision = to.content.results.settings.precision;
  const rounded = (x: number | null) => (x === null ? null : roundTo(x, precision));
  const ranks: RankChange[] = [];
  const totals: TotalChange[] = [];
  for (const [id, p] of after) {
    const q = before.get(id);
    if (!q) continue;
    if (q.rank !== p.rank || q.rankingGroup !== p.rankingGroup) {
      ranks.push({ participantId: id, name: p.name, group: p.rankingGroup, from: q.rank, to: p.rank });
    }
    if (rounded(q.total) !== rounded(p.total))
      totals.push({ participantId: id, name: p.name, from: q.total, to: p.total });
  }
  const oldLines = new Map(awardLines(from.content.results.awards).map((l) => [lineKey(l), l]));
  const newLines = new Map(awardLines(to.content.results.awards).map((l) => [lineKey(l), l]));
  const oldLetters = new Map(from.content.letters.map((l) => [l.participantId, JSON.stringify(l)]));
  return {
    fromVersion: from.version,
    toVersion: to.version,
    ranks,
    totals,
    awardsAdded: [...newLines].filter(([k]) => !oldLines.has(k)).map(([, l]) => l),
    awardsRemoved: [...oldLines].filter(([k]) => !newLines.has(k)).map(([, l]) => l),
    participantsAdded: [...after.keys()].filter((id) => !before.has(id)),
    participantsRemoved: [...before.keys()].filter((id) => !after.has(id)),
    // Both sides were parsed from canonical JSON, so equal letters stringify identically.
    lettersChanged: to.content.letters
      .filter((l) => oldLetters.get(l.participantId) !== JSON.stringify(l))
      .map((l) => l.participantId),
  };
};
