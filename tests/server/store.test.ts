import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { LATEST_SCHEMA_VERSION, migrate } from "../../src/server/store/migrations.ts";
import { createStore } from "../../src/server/store/store.ts";

const dir = mkdtempSync(join(tmpdir(), "panelis-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schemaOf = (db: Database.Database) =>
  db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

describe("store", () => {
  test("migrations are idempotent: opening the same file twice changes nothing", () => {
    const file = join(dir, "twice", "panelis.db");
    const first = createStore(file);
    expect(first.db.pragma("user_version", { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const schema = schemaOf(first.db);
    first.close();
    const second = createStore(file);
    expect(schemaOf(second.db)).toEqual(schema);
    expect(migrate(second.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(second.currentVersion()).toBe(0);
    second.close();
  });

  test("a database newer than the server is refused rather than mangled", () => {
    const file = join(dir, "newer.db");
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => createStore(file)).toThrow(/newer/);
  });

  test("durability settings: WAL, synchronous FULL, foreign keys", () => {
    const store = createStore(join(dir, "pragmas.db"));
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("synchronous", { simple: true })).toBe(2);
    expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
    store.close();
  });

  test("the audit log is append-only", () => {
    const store = createStore(":memory:");
    store.audit.append({
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
    });
    expect(() => store.db.prepare("UPDATE audit_log SET field = 'x'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
    expect(store.audit.count()).toBe(1);
    store.close();
  });

  test("the version counter only moves inside a transaction and never repeats", () => {
    const store = createStore(":memory:");
    expect(() => store.nextVersion()).toThrow();
    const versions = store.tx(() => [store.nextVersion(), store.nextVersion()]);
    expect(versions).toEqual([1, 2]);
    expect(() =>
      store.tx(() => {
        store.nextVersion();
        throw new Error("rollback");
      }),
    ).toThrow("rollback");
    expect(store.currentVersion()).toBe(2);
    store.close();
  });

  test("a version batch hands out the same sequence, writes the counter once and rolls back with its transaction", () => {
    const store = createStore(":memory:");
    expect(() => store.batchVersions(() => 0)).toThrow();
    store.tx(() => store.nextVersion());
    const batch = store.tx(() =>
      store.batchVersions(() => {
        const taken = [store.nextVersion(), store.nextVersion()];
        // Inside the batch the counter reads as what has been handed out, even before it is written.
        expect(store.currentVersion()).toBe(3);
        return taken;
      }),
    );
    expect(batch).toEqual([2, 3]);
    expect(store.currentVersion()).toBe(3);
    expect(store.tx(() => store.nextVersion())).toBe(4);
    expect(() =>
      store.tx(() =>
        store.batchVersions(() => {
          store.nextVersion();
          throw new Error("rollback");
        }),
      ),
    ).toThrow("rollback");
    expect(store.currentVersion()).toBe(4);
    expect(store.tx(() => store.batchVersions(() => store.nextVersion()))).toBe(5);
    store.close();
  });
});
