// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appStore, initialAppState } from "../../src/state/app-store.ts";
import { FIRST_RENDER_WAIT_MS, firstRender } from "../../src/state/first-render.ts";
import { startApp, stopApp } from "../../src/state/index.ts";
import { writeStartHint } from "../../src/storage/start-hint.ts";
import { gatedStorage, openRealEdition } from "../ui/helpers.ts";

afterEach(() => {
  vi.useRealTimers();
  stopApp();
});

const MEMBER = "ntb21-teknis-1";

/**
 * Starts the app on `name` with Dexie still loading, and gives the state as it was when the
 * first render was let through, with how long that took and whether storage had opened.
 */
const startGated = async (name: string) => {
  const { openStorageFn, release, opened } = gatedStorage();
  const since = performance.now();
  const seen = firstRender(name).then(() => ({
    ...appStore.getState(),
    opened: opened(),
    afterMs: performance.now() - since,
  }));
  const started = startApp({ storageName: name, openStorageFn });
  const atFirstRender = await seen;
  release();
  await started;
  return atFirstRender;
};

/** A start hint whose edition the database does not hold (or a database that is not there). */
const hintFor = (name: string) => writeStartHint(name, { editionId: "gone", memberId: null });

describe("the page's first render", () => {
  it("a first visit (no start hint) renders at once, before anything is read", async () => {
    appStore.setState(initialAppState());
    let rendered = false;
    await firstRender(`panelis-first-visit-${Date.now()}`).then(() => {
      rendered = true;
    });
    expect(rendered).toBe(true);
    expect(appStore.getState().ready).toBe(false);
  });

  it("a returning tablet renders once its sheet from the start snapshot is in the state, before storage opens", async () => {
    appStore.setState(initialAppState());
    const name = `panelis-first-render-${Date.now()}`;
    await startApp({ storageName: name });
    await openRealEdition(name, MEMBER, MEMBER);
    stopApp();

    // The reload: the first render waits for the snapshot, not for a "loading" frame and not for Dexie.
    appStore.setState(initialAppState());
    const atFirstRender = await startGated(name);
    // On the snapshot itself, not on the deadline that only keeps a start from staying blank.
    expect(atFirstRender.afterMs).toBeLessThan(FIRST_RENDER_WAIT_MS / 2);
    expect(atFirstRender.ready).toBe(true);
    expect(atFirstRender.session?.memberId).toBe(MEMBER);
    expect(atFirstRender.loaded?.participants.length).toBeGreaterThan(0);
    expect(atFirstRender.opened).toBe(false);
  });

  it("a start hint without a snapshot to show does not hold the first render until storage opens", async () => {
    appStore.setState(initialAppState());
    const name = `panelis-stale-hint-${Date.now()}`;
    hintFor(name);
    const atFirstRender = await startGated(name);
    // Renders on the snapshot's "nothing here" (the loading screen until storage opens), Dexie still gated.
    expect({ ready: atFirstRender.ready, opened: atFirstRender.opened }).toEqual({ ready: false, opened: false });
    expect(atFirstRender.afterMs).toBeLessThan(FIRST_RENDER_WAIT_MS / 2);
  });

  it("waits for what else the first screen needs (the scoring code), but not for one that fails", async () => {
    appStore.setState(initialAppState());
    const name = `panelis-with-code-${Date.now()}`;
    hintFor(name);
    let loadCode: () => void = () => undefined;
    const code = new Promise<void>((resolve) => {
      loadCode = resolve;
    });
    let rendered = false;
    const seen = firstRender(name, [code, Promise.reject(new Error("chunk failed"))]).then(() => {
      rendered = true;
    });
    const { openStorageFn, release } = gatedStorage();
    const started = startApp({ storageName: name, openStorageFn });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rendered).toBe(false);
    loadCode();
    await seen;
    expect(rendered).toBe(true);
    release();
    await started;
  });

  it("never waits longer than its deadline, even if no start runs", async () => {
    vi.useFakeTimers();
    const name = `panelis-no-start-${Date.now()}`;
    hintFor(name);
    let rendered = false;
    void firstRender(name).then(() => {
      rendered = true;
    });
    await vi.advanceTimersByTimeAsync(FIRST_RENDER_WAIT_MS - 1);
    expect(rendered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(rendered).toBe(true);
  });
});
