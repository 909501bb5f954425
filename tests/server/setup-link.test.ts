import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { hashToken } from "../../src/server/auth.ts";
import { issueSetupLink, prepareSetupLink, setupLinkFile } from "../../src/server/setup-link.ts";
import { createStore } from "../../src/server/store/store.ts";

const dir = mkdtempSync(join(tmpdir(), "panelis-setup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const URL_BASE = "http://127.0.0.1:8787";

describe("the one-time setup link", () => {
  test("is issued once, kept in a 0600 file beside the database, not reissued at restart, replaced on demand", async () => {
    const db = join(dir, "data", "panelis.db");
    const file = setupLinkFile(db) ?? "";
    expect(file).toBe(join(dir, "data", "setup-link.txt"));
    const store = createStore(db);

    const first = await prepareSetupLink(store, 1_000, URL_BASE, file);
    if (first.kind !== "issued") throw new Error(`expected a new link, got ${first.kind}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toContain(`${URL_BASE}/#/setup/${first.token}`);

    // A restart while it is unused: nothing new, nothing printed; the link in the file still works.
    expect(await prepareSetupLink(store, 2_000, URL_BASE, file)).toEqual({ kind: "pending" });
    expect(await store.setupTokens.isValid(hashToken(first.token), 2_000)).toBe(true);

    // The admin CLI's setup-link: a fresh one, and the old one stops working.
    const fresh = await issueSetupLink(store, 3_000, URL_BASE, file);
    expect(await store.setupTokens.isValid(hashToken(first.token), 3_000)).toBe(false);
    expect(readFileSync(file, "utf8")).toContain(fresh);

    // Expired while unused: the next start issues a new one.
    const later = await prepareSetupLink(store, 3_000 + 25 * 3600_000, URL_BASE, file);
    expect(later.kind).toBe("issued");

    // Once a coordinator exists, the file goes and no link is issued.
    await store.tx((s) => s.coordinators.insert({ id: "c1", name: "k", passwordHash: "x", createdAt: 1 }));
    expect(await prepareSetupLink(store, 4_000, URL_BASE, file)).toEqual({ kind: "closed" });
    expect(() => statSync(file)).toThrow();
    await store.close();
  });
});
