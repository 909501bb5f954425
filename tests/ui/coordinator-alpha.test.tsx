// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/preact";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { kendallWBand } from "../../src/domain/agreement-bands.ts";
import { computeResults } from "../../src/domain/compute-results.ts";
import { maluku2020Sample } from "../../src/domain/templates/index.ts";
import { loadCoordinatorMessages } from "../../src/i18n/translate.ts";
import { ResultsView } from "../../src/ui/coordinator/ResultsView.tsx";
import { seedCoordinatorStore } from "../helpers/coordinator-store.ts";

const sample = maluku2020Sample();

beforeAll(async () => {
  await loadCoordinatorMessages();
  seedCoordinatorStore(sample);
});

afterEach(cleanup);

describe("agreement on the results screen", () => {
  it("shows Krippendorff's alpha beside ICC and W, each with its band, and what alpha used", () => {
    render(<ResultsView />);
    for (const a of computeResults(sample).agreement) {
      const block = screen.getByTestId(`agreement-${a.componentId}`);
      const shown = within(block).getByTestId("alpha").textContent ?? "";
      if (a.alpha.value === null) expect(shown).toMatch(/tidak dapat dihitung/);
      else {
        expect(shown).toContain(
          `${new Intl.NumberFormat("id-ID", { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(a.alpha.value)} (`,
        );
        expect(shown).toContain(`${a.alpha.pairableValues} nilai berpasangan, ${a.alpha.participantsUsed} daerah`);
      }
    }
    const words = { poor: "buruk", moderate: "sedang", good: "baik", excellent: "sangat baik" } as const;
    for (const a of computeResults(sample).agreement) {
      const w = within(screen.getByTestId(`agreement-${a.componentId}`)).getByTestId("kendall-w").textContent ?? "";
      if (a.kendallW === null) expect(w).toMatch(/tidak dapat dihitung/);
      else expect(w).toMatch(new RegExp(`\\(${words[kendallWBand(a.kendallW.w)]}\\)$`));
    }
    expect(screen.getAllByText(/α Krippendorff \((ordinal|interval)\)/).length).toBe(
      computeResults(sample).agreement.length,
    );
  });
});
