import { describe, expect, test } from "vitest";
import { maluku2020Sample, ntb2021Sample } from "../../src/domain/templates/index.ts";
import type {
  AuditResponse,
  EditionBundleResponse,
  EditionDataResponse,
  EditionImportResponse,
  EditionListResponse,
} from "../../src/protocol/wire.ts";
import { seedIfEmpty } from "../../src/server/seed.ts";
import { createTestServer, deviceIdFor, testBundle } from "../helpers/in-process-server.ts";
import { paparanScore } from "./mutations.ts";
import { engines, useEngines, openTestStore } from "../helpers/engines.ts";

useEngines();

describe.each(engines)("%s", (engine) => {
  describe("edition import and coordinator reads", () => {
    test("imports the NTB 2021 sample with its records, lists it and serves its bundle and results", async () => {
      const s = await createTestServer({ engine });
      const sample = ntb2021Sample();
      const res = await s.request<EditionImportResponse>("POST", "/api/v1/editions", sample, s.coordinatorToken);
      expect(res.status).toBe(201);
      expect(res.body.created).toBe(true);
      expect(res.body.recordsApplied).toBe(sample.scores.length + sample.sheets.length + sample.nominations.length);
      expect(res.body.participants).toHaveLength(10);

      const list = await s.request<EditionListResponse>("GET", "/api/v1/editions", undefined, s.coordinatorToken);
      expect(list.body.editions.map((e) => e.id).sort()).toEqual(["ed-test", sample.edition.id].sort());

      const bundle = await s.request<EditionBundleResponse>(
        "GET",
        `/api/v1/editions/${sample.edition.id}/bundle`,
        undefined,
        s.coordinatorToken,
      );
      expect(bundle.body.rubric).toEqual(sample.rubric);
      expect(bundle.body.version).toBeGreaterThan(0);

      const data = await s.request<EditionDataResponse>(
        "GET",
        `/api/v1/editions/${sample.edition.id}/data`,
        undefined,
        s.coordinatorToken,
      );
      expect(data.body.scores).toHaveLength(sample.scores.length);
      expect(data.body.needsReview).toEqual([]);

      const results = await s.request<{ editionId: string; participants: unknown[] }>(
        "GET",
        `/api/v1/editions/${sample.edition.id}/results`,
        undefined,
        s.coordinatorToken,
      );
      expect(results.status).toBe(200);
      expect(results.body.editionId).toBe(sample.edition.id);
      expect(results.body.participants).toHaveLength(10);

      // Importing the same records again changes nothing.
      const again = await s.request<EditionImportResponse>("POST", "/api/v1/editions", sample, s.coordinatorToken);
      expect(again.status).toBe(200);
      expect(again.body.recordsApplied).toBe(0);
      s.close();
    });

    test("cross-reference errors are refused in words, before anything is written", async () => {
      const s = await createTestServer({ engine });
      const bundle = testBundle();
      bundle.edition = { ...bundle.edition, id: "ed-new", rubricId: "missing" };
      bundle.members = bundle.members.map((m, i) =>
        i === 0 ? { ...m, assignments: [{ componentId: "nope", participantIds: ["p-9999"] }] } : m,
      );
      const before = await s.store.counts();
      const res = await s.request<{ error: { code: string; details: { errors: string[] } } }>(
        "POST",
        "/api/v1/editions?lang=en",
        bundle,
        s.coordinatorToken,
      );
      expect(res.status).toBe(400);
      const text = res.body.error.details.errors.join("\n");
      expect(text).toMatch(/Edition › rubric: must be "rubric-test"/);
      expect(text).toMatch(/component nope is not in the rubric/);
      expect(text).toMatch(/participant p-9999 does not exist/);
      expect(await s.store.counts()).toEqual(before);
      s.close();
    });

    test("a changed rubric always gets a higher version, even if the coordinator forgot to bump it", async () => {
      const s = await createTestServer({ engine });
      const bundle = testBundle();
      const current = await s.request<EditionBundleResponse>(
        "GET",
        "/api/v1/editions/ed-test/bundle",
        undefined,
        s.coordinatorToken,
      );
      bundle.rubric.components = bundle.rubric.components.map((c) =>
        c.id === "cmp-paparan" ? { ...c, weight: 40 } : c,
      );
      const res = await s.request<EditionImportResponse>(
        "POST",
        "/api/v1/editions",
        { ...bundle, baseVersion: current.body.version },
        s.coordinatorToken,
      );
      expect(res.body.rubric.version).toBe(2);
      const same = await s.request<EditionImportResponse>("POST", "/api/v1/editions", bundle, s.coordinatorToken);
      expect(same.body.rubric.version).toBe(2);
      s.close();
    });

    test("an edit made on a stale version of the edition is refused with 409 and changes nothing", async () => {
      const s = await createTestServer({ engine });
      const current = await s.request<EditionBundleResponse>(
        "GET",
        "/api/v1/editions/ed-test/bundle",
        undefined,
        s.coordinatorToken,
      );
      const first = testBundle();
      first.edition = { ...first.edition, venue: "Ruang Rapat Bappeda Lantai 2" };
      const applied = await s.request<EditionImportResponse>(
        "POST",
        "/api/v1/editions",
        { ...first, baseVersion: current.body.version },
        s.coordinatorToken,
      );
      expect(applied.status).toBe(200);

      // A second coordinator still holds the old version and edits something else.
      const second = testBundle();
      second.edition = { ...second.edition, venue: "Hotel Lombok Raya" };
      const before = await s.store.counts();
      const stale = await s.request<{ error: { code: string; details: { currentVersion: number } } }>(
        "POST",
        "/api/v1/editions?lang=en",
        { ...second, baseVersion: current.body.version },
        s.coordinatorToken,
      );
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe("edition-stale");
      expect(stale.body.error.details.currentVersion).toBe(applied.body.version);
      expect(await s.store.counts()).toEqual(before);
      const now = await s.request<EditionBundleResponse>(
        "GET",
        "/api/v1/editions/ed-test/bundle",
        undefined,
        s.coordinatorToken,
      );
      expect(now.body.edition.venue).toBe("Ruang Rapat Bappeda Lantai 2");

      // Without a base version at all, an edit is refused the same way.
      const blind = await s.request("POST", "/api/v1/editions", second, s.coordinatorToken);
      expect(blind.status).toBe(409);
      s.close();
    });

    test("the audit log pages and says who changed what, from what to what", async () => {
      const s = await createTestServer({ engine });
      const token = await s.enrolDevice("m-ketua");
      const first = paparanScore("m-ketua", "p-5201", 60);
      const second = paparanScore("m-ketua", "p-5201", 85);
      await s.push(token, deviceIdFor("m-ketua"), [first, second]);
      const page = await s.request<AuditResponse>(
        "GET",
        "/api/v1/editions/ed-test/audit?limit=2",
        undefined,
        s.coordinatorToken,
      );
      expect(page.body.more).toBe(true);
      const all = await s.request<AuditResponse>(
        "GET",
        "/api/v1/editions/ed-test/audit?limit=1000",
        undefined,
        s.coordinatorToken,
      );
      const grades = all.body.entries.filter((e) => e.table === "scores");
      expect(grades.map((e) => [e.actorId, e.deviceId, e.field, e.old, e.new])).toEqual([
        ["m-ketua", "d_m_ketua", "grade", null, { level: null, points: 60 }],
        ["m-ketua", "d_m_ketua", "grade", { level: null, points: 60 }, { level: null, points: 85 }],
      ]);
      const rest = await s.request<AuditResponse>(
        `GET`,
        `/api/v1/editions/ed-test/audit?after=${page.body.cursor}`,
        undefined,
        s.coordinatorToken,
      );
      expect(rest.body.entries[0]?.id).toBeGreaterThan(page.body.cursor);
      expect(
        (await s.request("GET", "/api/v1/editions/ed-test/audit?limit=0", undefined, s.coordinatorToken)).status,
      ).toBe(400);
      s.close();
    });

    test("first run seeds NTB 2021 blank with a join code per panel member, and Maluku 2020 with its sample scores", async () => {
      const store = await openTestStore(engine);
      const seeded = await seedIfEmpty(store, 1_000);
      expect(seeded.seeded).toBe(true);
      const members = await store.references.list("members", seeded.editionId ?? "");
      expect(seeded.joinCodes.map((c) => c.memberId).sort()).toEqual(
        members
          .filter((m) => m.role !== "coordinator")
          .map((m) => m.id)
          .sort(),
      );
      const ntbScores =
        (await store.records.count()) -
        maluku2020Sample().scores.length -
        maluku2020Sample().sheets.length -
        maluku2020Sample().nominations.length;
      expect(ntbScores).toBe(0);
      expect((await store.references.list("members", "sample-maluku-2020")).length).toBeGreaterThan(0);
      const counts = await store.counts();
      expect((await seedIfEmpty(store, 2_000)).seeded).toBe(false);
      expect(await store.counts()).toEqual(counts);
      store.close();
    });
  });
});
