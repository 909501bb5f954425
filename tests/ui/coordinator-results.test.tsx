// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/preact";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { feedbackOf } from "../../src/domain/compute-feedback.ts";
import { computeResults } from "../../src/domain/compute-results.ts";
import { maluku2020Sample } from "../../src/domain/templates/index.ts";
import { loadCoordinatorMessages } from "../../src/i18n/translate.ts";
import { coordinatorStore, useResultsWithFeedback } from "../../src/state/coordinator.ts";
import { FeedbackView } from "../../src/ui/coordinator/FeedbackView.tsx";
import { ProgressView } from "../../src/ui/coordinator/ProgressView.tsx";
import { ResultsView } from "../../src/ui/coordinator/ResultsView.tsx";
import { seedCoordinatorStore } from "../helpers/coordinator-store.ts";

const sample = maluku2020Sample();

beforeAll(async () => {
  await loadCoordinatorMessages();
  seedCoordinatorStore(sample);
});

afterEach(cleanup);

describe("coordinator results", () => {
  it("ranks each locus cohort, leaves the observer unranked, and prints the rules in force", () => {
    render(<ResultsView />);
    expect(screen.getByText("Aturan yang berlaku")).toBeTruthy();
    expect(screen.getByText(/Nilai huruf: A=4, B=3, C=2, D=1/)).toBeTruthy();
    const tables = screen.getAllByRole("table");
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      const ranks = within(table)
        .getAllByRole("row")
        .slice(1)
        .map((row) => Number(row.querySelector("td")?.textContent?.replace(/\D.*$/, "")));
      expect(ranks[0]).toBe(1);
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    }
    expect(screen.getByTestId("observers").textContent).toContain("Kota Ambon");
    expect(screen.queryByText(/Belum ada pemenang/)).toBeNull();
  });

  it("names the best 1–3 per cohort and the special awards", () => {
    render(<ResultsView />);
    const awards = screen.getByTestId("awards");
    expect(within(awards).getAllByText(/Terbaik 1–3/)).toHaveLength(2);
    expect(awards.textContent).toMatch(/Paling inspiratif \(usulan panelis\):/);
    expect(awards.textContent).not.toContain("Kota Ambon");
  });

  it("shows agreement statistics with their reading, or why they cannot be computed", () => {
    render(<ResultsView />);
    expect(screen.getAllByText(/ICC\(2,1\)/).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/sangat baik|baik|sedang|buruk|tidak dapat dihitung/).length).toBeGreaterThan(0);
  });

  it("shows each panelist's progress per district", () => {
    render(<ProgressView />);
    const matrix = screen.getByTestId("progress-matrix");
    expect(within(matrix).getAllByRole("row").length).toBe(sample.participants.length + 1);
    expect(matrix.textContent).toMatch(/\d+\/\d+/);
  });
});

describe("coordinator feedback", () => {
  it("shows a district's feedback built from the records its results came from, without recomputing the results", () => {
    const district = sample.participants.find((p) => p.role === "assessed") as (typeof sample.participants)[number];
    const before = coordinatorStore.getState().results;
    render(<FeedbackView editionId={sample.edition.id} participantId={district.id} />);
    const section = screen.getByTestId("feedback");
    expect(section.textContent).toContain(district.name);
    const expected = feedbackOf(sample, computeResults(sample)).find((f) => f.participantId === district.id);
    if (!expected) throw new Error("no feedback for the district");
    const tables = within(section).getAllByRole("table");
    // One row per aksi of the cohort comparison and one per level-graded indicator, each from the same feedback.
    expect(within(tables[0] as HTMLElement).getAllByRole("row")).toHaveLength(expected.aksi.length + 1);
    expect(within(tables[1] as HTMLElement).getAllByRole("row")).toHaveLength(expected.indicators.length + 1);
    for (const indicator of expected.indicators) {
      if (indicator.reached) expect(tables[1]?.textContent).toContain(indicator.reached.letter);
    }
    const state = coordinatorStore.getState();
    expect(state.results).toBe(before);
    cleanup();
    render(<FeedbackView editionId={sample.edition.id} participantId={district.id} />);
    expect(screen.getByTestId("feedback").textContent).toBe(section.textContent);
  });

  it("builds the feedback once per computed results, and again when the results are recomputed", () => {
    const seen: unknown[] = [];
    const Probe = () => {
      seen.push(useResultsWithFeedback());
      return null;
    };
    const { rerender } = render(<Probe />);
    rerender(<Probe />);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
    coordinatorStore.setState({ results: computeResults(sample) });
    rerender(<Probe />);
    const last = seen.at(-1) as { feedback: unknown[] } | null;
    expect(last).not.toBe(seen[0]);
    expect(last?.feedback).toEqual((seen[0] as { feedback: unknown[] }).feedback);
  });
});
