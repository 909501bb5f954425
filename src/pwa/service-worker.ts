/*
 * The only owner of service-worker registration. A new version waits (the
 * worker is built with registerType "prompt", so it never skips waiting on its
 * own) until the page calls `activate`, which the state layer does only when
 * no field is being edited and no sync is running.
 */
import { Workbox } from "workbox-window";

export type UpdateHandle = { activate: () => void };

export const registerServiceWorker = (url: string, onUpdateWaiting: (handle: UpdateHandle) => void): void => {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  const workbox = new Workbox(url, { scope: "/" });
  workbox.addEventListener("waiting", () => {
    onUpdateWaiting({
      activate: () => {
        workbox.addEventListener("controlling", () => window.location.reload());
        workbox.messageSkipWaiting();
      },
    });
  });
  void workbox.register();
};
