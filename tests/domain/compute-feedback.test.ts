/*
 * Feedback is built apart from computeResults (compute-feedback.ts), only where it is
 * read. Checked here: it is a function of the records and the results computed from
 * them — every participant in the results' order, unchanged by the order the records
 * arrive in — and `withFeedback` adds it without touching anything else.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeResultsWithFeedback, feedbackOf, withFeedback } from "../../src/domain/compute-feedback.ts";
import { computeResults } from "../../src/domain/compute-results.ts";
import { maluku2020Sample } from "../../src/domain/templates/index.ts";

const sample = maluku2020Sample();
const results = computeResults(sample);

/** The same items in any order: fast-check's permutation, as compute-results.test.ts uses it. */
const anyOrder = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length });

describe("feedbackOf", () => {
  it("gives every participant of the results, in their order", () => {
    const feedback = feedbackOf(sample, results);
    expect(feedback.map((f) => f.participantId)).toEqual(results.participants.map((p) => p.participantId));
    expect(feedback.some((f) => f.indicators.some((i) => i.reached !== null))).toBe(true);
  });

  it("does not depend on the order the records, members and sheets arrive in", () => {
    const expected = feedbackOf(sample, results);
    fc.assert(
      fc.property(
        anyOrder(sample.members),
        anyOrder(sample.scores),
        anyOrder(sample.sheets),
        anyOrder(sample.nominations),
        (members, scores, sheets, nominations) => {
          const input = { ...sample, members, scores, sheets, nominations };
          expect(feedbackOf(input, computeResults(input))).toEqual(expected);
        },
      ),
      { numRuns: 20 },
    );
  });

  it("withFeedback adds the feedback and leaves the results as they were", () => {
    const before = structuredClone(results);
    const full = withFeedback(sample, results);
    const { feedback, ...rest } = full;
    expect(rest).toEqual(before);
    expect(results).toEqual(before);
    expect(feedback).toEqual(feedbackOf(sample, results));
    expect(computeResultsWithFeedback(sample)).toEqual(full);
  });
});
