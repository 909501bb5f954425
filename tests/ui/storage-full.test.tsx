// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { cleanup, configure, fireEvent, render, screen, within } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { appStore, initialAppState } from "../../src/state/app-store.ts";
import { navigate, startApp, stopApp } from "../../src/state/index.ts";
import { openStorage, StorageFullError } from "../../src/storage/index.ts";
import { App } from "../../src/ui/App.tsx";
import { openRealEdition } from "./helpers.ts";

// A shared, busy machine: give storage round trips time before a query gives up.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  stopApp();
});

describe("a full device", () => {
  it("shows that the change was not saved, never a silent loss", async () => {
    appStore.setState(initialAppState());
    const name = `panelis-full-${Date.now()}`;
    await startApp({
      storageName: name,
      openStorageFn: async (options) => {
        const storage = await openStorage(options);
        return {
          ...storage,
          saveScore: () => Promise.reject(new StorageFullError(new DOMException("full", "QuotaExceededError"))),
        };
      },
    });
    const member = ntb2021Sample().members.find((m) => m.role === "technical");
    const participantId = member?.assignments[0]?.participantIds[0] ?? "";
    await openRealEdition(name, member?.id ?? "");
    render(<App />);
    navigate({ name: "score", participantId });
    const card = (await screen.findAllByRole("article"))[0] as HTMLElement;
    fireEvent.click(within(card).getAllByRole("radio")[0] as HTMLInputElement);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Ruang penyimpanan perangkat penuh");
    expect(within(card).queryByText(/Tersimpan di perangkat ini/)).toBeNull();
    expect((within(card).getAllByRole("radio")[0] as HTMLInputElement).checked).toBe(false);
  });
});
