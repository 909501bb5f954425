/*
 * The real server process, killed with SIGKILL right after an acknowledged push and
 * restarted on the same database (SQLite file, or a PostgreSQL schema): every
 * acknowledged change must be there (SQLite: WAL + synchronous=FULL; PostgreSQL:
 * synchronous commit), and a batch in flight at the kill is all or nothing.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { formatStamp } from "../../src/domain/hlc.ts";
import { scoreKey } from "../../src/domain/keys.ts";
import type { Member, Rubric } from "../../src/domain/types.ts";
import type { Mutation } from "../../src/protocol/mutation.ts";
import type { EditionBundleResponse, EnrolResponse, PullResponse, PushResponse } from "../../src/protocol/wire.ts";
import { createTestDatabaseUrl, engines, type TestEngine, useEngines } from "../helpers/engines.ts";
import { callServer, killServerProcesses, type ServerProcess, startServerProcess } from "../helpers/server-process.ts";

const dir = mkdtempSync(join(tmpdir(), "panelis-crash-"));
const dbPath = join(dir, "panelis.db");
const children: ChildProcess[] = [];
const drops: Array<() => Promise<void>> = [];

useEngines();

afterAll(async () => {
  killServerProcesses(children);
  rmSync(dir, { recursive: true, force: true });
  await Promise.all(drops.map((drop) => drop()));
});

const startProcess = (database: Record<string, string>): Promise<ServerProcess> =>
  startServerProcess(database, {
    children,
    timeoutMs: 30_000,
    // The start-up report is printed in one write; wait for its last section.
    ready: (output) => /Join links|no unused code/.test(output) && output.endsWith("\n"),
  });

/** Where the server keeps its data for `engine`: the env its process gets. */
const databaseEnv = async (engine: TestEngine): Promise<Record<string, string>> => {
  if (engine === "sqlite") return { PANELIS_DB: dbPath };
  const { url, drop } = await createTestDatabaseUrl();
  drops.push(drop);
  return { DATABASE_URL: url };
};

describe.each(engines)("%s", (engine) => {
  test("acknowledged pushes survive kill -9; an interrupted batch is all or nothing", { timeout: 90_000 }, async () => {
    const database = await databaseEnv(engine);
    const first = await startProcess(database);
    const code = /\(ketua, [^)]+\)\s+code ([2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3})/.exec(first.output)?.[1];
    expect(code, first.output).toBeDefined();
    const deviceId = "crash_tablet";
    const enrol = await callServer<EnrolResponse>(first.url, "POST", "/api/v1/enrol", undefined, {
      code,
      deviceId,
      deviceName: "Tablet uji",
    });
    expect(enrol.status).toBe(201);
    const { token, member, editionId } = enrol.body;
    const bundle = await callServer<EditionBundleResponse>(
      first.url,
      "GET",
      `/api/v1/editions/${editionId}/bundle`,
      token,
    );
    const rubric: Rubric = bundle.body.rubric;

    // Every (participant, indicator) this member may score.
    const cells = (m: Member) =>
      m.assignments.flatMap((a) => {
        const component = rubric.components.find((c) => c.id === a.componentId);
        return (component?.indicators ?? []).flatMap((indicator) =>
          a.participantIds.map((participantId) => ({ component, indicator, participantId })),
        );
      });
    const targets = cells(member);
    expect(targets.length).toBeGreaterThan(10);
    let seq = 0;
    const mutation = (i: number): Mutation => {
      const t = targets[i % targets.length];
      if (!t?.component) throw new Error("no target");
      seq += 1;
      const grade =
        t.component.scale === "levels"
          ? { level: t.indicator.levels[0]?.letter ?? "A", points: null }
          : { level: null, points: 50 + (i % 40) };
      return {
        table: "scores",
        identity: {
          editionId,
          participantId: t.participantId,
          componentId: t.component.id,
          indicatorId: t.indicator.id,
          memberId: member.id,
          rubricVersion: rubric.version,
        },
        changes: { grade, note: `catatan ${i}` },
        mutationId: `crash-${seq}`,
        deviceId,
        seq,
        key: scoreKey(editionId, t.participantId, t.indicator.id, member.id),
        baseVersion: 0,
        stamp: formatStamp(Date.now(), seq, deviceId),
      };
    };

    const acknowledged = Array.from({ length: 10 }, (_, i) => mutation(i));
    const ack = await callServer<PushResponse>(first.url, "POST", "/api/v1/sync/push", token, {
      protocolVersion: 1,
      deviceId,
      mutations: acknowledged,
    });
    expect(ack.status).toBe(200);
    expect(ack.body.results.every((r) => r.status === "applied")).toBe(true);

    // A second, larger batch is in flight when the process is killed.
    const inFlight = Array.from({ length: Math.min(targets.length - 10, 200) }, (_, i) => mutation(10 + i));
    const pending = fetch(`${first.url}/api/v1/sync/push`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ protocolVersion: 1, deviceId, mutations: inFlight }),
    }).catch(() => null);
    // Give the batch a moment to reach the server, so the kill most likely lands mid-transaction.
    await new Promise((r) => setTimeout(r, 15));
    first.child.kill("SIGKILL");
    await pending;
    if (first.child.exitCode === null && first.child.signalCode === null)
      await new Promise((r) => first.child.once("exit", r));

    const second = await startProcess(database);
    const pull = await callServer<PullResponse>(second.url, "GET", "/api/v1/sync/pull?since=0&limit=2000", token);
    expect(pull.status).toBe(200);
    const scores = new Map(pull.body.rows.filter((r) => r.table === "scores").map((r) => [r.key, r.record]));
    for (const m of acknowledged)
      expect(scores.get(m.key), m.key).toMatchObject({ note: m.table === "scores" ? m.changes.note : "" });
    const landed = inFlight.filter((m) => scores.has(m.key)).length;
    expect([0, inFlight.length]).toContain(landed);

    // Replaying the acknowledged batch after the restart is still a no-op.
    const replay = await callServer<PushResponse>(second.url, "POST", "/api/v1/sync/push", token, {
      protocolVersion: 1,
      deviceId,
      mutations: acknowledged,
    });
    expect(replay.body.results.every((r) => r.status === "duplicate")).toBe(true);
    second.child.kill("SIGTERM");
    await new Promise((r) => second.child.once("exit", r));
  });
});
