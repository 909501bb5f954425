import { beforeAll, describe, expect, test } from "vitest";
import type { Mutation } from "../../src/protocol/mutation.ts";
import { createTestServer, deviceIdFor, type TestServer, testBundle } from "../helpers/in-process-server.ts";
import { docScore, nomination, paparanScore, sheetChange } from "./mutations.ts";
import { engines, useEngines } from "../helpers/engines.ts";

useEngines();

describe.each(engines)("%s", (engine) => {
  type Role = "coordinator" | "ketua" | "anggota" | "technical" | "observer";
  type Action =
    | "score own"
    | "score other member"
    | "score unassigned participant"
    | "score finalised sheet"
    | "edition setup";

  const MEMBER: Record<Exclude<Role, "coordinator">, string> = {
    ketua: "m-ketua",
    anggota: "m-anggota",
    technical: "m-tech",
    observer: "m-observer",
  };

  /** What each role may do: HTTP status, and for pushes the per-mutation outcome. */
  const EXPECTED: Record<Role, Record<Action, string>> = {
    coordinator: {
      "score own": "403",
      "score other member": "403",
      "score unassigned participant": "403",
      "score finalised sheet": "403",
      "edition setup": "200",
    },
    ketua: {
      "score own": "applied",
      "score other member": "rejected:not-own-record",
      "score unassigned participant": "rejected:not-assigned",
      "score finalised sheet": "rejected:sheet-finalised",
      "edition setup": "403",
    },
    anggota: {
      "score own": "applied",
      "score other member": "rejected:not-own-record",
      "score unassigned participant": "rejected:not-assigned",
      "score finalised sheet": "rejected:sheet-finalised",
      "edition setup": "403",
    },
    technical: {
      "score own": "applied",
      "score other member": "rejected:not-own-record",
      "score unassigned participant": "rejected:not-assigned",
      "score finalised sheet": "rejected:sheet-finalised",
      "edition setup": "403",
    },
    observer: {
      "score own": "rejected:role-cannot-write",
      "score other member": "rejected:not-own-record",
      "score unassigned participant": "rejected:role-cannot-write",
      "score finalised sheet": "rejected:role-cannot-write",
      "edition setup": "403",
    },
  };

  /** A score the member is assigned to give, on participant `p`. */
  const ownScore = (role: Role, memberId: string, p: string, deviceId: string): Mutation =>
    role === "technical" ? docScore(memberId, p, "A", { deviceId }) : paparanScore(memberId, p, 70, { deviceId });

  let server: TestServer;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    server = await createTestServer({ engine });
    tokens.set("coordinator", server.coordinatorToken);
    for (const [role, memberId] of Object.entries(MEMBER)) tokens.set(role as Role, await server.enrolDevice(memberId));
  });

  const outcome = async (role: Role, action: Action): Promise<string> => {
    const token = tokens.get(role) ?? "";
    if (action === "edition setup") {
      const res = await server.request("POST", "/api/v1/editions", testBundle(), token);
      return String(res.status);
    }
    const memberId = role === "coordinator" ? "m-ketua" : MEMBER[role];
    const deviceId = deviceIdFor(memberId);
    let mutation: Mutation;
    if (action === "score own") mutation = ownScore(role, memberId, "p-5201", deviceId);
    else if (action === "score other member")
      mutation = paparanScore(memberId === "m-ketua" ? "m-anggota" : "m-ketua", "p-5201", 70, { deviceId }) as Mutation;
    else if (action === "score unassigned participant") mutation = ownScore(role, memberId, "p-5272", deviceId);
    else {
      // p-5201 for all roles: finalise the sheet first (observers cannot, so their refusal is the role's).
      const fin = sheetChange(memberId, "p-5201", { finalised: true }, { deviceId });
      if (role === "coordinator" || role === "observer") {
        mutation = ownScore(role, memberId, "p-5201", deviceId);
      } else {
        const r = await server.push(token, deviceId, [fin]);
        expect(r.body.results[0]?.status).toBe("applied");
        mutation = ownScore(role, memberId, "p-5201", deviceId);
      }
    }
    if (role === "coordinator") mutation = { ...mutation, deviceId: "coordinator_pc" } as Mutation;
    const res = await server.push(token, mutation.deviceId, [mutation]);
    if (res.status !== 200) return String(res.status);
    const r = res.body.results[0];
    return r?.status === "rejected" ? `rejected:${r.reasonCode}` : String(r?.status);
  };

  describe("authorisation matrix", () => {
    const actions: Action[] = [
      "score own",
      "score other member",
      "score unassigned participant",
      "score finalised sheet",
      "edition setup",
    ];
    for (const role of Object.keys(EXPECTED) as Role[]) {
      for (const action of actions) {
        test(`${role} × ${action} → ${EXPECTED[role][action]}`, async () => {
          expect(await outcome(role, action)).toBe(EXPECTED[role][action]);
        });
      }
    }
  });

  describe("sheets and nominations", () => {
    test("a panelist may recuse and finalise their own sheet, not another's", async () => {
      const s = await createTestServer({ engine });
      const token = await s.enrolDevice("m-anggota");
      const dev = deviceIdFor("m-anggota");
      const recuse = sheetChange("m-anggota", "p-5201", { recused: true, recusalReason: "pernah bertugas di sini" });
      const other = sheetChange("m-ketua", "p-5201", { finalised: true }, { deviceId: dev });
      const res = await s.push(token, dev, [recuse, other]);
      expect(res.body.results.map((r) => r.reasonCode ?? r.status)).toEqual(["applied", "not-own-record"]);
      s.close();
    });

    test("a finalised sheet is closed to its member until the coordinator reopens it", async () => {
      const s = await createTestServer({ engine });
      const token = await s.enrolDevice("m-ketua");
      const dev = deviceIdFor("m-ketua");
      await s.push(token, dev, [paparanScore("m-ketua"), sheetChange("m-ketua", "p-5201", { finalised: true })]);
      const blocked = await s.push(token, dev, [
        sheetChange("m-ketua", "p-5201", { strengths: "tambahan" }),
        sheetChange("m-ketua", "p-5201", { finalised: false }),
        sheetChange("m-ketua", "p-5201", { finalised: true }),
      ]);
      // Finalising again is harmless, so it is let through.
      expect(blocked.body.results.map((r) => r.reasonCode ?? r.status)).toEqual([
        "sheet-finalised",
        "sheet-finalised",
        "applied",
      ]);

      const panelistReopen = await s.request(
        "POST",
        "/api/v1/editions/ed-test/sheets/p-5201/m-ketua/reopen",
        { reason: "Nilai salah ketik" },
        token,
      );
      expect(panelistReopen.status).toBe(403);
      const reopen = await s.request<{ record: { finalised: boolean } }>(
        "POST",
        "/api/v1/editions/ed-test/sheets/p-5201/m-ketua/reopen",
        { reason: "Nilai salah ketik" },
        s.coordinatorToken,
      );
      expect(reopen.status).toBe(200);
      expect(reopen.body.record.finalised).toBe(false);
      const after = await s.push(token, dev, [paparanScore("m-ketua", "p-5201", 95)]);
      expect(after.body.results[0]?.status).toBe("applied");
      const sheetAudit = (await s.store.audit.list("ed-test", 0, 1000)).filter((e) => e.table === "sheets");
      const audit = sheetAudit.filter((e) => e.field === "finalised" && e.refusedReason === undefined);
      expect(audit.map((e) => [e.actorKind, e.new])).toEqual([
        ["device", true],
        ["coordinator", false],
      ]);
      // The two refused changes are kept for the coordinator with what was sent.
      expect(sheetAudit.filter((e) => e.refusedReason).map((e) => [e.refusedReason, e.new])).toEqual([
        ["sheet-finalised", { strengths: "tambahan" }],
        ["sheet-finalised", { finalised: false }],
      ]);
      expect(
        (
          await s.request(
            "POST",
            "/api/v1/editions/ed-test/sheets/p-5202/m-ketua/reopen",
            { reason: "Nilai salah ketik" },
            s.coordinatorToken,
          )
        ).status,
      ).toBe(404);
      s.close();
    });

    test("the reopen wins even over a finalise stamped by a tablet running ahead", async () => {
      const s = await createTestServer({ engine });
      const token = await s.enrolDevice("m-ketua");
      const dev = deviceIdFor("m-ketua");
      const fin = sheetChange("m-ketua", "p-5201", { finalised: true }, { millis: s.now() + 24 * 3600_000 });
      await s.push(token, dev, [fin]);
      await s.request(
        "POST",
        "/api/v1/editions/ed-test/sheets/p-5201/m-ketua/reopen",
        { reason: "Nilai salah ketik" },
        s.coordinatorToken,
      );
      const pulled = await s.pull(token, { since: 0 });
      const sheet = pulled.body.rows.find((r) => r.table === "sheets");
      expect(sheet?.record).toMatchObject({ finalised: false });
      s.close();
    });

    test("nominations: own only, panel members only, never an observer district", async () => {
      const s = await createTestServer({ engine });
      const ketua = await s.enrolDevice("m-ketua");
      const tech = await s.enrolDevice("m-tech");
      const res = await s.push(ketua, deviceIdFor("m-ketua"), [
        nomination("m-ketua", "p-5202"),
        nomination("m-ketua", "p-5272"),
        nomination("m-anggota", "p-5201", { deviceId: deviceIdFor("m-ketua") }),
      ]);
      expect(res.body.results.map((r) => r.reasonCode ?? r.status)).toEqual([
        "applied",
        "observer-participant",
        "not-own-record",
      ]);
      const res2 = await s.push(tech, deviceIdFor("m-tech"), [nomination("m-tech", "p-5201")]);
      expect(res2.body.results[0]?.reasonCode).toBe("role-cannot-write");
      s.close();
    });

    test("coordinator-only routes refuse devices; a device reads only its own edition's bundle", async () => {
      const s = await createTestServer({ engine });
      const token = await s.enrolDevice("m-ketua");
      for (const [method, path] of [
        ["GET", "/api/v1/editions"],
        ["GET", "/api/v1/editions/ed-test/data"],
        ["GET", "/api/v1/editions/ed-test/results"],
        ["GET", "/api/v1/editions/ed-test/audit"],
        ["GET", "/api/v1/editions/ed-test/devices"],
        ["GET", "/api/v1/editions/ed-test/join-codes"],
        ["POST", "/api/v1/editions/ed-test/members/m-ketua/join-code"],
        ["DELETE", `/api/v1/devices/${deviceIdFor("m-ketua")}`],
      ] as const) {
        expect((await s.request(method, path, undefined, token)).status, `${method} ${path}`).toBe(403);
        expect((await s.request(method, path)).status, `${method} ${path} anonymous`).toBe(401);
      }
      expect((await s.request("GET", "/api/v1/editions/ed-test/bundle", undefined, token)).status).toBe(200);
      expect((await s.request("GET", "/api/v1/editions/other/bundle", undefined, token)).status).toBe(403);
      expect((await s.request("GET", "/api/v1/editions/other/bundle", undefined, s.coordinatorToken)).status).toBe(404);
      s.close();
    });
  });
});
