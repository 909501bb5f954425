/*
 * Panel notes as a district reads them. Invariants: notes are anonymous unless
 * the caller asks for names; the same remark written by several members (up to
 * case, spacing and closing punctuation) appears once; the order is stable
 * (first appearance in member-id order), so a letter never reshuffles.
 */

export type NoteSource = { memberId: string; text: string };

/** `by` is null when anonymous, else the authors' names in the order they wrote it. */
export type LetterNote = { text: string; by: string[] | null };

export type NoteOptions = {
  /** Off by default: a district sees what was said, not who said it. */
  showNames: boolean;
  memberName: (memberId: string) => string;
};

const comparable = (text: string): string =>
  text
    .normalize("NFKC")
    .toLocaleLowerCase("id")
    .replace(/\s+/g, " ")
    .replace(/[\s.!;,]+$/u, "")
    .trim();

export const collectNotes = (sources: readonly NoteSource[], options: NoteOptions): LetterNote[] => {
  const sorted = [...sources].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const byKey = new Map<string, { text: string; memberIds: string[] }>();
  for (const s of sorted) {
    const text = s.text.trim();
    if (!text) continue;
    const key = comparable(text);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { text, memberIds: [s.memberId] });
    else if (!seen.memberIds.includes(s.memberId)) seen.memberIds.push(s.memberId);
  }
  return [...byKey.values()].map(({ text, memberIds }) => ({
    text,
    by: options.showNames ? memberIds.map(options.memberName) : null,
  }));
};

/** Nomination reasons read like any other panel note. */
export const reasonNotes = (
  reasons: readonly { memberId: string; reason: string }[],
  options: NoteOptions,
): LetterNote[] =>
  collectNotes(
    reasons.map((r) => ({ memberId: r.memberId, text: r.reason })),
    options,
  );
