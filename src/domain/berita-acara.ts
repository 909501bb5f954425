/*
 * The content of the Berita Acara / Hasil Penilaian Kinerja: the customary
 * opening with the day and date in words, how the assessment was run, its
 * scope, results per ranking group, awards with reasons, recommendations, the
 * rules in force and the signature block. Invariants: it is built only from
 * a publication's content (or a draft's, which then carries no version and
 * prints as DRAFT) and the edition's reference data, and says nothing the
 * results do not say; wording around these facts belongs to the UI's
 * catalogues.
 */
import { type DateInWords, dateInWords } from "./date-words.ts";
import { type MethodNote, methodNote } from "./feedback-letter.ts";
import { type LetterNote, reasonNotes } from "./panel-notes.ts";
import type { PublicationContent } from "./publication.ts";
import type { AwardCategory, EditionBundle, EditionMode, LocalText, MemberRole } from "./types.ts";

export type BeritaAcaraRow = {
  rank: number;
  shared: boolean;
  tieBreakApplied: boolean;
  name: string;
  regionCode: string;
  total: number;
};

export type BeritaAcaraGroup = { group: string; ranked: BeritaAcaraRow[]; incomplete: string[]; observers: string[] };

export type BeritaAcaraAward =
  | { kind: "best-n"; group: string; n: number; winners: { name: string; rank: number }[] }
  | {
      kind: "nomination" | "indicator-rule";
      category: AwardCategory;
      winners: { name: string; reasons: LetterNote[] }[];
    };

export type Signatory = { name: string; agency: string; role: MemberRole };

export type BeritaAcara = {
  title: LocalText;
  provinceName: string;
  year: number;
  periodAssessed: string;
  isSample: boolean;
  /** The first day, in words; null when the edition's start date is not a real date. */
  opening: DateInWords | null;
  startDate: string;
  endDate: string;
  mode: EditionMode;
  venue: string;
  participants: { name: string; regionCode: string; group: string; observer: boolean }[];
  panel: Signatory[];
  aksiInScope: number[];
  groups: BeritaAcaraGroup[];
  awards: BeritaAcaraAward[];
  /** Per district, the panel's de-duplicated priorities (anonymous), in participant order. */
  recommendations: { name: string; notes: LetterNote[] }[];
  rules: MethodNote & { tieBreak: unknown[]; awardRules: unknown[]; rubricVersion: number };
  /** Chair first, then members and technical reviewers; observers and coordinators do not sign. */
  signatures: Signatory[];
  /** Null for a draft printed before publishing: the document then says DRAFT. */
  publicationVersion: number | null;
  contentHash: string | null;
};

const SIGNING_ORDER: readonly MemberRole[] = ["ketua", "anggota", "technical"];

export const buildBeritaAcara = (
  reference: Pick<EditionBundle, "edition" | "rubric" | "participants" | "members">,
  published: { content: PublicationContent; version: number | null; contentHash: string | null },
): BeritaAcara => {
  const { edition, rubric } = reference;
  const { results, letters } = published.content;
  const names = new Map(results.participants.map((p) => [p.participantId, p]));
  const name = (id: string) => names.get(id)?.name ?? id;
  const noNames = { showNames: false, memberName: (id: string) => id };
  const signatories = reference.members
    .filter((m) => SIGNING_ORDER.includes(m.role))
    .sort((a, b) => SIGNING_ORDER.indexOf(a.role) - SIGNING_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, "id"))
    .map((m) => ({ name: m.name, agency: m.agency, role: m.role }));
  return {
    title: edition.title,
    provinceName: edition.provinceName,
    year: edition.year,
    periodAssessed: edition.periodAssessed,
    isSample: edition.isSample,
    opening: dateInWords(edition.startDate),
    startDate: edition.startDate,
    endDate: edition.endDate,
    mode: edition.mode,
    venue: edition.venue,
    participants: results.participants.map((p) => ({
      name: p.name,
      regionCode: p.regionCode,
      group: p.rankingGroup,
      observer: p.observer,
    })),
    panel: signatories,
    aksiInScope: [...edition.aksiInScope].sort((a, b) => a - b),
    groups: results.groups.map((g) => ({
      group: g.group,
      ranked: g.ranked.map((e) => ({
        rank: e.rank,
        shared: e.sharedWith.length > 0,
        tieBreakApplied: e.tieBreakApplied,
        name: name(e.participantId),
        regionCode: names.get(e.participantId)?.regionCode ?? "",
        total: e.roundedTotal,
      })),
      incomplete: g.incomplete.map(name),
      observers: g.observers.map(name),
    })),
    awards: results.awards.map((a): BeritaAcaraAward => {
      if (a.kind === "best-n") {
        return {
          kind: "best-n",
          group: a.group,
          n: a.n,
          winners: a.winners.map((w) => ({ name: name(w.participantId), rank: w.rank })),
        };
      }
      if (a.kind === "nomination-count") {
        return {
          kind: "nomination",
          category: a.category,
          winners: a.winners.map((w) => ({
            name: name(w.participantId),
            reasons: reasonNotes(w.reasons, noNames),
          })),
        };
      }
      return {
        kind: "indicator-rule",
        category: a.category,
        winners: a.winners.map((w) => ({ name: name(w.participantId), reasons: [] })),
      };
    }),
    recommendations: letters
      .filter((l) => l.priorities.length > 0)
      .map((l) => ({ name: l.name, notes: l.priorities.map((n) => ({ text: n.text, by: null })) })),
    rules: {
      ...methodNote(rubric, results),
      tieBreak: results.settings.tieBreak,
      awardRules: results.settings.awards,
      rubricVersion: results.rubricVersion,
    },
    signatures: signatories,
    publicationVersion: published.version,
    contentHash: published.contentHash,
  };
};
