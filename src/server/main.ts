/*
 * Runs the server process: one store (SQLite file, or PostgreSQL when given a
 * postgres:// URL), one app, one HTTP listener on loopback.
 * Invariant: the database is closed only after the listener has stopped, so no
 * request is cut off half-way through a transaction on shutdown.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { type SeedResult, prepareSetupToken, seedIfEmpty } from "./seed.ts";
import { createMemoryLimits, DEFAULT_LIMITS } from "./rate-limit.ts";
import { openStore } from "./store/open.ts";
import { createPgLimits } from "./store/pg-limits.ts";
import type { PgStore } from "./store/pg-store.ts";
import type { Store } from "./store/store-types.ts";

export type ServerOptions = {
  port?: number;
  host?: string;
  dbPath?: string;
  /** postgres://… selects PostgreSQL; otherwise `dbPath` (SQLite). */
  databaseUrl?: string;
  staticRoot?: string;
  now?: () => number;
  seed?: boolean;
};

export type RunningServer = {
  url: string;
  port: number;
  store: Store;
  seed: SeedResult;
  setupToken: string | null;
  close: () => Promise<void>;
};

export const startServer = async (options: ServerOptions = {}): Promise<RunningServer> => {
  const now = options.now ?? Date.now;
  const store = await openStore({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.dbPath ? { dbPath: options.dbPath } : {}),
  });
  const seed =
    options.seed === false ? { seeded: false, editionId: null, joinCodes: [] } : await seedIfEmpty(store, now());
  const setupToken = await prepareSetupToken(store, now());
  // Several instances share a PostgreSQL database: the limits that guard secrets are shared through it too.
  const rateLimits =
    store.engine === "postgres"
      ? createPgLimits((store as PgStore).pool, DEFAULT_LIMITS, now, createMemoryLimits(DEFAULT_LIMITS, now))
      : undefined;
  const app = createApp({
    store,
    now,
    ...(rateLimits ? { rateLimits } : {}),
    ...(options.staticRoot ? { staticRoot: options.staticRoot } : {}),
  });
  const host = options.host ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, () => resolve(s));
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    seed,
    setupToken,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          void store.close().then(resolve);
        });
        // Idle keep-alive sockets would hold close() open.
        if ("closeIdleConnections" in server) server.closeIdleConnections();
      });
      return closing;
    },
  };
};
