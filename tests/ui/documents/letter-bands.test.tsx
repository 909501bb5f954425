// @vitest-environment jsdom
import { render, screen, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { buildFeedbackLetters } from "../../../src/domain/feedback-letter.ts";
import type { EditionBundle, ScoreBand } from "../../../src/domain/types.ts";
import { FeedbackLetters } from "../../../src/ui/documents/FeedbackLetters.tsx";
import { letterScenario, resultsOf } from "../../fixtures/letter-scenario.ts";
import { publishedPerFile } from "./letters-harness.ts";

const band = (min: number, max: number, label: string): ScoreBand => ({
  min,
  max,
  label: { id: label, en: label },
  descriptor: { id: `uraian ${label}`, en: `descriptor ${label}` },
});

const banded = (): EditionBundle => {
  const bundle = letterScenario();
  const bands = [band(86, 100, "Sangat baik"), band(71, 85, "Baik"), band(0, 70, "Cukup")];
  const components = bundle.rubric.components.map((c) => ({
    ...c,
    indicators: c.indicators.map((i) => (i.code === "K1" ? { ...i, bands } : i)),
  }));
  return { ...bundle, rubric: { ...bundle.rubric, components } };
};

const bundle = banded();
const results = resultsOf(bundle);
const publication = publishedPerFile(bundle, results);

const renderLetter = (participantId: string) =>
  render(
    <FeedbackLetters
      letters={buildFeedbackLetters({ bundle, results })}
      edition={{ title: bundle.edition.title, provinceName: "Maluku", year: 2021, isSample: true }}
      publication={publication()}
      tieBreakCount={0}
      participantId={participantId}
    />,
  );

describe("feedback letter: a numeric criterion with score bands", () => {
  it("shows the band reached with the points, and the next band as the target", () => {
    renderLetter("A");
    const row = screen.getByTestId("indicator-K1");
    expect(row.textContent).toContain("80,00 dari 100 poin: Baik (71–85) — uraian Baik");
    expect(within(row).getByTestId("target").textContent).toBe("Sangat baik (86–100) — uraian Sangat baik");
  });

  it("at the top band says so", () => {
    renderLetter("OBS");
    const row = screen.getByTestId("indicator-K1");
    expect(row.textContent).toContain("90,00 dari 100 poin: Sangat baik (86–100)");
    expect(within(row).getByTestId("target").textContent).toBe("Sudah di rentang nilai tertinggi");
  });
});
