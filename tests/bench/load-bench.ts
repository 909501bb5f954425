/*
 * Server under load: 200 simulated panelists, each with its own enrolled device and
 * token, pushing small batches (1–3 score changes) to the real server in its own
 * process, over keep-alive connections (node:http Agent, one socket per panelist).
 *
 * The load model is "busy hall, pessimistic": every panelist pushes about once a
 * second (think time uniform 0.5–1.5 s after each reply), i.e. ~200 requests/s
 * offered. A real panelist taps every 10–30 s and the worker batches taps, so this is
 * 10–30× the real rate. The per-token rate limit (120 burst, 20/s) stays at its
 * default; a 429 counts as an error and is reported as such.
 *
 * Baseline: the same panelists, same bodies and same pacing, POSTing to /bench/noop
 * on the same server (global middleware + body limit, no auth/validation/SQL).
 * Then a short closed-loop burst (no think time) against both routes gives the
 * saturation throughput, for information.
 */
import { Agent } from "node:http";
import { PROTOCOL_VERSION } from "../../src/protocol/mutation.ts";
import { API_PREFIX, type EnrolResponse, type PushResponse } from "../../src/protocol/wire.ts";
import { postJson } from "./http-post.ts";
import { type BenchServer, startBenchServer } from "./server-process.ts";
import { type BenchRow, median, quantile, ratioOf, sleep } from "./stats.ts";
import { type Cell, cellsOf, type DeviceWriter, deviceWriter, loadEdition, seeded } from "./synthetic.ts";

export const PANELISTS = 200;
export const LOAD_SECONDS = 20;
export const NOOP_SECONDS = 10;
export const SATURATION_SECONDS = 4;
export const P99_TARGET_MS = 50;

type Panelist = { writer: DeviceWriter; token: string; cells: Cell[]; next: number };

export type PhaseResult = {
  latencies: number[];
  errors: number;
  rateLimited: number;
  requests: number;
  changes: number;
  seconds: number;
  firstError: string | null;
};

export const enrolAll = async (server: BenchServer): Promise<Panelist[]> => {
  const { members, rubric } = loadEdition(PANELISTS, 20);
  const byId = new Map(members.map((m) => [m.id, m]));
  const panelists: Panelist[] = [];
  // Sequential on purpose: enrolment is not what is being measured.
  for (const [i, { memberId, code }] of server.joinCodes.entries()) {
    const member = byId.get(memberId);
    if (!member) continue;
    const deviceId = `load_${i + 1}`;
    const res = await fetch(`${server.url}${API_PREFIX}/enrol`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code, deviceId, deviceName: `Tablet ${i + 1}` }),
    });
    if (res.status !== 201) throw new Error(`enrol ${deviceId}: ${res.status} ${await res.text()}`);
    const enrolled = (await res.json()) as EnrolResponse;
    panelists.push({
      writer: deviceWriter(deviceId, member, rubric.version),
      token: enrolled.token,
      cells: cellsOf(member, rubric),
      next: i * 13,
    });
  }
  return panelists;
};

const nextBody = (p: Panelist, random: () => number): { body: string; count: number } => {
  const count = 1 + Math.floor(random() * 3);
  const mutations = Array.from({ length: count }, () => {
    p.next += 1;
    const cell = p.cells[p.next % p.cells.length] as Cell;
    return p.writer.next(cell, p.next);
  });
  return {
    body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: p.writer.deviceId, mutations }),
    count,
  };
};

/** Runs every panelist's loop for `seconds`; thinkMs null = closed loop (next request as soon as the reply is in). */
export const runPhase = async (
  server: BenchServer,
  agent: Agent,
  panelists: Panelist[],
  path: string,
  seconds: number,
  think: [number, number] | null,
): Promise<PhaseResult> => {
  const url = new URL(server.url);
  const random = seeded(99);
  const result: PhaseResult = {
    latencies: [],
    errors: 0,
    rateLimited: 0,
    requests: 0,
    changes: 0,
    seconds,
    firstError: null,
  };
  const noop = path !== `${API_PREFIX}/sync/push`;
  const fail = (why: string) => {
    result.errors += 1;
    result.firstError ??= why;
  };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async (p: Panelist) => {
    // Stagger the start so 200 panelists do not all fire in the same millisecond.
    await sleep(random() * (think ? think[1] : 50));
    while (performance.now() < deadline) {
      const { body, count } = nextBody(p, random);
      const t0 = performance.now();
      try {
        const reply = await postJson(agent, url, path, body, { Authorization: `Bearer ${p.token}` });
        result.latencies.push(performance.now() - t0);
        result.requests += 1;
        if (reply.status === 429) {
          result.rateLimited += 1;
          fail("429 rate-limited");
        } else if (reply.status !== 200) fail(`${reply.status} ${reply.body.slice(0, 200)}`);
        else if (!noop) {
          const parsed = JSON.parse(reply.body) as PushResponse;
          const acknowledged = parsed.results.filter((r) => r.status !== "rejected").length;
          if (acknowledged !== count) fail(`rejected: ${JSON.stringify(parsed.results[0])}`);
          else result.changes += count;
        }
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      }
      if (think) await sleep(think[0] + random() * (think[1] - think[0]));
    }
  };
  await Promise.all(panelists.map(loop));
  result.seconds = (performance.now() - started) / 1000;
  return result;
};

export const benchLoad = async (): Promise<BenchRow> => {
  const server = await startBenchServer({
    seed: "load",
    members: PANELISTS,
    participants: 20,
    wideAnonymousLimit: true,
  });
  // One keep-alive socket per panelist, shared by every phase, so no phase pays for 200 TCP handshakes.
  const agent = new Agent({ keepAlive: true, maxSockets: PANELISTS + 10 });
  try {
    const panelists = await enrolAll(server);
    if (panelists.length !== PANELISTS) throw new Error(`enrolled ${panelists.length} of ${PANELISTS}`);
    const push = `${API_PREFIX}/sync/push`;
    const noopPath = "/bench/noop";
    const pace: [number, number] = [500, 1500];
    // Warm-up of each route: opens the sockets, JIT, statement cache; not reported.
    await runPhase(server, agent, panelists, push, 3, pace);
    const load = await runPhase(server, agent, panelists, push, LOAD_SECONDS, pace);
    await runPhase(server, agent, panelists, noopPath, 2, pace);
    const noop = await runPhase(server, agent, panelists, noopPath, NOOP_SECONDS, pace);
    const satPush = await runPhase(server, agent, panelists, push, SATURATION_SECONDS, null);
    const satNoop = await runPhase(server, agent, panelists, noopPath, SATURATION_SECONDS, null);

    const p50 = median(load.latencies);
    const p99 = quantile(load.latencies, 0.99);
    const noopP50 = median(noop.latencies);
    const noopP99 = quantile(noop.latencies, 0.99);
    const rps = (r: PhaseResult) => r.requests / r.seconds;
    const ok = p99 < P99_TARGET_MS && load.errors === 0;
    return {
      id: "load",
      name: `${PANELISTS} panelists pushing, ${LOAD_SECONDS} s`,
      unit: "ms",
      runs: load.requests,
      median: p50,
      p95: quantile(load.latencies, 0.95),
      baselineMedian: noopP50,
      ratio: ratioOf(p99, noopP99),
      target: `p99 < ${P99_TARGET_MS} ms, 0 errors`,
      verdict: ok ? "pass" : "fail",
      baseline: "same panelists, bodies and pacing POSTing to /bench/noop on the same server; ratio = p99 / noop p99",
      note: [
        `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (noop p50 ${noopP50.toFixed(1)}, p99 ${noopP99.toFixed(1)})`,
        `${rps(load).toFixed(0)} req/s, ${(load.changes / load.seconds).toFixed(0)} changes/s (noop ${rps(noop).toFixed(0)} req/s)`,
        `errors ${load.errors} (429: ${load.rateLimited})${load.firstError ? ` first: ${load.firstError}` : ""}`,
        `saturated (closed loop, ${SATURATION_SECONDS} s): push ${rps(satPush).toFixed(0)} req/s p99 ${quantile(satPush.latencies, 0.99).toFixed(0)} ms, noop ${rps(satNoop).toFixed(0)} req/s p99 ${quantile(satNoop.latencies, 0.99).toFixed(0)} ms, errors ${satPush.errors} (429: ${satPush.rateLimited})`,
      ].join("; "),
      extra: {
        p50,
        p99,
        errors: load.errors,
        rateLimited: load.rateLimited,
        requestsPerSecond: rps(load),
        changesPerSecond: load.changes / load.seconds,
        noopP50,
        noopP99,
        noopRequestsPerSecond: rps(noop),
        saturatedPushRps: rps(satPush),
        saturatedPushP99: quantile(satPush.latencies, 0.99),
        saturatedNoopRps: rps(satNoop),
        saturatedNoopP99: quantile(satNoop.latencies, 0.99),
        saturatedPushErrors: satPush.errors,
        saturatedPush429: satPush.rateLimited,
      },
    };
  } finally {
    agent.destroy();
    await server.stop();
  }
};
