/*
 * Everything the page may ask of the sync worker, as one typed map; index.ts exposes
 * it with comlink and src/sync-client wraps it. Invariant: one engine per worker,
 * made by `start` (idempotent); every other method waits for it. Status reaches the
 * page only through `subscribeStatus` callbacks, never by polling.
 */
import type { Locale } from "../../src/domain/types.ts";
import type { PanelisExport } from "../../src/storage/index.ts";
import { openStorage } from "../../src/storage/index.ts";
import { broadcastPeers, webLockRunner } from "./cross-tab.ts";
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from "./engine.ts";
import type { EnrolOutcome, SyncStatus } from "./status.ts";
import { createStorageTokenStore } from "./token-store.ts";

export type StartOptions = {
  /** Server origin; default same origin as the app. */
  baseUrl?: string;
  /** IndexedDB name; default the app's. */
  dbName?: string;
};

export type { EnrolOutcome, SyncError, SyncErrorKey, SyncSession, SyncStatus } from "./status.ts";

/** What `start` needs from the runtime; the worker uses the browser's, tests pass their own. */
export type SyncRuntime = {
  createEngine(
    options: StartOptions,
  ): Promise<{ engine: SyncEngine; watchOutbox?: (onChange: () => void) => () => void }>;
  /** Subscribes to the runtime's online/offline events; returns the current state and an unsubscribe. */
  watchOnline?(onChange: (online: boolean) => void): { online: boolean; stop: () => void };
};

const browserRuntime: SyncRuntime = {
  async createEngine(options) {
    const storage = await openStorage(options.dbName ? { name: options.dbName } : {});
    const engineOptions: SyncEngineOptions = {
      storage,
      tokens: createStorageTokenStore(storage),
      fetch: (input, init) => globalThis.fetch(input, init),
      baseUrl: options.baseUrl ?? "",
      now: Date.now,
      random: Math.random,
      timers: {
        setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
        clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
      },
      online: globalThis.navigator?.onLine ?? true,
    };
    const lock = webLockRunner();
    if (lock) engineOptions.lock = lock;
    const peers = broadcastPeers();
    if (peers) engineOptions.peers = peers;
    return {
      engine: createSyncEngine(engineOptions),
      // liveQuery also fires for writes the page makes in its own Dexie instance.
      watchOutbox: (onChange) => storage.watch((s) => s.pendingCount(), onChange),
    };
  },
  watchOnline(onChange) {
    const target = globalThis as {
      addEventListener?: typeof addEventListener;
      removeEventListener?: typeof removeEventListener;
    };
    if (typeof target.addEventListener !== "function") return { online: true, stop: () => {} };
    const online = () => onChange(true);
    const offline = () => onChange(false);
    target.addEventListener("online", online);
    target.addEventListener("offline", offline);
    return {
      online: globalThis.navigator?.onLine ?? true,
      stop: () => {
        target.removeEventListener?.("online", online);
        target.removeEventListener?.("offline", offline);
      },
    };
  },
};

export const createSyncApi = (runtime: SyncRuntime) => {
  let ready: Promise<SyncEngine> | null = null;
  const stops: Array<() => void> = [];
  const subscriptions = new Map<number, () => void>();
  let nextSubscription = 1;

  const engine = (): Promise<SyncEngine> => {
    if (!ready) throw new Error("The sync worker was not started.");
    return ready;
  };

  return {
    /** Opens storage, starts the engine and the first sync; safe to call again. */
    async start(options: StartOptions = {}): Promise<SyncStatus> {
      ready ??= (async () => {
        const { engine: created, watchOutbox } = await runtime.createEngine(options);
        const online = runtime.watchOnline?.((value) => created.setOnline(value));
        if (online) {
          created.setOnline(online.online);
          stops.push(online.stop);
        }
        await created.start();
        if (watchOutbox) stops.push(watchOutbox(() => void created.notifyLocalChange()));
        return created;
      })();
      return (await ready).getStatus();
    },

    async enrolDevice(code: string, deviceName: string, locale?: Locale): Promise<EnrolOutcome> {
      return (await engine()).enrolDevice(code, deviceName, locale);
    },

    async syncNow(): Promise<SyncStatus> {
      return (await engine()).syncNow("manual");
    },

    async getStatus(): Promise<SyncStatus> {
      return (await engine()).getStatus();
    },

    /** The listener is called at once with the current status, then on every change. Returns an id for `unsubscribeStatus`. */
    async subscribeStatus(listener: (status: SyncStatus) => void): Promise<number> {
      const id = nextSubscription++;
      subscriptions.set(id, (await engine()).subscribeStatus(listener));
      return id;
    },

    async unsubscribeStatus(id: number): Promise<void> {
      subscriptions.get(id)?.();
      subscriptions.delete(id);
    },

    /**
     * The page's view of connectivity. A worker does not reliably hear online/offline
     * itself (emulated networks, some browsers): without this it could stay "offline"
     * and hold every later change until someone taps "sync now".
     */
    async setOnline(online: boolean): Promise<void> {
      (await engine()).setOnline(online);
    },

    /** The page became visible: a good moment to catch up. */
    async notifyVisible(): Promise<void> {
      (await engine()).notifyVisible();
    },

    /** The page saved something; the outbox watch usually notices first, this is for runtimes without it. */
    async notifyLocalChange(): Promise<void> {
      await (await engine()).notifyLocalChange();
    },

    async exportBackup(): Promise<PanelisExport> {
      return (await engine()).exportBackup();
    },

    async stopSync(): Promise<void> {
      if (!ready) return;
      const current = await ready;
      for (const stop of stops.splice(0)) stop();
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
      current.stop();
    },
  };
};

export const syncApi = createSyncApi(browserRuntime);

export type SyncApi = typeof syncApi;
