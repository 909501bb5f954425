/** Why the server refuses a tablet's change for good (authorise-write.ts); each has words in both catalogues. */
export const REFUSAL_REASONS = [
  "wrong-device",
  "wrong-edition",
  "not-own-record",
  "role-cannot-write",
  "unknown-participant",
  "unknown-member",
  "unknown-indicator",
  "not-assigned",
  "sheet-finalised",
  "invalid-grade",
  "rubric-version-ahead",
  "rubric-version-unknown",
  "observer-participant",
  "edition-not-open",
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

const known: ReadonlySet<string> = new Set(REFUSAL_REASONS);

/** False for a code a newer server may send that this app has no words for. */
export const isRefusalReason = (code: string): code is RefusalReason => known.has(code);
