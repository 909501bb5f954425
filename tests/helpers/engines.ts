/*
 * The store engines every server suite runs on, from ONE parameterised suite
 * (`describe.each(engines)`). PostgreSQL needs PANELIS_TEST_PG_URL (CI exports it,
 * scripts/ci-postgres.sh prints it); each test file gets its own schemas (a closed
 * store's schema is emptied and reused by the file's next test, since migrating a new
 * one costs far more), all dropped after the file, so parallel workers never collide. Locally without the URL the PostgreSQL
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
/** Every schema this file created, and those emptied and ready for the next store. */
const schemas: string[] = [];
const free: string[] = [];

const withClient = async (fn: (client: pg.Client) => Promise<void>): Promise<void> => {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
};

/** Back to a freshly migrated state: every table empty, the counter at 0, identities restarted. */
const emptySchema = (schema: string): Promise<void> =>
  withClient(async (client) => {
    const tables = await client.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'",
      [schema],
    );
    const list = tables.rows.map((r: { tablename: string }) => `"${schema}"."${r.tablename}"`).join(", ");
    await client.query(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
    await client.query(`INSERT INTO "${schema}".meta (key, value) VALUES ('version', 0)`);
  });

/**
 * Call once per parameterised file, at top level: a visible skipped test when PostgreSQL
 * is absent, and an afterAll that closes (and drops the schema of) every store the file
 * opened, even after a failed test or an un-awaited close.
 */
export const useEngines = (): void => {
  afterAll(async () => {
    await Promise.all([...open].map((s) => s.close()));
    await Promise.all(closing);
    await Promise.all(schemas.map(dropSchema));
  });
  if (PG_URL) return;
  describe("postgres", () => {
    it.skip("PostgreSQL variants skipped: PANELIS_TEST_PG_URL is unset (run scripts/ci-postgres.sh)", () => {});
  });
};

export const freshSchemaName = (): string => `t_${randomBytes(6).toString("hex")}`;

export const dropSchema = (schema: string): Promise<void> =>
  withClient(async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

/** An empty, migrated store on `engine`; closing it also drops a PostgreSQL schema. */
export const openTestStore = async (engine: TestEngine): Promise<Store> => {
  if (engine === "sqlite") return createStore(":memory:");
  if (!PG_URL) throw new Error("PANELIS_TEST_PG_URL is unset");
  let schema = free.pop();
  if (!schema) {
    schema = freshSchemaName();
    schemas.push(schema);
  }
  const store = await createPgStore({ url: PG_URL, schema, max: 4 });
  let closed: Promise<void> | null = null;
  const wrapped: Store = {
    ...store,
    close: () => {
      if (!closed) {
        open.delete(wrapped);
        closed = store
          .close()
          .then(() => emptySchema(schema))
          .then(() => {
            free.push(schema);
          });
        closing.add(closed);
      }
      return closed;
    },
  };
  open.add(wrapped);
  return wrapped;
};

/** A fresh schema and a DATABASE_URL that selects it, for server processes; drop it when done. */
export const createTestDatabaseUrl = async (): Promise<{ url: string; drop: () => Promise<void> }> => {
  if (!PG_URL) throw new Error("PANELIS_TEST_PG_URL is unset");
  const schema = freshSchemaName();
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await client.end();
  }
  const url = new URL(PG_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => dropSchema(schema) };
};
