/*
 * An edition moves draft → open → closed → published, one step at a time, and may
 * step back only from closed to open (a late sheet), from open to draft (set-up
 * not finished, nothing scored yet — the caller says whether anything is scored), or
 * from published to open (a correction: what was published stays what read-only
 * links show until the next publication). Only publishing reaches "published": a
 * state change alone would publish nothing, so it is refused ("use-publish").
 * Tablets enrol and write only while it is open; closed and published are read-only.
 * An edition without a state predates states and counts as open.
 */
import type { Edition, EditionState } from "./types.ts";

export const EDITION_STATES = ["draft", "open", "closed", "published"] as const satisfies readonly EditionState[];

const FORWARD: Record<EditionState, EditionState | null> = {
  draft: "open",
  open: "closed",
  closed: "published",
  published: null,
};

const BACK: Record<EditionState, EditionState | null> = {
  draft: null,
  open: "draft",
  closed: "open",
  published: "open",
};

export const stateOf = (edition: Pick<Edition, "state">): EditionState => edition.state ?? "open";

export type TransitionRefusal = "same-state" | "not-allowed" | "has-scores" | "use-publish";

export type TransitionCheck = { ok: true } | { ok: false; reason: TransitionRefusal };

/** Whether `from → to` is allowed; `hasScores` guards reopening set-up on a scored edition. */
export const checkTransition = (from: EditionState, to: EditionState, hasScores: boolean): TransitionCheck => {
  if (from === to) return { ok: false, reason: "same-state" };
  if (to === "published") return { ok: false, reason: "use-publish" };
  if (FORWARD[from] === to) return { ok: true };
  if (BACK[from] === to) return from === "open" && hasScores ? { ok: false, reason: "has-scores" } : { ok: true };
  return { ok: false, reason: "not-allowed" };
};

/** States the coordinator may move to from here (buttons to show). */
export const nextStates = (from: EditionState, hasScores: boolean): EditionState[] =>
  EDITION_STATES.filter((to) => checkTransition(from, to, hasScores).ok);

/** Tablets may enrol and push scores only while the edition is open. */
export const acceptsScores = (edition: Pick<Edition, "state">): boolean => stateOf(edition) === "open";

/** The coordinator edits set-up (rubric, participants, panel) in draft and open, never after closing. */
export const acceptsSetupChanges = (edition: Pick<Edition, "state">): boolean => {
  const s = stateOf(edition);
  return s === "draft" || s === "open";
};
