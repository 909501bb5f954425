import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { AuditSearchResponse, BoardResponse } from "../../src/protocol/coordination.ts";
import type { DeviceListResponse, EnrolResponse, ErrorBody } from "../../src/protocol/wire.ts";
import { PROTOCOL_VERSION } from "../../src/protocol/mutation.ts";
import { issueJoinCode } from "../../src/server/enrolment.ts";
import { engines, useEngines } from "../helpers/engines.ts";
import { createTestServer, deviceIdFor, TEST_EDITION_ID, type TestServer } from "../helpers/in-process-server.ts";
import { paparanScore } from "./mutations.ts";

useEngines();

const E = `/api/v1/editions/${TEST_EDITION_ID}`;

describe.each(engines)("%s", (engine) => {
  let server: TestServer;
  let anggota: string;
  const ANGGOTA_DEVICE = deviceIdFor("m-anggota");

  beforeEach(async () => {
    server = await createTestServer({ engine });
    anggota = await server.enrolDevice("m-anggota");
  });
  afterEach(() => server.close());

  const asCoord = <T>(method: string, path: string) =>
    server.request<T>(method, path, undefined, server.coordinatorToken);

  describe("refused changes reach the coordinator", () => {
    test("a refused change is audited once with its payload and reason, even when the push is retried", async () => {
      // m-anggota scores paparan for p-5201 only: p-5202 is not theirs.
      const refused = paparanScore("m-anggota", "p-5202", 64);
      const accepted = paparanScore("m-anggota", "p-5201", 70);
      const first = await server.push(anggota, ANGGOTA_DEVICE, [refused, accepted]);
      expect(first.body.results.map((r) => r.status)).toEqual(["rejected", "applied"]);
      const retry = await server.push(anggota, ANGGOTA_DEVICE, [refused, accepted]);
      expect(retry.body.results.map((r) => r.status)).toEqual(["duplicate", "duplicate"]);

      const all = await asCoord<AuditSearchResponse>("GET", `${E}/audit/search`);
      const entries = all.body.entries.filter((e) => e.mutationId === refused.mutationId);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actorKind: "device",
        actorId: "m-anggota",
        deviceId: ANGGOTA_DEVICE,
        table: "scores",
        key: refused.key,
        field: "grade",
        new: { grade: { level: null, points: 64 } },
        refusedReason: "not-assigned",
      });
      // Accepted changes carry no refusal.
      const applied = all.body.entries.filter((e) => e.mutationId === accepted.mutationId);
      expect(applied.length).toBeGreaterThan(0);
      expect(applied.every((e) => e.refusedReason === undefined)).toBe(true);

      const only = await asCoord<AuditSearchResponse>("GET", `${E}/audit/search?refused=1&device=${ANGGOTA_DEVICE}`);
      expect(only.body.entries.map((e) => e.mutationId)).toEqual([refused.mutationId]);
      expect((await asCoord("GET", `${E}/audit/search?refused=yes`)).status).toBe(400);

      const board = await asCoord<BoardResponse>("GET", `${E}/board`);
      expect(board.body.devices.find((d) => d.id === ANGGOTA_DEVICE)?.refused).toBe(1);
    });

    test("a refused batch written in a transaction that fails leaves no audit entry", async () => {
      const before = await server.store.audit.count();
      // A reused id with a different payload refuses the whole request: nothing, refusals included, is kept.
      const m = paparanScore("m-anggota", "p-5202", 64);
      const forged = { ...m, changes: { grade: { level: null, points: 10 } } };
      expect((await server.push(anggota, ANGGOTA_DEVICE, [m, forged])).status).toBe(409);
      expect(await server.store.audit.count()).toBe(before);
    });
  });

  describe("the tablet's name", () => {
    const enrolWith = async (memberId: string, deviceId: string, deviceName?: string) => {
      const { code } = await issueJoinCode(server.store, TEST_EDITION_ID, memberId, server.now());
      return server.request<EnrolResponse | ErrorBody>("POST", "/api/v1/enrol", {
        code,
        deviceId,
        ...(deviceName === undefined ? {} : { deviceName }),
      });
    };
    const listed = async (id: string) =>
      (await asCoord<DeviceListResponse>("GET", `${E}/devices`)).body.devices.find((d) => d.id === id)?.name;

    test("the name the panelist typed is what the coordinator sees, trimmed", async () => {
      expect((await enrolWith("m-ketua", "d_named", "  Tablet Bu Baiq  ")).status).toBe(201);
      expect(await listed("d_named")).toBe("Tablet Bu Baiq");
      const board = await asCoord<BoardResponse>("GET", `${E}/board`);
      expect(board.body.devices.find((d) => d.id === "d_named")?.name).toBe("Tablet Bu Baiq");
    });

    test("without a name (or an empty one) the tablet is named after its member", async () => {
      const member = (await server.store.references.get("members", TEST_EDITION_ID, "m-ketua"))?.name;
      expect((await enrolWith("m-ketua", "d_unnamed")).status).toBe(201);
      expect(await listed("d_unnamed")).toBe(`Tablet ${member}`);
      expect((await enrolWith("m-ketua", "d_blank", "   ")).status).toBe(201);
      expect(await listed("d_blank")).toBe(`Tablet ${member}`);
    });

    test("a name too long or with control characters is refused and enrols nothing", async () => {
      const before = await server.store.counts();
      const long = await enrolWith("m-ketua", "d_long", "T".repeat(61));
      expect(long.status).toBe(400);
      expect((long.body as ErrorBody).error.code).toBe("invalid-body");
      expect((await enrolWith("m-ketua", "d_ctrl", "Tablet\u0000Baiq")).status).toBe(400);
      const after = await server.store.counts();
      // Issuing the codes wrote join codes; no device was added.
      expect(after.devices).toBe(before.devices);
    });
  });

  describe("pending changes per tablet", () => {
    const device = async () =>
      (await asCoord<DeviceListResponse>("GET", `${E}/devices`)).body.devices.find((d) => d.id === ANGGOTA_DEVICE);

    test("push and pull store the reported outbox count with its time; a tablet that reports none keeps working", async () => {
      expect(await device()).not.toHaveProperty("pendingCount");
      server.advance(1000);
      const pushed = await server.request(
        "POST",
        "/api/v1/sync/push",
        {
          protocolVersion: PROTOCOL_VERSION,
          deviceId: ANGGOTA_DEVICE,
          mutations: [paparanScore("m-anggota")],
          pending: 7,
        },
        anggota,
      );
      expect(pushed.status).toBe(200);
      expect(await device()).toMatchObject({ pendingCount: 7, pendingAt: server.now(), lastSeenAt: server.now() });
      server.advance(1000);
      expect((await server.pull(anggota, { pending: 0 })).status).toBe(200);
      expect(await device()).toMatchObject({ pendingCount: 0, pendingAt: server.now() });
      const reportedAt = server.now();
      server.advance(1000);
      // An older tablet: no count; the last report stays, last contact moves.
      expect((await server.pull(anggota)).status).toBe(200);
      expect((await server.push(anggota, ANGGOTA_DEVICE, [paparanScore("m-anggota", "p-5201", 71)])).status).toBe(200);
      expect(await device()).toMatchObject({ pendingCount: 0, pendingAt: reportedAt, lastSeenAt: server.now() });
      const board = await asCoord<BoardResponse>("GET", `${E}/board`);
      expect(board.body.devices.find((d) => d.id === ANGGOTA_DEVICE)).toMatchObject({ pendingCount: 0 });
    });

    test("a count that is not a whole number is refused", async () => {
      const bad = await server.request(
        "POST",
        "/api/v1/sync/push",
        {
          protocolVersion: PROTOCOL_VERSION,
          deviceId: ANGGOTA_DEVICE,
          mutations: [],
          pending: -1,
        },
        anggota,
      );
      expect(bad.status).toBe(400);
      expect((await server.pull(anggota, { pending: "many" })).status).toBe(400);
      expect(await device()).not.toHaveProperty("pendingCount");
    });
  });
});
