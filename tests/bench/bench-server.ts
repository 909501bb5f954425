/*
 * The real server in its own process for the sync and load benchmarks, so the
 * load driver and the server do not share one event loop (on 2 cores each gets
 * one). It is the production app from createApp on a file database (WAL,
 * synchronous=FULL, like `npm start`) in a temp directory, or on PostgreSQL when the
 * config names a database URL (several bench servers may share it), with one extra route,
 * POST /bench/noop, for the baselines: registered on the same app, so it passes the
 * same global middleware (locale, security headers) and the same body limit, reads
 * the body and answers a small JSON — but skips auth, validation and SQL.
 *
 * Usage: tsx tests/bench/bench-server.ts '<json config>'. Prints one line
 * `BENCH_SERVER_READY {…}` and stops on SIGTERM (the parent stops it by PID).
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { bodyLimit } from "hono/body-limit";
import { MAX_PUSH_BYTES } from "../../src/protocol/wire.ts";
import { createApp } from "../../src/server/app.ts";
import { applyHttpTimeouts } from "../../src/server/http-timeouts.ts";
import { importBundle, parseBundle } from "../../src/server/editions.ts";
import { issueJoinCode } from "../../src/server/enrolment.ts";
import { seedIfEmpty } from "../../src/server/seed.ts";
import { issueSetupLink } from "../../src/server/setup-link.ts";
import { createPgStore } from "../../src/server/store/pg-store.ts";
import { createStore } from "../../src/server/store/store.ts";
import { loadEdition, pullEdition } from "./synthetic.ts";

export type BenchServerConfig = {
  seed: "ntb" | "load" | "pull" | "none";
  members?: number;
  participants?: number;
  indicators?: number;
  staticRoot?: string;
  /**
   * Widens only the per-address limits of enrolment, because 200 tablets enrolling
   * from one loopback address would otherwise take minutes. The per-token limit that
   * guards pushes is never changed.
   */
  wideAnonymousLimit?: boolean;
  /** TRUST_PROXY for the bench server, so a benchmark can speak for many client addresses. */
  trustProxy?: string[];
  /** postgres://… : use PostgreSQL (the caller creates and drops the schema the URL selects). */
  databaseUrl?: string;
};

export type JoinCode = { memberId: string; code: string };

export type BenchServerReady = {
  port: number;
  pid: number;
  editionId: string | null;
  joinCodes: JoinCode[];
  /** One-time coordinator setup token, so a benchmark can issue more join codes through the real API. */
  setupToken: string | null;
};

const config = JSON.parse(process.argv[2] ?? '{"seed":"none"}') as BenchServerConfig;
const dir = mkdtempSync(join(tmpdir(), "panelis-bench-db-"));
const store = config.databaseUrl
  ? await createPgStore({ url: config.databaseUrl })
  : createStore(join(dir, "bench.db"));
const now = Date.now;

let editionId: string | null = null;
let joinCodes: JoinCode[] = [];
const seedBundle = async (bundle: ReturnType<typeof parseBundle>) => {
  // parseBundle first, exactly like POST /editions: an invalid synthetic edition fails here, not in a measurement.
  const checked = parseBundle(bundle, "en");
  await importBundle(store, checked, { kind: "system", id: "bench" }, now());
  editionId = checked.edition.id;
  joinCodes = [];
  for (const m of checked.members)
    joinCodes.push({ memberId: m.id, code: (await issueJoinCode(store, checked.edition.id, m.id, now())).code });
};

if (config.seed === "ntb") {
  const seeded = await seedIfEmpty(store, now());
  editionId = seeded.editionId;
  joinCodes = seeded.joinCodes.map((c) => ({ memberId: c.memberId, code: c.code }));
} else if (config.seed === "load") {
  await seedBundle(loadEdition(config.members ?? 200, config.participants ?? 20));
} else if (config.seed === "pull") {
  await seedBundle(pullEdition(config.participants ?? 1000, config.indicators ?? 100, now() - 60_000));
}

const setupToken = await issueSetupLink(store, now(), "", null);

const wide = { capacity: 10_000, refillPerSecond: 1_000 };
const app = createApp({
  store,
  now,
  ...(config.wideAnonymousLimit ? { limits: { anonymous: wide, enrolAddress: wide } } : {}),
  ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}),
  ...(config.staticRoot ? { staticRoot: config.staticRoot } : {}),
  logError: (error) => console.error("[bench-server]", error),
});

app.post("/bench/noop", bodyLimit({ maxSize: MAX_PUSH_BYTES }), async (c) => {
  const body = await c.req.text();
  return c.json({ ok: true, bytes: body.length });
});

const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
  const ready: BenchServerReady = { port: info.port, pid: process.pid, editionId, joinCodes, setupToken };
  process.stdout.write(`BENCH_SERVER_READY ${JSON.stringify(ready)}\n`);
});
// The deployed server's keep-alive timeouts (src/server/main.ts), so clients see the same connection lifetime.
applyHttpTimeouts(server as Server);

const stop = () => {
  server.close(() => {
    void store.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
  if ("closeIdleConnections" in server) server.closeIdleConnections();
  if ("closeAllConnections" in server) server.closeAllConnections();
  setTimeout(() => process.exit(1), 3000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
