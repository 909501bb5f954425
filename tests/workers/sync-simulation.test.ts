/*
 * Randomised simulation (fast-check, seeded): 3–6 tablets for three panel members and a
 * coordinator, against the real server handler in-process, with random edits, network
 * faults, clock steps and app restarts. After the network heals and everyone syncs,
 * every tablet holds exactly the server's copy of its member's records, every outbox is
 * empty, and every change reached the server exactly once.
 *
 * `npm test` runs 200 cases; SYNC_SIM_RUNS=1000 (and SYNC_SIM_SEED=n) for a longer search.
 */
import "fake-indexeddb/auto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwardCategory } from "../../src/domain/types.ts";
import type { EditionImport, EnrolResponse, LoginResponse } from "../../src/protocol/wire.ts";
import { issueJoinCode } from "../../src/server/enrolment.ts";
import { COORDINATOR_NAME, COORDINATOR_PASSWORD, testBundle } from "../helpers/in-process-server.ts";
import {
  createNet,
  createWorld,
  deviceRecordsOf,
  type Fault,
  openTablet,
  reopenTablet,
  serverRecordsOf,
  type Tablet,
  type World,
} from "./harness.ts";

const RUNS = Number(process.env.SYNC_SIM_RUNS ?? 200);
const SEED = Number(process.env.SYNC_SIM_SEED ?? 20_210_719);

const MEMBERS = ["m-ketua", "m-anggota", "m-tech"] as const;
type MemberId = (typeof MEMBERS)[number];

const FAULTS = ["offline", "reset", "lost-reply", "http-500", "http-502-html"] as const satisfies readonly Fault[];

type Edit =
  | { kind: "score"; participant: number; indicator: number; value: number }
  | { kind: "note"; participant: number; indicator: number; value: number }
  | { kind: "sheet"; participant: number; value: number }
  | { kind: "nomination"; participant: number; value: number };

type Step =
  | { kind: "edit"; device: number; edit: Edit }
  | { kind: "sync"; device: number }
  | { kind: "restart"; device: number }
  | { kind: "advance"; ms: number }
  | { kind: "coordinator-pull" };

type Scenario = {
  devices: number;
  /** Per device: what happens to each of its next requests (null = delivered). */
  faults: Array<Array<(typeof FAULTS)[number] | null>>;
  /** Per device: its wall clock's offset from the server's. */
  skews: number[];
  steps: Step[];
};

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant("score" as const),
    participant: fc.nat(1),
    indicator: fc.nat(1),
    value: fc.nat(3),
  }),
  fc.record({ kind: fc.constant("note" as const), participant: fc.nat(1), indicator: fc.nat(1), value: fc.nat(5) }),
  fc.record({ kind: fc.constant("sheet" as const), participant: fc.nat(1), value: fc.nat(5) }),
  fc.record({ kind: fc.constant("nomination" as const), participant: fc.nat(1), value: fc.nat(3) }),
);

const scenarioArb: fc.Arbitrary<Scenario> = fc.integer({ min: 3, max: 6 }).chain((devices) =>
  fc.record({
    devices: fc.constant(devices),
    faults: fc.array(fc.array(fc.option(fc.constantFrom(...FAULTS), { freq: 2 }), { maxLength: 6 }), {
      minLength: devices,
      maxLength: devices,
    }),
    skews: fc.array(fc.constantFrom(0, 0, 0, 1500, -90_000, 2 * 60_000), { minLength: devices, maxLength: devices }),
    steps: fc.array(
      fc.oneof(
        {
          weight: 6,
          arbitrary: fc.record({ kind: fc.constant("edit" as const), device: fc.nat(devices - 1), edit: editArb }),
        },
        { weight: 3, arbitrary: fc.record({ kind: fc.constant("sync" as const), device: fc.nat(devices - 1) }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant("restart" as const), device: fc.nat(devices - 1) }) },
        {
          weight: 2,
          arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 1, max: 90_000 }) }),
        },
        { weight: 1, arbitrary: fc.constant({ kind: "coordinator-pull" as const }) },
      ),
      { minLength: 3, maxLength: 12 },
    ),
  }),
);

/** One server for every case (creating one costs a password hash); each case gets its own edition. */
let world: World;
let caseNo = 0;
let coordinator = { token: "", since: 0 };
let seeds = 0;
/** Every storage open gets its own seed: a replayed seed would replay device and mutation ids, which real randomness never does. */
const nextSeed = (): number => ++seeds * 7919 + 1;

const editionFor = (editionId: string): EditionImport => {
  const bundle = testBundle();
  bundle.edition = { ...bundle.edition, id: editionId };
  bundle.rubric = { ...bundle.rubric, id: `${editionId}-rubric`, editionId };
  bundle.edition.rubricId = bundle.rubric.id;
  bundle.participants = bundle.participants.map((p) => ({ ...p, editionId }));
  bundle.members = bundle.members.map((m) => ({ ...m, editionId }));
  return bundle;
};

const PARTICIPANTS = ["p-5201", "p-5202"] as const;
const CATEGORIES: AwardCategory[] = ["inspiratif", "replikatif", "inovatif"];

/** Applies one edit if the member may make it; returns the mutation id, or null when the edit is not theirs to make. */
const applyEdit = async (t: Tablet, editionId: string, edit: Edit): Promise<string | null> => {
  const memberId = t.memberId as MemberId;
  const participantId = memberId === "m-anggota" ? "p-5201" : (PARTICIPANTS[edit.participant] ?? "p-5201");
  const technical = memberId === "m-tech";
  switch (edit.kind) {
    case "score":
    case "note": {
      const identity = {
        editionId,
        participantId,
        componentId: technical ? "cmp-doc" : "cmp-paparan",
        indicatorId: technical ? (edit.indicator ? "ind-1.2" : "ind-1.1") : "ind-p1",
        memberId,
        rubricVersion: 1,
      };
      const changes =
        edit.kind === "note"
          ? { note: `catatan ${edit.value}` }
          : technical
            ? { grade: { level: "ABCD"[edit.value] ?? "A", points: null } }
            : { grade: { level: null, points: edit.value * 25 } };
      return (await t.storage.saveScore(identity, changes)).mutation.mutationId;
    }
    case "sheet":
      return (
        await t.storage.saveSheet({ editionId, participantId, memberId }, { strengths: `kekuatan ${edit.value}` })
      ).mutation.mutationId;
    case "nomination":
      if (technical) return null;
      return (
        await t.storage.saveNomination(
          { editionId, participantId, memberId, category: CATEGORIES[edit.value % 3] ?? "inspiratif" },
          { nominated: edit.value !== 3, reason: `alasan ${edit.value}` },
        )
      ).mutation.mutationId;
  }
};

const runScenario = async (scenario: Scenario): Promise<void> => {
  const editionId = `ed-sim-${++caseNo}`;
  if (world.now() - coordinator.since > 6 * 60 * 60 * 1000) {
    // Simulated time outlives a coordinator session (12 h) over a thousand cases.
    const login = await world.server.request<LoginResponse>("POST", "/api/v1/auth/login", {
      name: COORDINATOR_NAME,
      password: COORDINATOR_PASSWORD,
    });
    coordinator = { token: login.body.token, since: world.now() };
  }
  const imported = await world.server.editEdition(editionFor(editionId), coordinator.token);
  if (imported.status >= 300) throw new Error(`import failed: ${JSON.stringify(imported.body)}`);

  const tablets: Tablet[] = [];
  for (let i = 0; i < scenario.devices; i++) {
    const net = createNet(world.server);
    const queue = [...(scenario.faults[i] ?? [])];
    const memberId = MEMBERS[i % MEMBERS.length] ?? "m-ketua";
    // Enrolled straight in the server store: the HTTP enrolment path has its own tests, and this keeps 200 cases fast.
    const t = await openTablet(world, {
      memberId,
      label: `${editionId}-${i}`,
      editionId,
      net,
      clockOffsetMs: scenario.skews[i] ?? 0,
      seed: nextSeed(),
      enrol: false,
      engine: { maxPushMutations: 4, pullLimit: 7 },
    });
    const { code } = await issueJoinCode(world.server.store, editionId, memberId, world.now());
    const enrolled = await world.server.request<EnrolResponse>("POST", "/api/v1/enrol", {
      code,
      deviceId: t.storage.deviceId,
      deviceName: t.label,
    });
    await t.tokens.setToken(enrolled.body.token);
    await t.storage.setSession({ editionId, memberId, locale: "id" });
    net.setChaos(() => (queue.length > 0 ? (queue.shift() ?? null) : null));
    tablets.push(t);
  }

  const made = new Set<string>();
  try {
    for (const step of scenario.steps) {
      switch (step.kind) {
        case "edit": {
          const t = tablets[step.device];
          if (!t) break;
          const id = await applyEdit(t, editionId, step.edit);
          if (id) made.add(id);
          break;
        }
        case "sync":
          await tablets[step.device]?.engine.syncNow();
          break;
        case "restart": {
          const t = tablets[step.device];
          if (!t) break;
          t.close();
          tablets[step.device] = await reopenTablet(world, t, {
            editionId,
            seed: nextSeed(),
            clockOffsetMs: scenario.skews[step.device] ?? 0,
            engine: { maxPushMutations: 4, pullLimit: 7 },
          });
          break;
        }
        case "advance":
          world.advance(step.ms);
          break;
        case "coordinator-pull": {
          const res = await world.server.request(
            "GET",
            `/api/v1/sync/pull?edition=${editionId}&since=0`,
            undefined,
            coordinator.token,
          );
          expect(res.status).toBe(200);
          break;
        }
      }
    }

    // Heal: the network works again and everyone syncs until nothing moves.
    for (const t of tablets) t.net.setChaos(null);
    for (let round = 0; round < 2; round++) for (const t of tablets) await t.engine.syncNow();

    for (const t of tablets) {
      const status = t.engine.getStatus();
      expect(status.pending, `${t.label} pending`).toBe(0);
      expect(status.lastError, `${t.label} error`).toBeNull();
      expect(await deviceRecordsOf(t, editionId), `${t.label} equals server`).toEqual(
        await serverRecordsOf(world, t.memberId, editionId),
      );
    }
    const audit = (await world.server.store.audit.list(editionId, 0, 1_000_000)).filter((e) => e.mutationId !== null);
    const perField = new Map<string, number>();
    for (const e of audit) {
      const key = `${e.mutationId}|${e.key}|${e.field}`;
      perField.set(key, (perField.get(key) ?? 0) + 1);
    }
    expect(
      [...perField.values()].every((n) => n === 1),
      "no change applied twice",
    ).toBe(true);
    for (const id of made)
      expect(await world.server.store.seen.get(id), `mutation ${id} reached the server`).toBeDefined();
  } finally {
    for (const t of tablets) t.close();
  }
};

describe("sync simulation", () => {
  beforeAll(async () => {
    world = await createWorld();
    coordinator = { token: world.server.coordinatorToken, since: world.now() };
  });
  afterAll(() => world.close());

  it(`16 randomised: ${RUNS} seeded runs of 3–6 tablets with faults and restarts converge, every change exactly once`, async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, runScenario), { numRuns: RUNS, seed: SEED, endOnFailure: true });
  }, 600_000);
});
