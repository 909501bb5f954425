/*
 * Every district's feedback (feedback.ts) from an edition's records and the results
 * computed from them. Invariants:
 * - `feedbackOf(input, computeResults(input))` is exactly what computeResults gave as
 *   `feedback` before it moved here: the same indicator positions (the results' slot
 *   order), the same sheets and members of the edition, the same settings.
 * - It is built only where it is read — the feedback tab, the letters, a publication,
 *   the results API — never by the screens that rank and moderate, which recompute
 *   results on every refresh; at national scale it is four tenths of a results call's
 *   output objects.
 */
import { computeResults } from "./compute-results.ts";
import { buildFeedback, type FeedbackIndicator } from "./feedback.ts";
import type { ParticipantFeedback, Results, ResultsInput, ResultsWithFeedback } from "./results.ts";
import { type ComponentPlan, indexEdition } from "./results-index.ts";
import { maxLetterValue } from "./scoring.ts";

/** Indexes the edition again (a small part of a results call) rather than carry the index inside `Results`. */
export const feedbackOf = (input: ResultsInput, results: Results): ParticipantFeedback[] => {
  const { settings } = input.edition;
  const index = indexEdition(input, maxLetterValue(settings.letterValues));
  const indicators: FeedbackIndicator[] = [];
  for (const slot of index.slots) {
    const plan = index.plans[slot.component] as ComponentPlan;
    if (plan.levels)
      indicators.push({ indicator: slot.indicator, componentId: plan.component.id, position: slot.index });
  }
  return buildFeedback({
    participants: results.participants,
    indicators,
    sheets: index.sheets,
    knownMember: (memberId) => index.mIndex.has(memberId),
    letterValues: settings.letterValues,
    precision: settings.precision,
  });
};

export const withFeedback = (input: ResultsInput, results: Results): ResultsWithFeedback => ({
  ...results,
  feedback: feedbackOf(input, results),
});

/** Results and feedback in one call, for the callers that need both (publishing, the results API). */
export const computeResultsWithFeedback = (input: ResultsInput): ResultsWithFeedback =>
  withFeedback(input, computeResults(input));
