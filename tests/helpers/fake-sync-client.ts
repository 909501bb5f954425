import type { SyncClient } from "../../src/sync-client/index.ts";
import { initialSyncStatus } from "../../workers/sync/status.ts";

/** A sync client that does nothing; tests override the members they watch. */
export const fakeSyncClient = (overrides: Partial<SyncClient> = {}): SyncClient => ({
  ready: Promise.resolve(initialSyncStatus()),
  enrol: async () => ({ ok: true }) as never,
  syncNow: async () => initialSyncStatus(),
  status: () => initialSyncStatus(),
  subscribe: (listener) => {
    listener(initialSyncStatus());
    return () => {};
  },
  exportBackup: async () => ({}) as never,
  notifySaved: () => {},
  setOnline: () => {},
  stop: async () => {},
  ...overrides,
});
