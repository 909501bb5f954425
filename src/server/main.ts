/*
 * Runs the server process: one store (SQLite file, or PostgreSQL when given a
 * postgres:// URL), one app, one HTTP listener on loopback.
 * Invariant: the database is closed only after the listener has stopped, so no
 * request is cut off half-way through a transaction on shutdown.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { applyHttpTimeouts } from "./http-timeouts.ts";
import { type SeedResult, seedIfEmpty } from "./seed.ts";
import { createMemoryLimits, DEFAULT_LIMITS } from "./rate-limit.ts";
import { warmResults } from "./results-warmup.ts";
import { prepareSetupLink, type SetupLinkState, setupLinkFile } from "./setup-link.ts";
import { openStore } from "./store/open.ts";
import { createPgLimits } from "./store/pg-limits.ts";
import type { PgStore } from "./store/pg-store.ts";
import { DEFAULT_DB_PATH } from "./store/store.ts";
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
  /** TRUST_PROXY: socket peers whose X-Forwarded-For is believed. */
  trustProxy?: readonly string[];
  /** PANELIS_SOURCEMAPS=1: serve the built source maps. */
  serveSourceMaps?: boolean;
  /** Warm the results code up after listening (results-warmup.ts); default true. */
  warmResults?: boolean;
};

export type RunningServer = {
  url: string;
  port: number;
  store: Store;
  seed: SeedResult;
  setupLink: SetupLinkState;
  /** Where the unused setup link is kept (mode 0600, beside the database). */
  setupLinkFile: string | null;
  close: () => Promise<void>;
};

export const startServer = async (options: ServerOptions = {}): Promise<RunningServer> => {
  const now = options.now ?? Date.now;
  const dbPath = options.dbPath ?? DEFAULT_DB_PATH;
  const store = await openStore({ dbPath, ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) });
  const seed =
    options.seed === false ? { seeded: false, editionId: null, joinCodes: [] } : await seedIfEmpty(store, now());
  // Several instances share a PostgreSQL database: the limits that guard secrets are shared through it too.
  const rateLimits =
    store.engine === "postgres"
      ? createPgLimits((store as PgStore).pool, DEFAULT_LIMITS, now, createMemoryLimits(DEFAULT_LIMITS, now))
      : undefined;
  const app = createApp({
    store,
    now,
    ...(rateLimits ? { rateLimits } : {}),
    trustProxy: options.trustProxy ?? [],
    static: { serveSourceMaps: options.serveSourceMaps === true },
    ...(options.staticRoot ? { staticRoot: options.staticRoot } : {}),
  });
  const host = options.host ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, () => resolve(s));
    applyHttpTimeouts(s as Server);
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  // On PostgreSQL the link belongs to the deployment, not to one instance's disk: printed only.
  const file = store.engine === "sqlite" ? setupLinkFile(dbPath) : null;
  // On PostgreSQL another instance may hold the unused link (in its own file): do not retire it.
  const setupLink: SetupLinkState =
    store.engine === "postgres" && (await store.setupTokens.pending(now()))
      ? { kind: "pending" }
      : await prepareSetupLink(store, now(), url, file);
  const warmup = options.warmResults === false ? null : warmResults();
  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    store,
    seed,
    setupLink,
    setupLinkFile: file,
    close: () => {
      warmup?.stop();
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
