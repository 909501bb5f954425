/*
 * The service worker: precaches the built app (workbox, the same behaviour the
 * generated worker had: every navigation outside /api/ gets index.html, old caches are
 * cleaned up, a new version waits until the page asks it to take over) and serves each
 * page with its start rows inside (src/protocol/start-rows-embed.ts).
 *
 * Why the rows: on a reload the browser spends tens of milliseconds replacing the old
 * page before the new one parses a byte, and a new page's first IndexedDB open and read
 * then cost another 30–50 ms on a 2-core machine (marks along the offline reload bench).
 * This worker is already running and keeps its connection open, so it reads the rows
 * while the browser is still busy with the old page; the page renders from them with no
 * IndexedDB round.
 *
 * The pages themselves, and their invariants, are sw-page.ts; this file only wires
 * workbox and the update message.
 */
/// <reference lib="webworker" />
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { DEFAULT_DB_NAME } from "../src/storage/meta-keys.ts";
import { createPageServer } from "./sw-page.ts";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Parameters<typeof precacheAndRoute>[0] };

const pages = createPageServer({ page: () => matchPrecache("/index.html"), dbName: DEFAULT_DB_NAME });

// Precached files are served as themselves; "/" is not mapped to the bare index.html (no directory index),
// so it and every other page outside /api/ come to the page server.
precacheAndRoute(self.__WB_MANIFEST, { directoryIndex: "" });
registerRoute(
  new NavigationRoute(async ({ request }) => (await pages.serve()) ?? fetch(request), { denylist: [/^\/api\//] }),
);
cleanupOutdatedCaches();

self.addEventListener("message", (event) => {
  if ((event.data as { type?: unknown } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});
