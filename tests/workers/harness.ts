/*
 * A world for the sync fault suite: the real server app in-process, tablets that are
 * real storage (fake-indexeddb) plus a real engine, and a network between them that
 * fails on command. Time is one settable clock shared by server and tablets (each
 * tablet may run its own offset from it).
 */
import "fake-indexeddb/auto";
import { issueJoinCode } from "../../src/server/enrolment.ts";
import { openStorage } from "../../src/storage/index.ts";
import type { PanelisStorage } from "../../src/storage/index.ts";
import type { ScoreChanges, ScoreIdentity } from "../../src/storage/storage-types.ts";
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from "../../workers/sync/engine.ts";
import type { Timers } from "../../workers/sync/http.ts";
import type { LockRunner, PeerChannel, PeerMessage, TokenStore } from "../../workers/sync/ports.ts";
import { createMemoryTokenStore } from "../../workers/sync/token-store.ts";
import { TEST_EDITION_ID } from "../fixtures/builders.ts";
import { createTestServer, type TestServer, type TestServerOptions } from "../helpers/in-process-server.ts";

export { TEST_EDITION_ID };

export type Fault =
  /** Nothing reaches the server: no route, airplane mode. */
  | "offline"
  /** The server handles the request and commits, then the reply is lost. */
  | "lost-reply"
  /** The connection resets before the server sees the request. */
  | "reset"
  /** A proxy or the server answers 500 without handling the request. */
  | "http-500"
  /** A gateway answers 502 with an HTML page. */
  | "http-502-html"
  /** Never answers; the engine's request timeout must fire. */
  | "hang"
  /** The server handles and commits, but the reply arrives only after the engine gave up. */
  | "slow-reply";

export type Call = { method: string; path: string; status: number | Fault };

export type Net = {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** Queue faults for the next matching requests (in order). */
  fail(fault: Fault, options?: { times?: number; path?: string }): void;
  /** Runs after every request the server answered (or committed before the reply was lost). */
  tap(hook: ((call: { method: string; path: string; body: unknown }) => void | Promise<void>) | null): void;
  /** Decide every request's fate (overrides queued faults when it returns a fault). */
  setChaos(decide: ((call: { method: string; path: string }) => Fault | null) | null): void;
  calls: Call[];
  reset(): void;
};

const pathOf = (input: string): string => new URL(input, "http://tablet.local").pathname;

/**
 * The tablets' request timeout in these tests. A PostgreSQL round trip per statement, on a
 * shared machine, would make 40 ms time out healthy requests.
 */
export const requestTimeoutFor = (server: Pick<TestServer, "store">): number =>
  server.store.engine === "postgres" ? 3_000 : 40;

export const createNet = (server: Pick<TestServer, "fetch" | "store">): Net => {
  const queue: Array<{ fault: Fault; path: string | undefined }> = [];
  let chaos: ((call: { method: string; path: string }) => Fault | null) | null = null;
  let tapHook: ((call: { method: string; path: string; body: unknown }) => void | Promise<void>) | null = null;
  const calls: Call[] = [];
  const toServer = async (input: string, init: RequestInit, method: string, path: string): Promise<Response> => {
    const res = await server.fetch(input, init);
    if (tapHook) {
      const body = typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
      await tapHook({ method, path, body });
    }
    return res;
  };
  const net: Net = {
    calls,
    fail(fault, options = {}) {
      for (let i = 0; i < (options.times ?? 1); i++) queue.push({ fault, path: options.path });
    },
    setChaos(decide) {
      chaos = decide;
    },
    tap(hook) {
      tapHook = hook;
    },
    reset() {
      queue.length = 0;
      chaos = null;
      tapHook = null;
      calls.length = 0;
    },
    async fetch(input, init) {
      const method = init.method ?? "GET";
      const path = pathOf(input);
      let fault: Fault | null = chaos ? chaos({ method, path }) : null;
      if (!fault) {
        const index = queue.findIndex((q) => q.path === undefined || path.endsWith(q.path));
        if (index >= 0) fault = queue.splice(index, 1)[0]?.fault ?? null;
      }
      const record = (status: number | Fault) => calls.push({ method, path, status });
      switch (fault) {
        case "offline":
        case "reset":
          record(fault);
          throw new TypeError(fault === "offline" ? "Failed to fetch" : "network connection was reset");
        case "http-500":
          record(fault);
          return new Response(JSON.stringify({ error: { code: "internal", message: "boom" } }), {
            status: 500,
            headers: { "Content-Type": "application/json" },
          });
        case "http-502-html":
          record(fault);
          return new Response("<html>Bad gateway</html>", { status: 502, headers: { "Content-Type": "text/html" } });
        case "hang":
          record(fault);
          return new Promise<Response>(() => {});
        case "lost-reply": {
          await (await toServer(input, init, method, path)).text();
          record(fault);
          throw new TypeError("Failed to fetch");
        }
        case "slow-reply": {
          const res = await toServer(input, init, method, path);
          record(fault);
          // Well past the request timeout, so the tablet gives up first.
          return new Promise<Response>((resolve) => setTimeout(() => resolve(res), requestTimeoutFor(server) + 160));
        }
        default: {
          const res = await toServer(input, init, method, path);
          record(res.status);
          return res;
        }
      }
    },
  };
  return net;
};

/** Short timers (request timeouts) run for real; long ones (backoff, polling) wait for the test to fire them. */
export type TestTimers = Timers & {
  pending(): Array<{ ms: number; callback: () => void }>;
  /** Fires every waiting long timer once. */
  fireAll(): void;
};

/** Delays below `realBelowMs`, and exactly `alsoRealMs` (the request timeout), run on real time. */
export const createTestTimers = (realBelowMs = 100, alsoRealMs?: number): TestTimers => {
  const waiting = new Map<number, { ms: number; callback: () => void }>();
  let nextId = 1;
  return {
    setTimeout(callback, ms) {
      if (ms < realBelowMs || ms === alsoRealMs) return { real: setTimeout(callback, ms) };
      const id = nextId++;
      waiting.set(id, { ms, callback });
      return { id };
    },
    clearTimeout(handle) {
      const h = handle as { real?: ReturnType<typeof setTimeout>; id?: number } | undefined;
      if (h?.real !== undefined) clearTimeout(h.real);
      if (h?.id !== undefined) waiting.delete(h.id);
    },
    pending: () => [...waiting.values()],
    fireAll() {
      const due = [...waiting.values()];
      waiting.clear();
      for (const t of due) t.callback();
    },
  };
};

/** Two tabs in one process: a broadcast channel that delivers synchronously to every other subscriber. */
export const createPeerHub = (): (() => PeerChannel) => {
  const subscribers = new Set<(message: PeerMessage) => void>();
  return () => {
    let mine: ((message: PeerMessage) => void) | null = null;
    return {
      post(message) {
        for (const s of subscribers) if (s !== mine) s(structuredClone(message));
      },
      subscribe(listener) {
        mine = listener;
        subscribers.add(listener);
        return () => subscribers.delete(listener);
      },
    };
  };
};

let dbCounter = 0;
export const uniqueDbName = (label: string): string =>
  `sync-${label}-${++dbCounter}-${Math.random().toString(36).slice(2)}`;

/** Deterministic bytes for storage's device and mutation ids. */
export const seededBytes = (seed: number): ((n: number) => Uint8Array) => {
  let state = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      out[i] = state & 0xff;
    }
    return out;
  };
};

export type World = {
  server: TestServer;
  now: () => number;
  advance: (ms: number) => void;
  close: () => void;
};

export const createWorld = async (options: TestServerOptions = {}): Promise<World> => {
  const server = await createTestServer(options);
  return { server, now: server.now, advance: server.advance, close: server.close };
};

export type TabletOptions = {
  memberId: string;
  label?: string;
  dbName?: string;
  /** The tablet's wall clock runs this far from the world's. */
  clockOffsetMs?: number;
  seed?: number;
  tokens?: TokenStore;
  net?: Net;
  timers?: TestTimers;
  lock?: LockRunner;
  peers?: PeerChannel;
  /** Skip enrolment (the caller enrols, or tests an un-enrolled tablet). */
  enrol?: boolean;
  editionId?: string;
  engine?: Partial<SyncEngineOptions>;
};

export type Tablet = {
  label: string;
  memberId: string;
  dbName: string;
  storage: PanelisStorage;
  engine: SyncEngine;
  net: Net;
  timers: TestTimers;
  tokens: TokenStore;
  clock: () => number;
  /** Closes storage and stops the engine, like a closed tab. */
  close: () => void;
};

export const joinCode = async (world: World, memberId: string, editionId = TEST_EDITION_ID): Promise<string> =>
  (await issueJoinCode(world.server.store, editionId, memberId, world.now())).code;

export const openTablet = async (world: World, options: TabletOptions): Promise<Tablet> => {
  const label = options.label ?? options.memberId;
  const dbName = options.dbName ?? uniqueDbName(label);
  const offset = options.clockOffsetMs ?? 0;
  const clock = () => world.now() + offset;
  const seed = options.seed ?? dbCounter * 7919 + 17;
  const storage = await openStorage({ name: dbName, wallClock: clock, randomBytes: seededBytes(seed) });
  const net = options.net ?? createNet(world.server);
  const requestTimeoutMs = requestTimeoutFor(world.server);
  const timers = options.timers ?? createTestTimers(100, requestTimeoutMs);
  const tokens = options.tokens ?? createMemoryTokenStore();
  let rng = seed;
  const engineOptions: SyncEngineOptions = {
    storage,
    tokens,
    fetch: net.fetch,
    baseUrl: "http://server.test",
    now: clock,
    random: () => {
      rng = (Math.imul(rng, 1_103_515_245) + 12_345) >>> 0;
      return rng / 4_294_967_296;
    },
    timers,
    requestTimeoutMs,
    pollIntervalMs: 60_000,
    ...options.engine,
  };
  if (options.lock) engineOptions.lock = options.lock;
  if (options.peers) engineOptions.peers = options.peers;
  const engine = createSyncEngine(engineOptions);
  if (options.enrol !== false) {
    const outcome = await engine.enrolDevice(
      await joinCode(world, options.memberId, options.editionId),
      `Tablet ${label}`,
      "en",
    );
    if (!outcome.ok) throw new Error(`enrolment failed: ${outcome.error.key} ${outcome.error.detail}`);
  }
  return {
    label,
    memberId: options.memberId,
    dbName,
    storage,
    engine,
    net,
    timers,
    tokens,
    clock,
    close: () => {
      engine.stop();
      storage.close();
    },
  };
};

/** Reopens a closed tablet's database with a new engine: the app was closed and started again. */
export const reopenTablet = (world: World, tablet: Tablet, options: Partial<TabletOptions> = {}): Promise<Tablet> =>
  openTablet(world, {
    memberId: tablet.memberId,
    label: tablet.label,
    dbName: tablet.dbName,
    tokens: tablet.tokens,
    net: tablet.net,
    timers: tablet.timers,
    enrol: false,
    ...options,
  });

/** A score the given member may write under the test bundle (see tests/helpers/in-process-server.ts). */
export const scoreOf = (memberId: string, participantId = "p-5201", indicatorId?: string): ScoreIdentity => {
  const technical = memberId === "m-tech";
  return {
    editionId: TEST_EDITION_ID,
    participantId,
    componentId: technical ? "cmp-doc" : "cmp-paparan",
    indicatorId: indicatorId ?? (technical ? "ind-1.1" : "ind-p1"),
    memberId,
    rubricVersion: 1,
  };
};

export const points = (value: number, note?: string): ScoreChanges =>
  note === undefined ? { grade: { level: null, points: value } } : { grade: { level: null, points: value }, note };

export const level = (letter: string): ScoreChanges => ({ grade: { level: letter, points: null } });

/** The server's copy of one member's records, as the device should hold them. */
export const serverRecordsOf = async (world: World, memberId: string, editionId = TEST_EDITION_ID) => {
  const pick = <T extends { memberId: string; key: string }>(rows: Array<{ record: T }>) =>
    rows
      .map((r) => r.record)
      .filter((r) => r.memberId === memberId)
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  const { records } = world.server.store;
  return {
    scores: pick(await records.list("scores", editionId)),
    sheets: pick(await records.list("sheets", editionId)),
    nominations: pick(await records.list("nominations", editionId)),
  };
};

export const deviceRecordsOf = async (tablet: Tablet, editionId = TEST_EDITION_ID) => {
  const data = await tablet.storage.loadMemberData(editionId, tablet.memberId);
  const sort = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : 1));
  return { scores: sort(data.scores), sheets: sort(data.sheets), nominations: sort(data.nominations) };
};

/** Number of push requests the server actually handled for a path, from the net log. */
export const handledCalls = (net: Net, path: string): number =>
  net.calls.filter(
    (c) => c.path.endsWith(path) && (c.status === "lost-reply" || c.status === "slow-reply" || c.status === 200),
  ).length;
