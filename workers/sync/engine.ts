/*
 * The sync cycle of one device and its scheduling: push the outbox, then pull what
 * changed (exchange.ts), over the HTTP transport (http.ts); enrolment in enrolment.ts.
 *
 * Invariants:
 * - No failure (network, 5xx, 401, 409, storage) ever drops a pending row: a failed
 *   step only decides when the next cycle runs.
 * - Cycles never overlap: one per engine, and with a lock, one per origin (all tabs).
 * - While backing off, only a person or a regained connection cuts the wait short.
 *
 * The engine knows nothing of comlink or workers: everything it touches is injected,
 * so the fault suite drives it directly against the in-process server.
 */
import type { Locale } from "../../src/domain/types.ts";
import { MAX_PULL_LIMIT, MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS } from "../../src/protocol/wire.ts";
import type { PanelisExport } from "../../src/storage/index.ts";
import { type Backoff, createBackoff } from "./backoff.ts";
import { enrolWithCode } from "./enrolment.ts";
import { createExchange } from "./exchange.ts";
import { createTransport, type FetchLike, messageOf, type Step, type Timers } from "./http.ts";
import type { LockRunner, PeerChannel, SyncStorage, TokenStore } from "./ports.ts";
import {
  type EnrolOutcome,
  initialSyncStatus,
  type SyncError,
  type SyncErrorKey,
  type SyncSession,
  type SyncStatus,
} from "./status.ts";

export type SyncTrigger = "start" | "online" | "visible" | "timer" | "local-change" | "manual";

export type SyncEngineOptions = {
  storage: SyncStorage;
  tokens: TokenStore;
  fetch: FetchLike;
  /** Origin of the server; "" means same origin. */
  baseUrl?: string;
  now: () => number;
  random: () => number;
  timers: Timers;
  lock?: LockRunner;
  peers?: PeerChannel;
  online?: boolean;
  locale?: Locale;
  requestTimeoutMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Quiet pull interval while healthy; 0 turns it off. */
  pollIntervalMs?: number;
  pullLimit?: number;
  maxPushMutations?: number;
  maxPushBytes?: number;
  /** Delay before pushing a change just written locally, so a burst of edits goes in one request. */
  localChangeDelayMs?: number;
};

export type SyncEngine = {
  start(): Promise<void>;
  stop(): void;
  /** Runs a cycle now (or joins the running one, then runs again) and resolves with the status after it. */
  syncNow(trigger?: SyncTrigger): Promise<SyncStatus>;
  enrolDevice(code: string, deviceName: string, locale?: Locale): Promise<EnrolOutcome>;
  getStatus(): SyncStatus;
  subscribeStatus(listener: (status: SyncStatus) => void): () => void;
  setOnline(online: boolean): void;
  notifyVisible(): void;
  /** Tell the engine the outbox may have changed; if it grew, it pushes after a short delay. */
  notifyLocalChange(): Promise<void>;
  exportBackup(): Promise<PanelisExport>;
};

const LOCK_BUSY_RETRY_MS = 3000;

const errorName = (error: unknown): string =>
  typeof error === "object" && error !== null && typeof (error as { name?: unknown }).name === "string"
    ? (error as { name: string }).name
    : "";

const sameStatus = (a: SyncStatus, b: SyncStatus): boolean => JSON.stringify(a) === JSON.stringify(b);

export const createSyncEngine = (options: SyncEngineOptions): SyncEngine => {
  const { storage, tokens, now, random, timers } = options;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const pollIntervalMs = options.pollIntervalMs ?? 60_000;
  const pullLimit = options.pullLimit ?? MAX_PULL_LIMIT;
  const maxPushMutations = options.maxPushMutations ?? MAX_PUSH_MUTATIONS;
  const maxPushBytes = options.maxPushBytes ?? MAX_PUSH_BYTES;
  const localChangeDelayMs = options.localChangeDelayMs ?? 1500;
  const runLocked: LockRunner =
    options.lock ??
    (async (task) => {
      await task();
      return true;
    });
  const backoff: Backoff = createBackoff({
    random,
    baseMs: options.baseBackoffMs ?? 1000,
    maxMs: options.maxBackoffMs ?? 5 * 60 * 1000,
  });
  let locale: Locale = options.locale ?? "id";

  let status: SyncStatus = initialSyncStatus(options.online ?? true);
  const listeners = new Set<(status: SyncStatus) => void>();
  let timer: { handle: unknown; at: number } | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let started = false;
  let unsubscribePeers: (() => void) | null = null;

  // True while this engine holds the sync lock: only then is its status news for the other tabs.
  let holdingLock = false;

  const emit = (patch: Partial<SyncStatus>): void => {
    const next = { ...status, ...patch };
    if (sameStatus(next, status)) return;
    status = next;
    const snapshot = { ...status };
    for (const listener of listeners) {
      try {
        listener(snapshot);
      } catch {
        // A listener that throws (a closed page) must not stop the others or the sync.
      }
    }
    if (holdingLock) options.peers?.post({ kind: "status", status: snapshot });
  };

  const fail = (key: SyncErrorKey, detail: string): SyncError => ({ key, detail, at: now() });

  const storageError = (error: unknown): SyncError =>
    errorName(error) === "StorageFullError"
      ? fail("storage-full", messageOf(error))
      : fail("storage-failed", `${errorName(error) || "Error"}: ${messageOf(error)}`);

  const send = createTransport({
    fetch: options.fetch,
    baseUrl: options.baseUrl ?? "",
    timers,
    requestTimeoutMs,
    locale: () => locale,
  });
  const { pushOutbox, pullChanges } = createExchange({
    storage,
    send,
    fail,
    onServerTime: (serverTime) => emit({ clockSkewMs: serverTime - now() }),
    pullLimit,
    maxPushMutations,
    maxPushBytes,
  });

  const clearTimer = (): void => {
    if (timer) timers.clearTimeout(timer.handle);
    timer = null;
  };

  /** Keeps the earliest of the planned wake-ups unless `replace`. */
  const scheduleIn = (delayMs: number, replace: boolean): void => {
    if (stopped) return;
    const at = now() + delayMs;
    if (timer && !replace && timer.at <= at) return;
    clearTimer();
    const handle = timers.setTimeout(() => {
      timer = null;
      void requestSync("timer");
    }, delayMs);
    timer = { handle, at };
  };

  const loadSession = async (): Promise<SyncSession | null> => {
    const session = await storage.getSession();
    if (session) locale = session.locale;
    // A session may hold only the chosen language, before any edition is open.
    // The tablet syncs the member it was enrolled for; a practice session is never synced.
    const enrolment = await storage.getEnrolment();
    if (enrolment) return enrolment;
    return session?.editionId && session.memberId && !session.practice
      ? { editionId: session.editionId, memberId: session.memberId }
      : null;
  };

  const refreshPending = async (): Promise<void> => {
    try {
      emit({ pending: await storage.pendingCount() });
    } catch (error) {
      emit({ lastError: storageError(error) });
    }
  };

  const cycle = async (): Promise<void> => {
    let token: string | null;
    let session: SyncSession | null;
    try {
      token = await tokens.getToken();
      session = await loadSession();
    } catch (error) {
      emit({ lastError: storageError(error) });
      return;
    }
    emit({ session });
    if (!token) {
      // Not an error on a fresh tablet: the UI shows the join-code screen instead.
      emit({ needsEnrolment: true });
      return;
    }
    emit({ syncing: true });
    let outcome: Step;
    try {
      const pushed = await pushOutbox(token);
      outcome = pushed;
      // A refused push does not stop this device from receiving; a network failure does.
      if (session && (pushed.kind === "ok" || pushed.kind === "halt")) {
        const pulled = await pullChanges(token, session);
        if (pushed.kind === "ok" || pulled.kind !== "ok") outcome = pulled;
      }
    } catch (error) {
      outcome = { kind: "retry", error: storageError(error) };
    }
    switch (outcome.kind) {
      case "ok":
        backoff.reset();
        clearTimer();
        emit({ lastSyncAt: now(), lastError: null, needsEnrolment: false, nextRetryAt: null });
        if (pollIntervalMs > 0) scheduleIn(Math.round(pollIntervalMs * (0.8 + 0.4 * random())), true);
        break;
      case "unauthorized":
        // Retrying cannot help until someone enrols the device again; the outbox waits.
        clearTimer();
        emit({ needsEnrolment: true, lastError: outcome.error, nextRetryAt: null });
        break;
      default: {
        const delay = Math.max(backoff.next(), outcome.kind === "retry" ? (outcome.retryAfterMs ?? 0) : 0);
        scheduleIn(delay, true);
        emit({ lastError: outcome.error, nextRetryAt: now() + delay });
      }
    }
  };

  const runOnce = async (): Promise<void> => {
    let ran: boolean;
    try {
      ran = await runLocked(async () => {
        holdingLock = true;
        try {
          await cycle();
        } finally {
          emit({ syncing: false });
          holdingLock = false;
        }
      });
    } catch (error) {
      ran = true;
      emit({ syncing: false, lastError: fail("storage-failed", messageOf(error)) });
    }
    // Another tab is syncing: look again shortly in case it read the outbox before our latest write.
    if (!ran) scheduleIn(LOCK_BUSY_RETRY_MS + Math.round(random() * LOCK_BUSY_RETRY_MS), false);
    await refreshPending();
  };

  const requestSync = (trigger: SyncTrigger): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (trigger !== "manual" && !status.online) return Promise.resolve();
    // While backing off, only a person or a regained connection may cut the wait short.
    if ((trigger === "visible" || trigger === "local-change") && status.nextRetryAt !== null) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await runOnce();
        } while (again && !stopped);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const engine: SyncEngine = {
    async start() {
      if (started || stopped) return;
      started = true;
      unsubscribePeers =
        options.peers?.subscribe((message) => {
          if (message.kind !== "status" || holdingLock) return;
          const peer = message.status;
          // Only the lock holder broadcasts, so its word on the shared outbox and token is the current one.
          emit({
            syncing: peer.syncing,
            lastSyncAt: Math.max(peer.lastSyncAt ?? 0, status.lastSyncAt ?? 0) || null,
            lastError: peer.lastError,
            needsEnrolment: peer.needsEnrolment,
          });
          if (!peer.syncing) void refreshPending();
        }) ?? null;
      try {
        const session = await loadSession();
        emit({
          session,
          lastSyncAt: session ? await storage.getLastSyncAt(session.editionId) : null,
          pending: await storage.pendingCount(),
        });
      } catch (error) {
        emit({ lastError: storageError(error) });
      }
      void requestSync("start");
    },

    stop() {
      stopped = true;
      clearTimer();
      unsubscribePeers?.();
      unsubscribePeers = null;
      listeners.clear();
    },

    async syncNow(trigger = "manual") {
      if (trigger === "manual") {
        backoff.reset();
        emit({ nextRetryAt: null });
      }
      await requestSync(trigger);
      return { ...status };
    },

    async enrolDevice(code, deviceName, requestedLocale) {
      const outcome = await enrolWithCode(
        { storage, tokens, send, fail, storageError },
        code,
        deviceName,
        requestedLocale,
        locale,
      );
      if (!outcome.ok) {
        emit({ lastError: outcome.error });
        return outcome;
      }
      backoff.reset();
      emit({
        needsEnrolment: false,
        lastError: null,
        nextRetryAt: null,
        session: { editionId: outcome.editionId, memberId: outcome.memberId },
      });
      await engine.syncNow("manual");
      return outcome;
    },

    getStatus: () => ({ ...status }),

    subscribeStatus(listener) {
      listeners.add(listener);
      listener({ ...status });
      return () => {
        listeners.delete(listener);
      };
    },

    setOnline(online) {
      emit({ online });
      if (online) {
        // A regained connection is worth trying at once, whatever the backoff said.
        backoff.reset();
        emit({ nextRetryAt: null });
        void requestSync("online");
      }
    },

    notifyVisible() {
      void requestSync("visible");
    },

    async notifyLocalChange() {
      const before = status.pending;
      await refreshPending();
      // Our own acknowledgements shrink the outbox too; only growth is news worth a push.
      if (status.pending > before && status.nextRetryAt === null && status.online && !status.needsEnrolment)
        scheduleIn(localChangeDelayMs, false);
    },

    async exportBackup() {
      const session = await loadSession();
      if (!session) throw new Error("No edition is open on this device, so there is nothing to export.");
      return storage.exportUnacknowledged(session.editionId, session.memberId);
    },
  };
  return engine;
};
