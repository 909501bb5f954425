import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readStartHint, writeStartHint } from "../../src/storage/start-hint.ts";
import { readStartSnapshot } from "../../src/storage/start.ts";
import { aBundle, harnessPerTest, MEMBER, scoreIdentity } from "./helpers.ts";

/** A page's localStorage, for the node test run (the sync worker has none: that case is the default here). */
const memoryLocalStorage = () => {
  const items = new Map<string, string>();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
  return items;
};

const harness = harnessPerTest();

afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe("the start hint (which edition and member the next start reads)", () => {
  it("is written with the session, and dropped for the practice space", async () => {
    memoryLocalStorage();
    const h = await harness();
    const bundle = aBundle();
    await h.storage.putEditionBundle(bundle);
    await h.storage.setSession({ editionId: bundle.edition.id, memberId: MEMBER, locale: "id" });
    expect(readStartHint(h.name)).toEqual({ editionId: bundle.edition.id, memberId: MEMBER });
    await h.storage.setSession({ editionId: bundle.edition.id, memberId: MEMBER, locale: "id", practice: true });
    expect(readStartHint(h.name)).toBeNull();
  });

  it("gives the same snapshot whether it is right, stale, garbage or missing", async () => {
    const items = memoryLocalStorage();
    const h = await harness();
    const bundle = aBundle();
    await h.storage.putEditionBundle(bundle);
    await h.storage.setSession({ editionId: bundle.edition.id, memberId: MEMBER, locale: "id" });
    await h.storage.saveScore(scoreIdentity(), { grade: { level: "A", points: null } });
    const right = await readStartSnapshot(h.name);
    expect(right?.memberData?.scores.map((s) => s.level)).toEqual(["A"]);

    writeStartHint(h.name, { editionId: bundle.edition.id, memberId: "someone-else" });
    expect(await readStartSnapshot(h.name)).toEqual(right);
    writeStartHint(h.name, { editionId: "gone", memberId: null });
    expect(await readStartSnapshot(h.name)).toEqual(right);
    items.set(`panelis:start-hint:${h.name}`, "{not json");
    expect(readStartHint(h.name)).toBeNull();
    expect(await readStartSnapshot(h.name)).toEqual(right);
    writeStartHint(h.name, null);
    expect(await readStartSnapshot(h.name)).toEqual(right);
  });

  it("when right, reads the member's data once, alongside the session (one round)", async () => {
    memoryLocalStorage();
    const h = await harness();
    const bundle = aBundle();
    await h.storage.putEditionBundle(bundle);
    await h.storage.setSession({ editionId: bundle.edition.id, memberId: MEMBER, locale: "id" });
    const getAll = vi.spyOn(IDBIndex.prototype, "getAll");
    await readStartSnapshot(h.name);
    // rubrics, participants, members, scores, sheets, nominations: each asked for once.
    expect(getAll).toHaveBeenCalledTimes(6);
    getAll.mockClear();
    writeStartHint(h.name, { editionId: bundle.edition.id, memberId: "someone-else" });
    await readStartSnapshot(h.name);
    // A wrong guess costs the second round it was meant to save.
    expect(getAll).toHaveBeenCalledTimes(12);
    getAll.mockRestore();
  });

  it("is simply absent where there is no localStorage (the sync worker)", async () => {
    const h = await harness();
    await h.storage.putEditionBundle(aBundle());
    await h.storage.setSession({ editionId: "ed-test", memberId: MEMBER, locale: "id" });
    expect(readStartHint(h.name)).toBeNull();
  });
});
