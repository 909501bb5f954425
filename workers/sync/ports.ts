/*
 * What the sync engine is given rather than reaching for: the storage facade's
 * sync part, the token store, the origin-wide lock and the channel to other tabs.
 * Injected so the fault suite drives the engine directly against the in-process server.
 */
import type { PanelisStorage } from "../../src/storage/index.ts";
import type { SyncStatus } from "./status.ts";

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
  | "getEnrolment"
  | "setEnrolment"
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
