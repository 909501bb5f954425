import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { EARLY_OPEN_ELEMENT } from "../../src/protocol/early-open-script.ts";
import { START_ROWS_ELEMENT_ID, START_ROWS_MARKER } from "../../src/protocol/start-rows-embed.ts";
import { openStorage } from "../../src/storage/index.ts";
import type { StartRows } from "../../src/storage/start-rows.ts";
import { createPageServer } from "../../workers/sw-page.ts";
import { databaseNames, deleteDatabase, MEMBER, scoreIdentity, seedScoredSession } from "../storage/helpers.ts";

const INDEX_HTML = `<!doctype html><html><head>${EARLY_OPEN_ELEMENT}<script type="module" src="/a.js"></script></head><body>${START_ROWS_MARKER}<div id="app"></div></body></html>`;

const precached = (html = INDEX_HTML) =>
  new Response(html, {
    headers: {
      "content-type": "text/html",
      "content-security-policy": "script-src 'self'",
      "content-length": String(html.length),
      "content-encoding": "gzip",
    },
  });

let dbCounter = 0;
const seeded = async () => {
  const name = `panelis-sw-${++dbCounter}-${Date.now()}`;
  const storage = await openStorage({ name });
  await seedScoredSession(storage);
  storage.close();
  return name;
};

const rowsIn = (html: string): StartRows | null => {
  const match = new RegExp(`<script type="application/json" id="${START_ROWS_ELEMENT_ID}">(.*?)</script>`).exec(html);
  return match ? (JSON.parse(match[1] as string) as StartRows) : null;
};

describe("the service worker's pages", () => {
  it("are index.html with the stored start rows at the marker, without the early open, under its headers", async () => {
    const dbName = await seeded();
    const server = createPageServer({ page: async () => precached(), dbName });
    const response = await server.serve();
    if (!response) throw new Error("no page");
    expect(response.headers.get("content-security-policy")).toBe("script-src 'self'");
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.headers.get("content-encoding")).toBeNull();
    const html = await response.text();
    expect(html).not.toContain("__panelisEarlyOpen");
    expect(html).toContain('<script type="module" src="/a.js"></script>');
    expect(html.indexOf(START_ROWS_ELEMENT_ID)).toBeLessThan(html.indexOf('<div id="app">'));
    const rows = rowsIn(html);
    expect(rows?.edition?.memberId).toBe(MEMBER);
    expect((rows?.edition?.records[0] ?? []).map((s) => (s as { level: unknown }).level)).toEqual(["C"]);
    // The second page (its template and connection kept) sees a later write.
    const storage = await openStorage({ name: dbName });
    await storage.saveScore(scoreIdentity(), { grade: { level: "B", points: null } });
    storage.close();
    const again = rowsIn(await ((await server.serve()) as Response).text());
    expect((again?.edition?.records[0] ?? []).map((s) => (s as { level: unknown }).level)).toEqual(["B"]);
  });

  it("send the head before the rows are read", async () => {
    const dbName = await seeded();
    const server = createPageServer({ page: async () => precached(), dbName });
    const response = (await server.serve()) as Response;
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('<script type="module" src="/a.js"></script>');
    expect(first).not.toContain(START_ROWS_ELEMENT_ID);
    await reader.cancel();
  });

  it("carry no rows on a first visit, and create no database", async () => {
    const dbName = `panelis-sw-none-${Date.now()}`;
    const server = createPageServer({ page: async () => precached(), dbName });
    const html = await ((await server.serve()) as Response).text();
    expect(rowsIn(html)).toBeNull();
    expect(html).toContain('<div id="app">');
    expect(await databaseNames()).not.toContain(dbName);
  });

  it("never block a deletion of the database (a tablet reset): the worker's connection gives way", async () => {
    const dbName = await seeded();
    const server = createPageServer({ page: async () => precached(), dbName });
    expect(rowsIn(await ((await server.serve()) as Response).text())).not.toBeNull();
    expect(await deleteDatabase(dbName)).toBe("deleted");
    // The next page reopens nothing that is gone: no rows, no database created again.
    expect(rowsIn(await ((await server.serve()) as Response).text())).toBeNull();
    expect(await databaseNames()).not.toContain(dbName);
  });

  it("go out without rows when the read takes longer than the wait", async () => {
    const dbName = await seeded();
    // A readwrite transaction over the same stores holds the worker's readonly read back.
    const held = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(dbName);
      request.onsuccess = () => resolve(request.result);
    });
    const tx = held.transaction(["meta"], "readwrite");
    let holding = true;
    const spin = () => {
      if (holding) tx.objectStore("meta").get("session").onsuccess = spin;
    };
    spin();
    const server = createPageServer({ page: async () => precached(), dbName, waitMs: 50 });
    const html = await ((await server.serve()) as Response).text();
    holding = false;
    held.close();
    expect(rowsIn(html)).toBeNull();
    expect(html).toContain('<div id="app">');
  });

  it("give the precached page as it is when it has no marker, and nothing without a page", async () => {
    const dbName = await seeded();
    const bare = "<!doctype html><html><body><div id=app></div></body></html>";
    const plain = createPageServer({ page: async () => precached(bare), dbName });
    expect(await ((await plain.serve()) as Response).text()).toBe(bare);
    const none = createPageServer({ page: async () => undefined, dbName });
    expect(await none.serve()).toBeUndefined();
  });
});
