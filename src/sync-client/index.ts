/*
 * The page's one handle on the sync worker. Invariants: this module alone creates
 * the worker and talks comlink; the page never polls — the worker pushes every status
 * change through a proxied callback, and `status()` is the last one received. One
 * client per page: `startSyncClient` creates the worker, `stop` terminates it.
 */
import { proxy, releaseProxy, wrap } from "comlink";
import type { Locale } from "../domain/types.ts";
import type { EnrolOutcome, StartOptions, SyncApi, SyncStatus } from "../../workers/sync/api.ts";
import { initialSyncStatus } from "../../workers/sync/status.ts";

export type { EnrolOutcome, SyncError, SyncErrorKey, SyncSession, SyncStatus } from "../../workers/sync/api.ts";

/** The signed rescue file (storage's PanelisExport), named here without importing storage. */
export type SyncBackup = Awaited<ReturnType<SyncApi["exportBackup"]>>;

export type SyncClient = {
  /** Resolves once the worker has opened storage and started; rejects if it could not. */
  ready: Promise<SyncStatus>;
  enrol(code: string, deviceName: string, locale?: Locale): Promise<EnrolOutcome>;
  /** "Sync now": skips any backoff wait; resolves with the status after the attempt. */
  syncNow(): Promise<SyncStatus>;
  /** The latest status the worker reported. */
  status(): SyncStatus;
  /** Called at once with the current status, then on every change. Returns unsubscribe. */
  subscribe(listener: (status: SyncStatus) => void): () => void;
  exportBackup(): Promise<SyncBackup>;
  /** Call after saving a change; the worker pushes it shortly (it also watches the outbox itself). */
  notifySaved(): void;
  /** The page heard the network go or come back; the worker may not have. */
  setOnline(online: boolean): void;
  stop(): Promise<void>;
};

export type SyncClientOptions = StartOptions & {
  /** Tests and Storybook-like hosts may supply their own worker. */
  createWorker?: () => Worker;
};

const createSyncWorker = (): Worker =>
  new Worker(new URL("../../workers/sync/index.ts", import.meta.url), { type: "module", name: "panelis-sync" });

export const startSyncClient = (options: SyncClientOptions = {}): SyncClient => {
  const { createWorker = createSyncWorker, ...startOptions } = options;
  const worker = createWorker();
  const remote = wrap<SyncApi>(worker);
  let current = initialSyncStatus(globalThis.navigator?.onLine ?? true);
  const listeners = new Set<(status: SyncStatus) => void>();
  let subscriptionId: number | null = null;
  let stopped = false;

  const publish = (status: SyncStatus): void => {
    current = status;
    for (const listener of listeners) listener(status);
  };

  const ready = (async () => {
    const status = await remote.start(startOptions);
    publish(status);
    subscriptionId = await remote.subscribeStatus(proxy(publish));
    return current;
  })();
  ready.catch((error: unknown) => {
    publish({
      ...current,
      lastError: {
        key: "storage-failed",
        detail: error instanceof Error ? error.message : String(error),
        at: Date.now(),
      },
    });
  });

  const onVisibility = (): void => {
    if (globalThis.document?.visibilityState === "visible") void ready.then(() => remote.notifyVisible());
  };
  globalThis.document?.addEventListener("visibilitychange", onVisibility);

  return {
    ready,
    enrol: async (code, deviceName, locale) => {
      await ready;
      return remote.enrolDevice(code, deviceName, locale);
    },
    syncNow: async () => {
      await ready;
      return remote.syncNow();
    },
    status: () => current,
    subscribe(listener) {
      listeners.add(listener);
      listener(current);
      return () => {
        listeners.delete(listener);
      };
    },
    exportBackup: async () => {
      await ready;
      return remote.exportBackup();
    },
    notifySaved() {
      void ready.then(() => remote.notifyLocalChange());
    },
    setOnline(online) {
      void ready.then(() => remote.setOnline(online));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      globalThis.document?.removeEventListener("visibilitychange", onVisibility);
      listeners.clear();
      try {
        if (subscriptionId !== null) await remote.unsubscribeStatus(subscriptionId);
        await remote.stopSync();
      } catch {
        // A worker that already died has nothing left to stop.
      } finally {
        remote[releaseProxy]();
        worker.terminate();
      }
    },
  };
};
