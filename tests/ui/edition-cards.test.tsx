// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadCoordinatorMessages } from "../../src/i18n/translate.ts";
import { appStore } from "../../src/state/app-store.ts";
import { EditionCards } from "../../src/ui/components/EditionCards.tsx";

const card = { id: "mlk", title: { id: "Penilaian Maluku 2020" }, provinceName: "Maluku", year: 2020 };

beforeAll(async () => {
  await loadCoordinatorMessages();
  appStore.setState({ locale: "id" });
});

afterEach(cleanup);

describe("edition cards", () => {
  it("say each edition's state in the coordinator's list", () => {
    render(<EditionCards editions={[{ ...card, state: "closed" }]} onChoose={() => {}} />);
    expect(screen.getByRole("button").textContent).toBe("Penilaian Maluku 2020Maluku · 2020 · ditutup");
  });

  it("leave the state out where it is not given (a panelist's start screen)", () => {
    render(<EditionCards editions={[card]} onChoose={() => {}} />);
    expect(screen.getByRole("button").textContent).toBe("Penilaian Maluku 2020Maluku · 2020");
  });
});
