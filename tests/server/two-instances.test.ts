/*
 * Two real server processes (scripts/start.ts with DATABASE_URL) on one PostgreSQL
 * database, as behind a national TLS proxy. Simulated tablets push to either instance
 * at random, some batches to both at the same moment, while a coordinator's puller
 * pages through either instance at random; then one instance is killed with SIGKILL
 * in the middle of a push. Every mutation is applied exactly once, the puller's
 * incremental copy equals a full read through either instance (no cursor gap), and
 * nothing acknowledged is lost.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, test } from "vitest";
import { PROTOCOL_VERSION } from "../../src/protocol/mutation.ts";
import type { EnrolResponse, LoginResponse, PullRow, PushResponse } from "../../src/protocol/wire.ts";
import { hashPassword, newId } from "../../src/server/auth.ts";
import { importBundle } from "../../src/server/editions.ts";
import { issueJoinCode } from "../../src/server/enrolment.ts";
import { createPgStore } from "../../src/server/store/pg-store.ts";
import { TEST_EDITION_ID, TEST_MILLIS } from "../fixtures/builders.ts";
import { createTestDatabaseUrl, PG_URL, useEngines } from "../helpers/engines.ts";
import { deviceIdFor, testBundle } from "../helpers/in-process-server.ts";
import { callServer, killServerProcesses, type ServerProcess, startServerProcess } from "../helpers/server-process.ts";
import { docScore, paparanScore } from "./mutations.ts";

useEngines();

const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  killServerProcesses(children);
  for (const c of cleanups.reverse()) await c();
});

const startInstance = (databaseUrl: string): Promise<ServerProcess> =>
  startServerProcess({ DATABASE_URL: databaseUrl, PANELIS_NO_SEED: "1" }, { children, timeoutMs: 45_000 });

/** A seeded pseudo-random choice, so a failure can be replayed. */
const rng = (seed: number) => () => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 4_294_967_296;
};

describe.skipIf(!PG_URL)("postgres: two server processes, one database", () => {
  test("random and simultaneous pushes apply once, pulls have no gap, kill -9 loses nothing acknowledged", {
    timeout: 120_000,
  }, async () => {
    const { url: databaseUrl, drop } = await createTestDatabaseUrl();
    cleanups.push(drop);
    // Seed the database as an operator would, then start both instances on it.
    const setup = await createPgStore({ url: databaseUrl, max: 2 });
    await importBundle(setup, testBundle(), { kind: "system", id: "test" }, TEST_MILLIS);
    const members = ["m-ketua", "m-anggota", "m-tech"] as const;
    const codes = new Map<string, string>();
    for (const m of members) codes.set(m, (await issueJoinCode(setup, TEST_EDITION_ID, m, Date.now())).code);
    const passwordHash = await hashPassword("rahasia-uji-123");
    await setup.tx((s) =>
      s.coordinators.insert({ id: newId(), name: "koordinator", passwordHash, createdAt: Date.now() }),
    );
    const instances = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)]);
    const [a, b] = instances as [ServerProcess, ServerProcess];
    const random = rng(12_345);
    const either = () => (random() < 0.5 ? a : b);

    const coordinator = await callServer<LoginResponse>(either().url, "POST", "/api/v1/auth/login", undefined, {
      name: "koordinator",
      password: "rahasia-uji-123",
    });
    expect(coordinator.status).toBe(200);
    const tokens = new Map<string, string>();
    for (const m of members) {
      const enrol = await callServer<EnrolResponse>(either().url, "POST", "/api/v1/enrol", undefined, {
        code: codes.get(m),
        deviceId: deviceIdFor(m),
        deviceName: `Tablet ${m}`,
      });
      expect(enrol.status, JSON.stringify(enrol.body)).toBe(201);
      tokens.set(m, enrol.body.token);
    }

    const mutationFor = (m: (typeof members)[number], i: number) => {
      const participant = i % 2 ? "p-5202" : "p-5201";
      const millis = TEST_MILLIS + 1_000 * i;
      if (m === "m-tech") return docScore(m, participant, "ABC"[i % 3], { millis });
      return paparanScore(m, m === "m-anggota" ? "p-5201" : participant, 40 + (i % 50), { millis });
    };
    const push = (instance: ServerProcess, m: string, mutations: unknown[]) =>
      callServer<PushResponse>(instance.url, "POST", "/api/v1/sync/push", tokens.get(m), {
        protocolVersion: PROTOCOL_VERSION,
        deviceId: deviceIdFor(m),
        mutations,
      });

    // The puller: the coordinator's incremental copy, paging through either instance at random.
    const copy = new Map<string, number>();
    let cursor = 0;
    let pulling = true;
    const pullOnce = async () => {
      const page = await callServer<{ rows: PullRow[]; cursor: number; more: boolean }>(
        either().url,
        "GET",
        `/api/v1/sync/pull?edition=${TEST_EDITION_ID}&since=${cursor}&limit=5`,
        coordinator.body.token,
      );
      expect(page.status).toBe(200);
      let last = cursor;
      for (const row of page.body.rows) {
        expect(row.version).toBeGreaterThan(last);
        last = row.version;
        copy.set(`${row.table}/${row.key}`, row.version);
      }
      cursor = page.body.cursor;
      return page.body.more;
    };
    const puller = (async () => {
      while (pulling) await pullOnce();
    })();

    const statuses = new Map<string, string[]>();
    const record = (res: { status: number; body: PushResponse }) => {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      for (const r of res.body.results) statuses.set(r.mutationId, [...(statuses.get(r.mutationId) ?? []), r.status]);
    };
    await Promise.all(
      members.map(async (m) => {
        for (let round = 0; round < 8; round++) {
          const batch = [0, 1, 2].map((k) => mutationFor(m, round * 3 + k));
          if (round % 3 === 2) {
            // The same batch reaches both instances at the same moment (a retry racing the original).
            const [first, second] = await Promise.all([push(a, m, batch), push(b, m, batch)]);
            record(first);
            record(second);
          } else record(await push(either(), m, batch));
        }
      }),
    );
    for (const [id, seen] of statuses) {
      expect(
        seen.filter((s) => s === "applied"),
        id,
      ).toHaveLength(1);
      expect(
        seen.filter((s) => s !== "applied" && s !== "duplicate"),
        id,
      ).toEqual([]);
    }
    const applied = statuses.size;
    expect(applied).toBe(members.length * 8 * 3);
    const seenRows = await setup.exec("SELECT count(*) AS n FROM mutations_seen");
    expect(Number(seenRows[0]?.n)).toBe(applied);
    const auditRows = await setup.exec(
      "SELECT count(DISTINCT mutation_id) AS d, count(*) AS n FROM audit_log WHERE mutation_id IS NOT NULL",
    );
    expect(Number(auditRows[0]?.d)).toBe(applied);

    pulling = false;
    await puller;
    while (await pullOnce()) {}
    const full = async (instance: ServerProcess) => {
      const page = await callServer<{ rows: PullRow[] }>(
        instance.url,
        "GET",
        `/api/v1/sync/pull?edition=${TEST_EDITION_ID}&since=0&limit=1000`,
        coordinator.body.token,
      );
      return new Map(page.body.rows.map((r) => [`${r.table}/${r.key}`, r.version]));
    };
    const [fullA, fullB] = await Promise.all([full(a), full(b)]);
    expect(fullA).toEqual(fullB);
    expect(copy).toEqual(fullA);

    // kill -9 of one instance in the middle of a push: what was acknowledged stays, the batch in flight is all or nothing.
    const acknowledged = [0, 1, 2].map((k) => mutationFor("m-ketua", 100 + k));
    record(await push(b, "m-ketua", acknowledged));
    const inFlight = Array.from({ length: 150 }, (_, k) => mutationFor("m-ketua", 200 + k));
    const pending = push(a, "m-ketua", inFlight).catch(() => null);
    await new Promise((r) => setTimeout(r, 15));
    a.child.kill("SIGKILL");
    const answer = await pending;
    const seenIds = async (ids: string[]) =>
      (await setup.exec("SELECT mutation_id FROM mutations_seen")).filter((r) => ids.includes(String(r.mutation_id)))
        .length;
    expect(await seenIds(acknowledged.map((m) => m.mutationId))).toBe(acknowledged.length);
    const landed = await seenIds(inFlight.map((m) => m.mutationId));
    expect([0, inFlight.length]).toContain(landed);
    if (answer?.status === 200) expect(landed).toBe(inFlight.length);
    // The tablet retries through the surviving instance: all of it is then there exactly once.
    const retry = await push(b, "m-ketua", inFlight);
    expect(retry.status).toBe(200);
    expect(new Set(retry.body.results.map((r) => r.status))).toEqual(new Set([landed ? "duplicate" : "applied"]));
    expect(await seenIds(inFlight.map((m) => m.mutationId))).toBe(inFlight.length);
    const health = await callServer<{ status: string }>(b.url, "GET", "/health");
    expect(health.body.status).toBe("ok");
    b.child.kill("SIGTERM");
    await setup.close();
  });
});
