// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  START_ROWS_ELEMENT_ID,
  START_ROWS_MARKER,
  splitAtStartRows,
  startRowsElement,
} from "../../src/protocol/start-rows-embed.ts";
import { openStorage } from "../../src/storage/index.ts";
import { DEFAULT_DB_NAME } from "../../src/storage/meta-keys.ts";
import { readStartSnapshot } from "../../src/storage/start.ts";
import { openExisting, readStartRows, type StartRows } from "../../src/storage/start-rows.ts";
import { deleteDatabase, MEMBER, seedScoredSession } from "./helpers.ts";

/** What the service worker does: the rows of database `name`, read on their own connection. */
const rowsAsTheWorkerReads = async (name: string): Promise<StartRows | null> => {
  const db = await openExisting(name);
  if (!db || db === "missing") return null;
  try {
    return await readStartRows(db, null);
  } finally {
    db.close();
  }
};

/** The page as the worker serves it: the block parsed into the document at the marker. */
const servePage = (block: string) => {
  document.body.innerHTML = `${block}<div id="app"></div>`;
};

afterEach(async () => {
  document.body.innerHTML = "";
  await deleteDatabase(DEFAULT_DB_NAME);
});

const seed = async () => {
  const storage = await openStorage();
  await seedScoredSession(storage, { grade: { level: "C", points: null }, note: "</script><b>x</b>" });
  storage.close();
};

/** Runs `run` with an IndexedDB whose every open fails; gives what it returned and how many opens it tried. */
const withoutDatabase = async <T>(run: () => Promise<T>): Promise<{ value: T; opens: number }> => {
  const real = globalThis.indexedDB;
  const broken = Object.create(real) as IDBFactory;
  let opens = 0;
  broken.open = () => {
    opens += 1;
    throw new Error("the page opened IndexedDB");
  };
  Object.defineProperty(globalThis, "indexedDB", { value: broken, configurable: true });
  try {
    return { value: await run(), opens };
  } finally {
    Object.defineProperty(globalThis, "indexedDB", { value: real, configurable: true });
  }
};

describe("the start rows the service worker puts into the page", () => {
  it("give the page the same snapshot as its own read, without opening IndexedDB, once", async () => {
    await seed();
    const own = await readStartSnapshot();
    expect(own?.memberData?.scores.map((s) => s.note)).toEqual(["</script><b>x</b>"]);

    const rows = await rowsAsTheWorkerReads(DEFAULT_DB_NAME);
    expect(rows?.edition?.memberId).toBe(MEMBER);
    servePage(startRowsElement(rows));
    // A row's text cannot end the element early: the block is one element with all of its JSON.
    expect(document.querySelectorAll("script")).toHaveLength(1);
    expect(document.querySelector("b")).toBeNull();

    const embedded = await withoutDatabase(() => readStartSnapshot());
    expect(embedded).toEqual({ value: own, opens: 0 });
    // Taken once: the element is gone, and a second start reads the database.
    expect(document.getElementById(START_ROWS_ELEMENT_ID)).toBeNull();
    expect((await withoutDatabase(() => readStartSnapshot())).opens).toBe(1);
  });

  it("a malformed or foreign block is not trusted: the page reads IndexedDB instead", async () => {
    await seed();
    const own = await readStartSnapshot();
    for (const block of [
      `<script type="application/json" id="${START_ROWS_ELEMENT_ID}">{not json</script>`,
      startRowsElement({ editions: "none" }),
      startRowsElement({ editions: [], edition: { editionId: 7 } }),
    ]) {
      servePage(block);
      expect(await readStartSnapshot()).toEqual(own);
    }
  });

  it("only a named storage's own read: another database never takes the default one's rows", async () => {
    await seed();
    servePage(startRowsElement(await rowsAsTheWorkerReads(DEFAULT_DB_NAME)));
    // Its own read: a database that is not there is a new device's empty start, not the default one's rows.
    expect(await readStartSnapshot("panelis-other")).toMatchObject({ session: null, editions: [], memberData: null });
    expect(document.getElementById(START_ROWS_ELEMENT_ID)).not.toBeNull();
  });

  it("give nothing for a first visit or a practice session: the page finds out for itself", async () => {
    expect(await rowsAsTheWorkerReads(DEFAULT_DB_NAME)).toBeNull();
    const storage = await openStorage();
    await storage.setSession({ editionId: null, memberId: null, locale: "id", practice: true });
    storage.close();
    expect(await rowsAsTheWorkerReads(DEFAULT_DB_NAME)).toBeNull();
  });

  it("index.html has one marker, in <body>, where the worker splits the page", () => {
    const html = readFileSync(join(process.cwd(), "index.html"), "utf8");
    const parts = splitAtStartRows(html);
    expect(parts?.head).toContain("<body>");
    expect(parts?.tail).toContain('<div id="app">');
    expect(html.split(START_ROWS_MARKER)).toHaveLength(2);
    expect(splitAtStartRows("<html></html>")).toBeNull();
  });
});
