import "fake-indexeddb/auto";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EARLY_OPEN_SCRIPT } from "../../src/protocol/early-open-script.ts";
import { SECURITY_HEADERS } from "../../src/server/app.ts";
import { openStorage } from "../../src/storage/index.ts";
import { DEFAULT_DB_NAME } from "../../src/storage/meta-keys.ts";
import { readStartSnapshot } from "../../src/storage/start.ts";
import { databaseNames, deleteDatabase, seedScoredSession } from "./helpers.ts";

type Holder = { __panelisEarlyOpen?: { name: string; connection: Promise<IDBDatabase | "missing" | null> } };
const holder = globalThis as Holder;

/** Runs the inline script as the browser would, at the top of <head>. */
const runEarlyOpen = () => {
  new Function(EARLY_OPEN_SCRIPT)();
  const early = holder.__panelisEarlyOpen;
  if (!early) throw new Error("the early open script set nothing");
  return early;
};

// These tests use the app's real database name, as the inline script does: one at a time, in order.
describe.sequential("the inline early open of the tablet's database", () => {
  it("opens the default database, by the storage's own name", () => {
    expect(runEarlyOpen().name).toBe(DEFAULT_DB_NAME);
    holder.__panelisEarlyOpen = undefined;
  });

  it("creates nothing on a first visit, and says the database is missing", async () => {
    expect(await runEarlyOpen().connection).toBe("missing");
    expect(await readStartSnapshot()).toMatchObject({ session: null, editions: [] });
    expect(await databaseNames()).not.toContain(DEFAULT_DB_NAME);
  });

  it("is the connection the start snapshot reads through, taken once, and gives the same snapshot", async () => {
    const storage = await openStorage();
    await seedScoredSession(storage);
    const plain = await readStartSnapshot();

    runEarlyOpen();
    const early = await readStartSnapshot();
    expect(holder.__panelisEarlyOpen).toBeUndefined();
    expect("__panelisEarlyOpen" in globalThis).toBe(true);
    expect(early).toEqual(plain);
    expect(early?.memberData?.scores.map((s) => s.level)).toEqual(["C"]);
    storage.close();
  });

  it("never blocks a deletion or an upgrade, even when nothing took the connection", async () => {
    const connection = await runEarlyOpen().connection;
    expect(connection).not.toBeNull();
    expect(await deleteDatabase(DEFAULT_DB_NAME)).toBe("deleted");
    expect(await databaseNames()).not.toContain(DEFAULT_DB_NAME);
    holder.__panelisEarlyOpen = undefined;
  });

  it("is the one inline script, allowed by the server's Content-Security-Policy by its hash", () => {
    const hash = createHash("sha256").update(EARLY_OPEN_SCRIPT).digest("base64");
    expect(SECURITY_HEADERS["Content-Security-Policy"]).toContain(`script-src 'self' 'sha256-${hash}'`);
    const html = readFileSync(new URL("../../index.html", import.meta.url), "utf8");
    expect(html.match(/<!--panelis:early-open-->/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script>/);
  });
});
