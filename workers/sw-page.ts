/*
 * The service worker's pages (workers/sw.ts): index.html streamed with the start rows
 * inside (src/protocol/start-rows-embed.ts). Kept apart from the worker's entry, which
 * only wires workbox, so it runs in the unit tests on fake-indexeddb.
 *
 * Invariants:
 * - The head of the page goes out at once (its script and style requests start), the
 *   rest follows with the rows, or without them once `waitMs` has passed; a page without
 *   rows reads IndexedDB itself.
 * - It reads only (start-rows.ts): never the device token, never creates the database
 *   (a first visit's open is aborted), and its one connection closes on `versionchange`,
 *   so it never blocks Dexie's upgrade or a tablet reset's deletion.
 * - The served page keeps the precached response's status and headers (its
 *   Content-Security-Policy), less the length and encoding of the original body.
 */
import { EARLY_OPEN_ELEMENT } from "../src/protocol/early-open-script.ts";
import { splitAtStartRows, startRowsElement } from "../src/protocol/start-rows-embed.ts";
import type { StartHint } from "../src/storage/start-hint.ts";
import { openExisting, readStartRows, type StartRows } from "../src/storage/start-rows.ts";

/** Longest the rest of a page waits for its rows; a slower read is left to the page. */
export const ROWS_WAIT_MS = 1000;

export type PageServerOptions = {
  /** The precached index.html; read once per worker (a new version is a new worker). */
  page: () => Promise<Response | undefined>;
  dbName: string;
  waitMs?: number;
};

/** The precached index.html, ready to serve around the rows. */
type PageTemplate = { head: Uint8Array; tail: string; init: ResponseInit };

const encoder = new TextEncoder();

export const createPageServer = ({ page, dbName, waitMs = ROWS_WAIT_MS }: PageServerOptions) => {
  let connection: Promise<IDBDatabase | null> | null = null;
  /** The session the last read found: the next read guesses it and needs one round instead of two. */
  let lastHint: StartHint | null = null;
  let template: Promise<PageTemplate | null> | null = null;

  const connect = (): Promise<IDBDatabase | null> => {
    connection ??= openExisting(dbName).then((db) => {
      // No database yet (a first visit) has no rows to put in: the page finds that out itself.
      if (!db || db === "missing") {
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
      const timer = setTimeout(() => resolve(null), waitMs);
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

  const loadTemplate = async (): Promise<PageTemplate | null> => {
    const original = await page();
    const parts = original ? splitAtStartRows(await original.text()) : null;
    if (!original || !parts) return null;
    const headers = new Headers(original.headers);
    headers.delete("content-length");
    headers.delete("content-encoding");
    headers.set("content-type", "text/html; charset=utf-8");
    // The inline early open is for a page that reads IndexedDB itself; this page gets its rows from here.
    const head = parts.head.replace(EARLY_OPEN_ELEMENT, "");
    return { head: encoder.encode(head), tail: parts.tail, init: { status: original.status, headers } };
  };

  /**
   * index.html with the rows in it, streamed: the head at once, the rest when the rows are
   * read. Without a usable index.html (none precached, no marker) it gives the precached
   * page as it is, or undefined for the caller to fetch.
   */
  const serve = async (): Promise<Response | undefined> => {
    const rows = withinWait(readRows());
    template ??= loadTemplate().then((loaded) => {
      if (!loaded) template = null;
      return loaded;
    });
    const ready = await template;
    if (!ready) return page();
    const body = new ReadableStream<Uint8Array>({
      start: async (controller) => {
        controller.enqueue(ready.head.slice());
        const found = await rows;
        controller.enqueue(encoder.encode(`${found ? startRowsElement(found) : ""}${ready.tail}`));
        controller.close();
      },
    });
    return new Response(body, ready.init);
  };

  return { serve };
};
