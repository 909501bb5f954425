// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { boardCounts, boardGrid } from "../../src/domain/board.ts";
import { stateOf } from "../../src/domain/edition-lifecycle.ts";
import { maluku2020Sample } from "../../src/domain/templates/index.ts";
import type { EditionBundle } from "../../src/domain/types.ts";
import { loadCoordinatorMessages } from "../../src/i18n/translate.ts";
import { appStore } from "../../src/state/app-store.ts";
import { EditionStateBar } from "../../src/ui/coordinator/EditionStateBar.tsx";
import { aSheet } from "../fixtures/builders.ts";
import { seedCoordinatorStore } from "../helpers/coordinator-store.ts";

const sample = maluku2020Sample();
const name = (id: string) => [...sample.participants, ...sample.members].find((x) => x.id === id)?.name;

/** The sample as its board sees it: which member × district sheets are not final. */
const unfinishedOf = (bundle: EditionBundle) => {
  const grid = boardGrid(bundle);
  return grid.participantIds.flatMap((p) =>
    grid.memberIds
      .filter((m) => ["empty", "in-progress"].includes(grid.cells[p]?.[m]?.state ?? ""))
      .map((m) => ({ p, m, state: grid.cells[p]?.[m]?.state })),
  );
};

const openCloseDialog = () => {
  fireEvent.click(screen.getByRole("button", { name: "Tutup penilaian" }));
  return screen.getByTestId("confirm-state");
};

beforeAll(async () => {
  await loadCoordinatorMessages();
});

beforeEach(() => {
  appStore.setState({ locale: "id" });
});

afterEach(cleanup);

describe("closing an edition", () => {
  it("names the sheets that are not final before the coordinator confirms", () => {
    const open = unfinishedOf(sample);
    // The sample leaves two members' sheets of three districts untouched: the warning has something to say.
    expect(open.length).toBe(6);
    expect(stateOf(sample.edition)).toBe("open");
    seedCoordinatorStore(sample);
    render(<EditionStateBar />);
    const dialog = openCloseDialog();
    const warning = within(dialog).getByTestId("unfinished-sheets");
    expect(warning.textContent).toContain("6 lembar penugasan belum final");
    const lines = within(warning)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(lines).toEqual(open.map(({ p, m }) => `${name(m)} · ${name(p)}: belum dimulai`));
  });

  it("says nothing more when every assigned sheet is final or recused", () => {
    const open = unfinishedOf(sample);
    const recused = open.map(({ p, m }) =>
      aSheet({ editionId: sample.edition.id, participantId: p, memberId: m, recused: true, recusalReason: "kerabat" }),
    );
    const done = { ...sample, sheets: [...sample.sheets, ...recused] };
    expect(boardCounts(boardGrid(done)).empty).toBe(0);
    seedCoordinatorStore(done);
    render(<EditionStateBar />);
    const dialog = openCloseDialog();
    expect(within(dialog).queryByTestId("unfinished-sheets")).toBeNull();
    expect(dialog.textContent).toContain("Hanya baca");
  });

  it("counts in English, one sheet in the singular", () => {
    const open = unfinishedOf(sample);
    const recused = open.slice(1).map(({ p, m }) =>
      aSheet({
        editionId: sample.edition.id,
        participantId: p,
        memberId: m,
        recused: true,
        recusalReason: "kerabat",
      }),
    );
    appStore.setState({ locale: "en" });
    seedCoordinatorStore({ ...sample, sheets: [...sample.sheets, ...recused] });
    render(<EditionStateBar />);
    fireEvent.click(screen.getByRole("button", { name: "Close the assessment" }));
    const warning = within(screen.getByTestId("confirm-state")).getByTestId("unfinished-sheets");
    expect(warning.textContent).toContain("1 assigned sheet is not final.");
  });
});
