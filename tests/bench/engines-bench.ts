/*
 * The store engines under the same work (issue 12): push 10,000 changes and the
 * 200-panelist load, on SQLite (one instance), PostgreSQL with one instance, and
 * PostgreSQL with two instances on one database behind a round-robin proxy in this
 * process. The PostgreSQL one-instance case also goes through that proxy (one
 * upstream), so the two are compared with the same hop. The figure that matters is
 * the saturated throughput (closed loop, no think time) of two instances as a ratio
 * to one; target ≥ 1.8×. Needs PANELIS_BENCH_PG_URL or PANELIS_TEST_PG_URL; each
 * PostgreSQL case gets a fresh schema, dropped afterwards.
 */
import { randomBytes } from "node:crypto";
import { Agent } from "node:http";
import pg from "pg";
import { API_PREFIX } from "../../src/protocol/wire.ts";
import { enrolAll, PANELISTS, type PhaseResult, runPhase } from "./load-bench.ts";
import { startRoundRobinProxy } from "./round-robin-proxy.ts";
import { type BenchServer, startBenchServer } from "./server-process.ts";
import { type BenchRow, quantile } from "./stats.ts";
import { enrolScoringDevices, PUSH_CHANGES, pushAll, queueRequests } from "./sync-bench.ts";

export const SCALE_TARGET_RATIO = 1.8;
const WARM_SECONDS = 3;
const SATURATED_SECONDS = 8;

type Variant = { id: string; label: string; engine: "sqlite" | "postgres"; instances: number; proxy: boolean };

const VARIANTS: Variant[] = [
  { id: "sqlite", label: "SQLite, 1 instance", engine: "sqlite", instances: 1, proxy: false },
  { id: "pg1", label: "PostgreSQL, 1 instance (proxy)", engine: "postgres", instances: 1, proxy: true },
  { id: "pg2", label: "PostgreSQL, 2 instances (round-robin proxy)", engine: "postgres", instances: 2, proxy: true },
];

const pgUrl = (): string | undefined => process.env.PANELIS_BENCH_PG_URL ?? process.env.PANELIS_TEST_PG_URL;

const admin = async (sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: pgUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** The variant's servers (the first one seeds), seen through one URL; stop() tears everything down. */
const startVariant = async (variant: Variant, seed: "ntb" | "load"): Promise<BenchServer> => {
  let databaseUrl: string | undefined;
  let schema: string | undefined;
  if (variant.engine === "postgres") {
    schema = `bench_${randomBytes(5).toString("hex")}`;
    await admin(`CREATE SCHEMA "${schema}"`);
    const url = new URL(pgUrl() ?? "");
    url.searchParams.set("options", `-c search_path=${schema}`);
    databaseUrl = url.toString();
  }
  const common = {
    members: PANELISTS,
    participants: 20,
    wideAnonymousLimit: true,
    ...(databaseUrl ? { databaseUrl } : {}),
  };
  const first = await startBenchServer({ seed, ...common });
  const others = await Promise.all(
    Array.from({ length: variant.instances - 1 }, () => startBenchServer({ seed: "none", ...common })),
  );
  const proxy = variant.proxy ? await startRoundRobinProxy([first.url, ...others.map((o) => o.url)]) : null;
  return {
    ...first,
    url: proxy?.url ?? first.url,
    stop: async () => {
      await proxy?.close();
      await Promise.all([first, ...others].map((s) => s.stop()));
      if (schema) await admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
};

const pushTenThousand = async (variant: Variant): Promise<number> => {
  const server = await startVariant(variant, "ntb");
  try {
    const devices = await enrolScoringDevices(server);
    await pushAll(server, queueRequests(devices, 500, 0));
    return await pushAll(server, queueRequests(devices, PUSH_CHANGES, 1));
  } finally {
    await server.stop();
  }
};

const saturated = async (variant: Variant): Promise<PhaseResult> => {
  const server = await startVariant(variant, "load");
  const agent = new Agent({ keepAlive: true, maxSockets: PANELISTS + 10 });
  try {
    const panelists = await enrolAll(server);
    const push = `${API_PREFIX}/sync/push`;
    await runPhase(server, agent, panelists, push, WARM_SECONDS, null);
    return await runPhase(server, agent, panelists, push, SATURATED_SECONDS, null);
  } finally {
    agent.destroy();
    await server.stop();
  }
};

export const benchEngines = async (): Promise<BenchRow[]> => {
  if (!pgUrl()) throw new Error("set PANELIS_BENCH_PG_URL (or PANELIS_TEST_PG_URL) to a PostgreSQL database");
  const rows: BenchRow[] = [];
  const throughput = new Map<string, number>();
  for (const variant of VARIANTS) {
    const pushMs = await pushTenThousand(variant);
    const load = await saturated(variant);
    const changesPerSecond = load.changes / load.seconds;
    throughput.set(variant.id, changesPerSecond);
    rows.push({
      id: `engines-${variant.id}`,
      name: `${variant.label}: push ${PUSH_CHANGES.toLocaleString("en")}; ${PANELISTS} panelists saturated`,
      unit: "ms",
      runs: 1,
      median: pushMs,
      p95: null,
      baselineMedian: null,
      ratio: null,
      target: "report",
      verdict: load.errors === 0 ? "info" : "fail",
      baseline: "",
      note: `push ${PUSH_CHANGES} in ${pushMs.toFixed(0)} ms (${Math.round((PUSH_CHANGES / pushMs) * 1000)} changes/s, one request at a time); saturated ${changesPerSecond.toFixed(0)} changes/s, ${(load.requests / load.seconds).toFixed(0)} req/s, p99 ${quantile(load.latencies, 0.99).toFixed(0)} ms, errors ${load.errors}${load.firstError ? ` (${load.firstError})` : ""}`,
      extra: { pushMs, changesPerSecond, requestsPerSecond: load.requests / load.seconds, errors: load.errors },
    });
  }
  const one = throughput.get("pg1") ?? 0;
  const two = throughput.get("pg2") ?? 0;
  const ratio = one > 0 ? two / one : null;
  rows.push({
    id: "engines-scale",
    name: "PostgreSQL 2 instances / 1 instance, saturated throughput",
    unit: "changes/s",
    runs: 1,
    median: two,
    p95: null,
    baselineMedian: one,
    ratio,
    target: `≥ ${SCALE_TARGET_RATIO}×`,
    verdict: ratio !== null && ratio >= SCALE_TARGET_RATIO ? "pass" : "fail",
    baseline: "the same load through the same proxy to one instance",
    note: `SQLite one instance: ${(throughput.get("sqlite") ?? 0).toFixed(0)} changes/s saturated; writers are serialised by the version counter's row lock, so a second instance adds request handling (parse, validate, authorise, respond), not write concurrency`,
  });
  return rows;
};
