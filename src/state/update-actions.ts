/*
 * A waiting app version is activated only when it cannot interrupt work: no
 * field has focus and no sync is running. "Reload now" while busy waits for
 * idle instead of cutting an edit or a push in half.
 */
import { registerServiceWorker, type UpdateHandle } from "../pwa/service-worker.ts";
import { useAppStore } from "./app-store.ts";

let pending: UpdateHandle | null = null;
let unsubscribe: (() => void) | null = null;

const isIdle = () => {
  const { editing, syncing } = useAppStore.getState();
  return editing === 0 && !syncing;
};

export const watchForUpdates = (url = "/sw.js") =>
  registerServiceWorker(url, (handle) => {
    pending = handle;
    useAppStore.setState({ updateReady: true });
  });

export const applyUpdate = () => {
  if (!pending) return;
  const handle = pending;
  if (isIdle()) {
    handle.activate();
    return;
  }
  unsubscribe?.();
  unsubscribe = useAppStore.subscribe(() => {
    if (!isIdle()) return;
    unsubscribe?.();
    unsubscribe = null;
    handle.activate();
  });
};

export const postponeUpdate = () => useAppStore.setState({ updateReady: false });

/** Lets tests hand in an update without a real service worker. */
export const offerUpdateForTest = (handle: UpdateHandle) => {
  pending = handle;
  useAppStore.setState({ updateReady: true });
};
