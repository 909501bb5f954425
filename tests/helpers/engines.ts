/*
 * The store engines every server suite runs on, from ONE parameterised suite
 * (`describe.each(engines)`). PostgreSQL needs PANELIS_TEST_PG_URL (CI exports it,
 * scripts/ci-postgres.sh prints it); each test store gets its own schema, dropped on
 * close, so parallel workers never collide. Locally without the URL the PostgreSQL
 * variants are skipped with a visible message; in CI (CI=true) a missing
 * PostgreSQL fails the run instead.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, it } from "vitest";
import { createPgStore } from "../../src/server/store/pg-store.ts";
import { createStore } from "../../src/server/store/store.ts";
import type { Store } from "../../src/server/store/store-types.ts";

export type TestEngine = "sqlite" | "postgres";

export const PG_URL = process.env.PANELIS_TEST_PG_URL;

if (!PG_URL && process.env.CI === "true")
  throw new Error("CI=true but PANELIS_TEST_PG_URL is unset: the PostgreSQL variants must run in CI");

/** The engines to run; PostgreSQL only when a test database is configured. */
export const engines: TestEngine[] = PG_URL ? ["sqlite", "postgres"] : ["sqlite"];

/** Stores opened by this file and not yet closed, or still closing. */
const open = new Set<Store>();
const closing = new Set<Promise<void>>();

/**
 * Call once per parameterised file, at top level: a visible skipped test when PostgreSQL
 * is absent, and an afterAll that closes (and drops the schema of) every store the file
 * opened, even after a failed test or an un-awaited close.
 */
export const useEngines = (): void => {
  afterAll(async () => {
    await Promise.all([...open].map((s) => s.close()));
    await Promise.all(closing);
  });
  if (PG_URL) return;
  describe("postgres", () => {
    it.skip("PostgreSQL variants skipped: PANELIS_TEST_PG_URL is unset (run scripts/ci-postgres.sh)", () => {});
  });
};

export const freshSchemaName = (): string => `t_${randomBytes(6).toString("hex")}`;

export const dropSchema = async (schema: string): Promise<void> => {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
};

/** An empty, migrated store on `engine`; closing it also drops a PostgreSQL schema. */
export const openTestStore = async (engine: TestEngine): Promise<Store> => {
  if (engine === "sqlite") return createStore(":memory:");
  if (!PG_URL) throw new Error("PANELIS_TEST_PG_URL is unset");
  const schema = freshSchemaName();
  const store = await createPgStore({ url: PG_URL, schema, max: 4 });
  let closed: Promise<void> | null = null;
  const wrapped: Store = {
    ...store,
    close: () => {
      if (!closed) {
        open.delete(wrapped);
        closed = store.close().then(() => dropSchema(schema));
        closing.add(closed);
      }
      return closed;
    },
  };
  open.add(wrapped);
  return wrapped;
};
