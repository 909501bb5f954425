import { computeResults } from "../../src/domain/compute-results.ts";
import type { EditionBundle } from "../../src/domain/types.ts";
import { coordinatorStore } from "../../src/state/coordinator.ts";

/** A signed-in coordinator looking at `bundle`, with its results computed as the screen would. */
export const seedCoordinatorStore = (bundle: EditionBundle): void => {
  coordinatorStore.setState({
    token: "t",
    editionId: bundle.edition.id,
    bundle: {
      edition: bundle.edition,
      rubric: bundle.rubric,
      participants: bundle.participants,
      members: bundle.members,
      version: 1,
    },
    data: {
      editionId: bundle.edition.id,
      version: 1,
      scores: bundle.scores,
      sheets: bundle.sheets,
      nominations: bundle.nominations,
      needsReview: [],
    },
    results: computeResults(bundle),
    resultsInput: bundle,
  });
};
