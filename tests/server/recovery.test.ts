import { beforeEach, describe, expect, test } from "vitest";
import type { EditionBackup } from "../../src/protocol/edition-backup.ts";
import type { Mutation } from "../../src/protocol/mutation.ts";
import type { RescueImportResponse, RestoreResponse } from "../../src/protocol/recovery.ts";
import { RESCUE_FORMAT, RESCUE_FORMAT_VERSION, type RescueFile } from "../../src/protocol/rescue-import.ts";
import { signFile } from "../../src/protocol/signed-file.ts";
import type { EditionImport, ErrorBody } from "../../src/protocol/wire.ts";
import { HASH_DEPS } from "../../src/server/hash-deps.ts";
import { engines, useEngines } from "../helpers/engines.ts";
import { createTestServer, deviceIdFor, type TestServer, testBundle } from "../helpers/in-process-server.ts";
import { docScore, nomination, paparanScore, sheetChange } from "./mutations.ts";

useEngines();

const REOPEN = "/api/v1/editions/ed-test/sheets/p-5201/m-ketua/reopen";

const rescueFile = (memberId: string, mutations: Mutation[], deviceId = deviceIdFor(memberId)): Promise<RescueFile> =>
  signFile(
    {
      format: RESCUE_FORMAT,
      formatVersion: RESCUE_FORMAT_VERSION,
      exportedAt: "2026-11-03T09:00:00.000Z",
      edition: { id: "ed-test", title: { id: "Edisi uji" }, year: 2026 },
      member: { id: memberId, name: memberId },
      deviceId,
      mutations,
      scores: [],
      sheets: [],
      nominations: [],
      refused: [],
    } as const,
    HASH_DEPS,
  );

describe.each(engines)("%s", (engine) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await createTestServer({ engine });
    return () => s.close();
  });

  /** The ketua scores and finalises p-5201; the technical member scores documents. */
  const scoreSome = async (): Promise<{ ketua: string }> => {
    const ketua = await s.enrolDevice("m-ketua");
    await s.push(ketua, deviceIdFor("m-ketua"), [
      paparanScore("m-ketua", "p-5201", 85),
      paparanScore("m-ketua", "p-5202", 70),
      nomination("m-ketua", "p-5201"),
      sheetChange("m-ketua", "p-5201", { strengths: "Data lengkap", finalised: true }),
    ]);
    const tech = await s.enrolDevice("m-tech");
    await s.push(tech, deviceIdFor("m-tech"), [docScore("m-tech", "p-5201", "A"), docScore("m-tech", "p-5202", "B")]);
    return { ketua };
  };

  describe("reopening a sheet", () => {
    test("needs a reason, in words; the reason is audited and reaches the member's tablet", async () => {
      const { ketua } = await scoreSome();
      const before = await s.store.counts();
      for (const body of [undefined, {}, { reason: "   " }]) {
        const refused = await s.request<ErrorBody>("POST", REOPEN, body, s.coordinatorToken);
        expect(refused.status).toBe(400);
        expect(refused.body.error.code).toBe("reason-required");
        expect(refused.body.error.message).toMatch(/alasan/);
      }
      const english = await s.request<ErrorBody>("POST", `${REOPEN}?lang=en`, { reason: "" }, s.coordinatorToken);
      expect(english.body.error.message).toMatch(/reason/);
      expect(await s.store.counts()).toEqual(before);

      const reopened = await s.request("POST", REOPEN, { reason: "  Nilai paparan salah ketik " }, s.coordinatorToken);
      expect(reopened.status).toBe(200);
      const audit = (await s.store.audit.list("ed-test", 0, 1000)).filter((e) => e.actorKind === "coordinator");
      expect(audit.map((e) => [e.field, e.new])).toEqual([
        ["finalised", false],
        ["reopenReason", "Nilai paparan salah ketik"],
      ]);

      const pulled = await s.pull(ketua, { since: 0 });
      const sheet = pulled.body.rows.find((r) => r.table === "sheets")?.record;
      expect(sheet).toMatchObject({
        finalised: false,
        reopenReason: "Nilai paparan salah ketik",
        strengths: "Data lengkap",
      });
    });

    test("only the coordinator reopens", async () => {
      await scoreSome();
      const token = await s.enrolDevice("m-anggota");
      expect((await s.request("POST", REOPEN, { reason: "x" }, token)).status).toBe(403);
      expect((await s.request("POST", REOPEN, { reason: "x" })).status).toBe(401);
    });
  });

  describe("backup and restore", () => {
    const restoreInto = (server: TestServer, backup: EditionBackup) =>
      server.request<RestoreResponse>("POST", "/api/v1/editions/restore", backup, server.coordinatorToken);

    const backupOf = async (server: TestServer): Promise<EditionBackup> => {
      const res = await server.request<EditionBackup>(
        "GET",
        "/api/v1/editions/ed-test/backup",
        undefined,
        server.coordinatorToken,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="panelis-ed-test-/);
      return res.body;
    };

    test("published versions travel in the backup and are restored with their hashes", async () => {
      await scoreSome();
      const coord = (method: string, path: string, body?: unknown) =>
        s.request(method, `/api/v1/editions/ed-test${path}`, body, s.coordinatorToken);
      expect((await coord("POST", "/state", { to: "closed" })).status).toBe(200);
      expect((await coord("POST", "/publish", {})).status).toBe(201);
      const backup = await backupOf(s);
      expect(backup.publications.map((p) => p.version)).toEqual([1]);
      const fresh = await createTestServer({ engine, bundle: otherEdition() });
      try {
        const restored = await restoreInto(fresh, backup);
        expect(restored.status).toBe(201);
        expect(restored.body.publications).toBe(1);
        const list = async (server: TestServer) =>
          (
            await server.request<{ publications: { version: number; contentHash: string }[] }>(
              "GET",
              "/api/v1/editions/ed-test/publications",
              undefined,
              server.coordinatorToken,
            )
          ).body.publications.map((v) => [v.version, v.contentHash]);
        expect(await list(fresh)).toEqual(await list(s));
        expect(await list(fresh)).toHaveLength(1);
      } finally {
        await fresh.close();
      }
    });

    test("restoring into an empty server gives identical results, records and audit", async () => {
      await scoreSome();
      await s.request("POST", REOPEN, { reason: "Periksa lagi" }, s.coordinatorToken);
      const backup = await backupOf(s);
      expect(backup.bundle.scores).toHaveLength(4);
      expect(backup.publications).toEqual([]);

      // A server without ed-test: restoring there is restoring into an empty store for this edition.
      const fresh = await createTestServer({ engine, bundle: otherEdition() });
      try {
        const restored = await restoreInto(fresh, backup);
        expect(restored.status).toBe(201);
        expect(restored.body.records).toEqual({ scores: 4, sheets: 1, nominations: 1 });
        const results = async (server: TestServer) =>
          (await server.request("GET", "/api/v1/editions/ed-test/results", undefined, server.coordinatorToken)).body;
        expect(await results(fresh)).toEqual(await results(s));
        const records = async (server: TestServer) =>
          (
            await server.request<{ scores: unknown[]; sheets: unknown[]; nominations: unknown[] }>(
              "GET",
              "/api/v1/editions/ed-test/data",
              undefined,
              server.coordinatorToken,
            )
          ).body;
        const unversioned = (rows: unknown[]) => rows.map((r) => ({ ...(r as object), version: 0 }));
        const [a, b] = [await records(s), await records(fresh)];
        for (const table of ["scores", "sheets", "nominations"] as const)
          expect(unversioned(b[table])).toEqual(unversioned(a[table]));
        const audit = await fresh.store.audit.list("ed-test", 0, 10_000);
        expect(audit.slice(0, -1).map(({ id: _i, ...e }) => e)).toEqual(
          backup.audit.map(({ id: _i, ...e }) => ({ ...e, editionId: "ed-test" })),
        );
        expect(audit.at(-1)).toMatchObject({ actorKind: "coordinator", field: "restored" });
      } finally {
        await fresh.close();
      }
    });

    test("is refused for an edition that exists, for a tampered file and for a panelist; nothing is written", async () => {
      await scoreSome();
      const backup = await backupOf(s);
      const before = await s.store.counts();
      const exists = await s.request<ErrorBody>("POST", "/api/v1/editions/restore", backup, s.coordinatorToken);
      expect(exists.status).toBe(409);
      expect(exists.body.error.code).toBe("edition-exists");

      const fresh = await createTestServer({ engine, bundle: otherEdition() });
      try {
        const panelist = await fresh.enrolDevice("m-other");
        const freshBefore = await fresh.store.counts();
        const tampered = structuredClone(backup);
        const score = tampered.bundle.scores[0];
        if (score) score.points = 100;
        const refused = await fresh.request<ErrorBody>(
          "POST",
          "/api/v1/editions/restore",
          tampered,
          fresh.coordinatorToken,
        );
        expect(refused.status).toBe(400);
        expect(refused.body.error.code).toBe("backup-invalid");
        expect(refused.body.error.message).toMatch(/Checksum tidak cocok/);
        const truncated = { ...backup, audit: backup.audit.slice(1) };
        expect(
          (await fresh.request("POST", "/api/v1/editions/restore", truncated, fresh.coordinatorToken)).status,
        ).toBe(400);
        expect((await fresh.request("POST", "/api/v1/editions/restore", backup, panelist)).status).toBe(403);
        expect((await fresh.request("GET", "/api/v1/editions/ed-other/backup", undefined, panelist)).status).toBe(403);
        expect(await fresh.store.counts()).toEqual(freshBefore);
      } finally {
        await fresh.close();
      }
      expect(await s.store.counts()).toEqual(before);
    });
  });

  describe("importing a tablet's last-resort file", () => {
    const importFile = (file: unknown, token = s.coordinatorToken) =>
      s.request<RescueImportResponse & ErrorBody>("POST", "/api/v1/editions/ed-test/rescue-import", file, token);

    test("applies each change through the push path; importing twice changes nothing", async () => {
      await s.enrolDevice("m-ketua");
      const file = await rescueFile("m-ketua", [
        paparanScore("m-ketua", "p-5201", 90),
        sheetChange("m-ketua", "p-5201", { strengths: "Inovasi desa" }),
        // p-5272 is an observer district: nominating it is refused by the push's authorisation.
        nomination("m-ketua", "p-5272"),
        // Another member's change slipped into the file: refused before the push.
        paparanScore("m-anggota", "p-5201", 10, { deviceId: deviceIdFor("m-ketua") }),
      ]);
      const first = await importFile(file);
      expect(first.status).toBe(200);
      expect(first.body.counts).toEqual({ applied: 2, duplicate: 0, refused: 2 });
      expect(first.body.changes.map((c) => [c.outcome, c.reasonCode ?? null])).toEqual([
        ["applied", null],
        ["applied", null],
        ["refused", "observer-participant"],
        ["refused", "other-member"],
      ]);
      expect(first.body.changes[2]?.reason).toMatch(/peninjau/i);
      const score = await s.store.records.get("scores", file.mutations[0]?.key ?? "");
      expect(score?.record.points).toBe(90);
      const audit = await s.store.audit.list("ed-test", 0, 10_000);
      expect(audit.filter((e) => e.mutationId === file.mutations[0]?.mutationId)).toMatchObject([
        { actorKind: "device", deviceId: deviceIdFor("m-ketua"), field: "grade" },
      ]);

      const before = await s.store.counts();
      const rows = await s.store.records.list("scores", "ed-test");
      const second = await importFile(file);
      // What went through the push is a duplicate now; another member's change is refused again, never written.
      expect(second.body.counts).toEqual({ applied: 0, duplicate: 3, refused: 1 });
      expect(await s.store.counts()).toEqual(before);
      expect(await s.store.records.list("scores", "ed-test")).toEqual(rows);
    });

    test("a change for a district the member is not assigned is refused and reported", async () => {
      const file = await rescueFile("m-anggota", [
        paparanScore("m-anggota", "p-5201", 75),
        paparanScore("m-anggota", "p-5202", 60),
      ]);
      const res = await importFile(file);
      expect(res.body.counts).toEqual({ applied: 1, duplicate: 0, refused: 1 });
      expect(res.body.changes[1]).toMatchObject({
        outcome: "refused",
        reasonCode: "not-assigned",
        participantId: "p-5202",
      });
      expect(res.body.changes[1]?.reason).toMatch(/tidak ditugaskan/);
      // The tablet was never enrolled here: the change is still its writer's, and later pushes see it as done.
      const token = await s.enrolDevice("m-anggota");
      const again = await s.push(token, deviceIdFor("m-anggota"), file.mutations.slice(0, 1));
      expect(again.body.results[0]?.status).toBe("duplicate");
    });

    test("a tampered file, another edition's file, or a panelist's request is refused; nothing is written", async () => {
      const file = await rescueFile("m-ketua", [paparanScore("m-ketua", "p-5201", 90)]);
      const panelist = await s.enrolDevice("m-ketua");
      const before = await s.store.counts();
      const tampered = structuredClone(file) as RescueFile & {
        mutations: Array<{ changes: { grade: { points: number } } }>;
      };
      const grade = tampered.mutations[0]?.changes.grade;
      if (grade) grade.points = 100;
      const refused = await importFile(tampered);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("rescue-file-invalid");
      expect(refused.body.error.message).toMatch(/Checksum tidak cocok/);
      const english = await s.request<ErrorBody>(
        "POST",
        "/api/v1/editions/ed-test/rescue-import?lang=en",
        tampered,
        s.coordinatorToken,
      );
      expect(english.body.error.message).toMatch(/checksum does not match/);
      const { checksum: _c, ...unsigned } = { ...file, edition: { ...file.edition, id: "ed-x" } };
      const other = await importFile(await signFile(unsigned, HASH_DEPS));
      expect(other.body.error.code).toBe("rescue-file-invalid");
      expect((await importFile(file, panelist)).status).toBe(403);
      expect(await s.store.counts()).toEqual(before);
    });
  });
});

/** A different edition, so a test server starts without ed-test (an empty server for it). */
const otherEdition = (): EditionImport => {
  const b = testBundle();
  const id = "ed-other";
  const ketua = b.members[0];
  if (!ketua) throw new Error("test bundle without members");
  return {
    edition: { ...b.edition, id },
    rubric: { ...b.rubric, editionId: id },
    participants: b.participants.map((p) => ({ ...p, editionId: id })),
    members: [...b.members, { ...ketua, id: "m-other" }].map((m) => ({ ...m, editionId: id })),
  };
};
