/*
 * The sync loop of one device: push the outbox, then pull what changed.
 *
 * Invariants:
 * - The outbox is drained in seq order, and a row leaves "pending" only through
 *   storage.markHandled with the server's verdict. Every verdict (applied, duplicate,
 *   rejected, conflict) counts as handled, so one refused change never jams the queue;
 *   no failure (network, 5xx, 401, 409, storage) ever drops a pending row.
 * - A pulled page and its cursor are stored in one storage transaction (applyRemote),
 *   so the cursor moves only with its data and an interrupted pull resumes where it stopped.
 * - Server stamps reach the device clock only after the data carrying them is committed.
 * - Cycles never overlap: one per engine, and with a lock, one per origin (all tabs).
 *
 * The engine knows nothing of comlink or workers: everything it touches is injected,
 * so the fault suite drives it directly against the in-process server.
 */
import * as v from "valibot";
import type { Locale } from "../../src/domain/types.ts";
import { PROTOCOL_VERSION } from "../../src/protocol/mutation.ts";
import {
  API_PREFIX,
  type EditionBundle,
  ErrorBodySchema,
  MAX_PULL_LIMIT,
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  normaliseJoinCode,
  PullResponseSchema,
  type PullRow,
  type PushResult,
  PushResponseSchema,
} from "../../src/protocol/wire.ts";
import type { PanelisExport, PanelisStorage } from "../../src/storage/index.ts";
import { type Backoff, createBackoff } from "./backoff.ts";
import { batchUnderLimits } from "./batch.ts";
import { greatestStamp } from "./stamps.ts";

/** The part of the storage facade the engine uses. */
export type SyncStorage = Pick<
  PanelisStorage,
  | "deviceId"
  | "pendingCount"
  | "listPending"
  | "markHandled"
  | "applyRemote"
  | "getCursor"
  | "getLastSyncAt"
  | "putEditionBundle"
  | "getSession"
  | "setSession"
  | "exportUnacknowledged"
  | "observeStamp"
>;

/** Where the device's bearer token lives (storage has no place for it yet). */
export type TokenStore = {
  getToken(): Promise<string | null>;
  setToken(token: string | null): Promise<void>;
};

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type Timers = {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

/** Runs `task` if no other context holds the sync lock; resolves false when it did not run. */
export type LockRunner = (task: () => Promise<void>) => Promise<boolean>;

export type PeerMessage = { kind: "status"; status: SyncStatus };

/** How tabs that are not syncing learn what the syncing one is doing. */
export type PeerChannel = {
  post(message: PeerMessage): void;
  subscribe(listener: (message: PeerMessage) => void): () => void;
};

export type SyncErrorKey =
  | "network"
  | "timeout"
  | "server-error"
  | "bad-response"
  | "rate-limited"
  | "unauthorized"
  | "mutation-id-reused"
  | "protocol-unsupported"
  | "request-refused"
  | "join-code-invalid"
  | "storage-full"
  | "storage-failed";

/** `key` is stable for the UI to translate; `detail` is the plain-words reason, for support. */
export type SyncError = { key: SyncErrorKey; detail: string; at: number };

export type SyncSession = { editionId: string; memberId: string };

export type SyncStatus = {
  online: boolean;
  /** Changes on this device the server has not acknowledged yet. */
  pending: number;
  lastSyncAt: number | null;
  syncing: boolean;
  lastError: SyncError | null;
  /** The server no longer knows this device's token: ask for a new join code. Pending changes are kept. */
  needsEnrolment: boolean;
  /** When the next automatic attempt after a failure is due (ms). */
  nextRetryAt: number | null;
  session: SyncSession | null;
  /** Server clock minus device clock, from the last reply (ms); large values mean a wrong tablet clock. */
  clockSkewMs: number | null;
};

export type EnrolOutcome =
  | { ok: true; editionId: string; memberId: string; memberName: string }
  | { ok: false; error: SyncError };

/** Before the first attempt: nothing known yet. The page shows the same until the worker reports. */
export const initialSyncStatus = (online = true): SyncStatus => ({
  online,
  pending: 0,
  lastSyncAt: null,
  syncing: false,
  lastError: null,
  needsEnrolment: false,
  nextRetryAt: null,
  session: null,
  clockSkewMs: null,
});

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

type HttpReply =
  | { kind: "ok"; status: number; body: unknown }
  | { kind: "error"; status: number; code: string; message: string; details: unknown; retryAfterMs: number | null }
  | { kind: "network"; detail: string }
  | { kind: "timeout" };

/** How a push or pull step ended: carry on, retry later, stop with an error, or stop until re-enrolment. */
type Step =
  | { kind: "ok" }
  | { kind: "retry"; error: SyncError; retryAfterMs?: number }
  | { kind: "halt"; error: SyncError }
  | { kind: "unauthorized"; error: SyncError };

type Failure = Exclude<Step, { kind: "ok" }>;

const LOCK_BUSY_RETRY_MS = 3000;
const MAX_PULL_PAGES = 10_000;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const errorName = (error: unknown): string =>
  typeof error === "object" && error !== null && typeof (error as { name?: unknown }).name === "string"
    ? (error as { name: string }).name
    : "";

const sameStatus = (a: SyncStatus, b: SyncStatus): boolean => JSON.stringify(a) === JSON.stringify(b);

export const createSyncEngine = (options: SyncEngineOptions): SyncEngine => {
  const { storage, tokens, now, random, timers } = options;
  const baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
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

  const send = async (method: "GET" | "POST", path: string, body?: unknown, token?: string): Promise<HttpReply> => {
    const controller = typeof AbortController === "function" ? new AbortController() : undefined;
    let handle: unknown;
    const timeout = new Promise<HttpReply>((resolve) => {
      handle = timers.setTimeout(() => {
        controller?.abort();
        resolve({ kind: "timeout" });
      }, requestTimeoutMs);
    });
    const attempt = (async (): Promise<HttpReply> => {
      try {
        const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": locale };
        if (token) headers.Authorization = `Bearer ${token}`;
        const init: RequestInit = { method, headers };
        if (body !== undefined) {
          headers["Content-Type"] = "application/json";
          init.body = JSON.stringify(body);
        }
        if (controller) init.signal = controller.signal;
        const res = await options.fetch(`${baseUrl}${API_PREFIX}${path}`, init);
        const text = await res.text();
        let parsed: unknown;
        try {
          parsed = text === "" ? null : JSON.parse(text);
        } catch {
          // A captive portal answers 200 with HTML: that is no acknowledgement.
          return { kind: "network", detail: `HTTP ${res.status}: the reply was not JSON` };
        }
        if (res.ok) return { kind: "ok", status: res.status, body: parsed };
        const error = v.safeParse(ErrorBodySchema, parsed);
        const retryAfter = Number(res.headers.get("Retry-After"));
        return {
          kind: "error",
          status: res.status,
          code: error.success ? error.output.error.code : "unknown",
          message: error.success ? error.output.error.message : `HTTP ${res.status}`,
          details: error.success ? error.output.error.details : undefined,
          retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
        };
      } catch (error) {
        return { kind: "network", detail: messageOf(error) };
      }
    })();
    try {
      return await Promise.race([attempt, timeout]);
    } finally {
      timers.clearTimeout(handle);
    }
  };

  /** What a failed reply means for the cycle; 2xx replies are the caller's to read. */
  const stepOf = (reply: Exclude<HttpReply, { kind: "ok" }>): Failure => {
    if (reply.kind === "timeout")
      return { kind: "retry", error: fail("timeout", "The server did not answer in time.") };
    if (reply.kind === "network") return { kind: "retry", error: fail("network", reply.detail) };
    if (reply.status === 401) return { kind: "unauthorized", error: fail("unauthorized", reply.message) };
    if (reply.status === 429) {
      const step: Failure = { kind: "retry", error: fail("rate-limited", reply.message) };
      if (reply.retryAfterMs !== null) step.retryAfterMs = reply.retryAfterMs;
      return step;
    }
    if (reply.status >= 500) return { kind: "retry", error: fail("server-error", reply.message) };
    if (reply.code === "mutation-id-reused") return { kind: "halt", error: fail("mutation-id-reused", reply.message) };
    if (reply.code === "protocol-unsupported")
      return { kind: "halt", error: fail("protocol-unsupported", reply.message) };
    return { kind: "halt", error: fail("request-refused", `${reply.code}: ${reply.message}`) };
  };

  const noteServerTime = (body: unknown): void => {
    const serverTime = (body as { serverTime?: unknown } | null)?.serverTime;
    if (typeof serverTime === "number") emit({ clockSkewMs: serverTime - now() });
  };

  /** Rejects locally the mutations the server named as invalid, so they cannot jam the queue. */
  const rejectInvalid = async (details: unknown): Promise<boolean> => {
    const invalid = (details as { invalid?: unknown } | null)?.invalid;
    if (!Array.isArray(invalid)) return false;
    const results: PushResult[] = invalid.flatMap((entry) => {
      const mutationId = (entry as { mutationId?: unknown } | null)?.mutationId;
      const errors = (entry as { errors?: unknown } | null)?.errors;
      if (typeof mutationId !== "string") return [];
      const reason = Array.isArray(errors) ? errors.join("; ") : "invalid";
      return [{ mutationId, status: "rejected", reason } satisfies PushResult];
    });
    if (results.length === 0) return false;
    return (await storage.markHandled(results)).handled > 0;
  };

  const pushOutbox = async (token: string): Promise<Step> => {
    let limit = maxPushMutations;
    for (;;) {
      const pending = await storage.listPending(limit);
      if (pending.length === 0) return { kind: "ok" };
      const mutations = batchUnderLimits(
        pending.map((p) => p.mutation),
        limit,
        maxPushBytes,
      );
      const reply = await send(
        "POST",
        "/sync/push",
        { protocolVersion: PROTOCOL_VERSION, deviceId: storage.deviceId, mutations },
        token,
      );
      if (reply.kind === "ok") {
        const parsed = v.safeParse(PushResponseSchema, reply.body);
        if (!parsed.success)
          return { kind: "retry", error: fail("bad-response", "The server's answer to a push was not understood.") };
        noteServerTime(reply.body);
        const results = parsed.output.results as PushResult[];
        const handled = await storage.markHandled(results);
        const stamp = greatestStamp(results.map((r) => r.serverRecord));
        if (stamp) await storage.observeStamp(stamp);
        // Without progress the same batch would be sent for ever.
        if (handled.handled === 0)
          return { kind: "retry", error: fail("bad-response", "The server handled none of the changes sent.") };
        continue;
      }
      if (reply.kind === "error") {
        if (reply.code === "invalid-body" && (await rejectInvalid(reply.details))) continue;
        if ((reply.code === "batch-too-large" || reply.code === "payload-too-large") && mutations.length > 1) {
          limit = Math.max(1, Math.floor(mutations.length / 2));
          continue;
        }
      }
      return stepOf(reply);
    }
  };

  const pullChanges = async (token: string, session: SyncSession): Promise<Step> => {
    let cursor = await storage.getCursor(session.editionId);
    for (let page = 0; page < MAX_PULL_PAGES; page++) {
      const query = new URLSearchParams({
        edition: session.editionId,
        since: String(cursor),
        limit: String(pullLimit),
      });
      const reply = await send("GET", `/sync/pull?${query}`, undefined, token);
      if (reply.kind !== "ok") return stepOf(reply);
      const parsed = v.safeParse(PullResponseSchema, reply.body);
      if (!parsed.success)
        return { kind: "retry", error: fail("bad-response", "The server's answer to a pull was not understood.") };
      noteServerTime(reply.body);
      const rows = parsed.output.rows as PullRow[];
      await storage.applyRemote(rows, { editionId: session.editionId, cursor: parsed.output.cursor });
      if (!parsed.output.more) return { kind: "ok" };
      if (parsed.output.cursor <= cursor)
        return { kind: "retry", error: fail("bad-response", "The server said there is more but moved no further.") };
      cursor = parsed.output.cursor;
    }
    return { kind: "ok" };
  };

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
    return session?.editionId && session.memberId ? { editionId: session.editionId, memberId: session.memberId } : null;
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
      // The token this tablet already holds (even revoked) proves the device id is its own.
      const deviceToken = await tokens.getToken();
      const reply = await send("POST", "/enrol", {
        code: normaliseJoinCode(code),
        deviceId: storage.deviceId,
        deviceName,
        ...(deviceToken ? { deviceToken } : {}),
      });
      if (reply.kind !== "ok") {
        const error =
          reply.kind === "error" && reply.code === "join-code-invalid"
            ? fail("join-code-invalid", reply.message)
            : stepOf(reply).error;
        emit({ lastError: error });
        return { ok: false, error };
      }
      const body = reply.body as { token?: unknown; editionId?: unknown; member?: { id?: unknown; name?: unknown } };
      if (typeof body.token !== "string" || typeof body.editionId !== "string" || typeof body.member?.id !== "string") {
        const error = fail("bad-response", "The server's answer to enrolment was not understood.");
        emit({ lastError: error });
        return { ok: false, error };
      }
      const editionId = body.editionId;
      const memberId = body.member.id;
      const memberName = typeof body.member.name === "string" ? body.member.name : memberId;
      try {
        await tokens.setToken(body.token);
        const bundle = await send("GET", `/editions/${encodeURIComponent(editionId)}/bundle`, undefined, body.token);
        // The same reference rows also arrive with the first pull, so a failed bundle fetch is not fatal.
        if (bundle.kind === "ok") {
          // Reference data only: this member's records come through the pull, with their cursor.
          const { edition, rubric, participants, members } = bundle.body as EditionBundle;
          await storage.putEditionBundle({ edition, rubric, participants, members });
        }
        const previous = await storage.getSession();
        await storage.setSession({ editionId, memberId, locale: requestedLocale ?? previous?.locale ?? locale });
      } catch (error) {
        const failure = storageError(error);
        emit({ lastError: failure });
        return { ok: false, error: failure };
      }
      backoff.reset();
      emit({ needsEnrolment: false, lastError: null, nextRetryAt: null, session: { editionId, memberId } });
      await engine.syncNow("manual");
      return { ok: true, editionId, memberId, memberName };
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
