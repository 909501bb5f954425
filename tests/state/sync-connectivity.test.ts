// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { startSync, stopSync } from "../../src/state/index.ts";
import type { SyncClient } from "../../src/sync-client/index.ts";
import { initialSyncStatus } from "../../workers/sync/status.ts";
import { fakeSyncClient } from "../helpers/fake-sync-client.ts";

/** A sync client that records what the page told it about the network and how often it asked for a sync. */
const recordingClient = (online: boolean[], syncs: { n: number }): SyncClient =>
  fakeSyncClient({
    syncNow: async () => {
      syncs.n += 1;
      return initialSyncStatus();
    },
    setOnline: (value) => {
      online.push(value);
    },
  });

describe("the page tells the sync worker about connectivity", () => {
  const hadWorker = "Worker" in globalThis;
  afterEach(async () => {
    await stopSync();
    if (!hadWorker) delete (globalThis as { Worker?: unknown }).Worker;
  });

  // A worker that missed "online" stayed offline and held every later change until "sync now" (seen in the Maluku e2e).
  it("forwards offline and online, and syncs at once when the network returns", async () => {
    if (!hadWorker) (globalThis as { Worker?: unknown }).Worker = class {};
    const online: boolean[] = [];
    const syncs = { n: 0 };
    await startSync(() => recordingClient(online, syncs));
    window.dispatchEvent(new Event("offline"));
    window.dispatchEvent(new Event("online"));
    expect(online).toEqual([false, true]);
    expect(syncs.n).toBe(1);
    await stopSync();
    window.dispatchEvent(new Event("offline"));
    expect(online).toEqual([false, true]);
  });
});
