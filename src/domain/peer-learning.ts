/*
 * Peer learning: for every level-graded indicator, the districts that reached
 * its top level with the panel's evidence notes, so a district at C knows whom
 * to learn from; and the most inspiratif / replikatif / inovatif with the
 * reasons given. Built from the feedback letters, so the notes carry the same
 * anonymity and de-duplication. Only published data should reach it: the
 * caller passes a publication's letters, never live ones.
 */
import type { FeedbackLetter } from "./feedback-letter.ts";
import { levelLadder } from "./feedback.ts";
import { type LetterNote, type NoteOptions, reasonNotes } from "./panel-notes.ts";
import type { AwardResult, LevelTarget, NominationReason } from "./results.ts";
import type { AksiNumber, AwardCategory, LocalText, Rubric } from "./types.ts";

export type PeerExample = { participantId: string; name: string; observer: boolean; evidence: LetterNote[] };

export type PeerIndicator = {
  indicatorId: string;
  code: string;
  aksi: AksiNumber | null;
  text: LocalText;
  top: LevelTarget;
  /** In the letters' order (the edition's participant order). */
  reachedTop: PeerExample[];
};

export type PeerAward = {
  category: AwardCategory;
  rule: "nomination-count" | "indicator-rule";
  winners: { participantId: string; name: string; reasons: LetterNote[] }[];
};

export type PeerLearning = { indicators: PeerIndicator[]; awards: PeerAward[] };

export const buildPeerLearning = (
  rubric: Rubric,
  letterValues: Readonly<Record<string, number>>,
  letters: readonly FeedbackLetter[],
  awards: readonly AwardResult[],
  notes: NoteOptions,
): PeerLearning => {
  const indicators: PeerIndicator[] = [];
  for (const component of rubric.components) {
    if (component.scale !== "levels") continue;
    for (const indicator of component.indicators) {
      const ladder = levelLadder(indicator.levels, letterValues);
      const top = ladder[ladder.length - 1];
      if (!top) continue;
      const reachedTop: PeerExample[] = [];
      for (const letter of letters) {
        const line = letter.indicators.find((i) => i.indicatorId === indicator.id);
        if (line?.reached?.letter !== top.level.letter) continue;
        reachedTop.push({
          participantId: letter.participantId,
          name: letter.name,
          observer: letter.observer,
          evidence: line.evidence,
        });
      }
      indicators.push({
        indicatorId: indicator.id,
        code: indicator.code,
        aksi: indicator.aksi,
        text: indicator.text,
        top: { letter: top.level.letter, descriptor: top.level.descriptor },
        reachedTop,
      });
    }
  }
  const names = new Map(letters.map((l) => [l.participantId, l.name]));
  const peerAwards: PeerAward[] = [];
  for (const a of awards) {
    if (a.kind === "best-n") continue;
    const winners: { participantId: string; reasons?: NominationReason[] }[] = a.winners;
    peerAwards.push({
      category: a.category,
      rule: a.kind,
      winners: winners.map((w) => ({
        participantId: w.participantId,
        name: names.get(w.participantId) ?? w.participantId,
        reasons: reasonNotes(w.reasons ?? [], notes),
      })),
    });
  }
  return { indicators, awards: peerAwards };
};
