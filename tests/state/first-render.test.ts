// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type AppState, appStore, initialAppState } from "../../src/state/app-store.ts";
import { FIRST_RENDER_WAIT_MS, renderFirst } from "../../src/state/first-render.ts";
import { startApp, stopApp } from "../../src/state/index.ts";
import { openStorage } from "../../src/storage/index.ts";
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
  let atFirstRender: (AppState & { opened: boolean; afterMs: number }) | null = null;
  const seen = renderFirst(() => {
    atFirstRender = { ...appStore.getState(), opened: opened(), afterMs: performance.now() - since };
  });
  const started = startApp({ storageName: name, openStorageFn });
  await seen;
  release();
  await started;
  if (!atFirstRender) throw new Error("no first render");
  return atFirstRender as AppState & { opened: boolean; afterMs: number };
};

/** A start hint whose edition the database does not hold (or a database that is not there). */
const hintFor = (name: string) => writeStartHint(name, { editionId: "gone", memberId: null });

describe("the page's first render", () => {
  it("a first visit renders once, with the new device's start screen, before storage opens", async () => {
    appStore.setState(initialAppState());
    const atFirstRender = await startGated(`panelis-first-visit-${Date.now()}`);
    // The snapshot's "no database here" is the state: the start screen, not "loading" until Dexie is in.
    expect(atFirstRender.afterMs).toBeLessThan(FIRST_RENDER_WAIT_MS / 2);
    expect(atFirstRender.ready).toBe(true);
    expect({ session: atFirstRender.session, editions: atFirstRender.editions }).toEqual({
      session: null,
      editions: [],
    });
    expect(atFirstRender.opened).toBe(false);
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

  it("a start without a snapshot to show does not hold the first render until storage opens", async () => {
    appStore.setState(initialAppState());
    const name = `panelis-practice-start-${Date.now()}`;
    // A practice session is restored the Dexie way only (its records live in their own database).
    const storage = await openStorage({ name });
    await storage.setSession({ editionId: "ed-practice", memberId: null, locale: "id", practice: true });
    storage.close();
    hintFor(name);
    const atFirstRender = await startGated(name);
    // Renders on the snapshot's "nothing to show" (the loading screen until storage opens), Dexie still gated.
    expect({ ready: atFirstRender.ready, opened: atFirstRender.opened }).toEqual({ ready: false, opened: false });
    expect(atFirstRender.afterMs).toBeLessThan(FIRST_RENDER_WAIT_MS / 2);
  });

  it("opens storage only after the first render has run and its frame has been painted, at once when no render waits", async () => {
    const name = `panelis-open-after-render-${Date.now()}`;
    hintFor(name);
    const order: string[] = [];
    const startLogged = async () => {
      const { openStorageFn, release } = gatedStorage();
      const started = startApp({
        storageName: name,
        openStorageFn: (options) => {
          order.push("open");
          return openStorageFn(options);
        },
      });
      await vi.waitFor(() => expect(order).toContain("open"));
      release();
      await started;
      stopApp();
    };

    // The snapshot settles and releases the render: the render runs first, its frame next, then storage opens.
    appStore.setState(initialAppState());
    const rendered = renderFirst(() => {
      order.push("render");
      requestAnimationFrame(() => order.push("frame"));
    });
    await startLogged();
    await rendered;
    expect(order).toEqual(["render", "frame", "open"]);

    // A start with no render waiting (no page at all) opens storage without one.
    order.length = 0;
    appStore.setState(initialAppState());
    await startLogged();
    expect(order).toEqual(["open"]);
  });

  it("never waits longer than its deadline, even if no start runs", async () => {
    vi.useFakeTimers();
    let rendered = false;
    void renderFirst(() => {
      rendered = true;
    });
    await vi.advanceTimersByTimeAsync(FIRST_RENDER_WAIT_MS - 1);
    expect(rendered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(rendered).toBe(true);
  });
});
