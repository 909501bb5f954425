import { render } from "preact";
import { notifySaved, onSaved, startApp, startSync, watchForUpdates } from "./state/index.ts";
import { App } from "./ui/App.tsx";
import "./ui/styles.css";

const root = document.getElementById("app");
if (root) render(<App />, root);
void startApp().then(async () => {
  onSaved(notifySaved);
  await startSync();
  if (import.meta.env.PROD) await watchForUpdates();
});
