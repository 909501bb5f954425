// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { appStore, initialAppState } from "../../src/state/app-store.ts";
import { navigate, startApp, stopApp } from "../../src/state/index.ts";
import { App } from "../../src/ui/App.tsx";
import { gatedStorage, openRealEdition, pendingIn } from "./helpers.ts";

// A shared, busy machine: give storage round trips time before a query gives up.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  stopApp();
});

const bundle = ntb2021Sample();
const MEMBER = "ntb21-teknis-1";
const participantId =
  bundle.members.find((m) => m.id === MEMBER)?.assignments[0]?.participantIds[0] ?? "missing participant";
const regionCode = bundle.participants.find((p) => p.id === participantId)?.regionCode;

describe("a returning tablet", () => {
  it("shows its assignments and scoring sheet before storage has opened, and a tap made then is saved", async () => {
    appStore.setState(initialAppState());
    const name = `panelis-snapshot-${Date.now()}`;
    await startApp({ storageName: name });
    await openRealEdition(name, MEMBER, MEMBER);
    stopApp();

    // The page reloads: the first screen comes from the start snapshot while storage is still opening.
    appStore.setState(initialAppState());
    const { openStorageFn, release } = gatedStorage();
    const started = startApp({ storageName: name, openStorageFn });
    render(<App />);
    expect(await screen.findByTestId(`assignment-${regionCode}`)).toBeTruthy();
    expect(appStore.getState().session?.memberId).toBe(MEMBER);

    navigate({ name: "score", participantId });
    const card = (await screen.findAllByRole("article"))[0] as HTMLElement;
    fireEvent.click(within(card).getAllByRole("radio")[0] as HTMLInputElement);
    // Nothing can be saved yet, and nothing says it was.
    expect(within(card).queryByText(/Tersimpan di perangkat ini/)).toBeNull();

    release();
    await started;
    await within(card).findByText(/Tersimpan di perangkat ini/);
    await waitFor(async () => expect(await pendingIn(name)).toHaveLength(1));
    expect((within(card).getAllByRole("radio")[0] as HTMLInputElement).checked).toBe(true);
  });
});
