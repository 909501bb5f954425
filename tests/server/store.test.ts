import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { LATEST_SCHEMA_VERSION, migrateSqlite as migrate } from "../../src/server/store/migrations.ts";
import { createStore, type TxStore } from "../../src/server/store/store.ts";

const dir = mkdtempSync(join(tmpdir(), "panelis-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schemaOf = (db: Database.Database) =>
  db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

describe("store", () => {
  test("migrations are idempotent: opening the same file twice changes nothing", async () => {
    const file = join(dir, "twice", "panelis.db");
    const first = createStore(file);
    expect(first.db.pragma("user_version", { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const schema = schemaOf(first.db);
    await first.close();
    const second = createStore(file);
    expect(schemaOf(second.db)).toEqual(schema);
    expect(migrate(second.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await second.currentVersion()).toBe(0);
    await second.close();
  });

  test("a database newer than the server is refused rather than mangled", () => {
    const file = join(dir, "newer.db");
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => createStore(file)).toThrow(/newer/);
  });

  test("durability settings: WAL, synchronous FULL, foreign keys", async () => {
    const store = createStore(join(dir, "pragmas.db"));
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("synchronous", { simple: true })).toBe(2);
    expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
    await store.close();
  });

  test("the audit log is append-only", async () => {
    const store = createStore(":memory:");
    await store.tx((s) =>
      s.audit.append({
        at: 1,
        actorKind: "system",
        actorId: "t",
        deviceId: null,
        editionId: "e",
        table: "scores",
        key: "k",
        field: "grade",
        old: null,
        new: { level: "A" },
        mutationId: null,
        version: 1,
      }),
    );
    expect(() => store.db.prepare("UPDATE audit_log SET field = 'x'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
    expect(await store.audit.count()).toBe(1);
    await store.close();
  });

  test("the version counter only moves inside a transaction and never repeats", async () => {
    const store = createStore(":memory:");
    let leaked: TxStore | undefined;
    await store.tx(async (s) => {
      leaked = s;
    });
    await expect(leaked?.nextVersion()).rejects.toThrow(/outside a transaction/);
    const versions = await store.tx(async (s) => [await s.nextVersion(), await s.nextVersion()]);
    expect(versions).toEqual([1, 2]);
    await expect(
      store.tx(async (s) => {
        await s.nextVersion();
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await store.currentVersion()).toBe(2);
    await store.close();
  });

  test("a version batch hands out the same sequence, writes the counter once and rolls back with its transaction", async () => {
    const store = createStore(":memory:");
    let leaked: TxStore | undefined;
    await store.tx(async (s) => {
      leaked = s;
      await s.nextVersion();
    });
    await expect(leaked?.batchVersions(async () => 0)).rejects.toThrow(/outside a transaction/);
    const batch = await store.tx((s) =>
      s.batchVersions(async () => {
        const taken = [await s.nextVersion(), await s.nextVersion()];
        // Inside the batch the counter reads as what has been handed out, even before it is written.
        expect(await s.currentVersion()).toBe(3);
        return taken;
      }),
    );
    expect(batch).toEqual([2, 3]);
    expect(await store.currentVersion()).toBe(3);
    expect(await store.tx((s) => s.nextVersion())).toBe(4);
    await expect(
      store.tx((s) =>
        s.batchVersions(async () => {
          await s.nextVersion();
          throw new Error("rollback");
        }),
      ),
    ).rejects.toThrow("rollback");
    expect(await store.currentVersion()).toBe(4);
    expect(await store.tx((s) => s.batchVersions(() => s.nextVersion()))).toBe(5);
    await store.close();
  });

  test("transactions of concurrent requests never interleave, and reads never see uncommitted rows", async () => {
    const store = createStore(":memory:");
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = store.tx(async (s) => {
      await s.nextVersion();
      // The transaction waits (as setup waits for a password hash) while others ask.
      await gate;
      throw new Error("rolled back");
    });
    const read = store.currentVersion();
    const fast = store.tx(async (s) => s.nextVersion());
    release();
    await expect(slow).rejects.toThrow("rolled back");
    // The reader queued behind the open transaction and saw only what was committed; the rolled-back value is handed out again.
    expect(await read).toBe(0);
    expect(await fast).toBe(1);
    expect(await store.currentVersion()).toBe(1);
    await store.close();
  });
});
