/*
 * Sync throughput against the real server on loopback (tests/bench/bench-server.ts
 * in its own process, file database, WAL + synchronous=FULL).
 *
 * Push: 10,000 queued score changes from the NTB 2021 sample's panel, one enrolled
 * device per scoring member (enrolled through the real join-code route), cut into
 * requests by the sync worker's own batcher (≤ 500 mutations, ≤ 1 MB) and sent one
 * request at a time like the worker does; every result must be an acknowledgement.
 * The protocol is spoken directly rather than through the engine: the engine reads
 * its outbox from IndexedDB, which in Node is fake-indexeddb, and that would
 * measure the fake database instead of the server.
 * Baseline: the same request bodies POSTed to /bench/noop on the same server (same
 * global middleware and body limit, no auth, no validation, no SQL, tiny reply)
 * plus the same 10,000 mutations inserted with one prepared statement in one
 * transaction into a scratch SQLite file with the server's pragmas.
 *
 * Pull: a device whose member owns 100,000 scores pulls them with the real sync
 * engine (workers/sync/engine.ts) into the real storage facade — on fake-indexeddb,
 * because Node has no IndexedDB. Baseline: the same pages fetched with plain fetch
 * and written with raw IndexedDB puts (same fake-indexeddb), one transaction a page.
 */
// Node has no IndexedDB: the pull benchmark's storage and its baseline run on fake-indexeddb (first, before Dexie loads).
import "fake-indexeddb/auto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import type { Member } from "../../src/domain/types.ts";
import { type Mutation, PROTOCOL_VERSION } from "../../src/protocol/mutation.ts";
import {
  API_PREFIX,
  DEFAULT_PULL_LIMIT,
  type EditionBundle,
  type EnrolResponse,
  type JoinCodeResponse,
  type LoginResponse,
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  type PullResponse,
  type PushResponse,
} from "../../src/protocol/wire.ts";
import { deleteLocalDatabase, openStorage } from "../../src/storage/index.ts";
import { batchUnderLimits } from "../../workers/sync/batch.ts";
import { createSyncEngine } from "../../workers/sync/engine.ts";
import { createMemoryTokenStore } from "../../workers/sync/token-store.ts";
import { type BenchServer, startBenchServer } from "./server-process.ts";
import { type BenchRow, median, msSince, p95, ratioOf, round, sleep } from "./stats.ts";
import { cellsOf, type DeviceWriter, deviceWriter } from "./synthetic.ts";

export const PUSH_CHANGES = 10_000;
export const PUSH_TARGET_RATIO = 3;
export const PULL_ROWS = 100_000;

export type Device = { writer: DeviceWriter; token: string; cells: ReturnType<typeof cellsOf> };
type Request = { token: string; body: string; count: number };

export const SCORING = new Set<Member["role"]>(["ketua", "anggota", "technical"]);

const postJson = async (url: string, body: string, token?: string): Promise<Response> =>
  fetch(url, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });

export const enrol = async (server: BenchServer, code: string, deviceId: string): Promise<EnrolResponse> => {
  const res = await postJson(
    `${server.url}${API_PREFIX}/enrol`,
    JSON.stringify({ code, deviceId, deviceName: `Tablet ${deviceId}` }),
  );
  if (res.status !== 201) throw new Error(`enrol ${deviceId}: ${res.status} ${await res.text()}`);
  return (await res.json()) as EnrolResponse;
};

/** One enrolled device per scoring member of the seeded NTB sample, with the cells it may score. */
export const enrolScoringDevices = async (server: BenchServer): Promise<Device[]> => {
  const sample = ntb2021Sample();
  const byId = new Map(sample.members.map((m) => [m.id, m]));
  const devices: Device[] = [];
  for (const { memberId, code } of server.joinCodes) {
    const member = byId.get(memberId);
    if (!member || !SCORING.has(member.role)) continue;
    const deviceId = `bench_${devices.length + 1}`;
    const enrolled = await enrol(server, code, deviceId);
    const cells = cellsOf(enrolled.member, sample.rubric);
    if (cells.length > 0)
      devices.push({ writer: deviceWriter(deviceId, member, sample.rubric.version), token: enrolled.token, cells });
  }
  return devices;
};

/** `count` changes spread over the devices, each device's queue cut into requests by the worker's batcher. */
export const queueRequests = (devices: Device[], count: number, round: number): Request[] => {
  const queues = devices.map(() => [] as Mutation[]);
  for (let i = 0; i < count; i++) {
    const d = i % devices.length;
    const device = devices[d] as Device;
    const cell = device.cells[Math.floor(i / devices.length) % device.cells.length];
    if (!cell) throw new Error("device without cells");
    // The value changes every round so each change really is new for the server.
    (queues[d] as Mutation[]).push(device.writer.next(cell, i + round * 7));
  }
  const requests: Request[] = [];
  devices.forEach((device, d) => {
    let queue = queues[d] as Mutation[];
    while (queue.length > 0) {
      const batch = batchUnderLimits(queue, MAX_PUSH_MUTATIONS, MAX_PUSH_BYTES);
      queue = queue.slice(batch.length);
      requests.push({
        token: device.token,
        count: batch.length,
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: device.writer.deviceId, mutations: batch }),
      });
    }
  });
  return requests;
};

const ACKNOWLEDGED = new Set(["applied", "conflict", "duplicate"]);

/** `sizes.replyBytes` adds up the replies as JSON text (after the transport's gzip is undone). */
export const pushAll = async (
  server: BenchServer,
  requests: Request[],
  sizes?: { replyBytes: number },
): Promise<number> => {
  const start = process.hrtime.bigint();
  for (const r of requests) {
    const res = await postJson(`${server.url}${API_PREFIX}/sync/push`, r.body, r.token);
    if (res.status !== 200) throw new Error(`push: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const text = await res.text();
    if (sizes) sizes.replyBytes += Buffer.byteLength(text);
    const reply = JSON.parse(text) as PushResponse;
    const bad = reply.results.filter((x) => !ACKNOWLEDGED.has(x.status));
    if (reply.results.length !== r.count || bad.length > 0)
      throw new Error(`push not acknowledged: ${bad.length} of ${r.count} (${JSON.stringify(bad[0])})`);
  }
  return msSince(start);
};

const postNoop = async (server: BenchServer, requests: Request[]): Promise<number> => {
  const start = process.hrtime.bigint();
  for (const r of requests) {
    const res = await postJson(`${server.url}/bench/noop`, r.body, r.token);
    if (res.status !== 200) throw new Error(`noop: ${res.status}`);
    await res.json();
  }
  return msSince(start);
};

/** The bare-SQL half of the baseline: the same mutations, one prepared INSERT, one transaction, server pragmas. */
const insertBare = (requests: Request[], dir: string, round: number): number => {
  const db = new Database(join(dir, `bare-${round}.db`));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec("CREATE TABLE rows (mutation_id TEXT PRIMARY KEY, key TEXT NOT NULL, json TEXT NOT NULL)");
  const insert = db.prepare("INSERT INTO rows (mutation_id, key, json) VALUES (?, ?, ?)");
  // Parsing the bodies back into rows is not part of the baseline: the server's parse is not counted there either.
  const rows = requests.flatMap((r) => (JSON.parse(r.body) as { mutations: Mutation[] }).mutations);
  const start = process.hrtime.bigint();
  db.transaction(() => {
    for (const m of rows) insert.run(m.mutationId, m.key, JSON.stringify(m));
  })();
  const ms = msSince(start);
  db.close();
  return ms;
};

/**
 * Five rounds, each push paired with its own baseline right after it: the ratio is the
 * median of the per-round ratios, so a machine that slows down for a while (CPU
 * frequency, a neighbour) slows both halves of a pair instead of skewing the verdict.
 */
export const benchPush = async (rounds = 5): Promise<BenchRow> => {
  const server = await startBenchServer({ seed: "ntb" });
  const dir = mkdtempSync(join(tmpdir(), "panelis-bench-bare-"));
  try {
    const devices = await enrolScoringDevices(server);
    if (devices.length === 0) throw new Error("no scoring member could be enrolled");

    // Warm-up: JIT, statement cache, keep-alive connection; not reported.
    const warm = queueRequests(devices, 500, 0);
    await pushAll(server, warm);
    await postNoop(server, warm);
    insertBare(warm, dir, 0);

    const pushMs: number[] = [];
    const baseMs: number[] = [];
    const httpMs: number[] = [];
    const sqlMs: number[] = [];
    let requestCount = 0;
    let bytes = 0;
    const sizes = { replyBytes: 0 };
    for (let round = 1; round <= rounds; round++) {
      const requests = queueRequests(devices, PUSH_CHANGES, round);
      requestCount = requests.length;
      bytes = requests.reduce((sum, r) => sum + Buffer.byteLength(r.body), 0);
      sizes.replyBytes = 0;
      pushMs.push(await pushAll(server, requests, sizes));
      const http = await postNoop(server, requests);
      const sql = insertBare(requests, dir, round);
      httpMs.push(http);
      sqlMs.push(sql);
      baseMs.push(http + sql);
    }
    const m = median(pushMs);
    const b = median(baseMs);
    const ratio = round(median(pushMs.map((ms, i) => ms / (baseMs[i] as number))));
    return {
      id: "sync-push",
      name: `push ${PUSH_CHANGES.toLocaleString("en")} changes`,
      unit: "ms",
      runs: rounds,
      median: m,
      p95: p95(pushMs),
      baselineMedian: b,
      ratio,
      target: `≤ ${PUSH_TARGET_RATIO}× baseline`,
      verdict: ratio !== null && ratio <= PUSH_TARGET_RATIO ? "pass" : "fail",
      baseline:
        "same bodies POSTed to /bench/noop (same app middleware + body limit) + bare prepared INSERT of the rows in 1 tx; ratio = median of per-round ratios",
      note: `${devices.length} devices, ${requestCount} requests, ${(bytes / 1024 / 1024).toFixed(1)} MB sent, replies ${(sizes.replyBytes / 1024 / 1024).toFixed(1)} MB as JSON; ${Math.round((PUSH_CHANGES / m) * 1000).toLocaleString("en")} changes/s; baseline = HTTP ${median(httpMs).toFixed(0)} ms + SQL ${median(sqlMs).toFixed(0)} ms`,
      extra: {
        changesPerSecond: Math.round((PUSH_CHANGES / m) * 1000),
        noopHttpMs: median(httpMs),
        bareSqlMs: median(sqlMs),
      },
      samples: pushMs,
      baselineSamples: baseMs,
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

const promised = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/**
 * Baseline pull: same pages, plain fetch, raw IndexedDB puts in one transaction per page.
 * It outruns the per-token limiter (120 burst, 20/s): a 429 is waited out as the
 * server asks, and the wait is left out of the time, so the baseline stays a measure
 * of work. How often that happened is reported: it is a finding in itself.
 */
const rawPull = async (
  server: BenchServer,
  token: string,
  editionId: string,
  dbName: string,
): Promise<{ ms: number; limited: number }> => {
  const open = indexedDB.open(dbName, 1);
  open.onupgradeneeded = () => open.result.createObjectStore("rows", { keyPath: "key" });
  const db = await promised(open);
  let rows = 0;
  let limited = 0;
  let waited = 0;
  const start = process.hrtime.bigint();
  let since = 0;
  for (;;) {
    const query = new URLSearchParams({ edition: editionId, since: String(since), limit: String(DEFAULT_PULL_LIMIT) });
    const res = await fetch(`${server.url}${API_PREFIX}/sync/pull?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (res.status === 429) {
      await res.arrayBuffer();
      limited += 1;
      const waitMs = Number(res.headers.get("Retry-After") ?? "1") * 1000;
      waited += waitMs;
      await sleep(waitMs);
      continue;
    }
    if (res.status !== 200) throw new Error(`pull: ${res.status}`);
    const page = (await res.json()) as PullResponse;
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction("rows", "readwrite");
      const store = tx.objectStore("rows");
      for (const row of page.rows)
        store.put({ key: `${row.table}|${row.key}`, version: row.version, record: row.record });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    rows += page.rows.length;
    if (!page.more) break;
    since = page.cursor;
  }
  const ms = msSince(start) - waited;
  db.close();
  if (rows < PULL_ROWS) throw new Error(`raw pull got ${rows} rows`);
  return { ms, limited };
};

export const benchPull = async (rounds = 2): Promise<BenchRow> => {
  const server = await startBenchServer({ seed: "pull", participants: 1000, indicators: 100 });
  try {
    const first = server.joinCodes[0];
    const editionId = server.editionId;
    if (!first || !editionId || !server.setupToken) throw new Error("pull server has no join code or setup token");
    const setup = await postJson(
      `${server.url}${API_PREFIX}/auth/setup`,
      JSON.stringify({ setupToken: server.setupToken, name: "koordinator", password: "bench-password-123" }),
    );
    if (setup.status !== 201) throw new Error(`coordinator setup: ${setup.status} ${await setup.text()}`);
    const coordinator = ((await setup.json()) as LoginResponse).token;
    let devices = 0;
    /*
     * Every measured pull gets its own freshly enrolled tablet: a 100,000-row pull at the
     * engine's default page size is 200 requests, and the per-token limiter (120 burst,
     * 20/s) is per device, as it would be in the field.
     */
    const newTablet = async (): Promise<EnrolResponse> => {
      devices += 1;
      if (devices === 1) return enrol(server, first.code, "bench_pull_1");
      const res = await postJson(
        `${server.url}${API_PREFIX}/editions/${editionId}/members/${first.memberId}/join-code`,
        "{}",
        coordinator,
      );
      if (res.status !== 201) throw new Error(`join code: ${res.status} ${await res.text()}`);
      return enrol(server, ((await res.json()) as JoinCodeResponse).code, `bench_pull_${devices}`);
    };
    const enrolled = await newTablet();
    const bundleRes = await fetch(`${server.url}${API_PREFIX}/editions/${server.editionId}/bundle`, {
      headers: { Authorization: `Bearer ${enrolled.token}` },
    });
    const bundle = (await bundleRes.json()) as EditionBundle;

    const engineMs: number[] = [];
    const rawMs: number[] = [];
    let rawLimited = 0;
    let pulled = 0;
    for (let round = 1; round <= rounds; round++) {
      const name = `bench-pull-${round}-${process.pid}`;
      const storage = await openStorage({ name });
      // What enrolDevice does before its first sync, done here so the timed part is the pull alone.
      await storage.putEditionBundle({
        edition: bundle.edition,
        rubric: bundle.rubric,
        participants: bundle.participants,
        members: bundle.members,
      });
      await storage.setSession({ editionId: enrolled.editionId, memberId: enrolled.member.id, locale: "id" });
      const tablet = round === 1 ? enrolled : await newTablet();
      const engine = createSyncEngine({
        storage,
        tokens: createMemoryTokenStore(tablet.token),
        fetch: (input, init) => fetch(input, init),
        baseUrl: server.url,
        now: Date.now,
        random: Math.random,
        timers: {
          setTimeout: (callback, ms) => setTimeout(callback, ms),
          clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        },
        pollIntervalMs: 0,
        online: true,
      });
      const start = process.hrtime.bigint();
      const status = await engine.syncNow("manual");
      engineMs.push(msSince(start));
      engine.stop();
      if (status.lastError) throw new Error(`engine pull failed: ${status.lastError.key} ${status.lastError.detail}`);
      const data = await storage.loadMemberData(enrolled.editionId, enrolled.member.id);
      pulled = data.scores.length;
      storage.close();
      await deleteLocalDatabase(name);
      if (pulled < PULL_ROWS) throw new Error(`engine pulled only ${pulled} scores`);

      const rawName = `bench-raw-${round}-${process.pid}`;
      const raw = await rawPull(server, (await newTablet()).token, enrolled.editionId, rawName);
      rawMs.push(raw.ms);
      rawLimited += raw.limited;
      await promised(indexedDB.deleteDatabase(rawName));
    }
    const m = median(engineMs);
    const b = median(rawMs);
    const rate = (PULL_ROWS / m) * 1000;
    return {
      id: "sync-pull",
      name: `pull ${PULL_ROWS.toLocaleString("en")} rows → IndexedDB (fake-indexeddb)`,
      unit: "ms",
      runs: rounds,
      median: m,
      p95: p95(engineMs),
      baselineMedian: b,
      ratio: ratioOf(m, b),
      target: "report rows/s (no target)",
      verdict: "info",
      baseline: "same pages via plain fetch + raw IndexedDB put, 1 tx per page (same fake-indexeddb)",
      note: `${Math.round(rate).toLocaleString("en")} rows/s via engine + storage (baseline ${Math.round((PULL_ROWS / b) * 1000).toLocaleString("en")} rows/s); ${DEFAULT_PULL_LIMIT} rows a page = ${Math.ceil(PULL_ROWS / DEFAULT_PULL_LIMIT)} requests; baseline hit the per-token rate limit ${rawLimited}× (waits excluded); Node + fake-indexeddb, not a browser`,
      extra: {
        rowsPerSecond: Math.round(rate),
        baselineRowsPerSecond: Math.round((PULL_ROWS / b) * 1000),
        scoresStored: pulled,
      },
      samples: engineMs,
      baselineSamples: rawMs,
    };
  } finally {
    await server.stop();
  }
};
