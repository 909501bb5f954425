import { render } from "preact";
import { startApp, watchForUpdates } from "./state/index.ts";
import { App } from "./ui/App.tsx";
import "./ui/styles.css";

const root = document.getElementById("app");
if (root) render(<App />, root);
void startApp();
if (import.meta.env.PROD) watchForUpdates();
