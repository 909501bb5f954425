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
 * Invariants:
 * - The page never waits on the worker for more than ROWS_WAIT_MS beyond the read: the
 *   head of the page goes out at once (its script and style requests start), the rest
 *   follows with the rows, or without them after the wait; a page without rows reads
 *   IndexedDB itself, as before.
 * - It reads only (start-rows.ts): never the device token, never creates the database
 *   (a first visit's open is aborted), and its connection closes on `versionchange`, so
 *   it never blocks Dexie's upgrade or a tablet reset's deletion.
 * - The served page keeps the precached response's headers (its Content-Security-Policy),
 *   less the length and encoding that described the original body.
 */
/// <reference lib="webworker" />
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { EARLY_OPEN_SCRIPT } from "../src/protocol/early-open-script.ts";
import { splitAtStartRows, startRowsElement } from "../src/protocol/start-rows-embed.ts";
import { DEFAULT_DB_NAME } from "../src/storage/meta-keys.ts";
import type { StartHint } from "../src/storage/start-hint.ts";
import { openExisting, readStartRows, type StartRows } from "../src/storage/start-rows.ts";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Parameters<typeof precacheAndRoute>[0] };

/** Longest the rest of a page waits for its rows; a slower read is left to the page. */
const ROWS_WAIT_MS = 1000;

let connection: Promise<IDBDatabase | null> | null = null;
/** The session the last read found: the next read guesses it and needs one round instead of two. */
let lastHint: StartHint | null = null;

const connect = (): Promise<IDBDatabase | null> => {
  connection ??= openExisting(DEFAULT_DB_NAME).then((db) => {
    if (!db) {
      connection = null;
      return null;
    }
    const forget = () => {
      db.close();
      connection = null;
    };
    db.onversionchange = forget;
    db.onclose = forget;
    return db;
  });
  return connection;
};

const readRows = async (): Promise<StartRows | null> => {
  const db = await connect();
  if (!db) return null;
  const rows = await readStartRows(db, lastHint);
  const edition = rows?.edition;
  lastHint = edition ? { editionId: edition.editionId, memberId: edition.memberId } : null;
  return rows;
};

const withinWait = (rows: Promise<StartRows | null>): Promise<StartRows | null> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ROWS_WAIT_MS);
    rows.then(
      (found) => {
        clearTimeout(timer);
        resolve(found);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });

/** The precached index.html, ready to serve around the rows: read once per worker (a new version is a new worker). */
type PageTemplate = { head: Uint8Array; tail: string; init: ResponseInit };
let template: Promise<PageTemplate | null> | null = null;

const encoder = new TextEncoder();

const loadTemplate = async (): Promise<PageTemplate | null> => {
  const page = await matchPrecache("/index.html");
  const parts = page ? splitAtStartRows(await page.text()) : null;
  if (!page || !parts) return null;
  const headers = new Headers(page.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  headers.set("content-type", "text/html; charset=utf-8");
  // The inline early open is for a page that reads IndexedDB itself; this page gets its rows from here.
  const head = parts.head.replace(`<script>${EARLY_OPEN_SCRIPT}</script>`, "");
  return { head: encoder.encode(head), tail: parts.tail, init: { status: page.status, headers } };
};

/** index.html with the rows in it, streamed: the head at once, the rest when the rows are read. */
const servePage = async (request: Request): Promise<Response> => {
  const rows = withinWait(readRows());
  template ??= loadTemplate().then((loaded) => {
    if (!loaded) template = null;
    return loaded;
  });
  const page = await template;
  if (!page) return (await matchPrecache("/index.html")) ?? fetch(request);
  const body = new ReadableStream<Uint8Array>({
    start: async (controller) => {
      controller.enqueue(page.head.slice());
      const found = await rows;
      controller.enqueue(encoder.encode(`${found ? startRowsElement(found) : ""}${page.tail}`));
      controller.close();
    },
  });
  return new Response(body, page.init);
};

// Precached files are served as themselves; "/" is not mapped to the bare index.html (no directory index),
// so it and every other page outside /api/ come to servePage.
precacheAndRoute(self.__WB_MANIFEST, { directoryIndex: "" });
registerRoute(new NavigationRoute(({ request }) => servePage(request), { denylist: [/^\/api\//] }));
cleanupOutdatedCaches();

self.addEventListener("message", (event) => {
  if ((event.data as { type?: unknown } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});
