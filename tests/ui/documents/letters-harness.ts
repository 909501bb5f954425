/*
 * The document screens' tests: coordinator messages loaded, one publication of the
 * file's bundle made once, and after each test the tree unmounted and Indonesian back.
 */
import { cleanup } from "@testing-library/preact";
import { afterEach, beforeAll } from "vitest";
import type { Publication } from "../../../src/domain/publication.ts";
import type { ResultsWithFeedback } from "../../../src/domain/results.ts";
import type { EditionBundle } from "../../../src/domain/types.ts";
import { loadCoordinatorMessages } from "../../../src/i18n/translate.ts";
import { appStore } from "../../../src/state/app-store.ts";
import { publishedOf } from "../../fixtures/letter-scenario.ts";

/** Registers the hooks; the returned getter gives the publication once `beforeAll` has run. */
export const publishedPerFile = (bundle: EditionBundle, results: ResultsWithFeedback): (() => Publication) => {
  let publication: Publication | null = null;
  beforeAll(async () => {
    await loadCoordinatorMessages();
    publication = await publishedOf(bundle, results);
  });
  afterEach(() => {
    cleanup();
    appStore.setState({ locale: "id" });
  });
  return () => {
    if (!publication) throw new Error("the publication is made in beforeAll");
    return publication;
  };
};
