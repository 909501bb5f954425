// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { harnessPerTest } from "./helpers.ts";

const harness = harnessPerTest();

describe("drafts", () => {
  it("are journaled synchronously: a draft whose IndexedDB write was lost with the page is still found", async () => {
    const h = await harness();
    const key = "ed-test|m-ketua|grade:p-5201:ind-p1";
    void h.storage.putDraft(key, "73");
    // The page closes before IndexedDB commits: only the synchronous journal has it.
    await h.db.meta.delete(`draft:${key}`);
    expect(await h.storage.listDrafts("ed-test|m-ketua|")).toEqual([{ fieldKey: key, text: "73" }]);
    expect(await h.storage.getDraft(key)).toBe("73");
    await h.storage.deleteDraft(key);
    expect(await h.storage.listDrafts("ed-test|m-ketua|")).toEqual([]);
    expect(await h.storage.getDraft(key)).toBeNull();
  });

  it("never enter the outbox", async () => {
    const h = await harness();
    await h.storage.putDraft("ed-test|m-ketua|note:p-5201:ind-1.1", "Dokumen ada");
    expect(await h.storage.pendingCount()).toBe(0);
  });
});
