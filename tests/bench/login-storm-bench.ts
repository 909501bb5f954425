/*
 * A login storm must not stall a hall: 40 clients (each its own address, told to the
 * server through X-Forwarded-For from a TRUST_PROXY peer) send wrong logins back to
 * back, each one costing a full password hash, while one tablet pushes a small batch
 * every 100 ms. Password hashing runs on libuv's pool, not the event loop, so the
 * tablet's push p99 must stay under 50 ms.
 *
 * Baseline: the same tablet pushing at the same pace with no storm, same server.
 */
import { Agent } from "node:http";
import { PROTOCOL_VERSION } from "../../src/protocol/mutation.ts";
import { API_PREFIX, type EnrolResponse } from "../../src/protocol/wire.ts";
import { postJson } from "./http-post.ts";
import { type BenchServer, startBenchServer } from "./server-process.ts";
import { type BenchRow, median, quantile, ratioOf, sleep } from "./stats.ts";
import { type Cell, cellsOf, deviceWriter, loadEdition } from "./synthetic.ts";

export const STORM_CLIENTS = 40;
export const STORM_SECONDS = 10;
export const PUSH_EVERY_MS = 100;
export const STORM_P99_TARGET_MS = 50;

const enrolTablet = async (server: BenchServer) => {
  const { members, rubric } = loadEdition(1, 20);
  const member = members[0];
  const code = server.joinCodes[0]?.code;
  if (!member || !code) throw new Error("bench edition has no member");
  const res = await fetch(`${server.url}${API_PREFIX}/enrol`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code, deviceId: "storm_tablet", deviceName: "Tablet" }),
  });
  if (res.status !== 201) throw new Error(`enrol: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as EnrolResponse;
  return { token, writer: deviceWriter("storm_tablet", member, rubric.version), cells: cellsOf(member, rubric) };
};

export const benchLoginStorm = async (): Promise<BenchRow> => {
  const server = await startBenchServer({ seed: "load", members: 1, participants: 20, trustProxy: ["127.0.0.1"] });
  const agent = new Agent({ keepAlive: true, maxSockets: STORM_CLIENTS + 10 });
  const url = new URL(server.url);
  try {
    const tablet = await enrolTablet(server);
    let n = 0;
    let pushErrors = 0;
    const pushFor = async (seconds: number): Promise<number[]> => {
      const latencies: number[] = [];
      const deadline = performance.now() + seconds * 1000;
      while (performance.now() < deadline) {
        n += 1;
        const mutation = tablet.writer.next(tablet.cells[n % tablet.cells.length] as Cell, n);
        const body = JSON.stringify({
          protocolVersion: PROTOCOL_VERSION,
          deviceId: "storm_tablet",
          mutations: [mutation],
        });
        const t0 = performance.now();
        const reply = await postJson(agent, url, `${API_PREFIX}/sync/push`, body, {
          Authorization: `Bearer ${tablet.token}`,
        });
        latencies.push(performance.now() - t0);
        if (reply.status !== 200) pushErrors += 1;
        await sleep(Math.max(0, PUSH_EVERY_MS - (performance.now() - t0)));
      }
      return latencies;
    };
    await pushFor(2);
    const calm = await pushFor(STORM_SECONDS);

    let stormOn = true;
    const logins = { sent: 0, refused: 0, limited: 0, other: 0 };
    const attacker = async (i: number) => {
      const headers = { "X-Forwarded-For": `198.51.100.${i + 1}` };
      while (stormOn) {
        const body = JSON.stringify({ name: `tamu-${i}-${logins.sent}`, password: "bukan-kata-sandi" });
        logins.sent += 1;
        const reply = await postJson(agent, url, `${API_PREFIX}/auth/login`, body, headers);
        if (reply.status === 401) logins.refused += 1;
        else if (reply.status === 429) logins.limited += 1;
        else logins.other += 1;
      }
    };
    const storm = Array.from({ length: STORM_CLIENTS }, (_, i) => attacker(i));
    // Let the hash queue fill before measuring.
    await sleep(500);
    const stormy = await pushFor(STORM_SECONDS);
    stormOn = false;
    await Promise.all(storm);

    const p99 = quantile(stormy, 0.99);
    const calmP99 = quantile(calm, 0.99);
    const ok = p99 < STORM_P99_TARGET_MS && pushErrors === 0 && logins.refused > 0;
    return {
      id: "login-storm",
      name: `push every ${PUSH_EVERY_MS} ms during ${STORM_CLIENTS} concurrent wrong logins`,
      unit: "ms",
      runs: stormy.length,
      median: median(stormy),
      p95: quantile(stormy, 0.95),
      baselineMedian: median(calm),
      ratio: ratioOf(p99, calmP99),
      target: `push p99 < ${STORM_P99_TARGET_MS} ms, 0 push errors`,
      verdict: ok ? "pass" : "fail",
      baseline: "the same tablet and pace with no logins, same server; ratio = p99 / calm p99",
      note: [
        `push p50 ${median(stormy).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (calm p50 ${median(calm).toFixed(1)}, p99 ${calmP99.toFixed(1)})`,
        `logins sent ${logins.sent}: 401 ${logins.refused}, 429 ${logins.limited}, other ${logins.other}; push errors ${pushErrors}`,
      ].join("; "),
      extra: {
        p99,
        calmP99,
        pushErrors,
        loginsSent: logins.sent,
        logins401: logins.refused,
        logins429: logins.limited,
      },
    };
  } finally {
    agent.destroy();
    await server.stop();
  }
};
