/*
 * A waiting app version is activated only when it cannot interrupt work: no
 * field has focus and no sync is running. "Reload now" while busy waits for
 * idle instead of cutting an edit or a push in half.
 */
import type { UpdateHandle } from "../pwa/service-worker.ts";
import { appStore } from "./app-store.ts";

let pending: UpdateHandle | null = null;
let unsubscribe: (() => void) | null = null;

const isIdle = () => {
  const { editing, syncing } = appStore.getState();
  return editing === 0 && !syncing;
};

/** workbox-window loads after the first screen is up: registration never delays a panelist. */
export const watchForUpdates = async (url = "/sw.js") => {
  const { registerServiceWorker } = await import("../pwa/service-worker.ts");
  registerServiceWorker(url, (handle) => {
    pending = handle;
    appStore.setState({ updateReady: true });
  });
};

export const applyUpdate = () => {
  if (!pending) return;
  const handle = pending;
  if (isIdle()) {
    handle.activate();
    return;
  }
  unsubscribe?.();
  unsubscribe = appStore.subscribe(() => {
    if (!isIdle()) return;
    unsubscribe?.();
    unsubscribe = null;
    handle.activate();
  });
};

export const postponeUpdate = () => appStore.setState({ updateReady: false });

/** Lets tests hand in an update without a real service worker. */
export const offerUpdateForTest = (handle: UpdateHandle) => {
  pending = handle;
  appStore.setState({ updateReady: true });
};
