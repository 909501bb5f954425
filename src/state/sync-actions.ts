/*
 * Mirrors the sync worker's status into the store and routes the few sync
 * commands the UI has (join, sync now). The worker owns the network; the page
 * never fetches panelist data itself.
 */
import type { SyncClient, SyncStatus } from "../sync-client/index.ts";
import { appStore } from "./app-store.ts";
import { navigate, openSession, reloadEditions } from "./session-actions.ts";

let client: SyncClient | null = null;
let unsubscribe: (() => void) | null = null;
let announceClient: (c: SyncClient | null) => void = () => undefined;
/** Settles once startSync has run: a join link opened at launch must wait for the worker, not fail. */
let clientSettled = new Promise<SyncClient | null>((resolve) => {
  announceClient = resolve;
});

/** `online` is not mirrored: the page's own online/offline events own it, the worker's view can lag. */
const mirror = (status: SyncStatus) =>
  appStore.setState({
    syncing: status.syncing,
    lastSyncAt: status.lastSyncAt,
    syncError: status.lastError,
    needsEnrolment: status.needsEnrolment,
  });

/**
 * Starts the sync worker where the platform has workers (jsdom and old browsers
 * simply run without sync). The client and comlink load after the first screen.
 */
export const startSync = async (create?: () => SyncClient) => {
  if (client) return;
  if (typeof Worker === "undefined") {
    announceClient(null);
    return;
  }
  const factory = create ?? (await import("../sync-client/index.ts")).startSyncClient;
  client ??= factory();
  const started = client;
  const stopMirror = started.subscribe(mirror);
  // Workers do not reliably hear the page's connectivity change: the page tells the worker, and a network
  // coming back is worth a sync at once (the worker's own "online" then lets later changes go out promptly).
  const onOnline = () => {
    started.setOnline(true);
    void started.syncNow().then(mirror, () => undefined);
  };
  const onOffline = () => started.setOnline(false);
  globalThis.addEventListener?.("online", onOnline);
  globalThis.addEventListener?.("offline", onOffline);
  unsubscribe = () => {
    stopMirror();
    globalThis.removeEventListener?.("online", onOnline);
    globalThis.removeEventListener?.("offline", onOffline);
  };
  announceClient(client);
};

export const stopSync = async () => {
  unsubscribe?.();
  unsubscribe = null;
  await client?.stop();
  client = null;
  clientSettled = new Promise<SyncClient | null>((resolve) => {
    announceClient = resolve;
  });
};

export const notifySaved = () => client?.notifySaved();

export const syncNow = async () => {
  if (!client) return;
  mirror(await client.syncNow());
};

/** `deviceName` is what the coordinator will see; empty lets the server name the tablet after its member. */
export const joinWithCode = async (code: string, deviceName = ""): Promise<boolean> => {
  const { online, locale } = appStore.getState();
  const client = await clientSettled;
  if (!client) {
    appStore.setState({ notice: { key: "error.joinFailed", params: { reason: "sync unavailable" }, tone: "error" } });
    return false;
  }
  if (!online) {
    appStore.setState({ notice: { key: "error.offlineJoin", tone: "error" } });
    return false;
  }
  const outcome = await client.enrol(code, deviceName, locale);
  if (!outcome.ok) {
    // Enrolment is not retried on its own: say plainly that the panelist must tap again.
    const retry = ["network", "timeout", "server-error", "rate-limited"].includes(outcome.error.key);
    appStore.setState({
      notice: retry
        ? { key: "error.joinRetry", tone: "error" }
        : { key: `syncError.${outcome.error.key}`, params: { detail: outcome.error.detail }, tone: "error" },
    });
    return false;
  }
  appStore.setState({ enrolment: { editionId: outcome.editionId, memberId: outcome.memberId } });
  await reloadEditions();
  await openSession(outcome.editionId, outcome.memberId, true, false);
  appStore.setState({ notice: { key: "start.joined", params: { name: outcome.memberName }, tone: "info" } });
  navigate({ name: "start" });
  return true;
};
