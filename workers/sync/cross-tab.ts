/*
 * One syncer per origin: each cycle runs under the Web Lock "panelis-sync", taken
 * only if free, so two tabs never push the same outbox at once; the tabs that did
 * not get it hear the syncing tab's status on BroadcastChannel "panelis-sync".
 * Both APIs are feature-checked: without them a tab simply syncs on its own, which
 * the server's idempotent push makes safe, only wasteful.
 */
import type { LockRunner, PeerChannel, PeerMessage } from "./ports.ts";

export const SYNC_LOCK_NAME = "panelis-sync";
export const SYNC_CHANNEL_NAME = "panelis-sync";

type LockManagerLike = {
  request(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<void>): Promise<void>;
};

export const webLockRunner = (): LockRunner | undefined => {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  if (typeof locks?.request !== "function") return undefined;
  return async (task) => {
    let ran = false;
    await locks.request(SYNC_LOCK_NAME, { ifAvailable: true }, async (lock) => {
      if (lock === null) return;
      ran = true;
      await task();
    });
    return ran;
  };
};

/** In-memory twin of the Web Lock, for tests that run two engines (tabs) in one process. */
export const createMemoryLock = (): LockRunner & { readonly held: boolean } => {
  let held = false;
  const run = async (task: () => Promise<void>): Promise<boolean> => {
    if (held) return false;
    held = true;
    try {
      await task();
    } finally {
      held = false;
    }
    return true;
  };
  return Object.defineProperty(run, "held", { get: () => held }) as LockRunner & { readonly held: boolean };
};

export const broadcastPeers = (): PeerChannel | undefined => {
  if (typeof BroadcastChannel !== "function") return undefined;
  const channel = new BroadcastChannel(SYNC_CHANNEL_NAME);
  return {
    post(message) {
      channel.postMessage(message);
    },
    subscribe(listener) {
      const onMessage = (event: MessageEvent<PeerMessage>): void => listener(event.data);
      channel.addEventListener("message", onMessage);
      return () => {
        channel.removeEventListener("message", onMessage);
        channel.close();
      };
    },
  };
};
