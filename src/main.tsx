import { render } from "preact";
import { notifySaved, onSaved, renderFirst, startApp, startSync, watchForUpdates } from "./state/index.ts";
import { App } from "./ui/App.tsx";
import "./ui/styles.css";
import "./ui/panelist.css";
import "./ui/header.css";

// A returning tablet renders once, with its screen from the start snapshot (state/first-render.ts).
void renderFirst(() => {
  const root = document.getElementById("app");
  if (root) render(<App />, root);
});

/** Sync and update checks wait until the first screen is up, so they never compete with it. */
const whenIdle = (): Promise<void> =>
  new Promise((resolve) =>
    "requestIdleCallback" in window
      ? requestIdleCallback(() => resolve(), { timeout: 2000 })
      : setTimeout(resolve, 300),
  );

void startApp().then(async () => {
  onSaved(notifySaved);
  await whenIdle();
  await startSync();
  if (import.meta.env.PROD) await watchForUpdates();
});
