// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { beforeEach, describe, expect, it } from "vitest";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { appStore, initialAppState } from "../../src/state/app-store.ts";
import { navigate, setLocale, startApp, stopApp } from "../../src/state/index.ts";
import { openStorage } from "../../src/storage/index.ts";
import { App } from "../../src/ui/App.tsx";
import { appPerTest, openRealEdition, pendingIn } from "./helpers.ts";

// A shared, busy machine: give storage round trips time before a query gives up.
configure({ asyncUtilTimeout: 5000 });

const bundle = ntb2021Sample();
const PANELIST = "ntb21-anggota-1";
const [FIRST, SECOND] = bundle.participants;

const pendingChanges = async () => (await pendingIn(app.dbName())).map((p) => p.mutation);

const openSheet = async (participantId = FIRST?.id ?? "") => {
  // The sheet renders at once; the browser's own hashchange for the move (which commits drafts, as any move
  // does) follows as a task of its own. A person cannot type in between, so the test waits for it too.
  const moved = new Promise<void>((resolve) => window.addEventListener("hashchange", () => resolve(), { once: true }));
  const before = location.hash;
  navigate({ name: "score", participantId });
  if (location.hash !== before) await moved;
  const name = bundle.participants.find((p) => p.id === participantId)?.name ?? "";
  await screen.findByRole("heading", { level: 1, name: new RegExp(name) }, { timeout: 5000 });
};

const pointsInput = (code: string) => screen.getByTestId(`points-${code}`) as HTMLInputElement;
const cardOf = (code: string) => screen.getByTestId(`indicator-${code}`);

const typeInto = (input: HTMLInputElement, text: string) => {
  fireEvent.focus(input);
  fireEvent.input(input, { target: { value: text } });
};

const app = appPerTest("fields");

beforeEach(async () => {
  await openRealEdition(app.dbName(), PANELIST);
  render(<App />);
});

describe("a field owns its draft", () => {
  it("keeps what is typed when the screen re-renders from storage mid-typing", async () => {
    await openSheet();
    const p1 = pointsInput("P1");
    typeInto(p1, "7");
    // A live query or sync delivering fresh records re-renders every card.
    appStore.setState((s) => ({ data: { ...s.data, scores: new Map(s.data.scores) }, syncing: true }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(p1.value).toBe("7");
    fireEvent.input(p1, { target: { value: "73" } });
    appStore.setState({ syncing: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(p1.value).toBe("73");
    fireEvent.blur(p1);
    await waitFor(async () => {
      const changes = (await pendingChanges()).map((m) => m.changes);
      expect(changes).toEqual([{ grade: { level: null, points: 73 } }]);
    });
  });

  it("commits several fields typed without pause, each with its own value", async () => {
    await openSheet();
    const codes = ["P1", "P2", "P3", "P4"];
    codes.forEach((code, i) => {
      const input = pointsInput(code);
      typeInto(input, String(80 + i));
      fireEvent.blur(input);
    });
    await waitFor(async () => {
      const byIndicator = new Map(
        (await pendingChanges()).map((m) => [
          (m.identity as { indicatorId: string }).indicatorId,
          (m.changes as { grade: { points: number } }).grade.points,
        ]),
      );
      expect([...byIndicator.values()].sort()).toEqual([80, 81, 82, 83]);
    });
  });

  it("keeps invalid input, says why next to the field, and commits nothing", async () => {
    await openSheet();
    const p1 = pointsInput("P1");
    typeInto(p1, "150");
    fireEvent.blur(p1);
    expect(await within(cardOf("P1")).findByRole("alert")).toHaveProperty(
      "textContent",
      expect.stringMatching(/0 sampai 100/),
    );
    expect(p1.value).toBe("150");
    expect(p1.getAttribute("aria-invalid")).toBe("true");
    typeInto(p1, "abc");
    fireEvent.keyDown(p1, { key: "Enter" });
    await within(cardOf("P1")).findByText(/Ketik angka/);
    expect(p1.value).toBe("abc");
    expect(await pendingChanges()).toEqual([]);
    expect(within(cardOf("P1")).getByText(/Belum disimpan$/)).toBeTruthy();
  });

  it("keeps drafts durably: after a restart a valid one is committed, an invalid one is back unsaved", async () => {
    await openSheet();
    typeInto(pointsInput("P2"), "64");
    typeInto(pointsInput("P3"), "640");
    const keyOf = (code: string) =>
      `${bundle.edition.id}|${PANELIST}|grade:${FIRST?.id}:${bundle.rubric.components[1]?.indicators.find((i) => i.code === code)?.id}`;
    await waitFor(async () => {
      const storage = await openStorage({ name: app.dbName() });
      try {
        expect(await storage.getDraft(keyOf("P2"))).toBe("64");
        expect(await storage.getDraft(keyOf("P3"))).toBe("640");
      } finally {
        storage.close();
      }
    });
    // The page is gone before either field was left: nothing committed yet.
    expect(await pendingChanges()).toEqual([]);
    cleanup();
    stopApp();
    appStore.setState(initialAppState());
    await startApp({ storageName: app.dbName() });
    render(<App />);
    await openSheet();
    expect((await pendingChanges()).map((m) => m.changes)).toEqual([{ grade: { level: null, points: 64 } }]);
    await waitFor(() => expect(pointsInput("P2").value).toBe("64"));
    await waitFor(() => expect(pointsInput("P3").value).toBe("640"));
    expect(within(cardOf("P3")).getByText("Belum disimpan")).toBeTruthy();
    expect(within(cardOf("P2")).queryByText("Belum disimpan")).toBeNull();
  });
});

describe("decimal comma", () => {
  it("accepts 72,5 and 72.5 and shows the score back in the UI language's notation", async () => {
    await openSheet();
    const p1 = pointsInput("P1");
    typeInto(p1, "72,5");
    fireEvent.blur(p1);
    await waitFor(async () =>
      expect((await pendingChanges()).map((m) => m.changes)).toContainEqual({ grade: { level: null, points: 72.5 } }),
    );
    const p2 = pointsInput("P2");
    typeInto(p2, "61.25");
    fireEvent.blur(p2);
    await waitFor(async () =>
      expect((await pendingChanges()).map((m) => m.changes)).toContainEqual({ grade: { level: null, points: 61.25 } }),
    );
    await waitFor(() => expect(pointsInput("P2").value).toBe("61,25"));
    expect(pointsInput("P1").value).toBe("72,5");
    await setLocale("en");
    await waitFor(() => expect(pointsInput("P1").value).toBe("72.5"));
  });
});

describe("saved marker", () => {
  it("belongs to one district and indicator, and an empty field never shows it", async () => {
    await openSheet();
    const p1 = pointsInput("P1");
    typeInto(p1, "90");
    fireEvent.blur(p1);
    await within(cardOf("P1")).findByText(/Tersimpan di perangkat ini · \d/);
    expect(within(cardOf("P2")).queryByText(/Tersimpan/)).toBeNull();
    await openSheet(SECOND?.id);
    await waitFor(() => expect(pointsInput("P1").value).toBe(""));
    expect(within(cardOf("P1")).queryByText(/Tersimpan/)).toBeNull();
    await openSheet(FIRST?.id);
    await within(cardOf("P1")).findByText(/Tersimpan di perangkat ini/);
  });
});

describe("score bands", () => {
  it("lists a numeric criterion's bands best first and highlights the band of the value being typed", async () => {
    await openSheet();
    const card = cardOf("P1");
    const bands = within(card).getAllByTestId("band");
    expect(bands[0]?.textContent).toMatch(/^86–100Sangat baik/);
    const current = () =>
      within(card)
        .getAllByTestId("band")
        .filter((b) => b.dataset.current === "true");
    expect(current()).toEqual([]);
    typeInto(pointsInput("P1"), "85,5");
    await waitFor(() => expect(current().map((b) => b.textContent?.slice(0, 5))).toEqual(["71–85"]));
    fireEvent.input(pointsInput("P1"), { target: { value: "90" } });
    await waitFor(() => expect(current().map((b) => b.textContent?.slice(0, 6))).toEqual(["86–100"]));
    expect(within(card).getByRole("list", { name: /Panduan nilai untuk P1/ })).toBeTruthy();
  });
});
